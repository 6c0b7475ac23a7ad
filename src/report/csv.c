/* SPDX-License-Identifier: MIT */
/** \file csv.c
 * \brief `--format csv`: RFC 4180, a header then one row per finding.
 *
 * Columns: path, line, column, end_line, end_column, severity, rule,
 * message, fix.  Lines end in CRLF, as RFC 4180 says.
 *
 * The file begins with a UTF-8 byte order mark (EF BB BF) unless
 * --no-csv-bom is given: without it, Excel on a Chinese Windows reads a
 * CSV file as GBK and shows the Chinese as mojibake.  The path is in its
 * escaped form; text cells keep CR, LF and TAB (quoted) and escape other
 * controls (escape.h); a text cell that begins with = + - @ TAB or CR, which
 * Excel would run as a formula, is written quoted after a ' ("'=…").
 */
#include "formats.h"

#include "escape.h"

static void
begin(struct report_ctx *ctx)
{
	if (ctx->csv_bom)
		fputs("\xef\xbb\xbf", ctx->out);
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
		put_csv_path(ctx->out, doc_path(doc));
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
