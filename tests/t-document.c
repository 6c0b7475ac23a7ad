/* SPDX-License-Identifier: MIT */
/* Unit tests: line index, paragraphs and every column unit. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "document.h"
#include "tap.h"
#include "util.h"

static struct document *
mk(const char *s)
{
	return doc_new("t.txt", xstrdup(s), strlen(s));
}

/* Byte offset of the n-th occurrence (0-based) of needle. */
static size_t
at(const char *hay, const char *needle, int n)
{
	const char *p = hay;

	for (;;) {
		p = strstr(p, needle);
		if (p == NULL)
			return (size_t)-1;
		if (n-- == 0)
			return (size_t)(p - hay);
		p++;
	}
}

int
main(void)
{
	const char *text = "第一行\n四铁西政办发[2023]19号\r\n\t𠮷某,x\rlast";
	struct document *d = mk(text);
	size_t s, e, f, l;

	is_int(doc_line_count(d), 4, "LF, CRLF and a lone CR end lines");
	is_int(doc_line_of(d, 0), 0, "offset 0 is line 0");
	is_int(doc_line_of(d, at(text, "[", 0)), 1, "[ is on line 1");
	doc_line_span(d, 1, &s, &e);
	is_int(e - s, strlen("四铁西政办发[2023]19号"), "line span excludes CRLF");
	is_int(doc_line_of(d, at(text, "last", 0)), 3, "after a lone CR");

	/* SPEC example: the [ in 四铁西政办发[2023]19号 */
	is_int(doc_column(d, at(text, "[", 0), COL_CHAR) + 1, 7, "[ is char column 7");
	is_int(doc_column(d, at(text, "[", 0), COL_BYTE) + 1, 19, "[ is byte column 19");
	is_int(doc_column(d, at(text, "[", 0), COL_DISPLAY) + 1, 13, "[ is display column 13");
	is_int(doc_column(d, at(text, "[", 0), COL_UTF16) + 1, 7, "[ is utf16 column 7");

	/* Tab, astral 𠮷 (4 bytes, 2 UTF-16 units, 2 cells), 某, then the comma. */
	{
		size_t comma = at(text, ",", 0);

		is_int(doc_column(d, comma, COL_BYTE) + 1, 1 + 4 + 3 + 1, "comma byte column");
		is_int(doc_column(d, comma, COL_CHAR) + 1, 4, "comma char column");
		is_int(doc_column(d, comma, COL_UTF16) + 1, 5, "comma utf16 column");
		is_int(doc_column(d, comma, COL_DISPLAY) + 1, 8 + 2 + 2 + 1, "comma display column (tab to 8)");
	}
	doc_free(d);

	/* anchors-and-conventions §7.10: 关于𠮷某同志, */
	{
		const char *t2 = "关于𠮷某同志,";
		size_t c = at(t2, ",", 0);

		d = mk(t2);
		is_int(doc_column(d, c, COL_CHAR) + 1, 7, "7.10 code points");
		is_int(doc_column(d, c, COL_UTF16) + 1, 8, "7.10 utf16");
		is_int(doc_column(d, c, COL_BYTE) + 1, 20, "7.10 bytes");
		is_int(doc_column(d, c, COL_DISPLAY) + 1, 13, "7.10 display");
		doc_free(d);
	}

	/* Paragraphs: runs of non-blank lines; U+3000-only lines are blank. */
	d = mk("a\nb\n\n\u3000\u3000\n c\n\n");
	is_int(doc_para_count(d), 2, "two paragraphs");
	doc_para_lines(d, 0, &f, &l);
	ok(f == 0 && l == 1, "first paragraph is lines 0-1");
	doc_para_lines(d, 1, &f, &l);
	ok(f == 4 && l == 4, "second paragraph is line 4");
	ok(doc_line_blank(d, 3), "a line of U+3000 is blank");
	doc_free(d);

	d = mk("");
	is_int(doc_line_count(d), 1, "empty text has one empty line");
	is_int(doc_para_count(d), 0, "and no paragraph");
	is_int(doc_column(d, 0, COL_DISPLAY), 0, "column 0");
	doc_free(d);

	{
		/* text_width's fast path must agree with utf8proc. */
		int32_t cp;
		int bad = 0;

		for (cp = 0; cp < 0x10000; cp++)
			if (doc_wide_fast(cp) && utf8proc_charwidth(cp) != 2)
				bad++;
		for (cp = 0x20; cp < 0x7F; cp++)
			if (utf8proc_charwidth(cp) != 1)
				bad++;
		is_int(bad, 0, "fast-path widths equal utf8proc's");
	}

	{
		const char *mix = "ab第一责任人𠮷,x\u3000（一）12345678九";
		size_t k, n = strlen(mix), slow = 0;

		for (k = 0; k < n; k++)
			slow += ((unsigned char)mix[k] & 0xC0) != 0x80;
		is_int(utf8_count(mix, n), slow, "utf8_count, eight bytes at a time");
		slow = 0;
		for (k = 1; k < n - 2; k++)
			slow += ((unsigned char)mix[k] & 0xC0) != 0x80;
		is_int(utf8_count(mix + 1, n - 3), slow, "utf8_count on an unaligned slice");
	}

	d = mk("abc\n");
	is_int(doc_line_count(d), 1, "a final LF opens no line");
	is_int(doc_line_of(d, 4), 0, "offset at the end is on the last line");
	is_int(doc_column(d, 4, COL_BYTE), 3, "and clamps to the line end");
	doc_free(d);
	return done_testing();
}
