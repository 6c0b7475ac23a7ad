/* SPDX-License-Identifier: MIT */
/** \file gcc.c
 * \brief `--format gcc`: "path:line:col: severity: message [rule]", the
 *        shape Vim, Emacs and VS Code's $gcc matcher read.
 *
 * With --show-source the line follows, then a caret under the finding,
 * placed by display width so that it lands right on CJK lines.
 */
#include "formats.h"

#include <string.h>

#include "../util.h"

static const char *
sev_color(enum severity s)
{
	switch (s) {
	case SEV_ERROR: return "\033[1;31m";
	case SEV_WARNING: return "\033[1;35m";
	default: return "\033[1;36m";
	}
}

/* Print a message on one line: line ends become spaces. */
static void
put_oneline(FILE *out, const char *s)
{
	for (;;) {
		size_t n = strcspn(s, "\n\r");

		fwrite(s, 1, n, out);
		if (s[n] == '\0')
			return;
		fputc(' ', out);
		s += n + 1;
	}
}

static void
show_source(struct report_ctx *ctx, const struct document *doc, const struct finding *f)
{
	const char *text = doc_text(doc);
	size_t line = doc_line_of(doc, f->start), a, b, c0, c1, i;
	size_t end = f->end;

	doc_line_span(doc, line, &a, &b);
	if (end > b)
		end = b;
	fprintf(ctx->out, " %.*s\n ", (int)(b - a), text + a);
	c0 = text_width(text, a, f->start < b ? f->start : b, 0, COL_DISPLAY);
	c1 = text_width(text, a, end > f->start ? end : f->start, 0, COL_DISPLAY);
	for (i = 0; i < c0; i++)
		fputc(' ', ctx->out);
	if (ctx->color)
		fputs("\033[1;32m", ctx->out);
	fputc('^', ctx->out);
	for (i = c0 + 1; i < c1; i++)
		fputc('~', ctx->out);
	if (ctx->color)
		fputs("\033[0m", ctx->out);
	fputc('\n', ctx->out);
}

static void
file(struct report_ctx *ctx, const struct document *doc, const struct findings *fs)
{
	size_t i, n = findings_count(fs);

	for (i = 0; i < n; i++) {
		const struct finding *f = findings_get(fs, i);
		size_t line, col;

		report_position(ctx, doc, f->start, &line, &col);
		if (ctx->color)
			fprintf(ctx->out, "\033[1m%s:%zu:%zu:\033[0m %s%s:\033[0m ", doc_path(doc),
			    line, col, sev_color(f->sev), severity_name(f->sev));
		else
			fprintf(ctx->out, "%s:%zu:%zu: %s: ", doc_path(doc), line, col,
			    severity_name(f->sev));
		put_oneline(ctx->out, f->message);
		fprintf(ctx->out, " [%s]\n", f->rule);
		if (ctx->show_source)
			show_source(ctx, doc, f);
	}
}

const struct formatter format_gcc = {
	.name = "gcc",
	.per_file = true,
	.file = file,
};
