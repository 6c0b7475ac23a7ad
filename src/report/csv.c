/* SPDX-License-Identifier: MIT */
/** \file csv.c
 * \brief `--format csv`: RFC 4180, a header then one row per finding.
 *
 * Columns: path, line, column, end_line, end_column, severity, rule,
 * message, fix.  Lines end in CRLF, as RFC 4180 says.
 */
#include "formats.h"

#include "escape.h"

static void
begin(struct report_ctx *ctx)
{
	fputs("path,line,column,end_line,end_column,severity,rule,message,fix\r\n", ctx->out);
}

static void
file(struct report_ctx *ctx, const struct document *doc, const struct findings *fs)
{
	size_t i, n = findings_count(fs);

	for (i = 0; i < n; i++) {
		const struct finding fv = findings_get(fs, i), *f = &fv;
		size_t line, col, eline, ecol;

		report_span(ctx, doc, f, &line, &col, &eline, &ecol);
		put_csv(ctx->out, doc_path(doc));
		fprintf(ctx->out, ",%zu,%zu,%zu,%zu,%s,", line, col, eline, ecol,
		    severity_name(f->sev));
		put_csv(ctx->out, f->rule);
		fputc(',', ctx->out);
		put_csv(ctx->out, f->message);
		fputc(',', ctx->out);
		put_csv(ctx->out, f->fix);
		fputs("\r\n", ctx->out);
	}
}

const struct formatter format_csv = {
	.name = "csv",
	.per_file = true,
	.begin = begin,
	.file = file,
};
