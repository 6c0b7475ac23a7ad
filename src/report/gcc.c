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
#include "escape.h"

static const char *
sev_color(enum severity s)
{
	switch (s) {
	case SEV_ERROR: return "\033[1;31m";
	case SEV_WARNING: return "\033[1;35m";
	default: return "\033[1;36m";
	}
}

/* Display columns of the line shown either side of a finding, and of the
 * finding itself, at most: a 30 KB line with a thousand findings must not
 * print it a thousand times. */
#define SRC_CONTEXT 40
#define SRC_SPAN 80
/* A line of at most this many code points is shown whole. */
#define SRC_WHOLE 160
/* Where the line is cut (ASCII: its width is 3 in every terminal). */
#define SRC_CUT "..."

/*
 * One unit of the line at text[i] (before b) as shown: appended to `out`
 * (NULL: measured only, in `scratch`); *col moves past it.  A tab goes to
 * the next multiple of 8; a unit that must not reach a terminal raw is
 * shown (and measured) in its escaped form.  Returns its length in bytes.
 */
static size_t
src_unit(const char *text, size_t i, size_t b, size_t *col, struct buf *out,
    struct buf *scratch)
{
	struct buf *dst = out ? out : scratch;
	size_t k, before;
	int esc;

	if (text[i] == '\t') {
		size_t to = (*col / 8 + 1) * 8;

		for (; out && *col < to; (*col)++)
			buf_putc(out, ' ');
		*col = to;
		return 1;
	}
	if (!out)
		scratch->len = 0;
	before = dst->len;
	k = text_unit(dst, text + i, b - i, &esc);
	if (esc) {
		*col += dst->len - before;
	} else {
		if (out)
			buf_append(out, text + i, k);
		*col = text_width(text, i, i + k, *col, COL_DISPLAY);
	}
	return k;
}

/*
 * The finding's line, then a caret under it.  The line is shown as a
 * terminal shows it: tabs expanded to the next multiple of 8, and what
 * must not reach a terminal raw (escape sequences, other controls, bytes
 * that are not UTF-8, bidirectional controls) in its escaped form; the
 * caret is placed by display width over what is shown.  A line longer
 * than SRC_WHOLE code points is shown as a window: SRC_CONTEXT columns either side of the finding, at
 * most SRC_SPAN of the finding, SRC_CUT where it is cut (tabs then expand
 * from where the window starts).
 */
static void
show_source(struct report_ctx *ctx, const struct document *doc, const struct finding *f)
{
	const struct document *src = doc_source(doc); /* a Markdown file's own lines */
	const char *text = doc_text(src);
	size_t start, end, line, a, b, c0 = 0, c1 = 0, i, col = 0, s0, w0, base, n;
	struct buf out = {0}, scratch = {0};
	bool whole;

	report_bytes(doc, f, &start, &end);
	line = doc_line_of(src, start);
	doc_line_span(src, line, &a, &b);
	if (end > b)
		end = b;
	if (start > b)
		start = b;
	if (end < start)
		end = start;
	for (i = a, n = 0; i < b && n <= SRC_WHOLE; n++)
		i += utf8_seq_len((unsigned char)text[i]);
	whole = n <= SRC_WHOLE;
	/* The window starts at most SRC_CONTEXT code points before the
	 * finding (each one column or more, but for zero-width ones)... */
	for (s0 = whole ? a : start, n = 0; !whole && n < SRC_CONTEXT && s0 > a; n++)
		for (s0--; s0 > a && ((unsigned char)text[s0] & 0xC0) == 0x80; s0--)
			;
	for (i = s0; i < start;)
		i += src_unit(text, i, b, &col, NULL, &scratch);
	c0 = col;
	/* ... and at most SRC_CONTEXT columns before it. */
	col = 0;
	for (w0 = s0; !whole && w0 < start && col + SRC_CONTEXT < c0;)
		w0 += src_unit(text, w0, b, &col, NULL, &scratch);
	base = col;
	buf_putc(&out, ' ');
	if (w0 > a)
		buf_puts(&out, SRC_CUT);
	for (i = w0; i < b;) {
		if (i <= end)
			c1 = col;
		if (!whole && (i >= end ? col >= c1 + SRC_CONTEXT :
		    i > start && col >= c0 + SRC_SPAN))
			break;
		i += src_unit(text, i, b, &col, &out, NULL);
	}
	if (i >= b && end >= b)
		c1 = col;
	if (i < b)
		buf_puts(&out, SRC_CUT);
	buf_puts(&out, "\n ");
	for (i = 0; i < c0 - base + (w0 > a ? strlen(SRC_CUT) : 0); i++)
		buf_putc(&out, ' ');
	if (ctx->color)
		buf_puts(&out, "\033[1;32m");
	buf_putc(&out, '^');
	for (i = c0 + 1; i < c1; i++)
		buf_putc(&out, '~');
	if (ctx->color)
		buf_puts(&out, "\033[0m");
	buf_putc(&out, '\n');
	fwrite(out.data, 1, out.len, ctx->out);
	buf_free(&out);
	buf_free(&scratch);
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
		size_t line, col;

		/* Lines are made in a buffer and written in pieces (with
		 * --show-source, each before its source line). */
		report_position(ctx, doc, f->start, &line, &col);
		if (ctx->color)
			buf_puts(&b, "\033[1m");
		buf_path(&b, doc_path(doc));
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
		/* The message on one line: line ends become spaces, other
		 * controls are escaped. */
		buf_text_line(&b, f->message);
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
