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

/* Append n in decimal. */
static void
put_uint(struct buf *b, size_t n)
{
	char d[24];
	size_t k = sizeof d;

	do {
		d[--k] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	buf_append(b, d + k, sizeof d - k);
}

static void
file(struct report_ctx *ctx, const struct document *doc, const struct findings *fs)
{
	size_t i, n = findings_count(fs);
	struct buf b = {0};

	for (i = 0; i < n; i++) {
		const struct finding fv = findings_get(fs, i), *f = &fv;
		const char *m;
		size_t line, col;

		/* Lines are made in a buffer and written in pieces (with
		 * --show-source, each before its source line). */
		report_position(ctx, doc, f->start, &line, &col);
		if (ctx->color)
			buf_puts(&b, "\033[1m");
		buf_puts(&b, doc_path(doc));
		buf_putc(&b, ':');
		put_uint(&b, line);
		buf_putc(&b, ':');
		put_uint(&b, col);
		buf_putc(&b, ':');
		if (ctx->color) {
			buf_puts(&b, "\033[0m ");
			buf_puts(&b, sev_color(f->sev));
		} else {
			buf_putc(&b, ' ');
		}
		buf_puts(&b, severity_name(f->sev));
		buf_puts(&b, ctx->color ? ":\033[0m " : ": ");
		/* The message on one line: line ends become spaces. */
		for (m = f->message;;) {
			size_t k = strcspn(m, "\n\r");

			buf_append(&b, m, k);
			if (m[k] == '\0')
				break;
			buf_putc(&b, ' ');
			m += k + 1;
		}
		buf_puts(&b, " [");
		buf_puts(&b, f->rule);
		buf_puts(&b, "]\n");
		/* Written every 64 KB: a file with a million findings must
		 * not hold them all. */
		if (ctx->show_source || b.len >= 65536) {
			fwrite(b.data, 1, b.len, ctx->out);
			b.len = 0;
		}
		if (ctx->show_source)
			show_source(ctx, doc, f);
	}
	if (b.len)
		fwrite(b.data, 1, b.len, ctx->out);
	buf_free(&b);
}

const struct formatter format_gcc = {
	.name = "gcc",
	.per_file = true,
	.file = file,
};
