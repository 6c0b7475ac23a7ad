/* SPDX-License-Identifier: MIT */
/** \file checkstyle.c
 * \brief `--format checkstyle`: Checkstyle XML, as Jenkins warnings-ng and
 *        `reviewdog -f=checkstyle` read it.
 *
 * One <file> per linted file (clean files included), one <error> per
 * finding with line, column, severity (error, warning, info), message and
 * source (the rule id, prefixed "gwlint.").
 */
#include "formats.h"

#include "escape.h"

static void
begin(struct report_ctx *ctx)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n",
	    ctx->out);
}

static void
file(struct report_ctx *ctx, const struct document *doc, const struct findings *fs)
{
	size_t i, n = findings_count(fs);

	fputs("<file name=\"", ctx->out);
	put_xml_path(ctx->out, doc_path(doc));
	fputs("\">\n", ctx->out);
	for (i = 0; i < n; i++) {
		const struct finding fv = findings_get(fs, i), *f = &fv;
		size_t line, col;

		report_position(ctx, doc, f->start, &line, &col);
		fprintf(ctx->out, "<error line=\"%zu\" column=\"%zu\" severity=\"%s\" message=\"",
		    line, col, severity_name(f->sev));
		put_xml(ctx->out, f->message);
		fputs("\" source=\"gwlint.", ctx->out);
		put_xml(ctx->out, f->rule);
		fputs("\"/>\n", ctx->out);
	}
	fputs("</file>\n", ctx->out);
}

static void
end(struct report_ctx *ctx)
{
	fputs("</checkstyle>\n", ctx->out);
}

const struct formatter format_checkstyle = {
	.name = "checkstyle",
	.per_file = true,
	.begin = begin,
	.file = file,
	.end = end,
};
