/* SPDX-License-Identifier: MIT */
/* Unit tests: Markdown → text + source map (src/input/markdown.c), the
 * document's map (doc_to_source, doc_from_source), the outline of a
 * Markdown report, carrying fixes to the source, which files a walk takes. */
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "fix.h"
#include "input/markdown.h"
#include "lint.h"
#include "pack.h"
#include "outline.h"
#include "tap.h"
#include "util.h"

static struct document *
md(const char *s)
{
	return md_document("t.md", xstrdup(s), strlen(s));
}

/* Every piece of the map: in bounds, in order, copies equal. */
static bool
map_sound(const struct document *d)
{
	size_t n, i, t = 0, s = 0;
	const struct doc_seg *g = doc_segs(d, &n);
	const struct document *src = doc_source(d);

	for (i = 0; i < n; i++) {
		if (g[i].t != t || g[i].s < s || g[i].s + g[i].slen > doc_len(src))
			return false;
		if (g[i].copy && (g[i].tlen != g[i].slen ||
		    memcmp(doc_text(d) + g[i].t, doc_text(src) + g[i].s, g[i].tlen) != 0))
			return false;
		t += g[i].tlen;
		s = g[i].s + g[i].slen;
	}
	return t == doc_len(d);
}

/* The source bytes the text span [a, b) maps to. */
static char *
src_of(const struct document *d, size_t a, size_t b)
{
	size_t sa = doc_to_source(d, a, false), sb = doc_to_source(d, b, true);

	return xstrndup(doc_text(doc_source(d)) + sa, sb > sa ? sb - sa : 0);
}

static size_t
find(const struct document *d, const char *needle)
{
	const char *p = strstr(doc_text(d), needle);

	return p ? (size_t)(p - doc_text(d)) : (size_t)-1;
}

