/* SPDX-License-Identifier: MIT */
/* Unit tests: the escaping shared by the output formats, and the baseline
 * fingerprint (stable when lines move, changed by its neighbourhood). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "document.h"
#include "report/escape.h"
#include "tap.h"
#include "util.h"

/* Run one escaper into a string. */
static char *
esc(void (*fn)(FILE *, const char *), const char *s)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);

	fn(f, s);
	fclose(f);
	return data;
}

static void
check(void (*fn)(FILE *, const char *), const char *in, const char *want, const char *name)
{
	char *got = esc(fn, in);

	is_str(got, want, "%s", name);
	free(got);
}

static uint64_t
fp(const char *text, const char *needle, size_t len, const char *rule)
{
	struct document *d = doc_new("t.txt", xstrdup(text), strlen(text));
	struct finding f = {0};
	uint64_t h;

	f.start = (size_t)(strstr(text, needle) - text);
	f.end = f.start + len;
	f.rule = rule;
	h = finding_fingerprint(d, &f);
	doc_free(d);
	return h;
}

int
main(void)
{
	const char *base = "标题\n\n关于𠮷某同志,的情况\n结尾\n";
	uint64_t h;

	check(put_json_str, "a\"b\\c\n\r\t\x01\x7f汉", "\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u007f汉\"",
	    "JSON: quote, backslash, control characters; UTF-8 kept");
	check(put_json_str, NULL, "null", "JSON: NULL is null");
	check(put_xml, "<a & 'b' \"c\">\n\r\t\x02", "&lt;a &amp; &apos;b&apos; &quot;c&quot;&gt;"
	    "&#10;&#13;&#9;\\x02", "XML attribute: markup, line ends as references, "
	    "C0 control (not XML 1.0) → \\x02");
	check(put_xml, "a\xff\xc2\x9b\xe2\x80\xae\xef\xbf\xbe\x1b", "a\\xff&#x9b;&#x202e;\\ufffe\\x1b",
	    "XML: stray byte and U+FFFE as text escapes, C1 and bidi controls as references");
	check(put_json_str, "\xff\xc0\x80\xed\xa0\x80\xc2\x85\xe2\x80\xa8\xe2\x81\xa6\xef\xbf\xbe",
	    "\"\\\\xff\\\\xc0\\\\x80\\\\xed\\\\xa0\\\\x80\\u0085\\u2028\\u2066\xef\xbf\xbe\"",
	    "JSON: stray, overlong and surrogate bytes as the text \\xNN; C1, U+2028, bidi as \\u");
	check(put_path, "r/报告 1.txt", "r/报告 1.txt", "path: an ordinary path is unchanged");
	check(put_path, "a\\b\tc\nd\re\x1b[31m\x7f\xff\xc2\x9b\xe2\x80\xae.txt",
	    "a\\\\b\\tc\\nd\\re\\x1b[31m\\x7f\\xff\\u009b\\u202e.txt",
	    "path: \\ doubled, \\t \\n \\r, \\xNN for C0/DEL/stray bytes, \\uXXXX for C1/bidi");
	check(put_text_line, "a\nb\r\tc\\d\x1b", "a b \tc\\d\\x1b",
	    "text line: LF CR become spaces, TAB and \\ kept, ESC escaped");
	check(put_json_path, "a\\\n", "\"a\\\\\\\\\\\\n\"", "JSON path: the escaped form, JSON-escaped");
	check(put_xml_path, "<\x01>", "&lt;\\x01&gt;", "XML path: the escaped form, XML-escaped");
	check(put_xml_text, "a\nb<", "a\nb&lt;", "XML text: LF kept literal");
	check(put_csv, "plain 汉字", "plain 汉字", "CSV: plain field unquoted");
	check(put_csv, "a,\"b\"\r\nc", "\"a,\"\"b\"\"\r\nc\"", "CSV: quoted, quotes doubled");
	check(put_csv, "=1+1", "\"'=1+1\"", "CSV: = starts a formula: quoted after '");
	check(put_csv, "+1", "\"'+1\"", "CSV: + too");
	check(put_csv, "-1,2", "\"'-1,2\"", "CSV: - too (and the comma quoted once)");
	check(put_csv, "@SUM(A1)", "\"'@SUM(A1)\"", "CSV: @ too");
	check(put_csv, "\tx", "\"'\tx\"", "CSV: a leading TAB too");
	check(put_csv, "\rx", "\"'\rx\"", "CSV: a leading CR too");
	check(put_csv, "a=b-c", "a=b-c", "CSV: = and - inside a cell are harmless");
	check(put_csv, "\x1b[31m", "\\x1b[31m", "CSV: ESC escaped");
	check(put_csv_path, "-r.txt", "\"'-r.txt\"", "CSV path: formula rule too");
	check(put_uri_path, "dir/报 告%.txt", "dir/%E6%8A%A5%20%E5%91%8A%25.txt",
	    "URI: '/' kept, others percent-encoded");
	check(put_gh_data, "100%: a,b\r\n", "100%25: a,b%0D%0A", "GitHub data: % CR LF only");
	check(put_gh_prop, "100%: a,b\r\n", "100%25%3A a%2Cb%0D%0A", "GitHub property: also : ,");
	check(put_gh_data, "a\x1b[31m\n", "a\\x1b[31m%0A", "GitHub data: ESC escaped as text");
	check(put_gh_path, "x\n::error file=e,line=1::I\n", "x\\n%3A%3Aerror file=e%2Cline=1%3A%3AI\\n",
	    "GitHub path: escaped form, then : , escaped");

	h = fp(base, ",", 1, "r");
	ok(h == fp("新的一行\n\n\n标题\n\n关于𠮷某同志,的情况\n结尾\n", ",", 1, "r"),
	    "fingerprint: lines inserted above do not change it");
	ok(h == fp("标题\n\n关于𠮷某同志,的情况\n结尾改了\n", ",", 1, "r"),
	    "fingerprint: other lines do not matter");
	ok(h == fp("标题\n\n  关于 𠮷某同志,的情况 \n结尾\n", ",", 1, "r"),
	    "fingerprint: white space is ignored");
	ok(h != fp("标题\n\n关于张某同志,的情况\n结尾\n", ",", 1, "r"),
	    "fingerprint: the neighbourhood counts");
	ok(h != fp(base, ",", 1, "other"), "fingerprint: the rule counts");
	/* Exactly 12 code points of context on each side: the 12th counts,
	 * the 13th does not (one test each way, so 11 or 13 fails). */
	ok(fp("甲一二三四五六七八九十百千,x", ",", 1, "r") ==
	    fp("乙一二三四五六七八九十百千,x", ",", 1, "r"),
	    "fingerprint: the 13th character before is not context");
	ok(fp("一二三四五六七八九十百千,x", ",", 1, "r") !=
	    fp("丙二三四五六七八九十百千,x", ",", 1, "r"),
	    "fingerprint: the 12th character before is context");
	ok(fp("x,一二三四五六七八九十百千甲", ",", 1, "r") ==
	    fp("x,一二三四五六七八九十百千乙", ",", 1, "r"),
	    "fingerprint: the 13th character after is not context");
	ok(fp("x,一二三四五六七八九十百千", ",", 1, "r") !=
	    fp("x,一二三四五六七八九十百丙", ",", 1, "r"),
	    "fingerprint: the 12th character after is context");
	return done_testing();
}
