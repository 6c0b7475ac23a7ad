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
		fputs("}\n", ctx->out);
	}
}

const struct formatter format_json = {
	.name = "json",
	.per_file = true,
	.file = file,
};
