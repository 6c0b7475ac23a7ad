/* SPDX-License-Identifier: MIT */
/** \file t-lsp.c
 * \brief The language server's units: LSP positions ⇄ byte offsets in each
 *        encoding (astral characters, tabs, CRLF, positions past a line
 *        or inside a character) and the Content-Length framing (frames
 *        split across reads, Content-Type, no length, too long, cut off,
 *        an over-long header line).
 */
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "lsp/position.h"
#include "lsp/transport.h"
#include "util.h"

#include "tap.h"

static struct document *
mkdoc(const char *s)
{
	return doc_new("t.txt", xstrdup(s), strlen(s));
}

static void
positions(void)
{
	/* 关于𠮷某同志,工作: "," after 2 + 1 astral + 3 CJK. */
	struct document *d = mkdoc("x\r\n关于𠮷某同志,工作\t(b\nlast");
	const char *t = doc_text(d);
	size_t comma = (size_t)(strchr(t, ',') - t), paren = (size_t)(strchr(t, '(') - t);
	size_t line, ch;

	lsp_position(d, comma, COL_UTF16, &line, &ch);
	ok(line == 1 && ch == 7, "utf-16: \",\" after 𠮷 is line 1 character 7 (got %zu:%zu)", line, ch);
	lsp_position(d, comma, COL_CHAR, &line, &ch);
	is_int(ch, 6, "utf-32: character 6");
	lsp_position(d, comma, COL_BYTE, &line, &ch);
	is_int(ch, 19, "utf-8: character 19");
	lsp_position(d, paren, COL_UTF16, &line, &ch);
	is_int(ch, 11, "utf-16: a tab is one unit (\"(\" at 11)");
	is_int(lsp_offset(d, 1, 7, COL_UTF16), comma, "utf-16 7 → the byte of \",\"");
	is_int(lsp_offset(d, 1, 6, COL_CHAR), comma, "utf-32 6 → the byte of \",\"");
	is_int(lsp_offset(d, 1, 19, COL_BYTE), comma, "utf-8 19 → the byte of \",\"");
	is_int(lsp_offset(d, 1, 3, COL_UTF16), lsp_offset(d, 1, 2, COL_UTF16),
	    "utf-16: inside the surrogate pair of 𠮷 → the character's start");
	is_int(lsp_offset(d, 1, 8, COL_BYTE), lsp_offset(d, 1, 6, COL_BYTE),
	    "utf-8: inside a UTF-8 sequence → the character's start");
	is_int(lsp_offset(d, 0, 99, COL_UTF16), 1, "past the end of a CRLF line → its end, before \\r");
	is_int(lsp_offset(d, 1, 0, COL_UTF16), 3, "line 1 starts after \\r\\n");
	is_int(lsp_offset(d, 9, 0, COL_UTF16), doc_len(d), "a line past the last → the end of the text");
	lsp_position(d, doc_len(d) + 5, COL_UTF16, &line, &ch);
	ok(line == 2 && ch == 4, "an offset past the end → the end (2:4; got %zu:%zu)", line, ch);
	doc_free(d);
}

struct mem {
	const char *p;
	size_t n, at, step;
};

static ssize_t
mem_read(void *ctx, void *buf, size_t n)
{
	struct mem *m = ctx;

	if (n > m->step)
		n = m->step;
	if (n > m->n - m->at)
		n = m->n - m->at;
	memcpy(buf, m->p + m->at, n);
	m->at += n;
	return (ssize_t)n;
}

static int
mem_wait(void *ctx, int ms)
{
	(void)ctx;
	(void)ms;
	return 1;
}

static int
mem_write(void *ctx, const void *buf, size_t n)
{
	struct buf *b = ctx;

	buf_append(b, buf, n);
	return 0;
}

/* Read every frame of s (reads of `step` bytes): "OK:body|BAD|BIG|EOF". */
static char *
frames(const char *s, size_t n, size_t step, size_t max)
{
	struct mem m = {s, n, 0, step};
	struct lsp_io io = {mem_read, mem_wait, NULL, &m};
	struct lsp_reader *r = lsp_reader_new(&io, max);
	struct buf out = {0};

	for (;;) {
		char *body;
		size_t len;
		const char *why;
		enum lsp_frame f = lsp_read_frame(r, &body, &len, &why);

		if (f == LSP_FRAME_OK)
			buf_printf(&out, "OK:%s|", body);
		else if (f == LSP_FRAME_BAD)
			buf_puts(&out, "BAD|");
		else if (f == LSP_FRAME_TOO_BIG)
			buf_puts(&out, "BIG|");
		free(body);
		if (f == LSP_FRAME_EOF) {
			buf_puts(&out, why ? "EOF(cut)" : "EOF");
			break;
		}
	}
	lsp_reader_free(r);
	return buf_steal(&out);
}

static void
check(const char *name, const char *in, size_t max, const char *want)
{
	size_t steps[] = {1, 3, 65536};
	size_t i;

	for (i = 0; i < 3; i++) {
		char *got = frames(in, strlen(in), steps[i], max);

		is_str(got, want, "%s (reads of %zu bytes)", name, steps[i]);
		free(got);
	}
}

static void
framing(void)
{
	char *longline;
	struct buf w = {0};
	struct lsp_io io = {NULL, NULL, mem_write, &w};

	check("two frames", "Content-Length: 2\r\n\r\n{}Content-Length: 3\r\n\r\n[1]", 100,
	    "OK:{}|OK:[1]|EOF");
	check("Content-Type is ignored, the name's case too",
	    "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length:2\r\n\r\n{}",
	    100, "OK:{}|EOF");
	check("a header without Content-Length", "X-Foo: 1\r\n\r\nContent-Length: 2\r\n\r\n{}", 100,
	    "BAD|OK:{}|EOF");
	check("a length that is not a number", "Content-Length: 2x\r\n\r\nContent-Length: 2\r\n\r\n{}",
	    100, "BAD|OK:{}|EOF");
	check("a length beyond size_t",
	    "Content-Length: 99999999999999999999999999\r\n\r\nContent-Length: 2\r\n\r\n{}", 100,
	    "BAD|OK:{}|EOF");
	check("a frame over the limit is dropped", "Content-Length: 12\r\n\r\n0123456789abContent-Length: 2\r\n\r\n{}",
	    10, "BIG|OK:{}|EOF");
	check("a body without a header, then a frame on the same line",
	    "{\"id\":1}Content-Length: 2\r\n\r\n{}", 100, "OK:{}|EOF");
	check("a length larger than the data", "Content-Length: 50\r\n\r\n{}", 100, "EOF(cut)");
	check("the input ends in a header", "Content-Length: 2\r\n", 100, "EOF(cut)");
	check("blank lines between frames", "\r\n\r\nContent-Length: 2\r\n\r\n{}\r\n", 100,
	    "OK:{}|EOF");
	longline = xmalloc(3 * LSP_HEADER_MAX + 64);
	memset(longline, 'C', 3 * LSP_HEADER_MAX);
	strcpy(longline + 3 * LSP_HEADER_MAX, "\r\n\r\nContent-Length: 2\r\n\r\n{}");
	check("a header line longer than LSP_HEADER_MAX", longline, 100, "BAD|OK:{}|EOF");
	free(longline);

	is_int(lsp_write_frame(&io, "{\"a\":\"关\"}", strlen("{\"a\":\"关\"}")), 0, "write a frame");
	is_str(w.data, "Content-Length: 11\r\n\r\n{\"a\":\"关\"}", "its length counts bytes");
	buf_free(&w);
}

int
main(void)
{
	positions();
	framing();
	done_testing();
	return 0;
}
