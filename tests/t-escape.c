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
	    "&#10;&#13;&#9;\xef\xbf\xbd", "XML attribute: markup, line ends as references, "
	    "C0 control → U+FFFD");
	check(put_xml_text, "a\nb<", "a\nb&lt;", "XML text: LF kept literal");
	check(put_csv, "plain 汉字", "plain 汉字", "CSV: plain field unquoted");
	check(put_csv, "a,\"b\"\r\nc", "\"a,\"\"b\"\"\r\nc\"", "CSV: quoted, quotes doubled");
	check(put_uri_path, "dir/报 告%.txt", "dir/%E6%8A%A5%20%E5%91%8A%25.txt",
	    "URI: '/' kept, others percent-encoded");
	check(put_gh_data, "100%: a,b\r\n", "100%25: a,b%0D%0A", "GitHub data: % CR LF only");
	check(put_gh_prop, "100%: a,b\r\n", "100%25%3A a%2Cb%0D%0A", "GitHub property: also : ,");

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
	done_testing();
	return 0;
}