int
main(void)
{
	struct document *d;
	struct outline *ol;
	char *s;
	size_t i, off;

	/* The text: markup gone, line N of the text is line N of the source. */
	d = md("# 某县人民政府关于2023年度法治政府建设情况的报告\n"
	    "\n"
	    "## 一、**主要**举措\n"
	    "> 引用 *强调* [链接](http://x \"t\") 文字\n"
	    "> 续行 &amp; \\* 转义 `代码` 后\n"
	    "\n"
	    "- 项目一\n"
	    "  继续\n"
	    "1. 完善制度\n"
	    "---\n"
	    "图![图片说明](a.png)后\n"
	    "<div>html</div>\n"
	    "\n"
	    "    缩进代码\n");
	is_str(doc_text(d), "某县人民政府关于2023年度法治政府建设情况的报告\n"
	    "\n"
	    "一、主要举措\n"
	    "引用 强调 链接 文字\n"
	    "续行 & * 转义 代码 后\n"
	    "\n"
	    "项目一\n"
	    "继续\n"
	    "1.完善制度\n"
	    "\n"
	    "图后\n"
	    "\n"
	    "\n"
	    "缩进代码\n", "the text of headings, quotes, lists and code; markup, images, HTML dropped");
	is_int(doc_line_count(d), doc_line_count(doc_source(d)), "as many lines as the source");
	ok(map_sound(d), "the map covers the text, in order, copies equal");
	ok(doc_has_source(d) && !doc_has_source(doc_source(d)), "the document carries its source");

	off = find(d, "主要");
	s = src_of(d, off, off + strlen("主要"));
	is_str(s, "主要", "a strong word maps to its own bytes, not its **");
	free(s);
	is_int(doc_line_of(doc_source(d), doc_to_source(d, off, false)), 2, "on source line 3");
	off = find(d, "&");
	s = src_of(d, off, off + 1);
	is_str(s, "&amp;", "an entity maps as a whole");
	free(s);
	off = find(d, "* 转义");
	s = src_of(d, off, off + 1);
	is_str(s, "\\*", "an escape maps as a whole");
	free(s);
	off = find(d, "链接");
	s = src_of(d, off, off + strlen("链接 文字"));
	is_str(s, "链接](http://x \"t\") 文字", "a span across a link's end maps to the source between");
	free(s);
	off = find(d, "继续");
	is_int(doc_to_source(d, off, false), (size_t)(strstr(doc_text(doc_source(d)), "继续") -
	    doc_text(doc_source(d))), "a list item's continuation line maps past its indent");
	off = find(d, "1.完善");
	s = src_of(d, off, off + strlen("1.完善"));
	is_str(s, "1. 完善", "an ordered item keeps its typed number");
	free(s);
	is_int(doc_from_source(d, doc_to_source(d, off, false)), off, "from_source inverts to_source");
	is_int(doc_to_source(d, doc_len(d), false), doc_len(doc_source(d)), "the text end is the source end");
	doc_free(d);

	/* The same word in a link's destination before it: cmark's column,
	 * checked, places it (a search from the line start would not). */
	d = md("[链接](法治)法治\n");
	is_str(doc_text(d), "链接法治\n", "a link's destination is not text");
	is_int(doc_to_source(d, find(d, "法治"), false), strlen("[链接](法治)"),
	    "text after a link maps past its destination");
	doc_free(d);

	/* The outline takes a heading's level from its ordinal, not its #. */
	d = md("# 某县人民政府关于2023年度法治政府建设情况的报告\n\n"
	    "2023年，某县坚持依法行政。现将有关情况报告如下：\n\n"
	    "## 一、主要举措和成效\n\n"
	    "# （一）加强组织领导\n\n"
	    "全年召开会议5次。\n\n"
	    "#### 二、存在的不足和原因\n\n"
	    "存在不足。\n");
	ol = outline_build(d);
	is_int(outline_heading_count(ol), 3, "three headings");
	if (outline_heading_count(ol) == 3) {
		is_int(outline_heading(ol, 0)->level, 1, "## 一、 is level 1");
		is_int(outline_heading(ol, 0)->line, 4, "on line 5, as in the source");
		is_int(outline_heading(ol, 1)->level, 2, "# （一） is level 2");
		is_int(outline_heading(ol, 2)->level, 1, "#### 二、 is level 1");
	} else {
		ok(0, "## 一、 is level 1");
		ok(0, "on line 5");
		ok(0, "# （一） is level 2");
		ok(0, "#### 二、 is level 1");
	}
	ok(strstr(outline_title(ol), "法治政府建设情况的报告") != NULL &&
	    strchr(outline_title(ol), '#') == NULL, "the title without its #");
	outline_free(ol);
	doc_free(d);

	/* CRLF, a last line without a line end, lone CR. */
	d = md("## 一、标题\r\n正文**粗**\r\n末行");
	is_str(doc_text(d), "一、标题\n正文粗\n末行", "CRLF lines, the last without a line end");
	ok(map_sound(d), "CRLF: the map is sound");
	is_int(doc_to_source(d, find(d, "末行"), false), strlen("## 一、标题\r\n正文**粗**\r\n"),
	    "CRLF: a line start maps into its own line");
	doc_free(d);

	/* A line end by character reference (&#10;, &#13;, &#x0A;) is no
	 * line of the text: a space (found by fuzz_markdown). */
	d = md("甲&#10;乙&#13;丙&#x0A;丁\n- 戊&#10;己\n");
	is_str(doc_text(d), "甲 乙 丙 丁\n戊 己\n", "a line end by reference reads as a space");
	is_int(doc_line_count(d), doc_line_count(doc_source(d)),
	    "a line end by reference: as many lines as the source");
	ok(map_sound(d), "a line end by reference: the map is sound");
	doc_free(d);

	/* Only markup: as many empty lines. */
	d = md("---\n***\n#\n> \n- \n```\n```\n");
	is_str(doc_text(d), "\n\n\n\n\n\n\n", "a file of markup only is empty lines");
	doc_free(d);
	d = md("");
	is_int(doc_len(d), 0, "an empty file is an empty text");
	doc_free(d);

	/* A code span across lines: text kept, never mapped past its line. */
	d = md("前`代\n码`后\n");
	ok(map_sound(d), "a code span across lines: the map is sound");
	for (i = 0; i <= doc_len(d); i++) {
		size_t so = doc_to_source(d, i, false);

		if (so > doc_len(doc_source(d)))
			break;
	}
	is_int(i, doc_len(d) + 1, "every text offset maps into the source");
	doc_free(d);

	/* Fixes carried to the source: a plain copy is edited, markup never. */
	{
		struct buf src = {0}, text = {0};
		struct md_fix st;

		d = md("## 一、**加强**领导,全年\n- 开展*培训* ,工作\n");
		/* line 1: "," → "，" after the strong text: a plain copy. */
		/* line 2: " ," → "，": the edit starts after the emphasis' end. */
		md_fix_source(d, "一、加强领导，全年\n开展培训，工作\n",
		    strlen("一、加强领导，全年\n开展培训，工作\n"), &src, &text, &st);
		is_str(src.data, "## 一、**加强**领导，全年\n- 开展*培训*，工作\n",
		    "fixes applied to the source, markup kept");
		is_int(st.lines, 2, "two lines fixed");
		is_int(st.skipped, 0, "none skipped");
		buf_free(&src);
		buf_free(&text);
		/* A change whose span crosses markup is left as it was. */
		md_fix_source(d, "一、加导,全年\n开展培训 ,工作\n",
		    strlen("一、加导,全年\n开展培训 ,工作\n"), &src, &text, &st);
		is_str(src.data, "## 一、**加强**领导,全年\n- 开展*培训* ,工作\n",
		    "a deletion across ** is not applied");
		is_int(st.skipped, 1, "and counted");
		is_str(text.data, "一、加强领导,全年\n开展培训 ,工作\n", "the expected text keeps that line");
		buf_free(&src);
		buf_free(&text);
		doc_free(d);
	}

	/* fix_markdown refuses a result that does not read back as the fixed
	 * text: a space put after an opening ** makes it literal. */
	{
		const char *paths[1] = {"rules"};
		char *err = NULL;
		struct ruleset *rs = ruleset_load(paths, 1, 1, COL_DISPLAY, 1, &err);
		struct regex_scratch *sc = regex_scratch_new();
		struct lint_settings ls;
		struct lint_result orig, fixed;
		struct md_fix st;
		const char *src = "开展**培训**工作。\n", *want = "开展 培训工作。\n";
		const char *ok_want = "开展培训，工作。\n";

		memset(&ls, 0, sizeof ls);
		ok(rs != NULL, "the bundled packs load (run from the project's root)");
		if (rs != NULL) {
			lint_bytes(rs, &ls, "t.md", (const unsigned char *)src, strlen(src), sc, &orig);
			ls.as_text = true;
			lint_bytes(rs, &ls, "t.md", (const unsigned char *)want, strlen(want), sc, &fixed);
			ls.as_text = false;
			ok(doc_has_source(orig.doc) && !doc_has_source(fixed.doc),
			    "a .md is read as Markdown, and as text with as_text");
			is_int(fix_markdown(rs, &ls, "t.md", &orig, sc, &fixed, &st), -1,
			    "an edit that turns ** into text is refused");
			ok(st.markup && st.lines == 1, "because it does not read back (markup)");
			lint_result_free(&fixed);
			ls.as_text = true;
			lint_bytes(rs, &ls, "t.md", (const unsigned char *)ok_want, strlen(ok_want), sc,
			    &fixed);
			ls.as_text = false;
			is_int(fix_markdown(rs, &ls, "t.md", &orig, sc, &fixed, &st), 0,
			    "an insertion after the closing ** is carried over");
			is_str(doc_text(doc_source(fixed.doc)), "开展**培训**，工作。\n",
			    "into the source, the markup kept");
			lint_result_free(&fixed);
			lint_result_free(&orig);
		}
		regex_scratch_free(sc);
		ruleset_free(rs);
		free(err);
	}

	/* Which Markdown files a walk lints. */
	{
		const char *rep = "# 关于2023年度法治政府建设情况的报告\n正文\n";
		const char *late = "某县人民政府\n\n某县司法局\n\n2023年法治政府建设\n\n情况报告\n";
		const char *readme = "# gwlint\n\nA linter.\n";

		ok(md_report_like("r.md", (const unsigned char *)rep, strlen(rep)), "a report title");
		ok(md_report_like("r.md", (const unsigned char *)late, strlen(late)),
		    "报告 on the fourth non-blank line");
		ok(!md_report_like("notes.md", (const unsigned char *)readme, strlen(readme)),
		    "no 报告/情况 in the first lines: not linted");
		ok(!md_report_like("dir/README.md", (const unsigned char *)rep, strlen(rep)),
		    "a README never, whatever it says");
		ok(!md_report_like("readme.markdown", (const unsigned char *)rep, strlen(rep)),
		    "readme in any case");
		ok(md_name("a/B.MD") && md_name("x.markdown") && !md_name("x.txt") && !md_name(".md"),
		    "Markdown names");
	}
	return done_testing();
}
