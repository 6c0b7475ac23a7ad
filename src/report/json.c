/* SPDX-License-Identifier: MIT */
/** \file json.c
 * \brief `--format json`: JSON Lines, one object per finding.
 *
 * Keys: path, line, column, end_line, end_column (in the chosen unit and
 * origin; the end is exclusive), column_unit, start_byte, end_byte (offsets
 * into the decoded UTF-8 text; for a Markdown file, into its source),
 * severity, rule, message, fix (null when the
 * rule has none).  The path is in its escaped form (escape.h); text uses
 * JSON's own escapes.
 *
 * A finding in a .docx adds paragraph (its number), story (body, table,
 * textbox, footnote, endnote) and context: {text, offset, length}, about
 * twenty characters of the paragraph each side of the finding and where
 * the finding lies in it, in code points (report.h, report_origin), so
 * that a Word user finds it with Ctrl+F.  Text input prints none of them.
 */
#include "formats.h"

#include "escape.h"

static void
file(struct report_ctx *ctx, const struct document *doc, const struct findings *fs)
{
	size_t i, n = findings_count(fs);

	for (i = 0; i < n; i++) {
		const struct finding fv = findings_get(fs, i), *f = &fv;
		size_t line, col, eline, ecol, sb, eb;
		struct report_origin org;

		report_span(ctx, doc, f, &line, &col, &eline, &ecol);
		report_bytes(doc, f, &sb, &eb);
		fputs("{\"path\":", ctx->out);
		put_json_path(ctx->out, doc_path(doc));
		fprintf(ctx->out, ",\"line\":%zu,\"column\":%zu,\"end_line\":%zu,\"end_column\":%zu,"
		    "\"column_unit\":\"%s\",\"start_byte\":%zu,\"end_byte\":%zu,\"severity\":\"%s\","
		    "\"rule\":", line, col, eline, ecol, column_unit_name(ctx->unit), sb, eb,
		    severity_name(f->sev));
		put_json_str(ctx->out, f->rule);
		fputs(",\"message\":", ctx->out);
		put_json_str(ctx->out, f->message);
		fputs(",\"fix\":", ctx->out);
		put_json_str(ctx->out, f->fix);
		if (report_origin(doc, f, &org)) {
			fprintf(ctx->out, ",\"paragraph\":%zu,\"story\":\"%s\",\"context\":{\"text\":",
			    org.paragraph, org.story);
			put_json_strn(ctx->out, doc_text(doc) + org.ctx_start,
			    org.ctx_end - org.ctx_start);
			fprintf(ctx->out, ",\"offset\":%zu,\"length\":%zu}", org.offset, org.length);
		}
		fputs("}\n", ctx->out);
	}
}

const struct formatter format_json = {
	.name = "json",
	.per_file = true,
	.file = file,
};
