/* SPDX-License-Identifier: MIT */
/* Unit tests of the .docx reader (src/input/docx.c): the fixtures written by
 * tests/fixtures/docx/gen.py read back paragraph by paragraph (story, label,
 * text), every numbering format, overrides and styles, the Strict namespace,
 * and one defined outcome for each hostile package; the 100,000-paragraph
 * and 5 MB-paragraph packages are built here in memory. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "input/docx.h"
#include "tap.h"
#include "util.h"
#include "../fuzz/docx_pkg.h"

#define FIX "tests/fixtures/docx/"

static const char story_letter[] = "BTXFE";

/* "S:LABEL|TEXT\n" per paragraph. */
static char *
dump(const struct docx *d)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < docx_para_count(d); i++) {
		const struct docx_para *p = docx_para_at(d, i);

		buf_printf(&b, "%c:%.*s|%.*s\n", story_letter[p->story], (int)p->label_len, p->text,
		    (int)(p->len - p->label_len), p->text + p->label_len);
	}
	buf_putc(&b, '\0');
	b.len--;
	return buf_steal(&b);
}

static int
read_fixture(const char *name, const struct docx_limits *lim, struct docx **d, char **err)
{
	char *path = xasprintf(FIX "%s", name);
	unsigned char *data;
	size_t len;
	int rc;

	if (read_file(path, &data, &len) != 0)
		bail_out("cannot read %s (run from the top folder)", path);
	free(path);
	rc = docx_read(data, len, lim, d, err);
	free(data);
	return rc;
}

/* Read a fixture that must read; its dump (allocated). */
static char *
dump_fixture(const char *name)
{
	struct docx *d;
	char *err, *s;

	if (read_fixture(name, NULL, &d, &err) != 0) {
		diag("%s: %s", name, err);
		free(err);
		return xstrdup("(error)");
	}
	s = dump(d);
	docx_free(d);
	return s;
}

/* The error message of a fixture that must be refused. */
static char *
error_of(const char *name, const struct docx_limits *lim)
{
	struct docx *d;
	char *err;

	if (read_fixture(name, lim, &d, &err) == 0) {
		docx_free(d);
		return xstrdup("(read without error)");
	}
	return err;
}

static void
test_basic(void)
{
	const char *want =
	    "B:|某县人民政府关于2023年度法治政府建设情况的报告\n"
	    "B:一、|主要举措和成效\n"
	    "B:（一）|加强党的领导\n"
	    "B:|落实第一责任人职责，述法全覆盖。\n"
	    "B:|甲\t乙 丙\u2011丁α—\n"
	    "B:|第3页，2024年1月1日。\n"
	    "B:|宿主段落续\n"
	    "X:|文本框内容\n"
	    "T:|行政复议\n"
	    "T:|12件\n"
	    "T:|嵌套\n"
	    "T:|\n"
	    "B:二、|存在的不足\n"
	    "B:（一）|制度建设\n"
	    "B:1.|完善规范性文件备案审查\n"
	    "B:（1）|细项\n"
	    "B:|见网站与标签和内容移来\n"
	    "B:|旧编号不算\n"
	    "B:|块级内容控件\n"
	    "B:|某县人民政府\n"
	    "B:|2024年1月10日\n"
	    "F:|脚注内容。\n"
	    "E:|尾注内容。\n";
	struct docx *d;
	char *err, *s;
	const struct docx_para *p;

	s = dump_fixture("basic.docx");
	is_str(s, want, "basic.docx: runs joined, labels, ins kept, del dropped, tab/br/"
	    "noBreakHyphen/sym, field results, one text box after its host, table cells, notes");
	free(s);
	if (read_fixture("basic.docx", NULL, &d, &err) != 0)
		bail_out("basic.docx: %s", err);
	p = docx_para_at(d, 0);
	is_int(p->nruns, 3, "the title's three runs are recorded");
	ok(p->nruns == 3 && p->runs[1].start == strlen("某县人民政府关于") && p->runs[1].len == 4,
	    "the second run spans '2023'");
	p = docx_para_at(d, 1);
	ok(p->nruns == 1 && p->runs[0].start == p->label_len, "a run after a label starts after it");
	is_int(docx_para_at(d, 21)->number, 22, "paragraph numbers run over all stories");
	ok(docx_para_at(d, 0)->style == NULL, "no w:pStyle: style NULL");
	ok(docx_para_at(d, 23) == NULL && docx_para_count(d) == 23, "23 paragraphs, none past them");
	docx_free(d);
}

static void
test_numfmt(void)
{
	const char *want_labels[] = {
	    /* decimal */ "1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9.", "10.", "11.", "12.",
	    /* chineseCounting */ "一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、",
	    "十、", "十一、", "十二、",
	    /* chineseCountingThousand */ "一、", "二、", "三、", "四、", "五、", "六、", "七、",
	    "八、", "九、", "十、", "十一、", "十二、",
	    /* ideographTraditional */ "甲、", "乙、", "丙、", "丁、", "戊、", "己、", "庚、", "辛、",
	    "壬、", "癸、", "甲、",
	    /* decimalEnclosedCircle */ "①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩", "⑪",
	    "⑫", "⑬", "⑭", "⑮", "⑯", "⑰", "⑱", "⑲", "⑳", "21",
	    /* decimalFullWidth */ "１．", "２．", "３．",
	    /* upperLetter */ "A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "I.", "J.", "K.", "L.",
	    "M.", "N.", "O.", "P.", "Q.", "R.", "S.", "T.", "U.", "V.", "W.", "X.", "Y.", "Z.", "AA.",
	    "BB.",
	    /* lowerLetter */ "a)", "b)", "c)", "d)", "e)", "f)", "g)", "h)", "i)", "j)", "k)", "l)",
	    "m)", "n)", "o)", "p)", "q)", "r)", "s)", "t)", "u)", "v)", "w)", "x)", "y)", "z)", "aa)",
	    "bb)",
	    /* upperRoman */ "I.", "II.", "III.", "IV.", "V.", "VI.", "VII.", "VIII.", "IX.", "X.",
	    "XI.", "XII.",
	    /* lowerRoman */ "(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)", "(vii)", "(viii)", "(ix)",
	    "(x)", "(xi)", "(xii)",
	    /* bullet (Symbol F0B7) */ "•", "•", "•",
	    /* none */ "", "", "",
	    /* decimalZero */ "01.", "02.", "03.",
	    /* chineseLegalSimplified */ "壹、", "贰、", "叁、",
	    /* ideographZodiac */ "子", "丑", "寅",
	    /* decimalEnclosedParen */ "⑴", "⑵", "⑶",
	    /* ideographEnclosedCircle */ "㈠", "㈡", "㈢",
	    /* cardinalText: not rendered as words, decimal */ "1.", "2.", "3.",
	    /* chineseCounting from 99 */ "九十九、", "一〇〇、", "一〇一、",
	    /* chineseCountingThousand 110 1000 1010 10001 20000 */ "一百一十、", "一千、",
	    "一千零一十、", "一万零一、", "二万、",
	    /* Wingdings F0A7 + space; "o" + tab; Symbol F0A7 */ "▪ ", "o\t", "♣",
	};
	struct docx *d;
	char *err;
	size_t i, n = ARRAY_LEN(want_labels), bad = 0;

	if (read_fixture("numfmt.docx", NULL, &d, &err) != 0)
		bail_out("numfmt.docx: %s", err);
	is_int(docx_para_count(d), n, "numfmt.docx: one paragraph per expected label");
	for (i = 0; i < n && i < docx_para_count(d); i++) {
		const struct docx_para *p = docx_para_at(d, i);
		char *label = xstrndup(p->text, p->label_len);

		if (strcmp(label, want_labels[i]) != 0) {
			if (bad++ < 10)
				diag("paragraph %zu (%s): label '%s', want '%s'", i + 1,
				    p->text + p->label_len, label, want_labels[i]);
		}
		free(label);
	}
	is_int(bad, 0, "every numFmt renders as Word shows it (decimal, chineseCounting, "
	    "chineseCountingThousand, ideographTraditional, decimalEnclosedCircle, "
	    "decimalFullWidth, letters, roman, bullet, none, ...)");
	docx_free(d);
}

static void
test_overrides(void)
{
	const char *want =
	    "B:一、|一级\n"
	    "B:（一）|二级\n"
	    "B:1.|三级\n"
	    "B:2.|三级续\n"
	    "B:（二）|二级二\n"
	    "B:3.|三级不重排\n"
	    "B:1.2.3.1 |法定\n"
	    "B:二、|继承\n"
	    "B:|无编号样式\n"
	    "B:|段落覆盖为0\n"
	    "B:（一）|段落级别覆盖样式\n"
	    "B:五、|覆盖起始\n"
	    "B:六、|覆盖起始续\n"
	    "B:七、|原列表续\n"
	    "B:1.\t|甲\n"
	    "B:1.a |甲子\n"
	    "B:2.\t|乙\n"
	    "B:2.b |乙子\n"
	    "B:[VII]|整级覆盖\n"
	    "B:第一章 |样式链接\n"
	    "B:第二章 |样式链接续\n"
	    "B:|悬空\n"
	    "B:|无抽象\n"
	    "B:|级别越界\n"
	    "B:第1 条|换行标签\n"
	    "B:|无号无制表符\n";
	char *s = dump_fixture("overrides.docx");

	is_str(s, want, "overrides.docx: styles' numPr through basedOn, numId 0, lists shared per "
	    "abstractNum, startOverride and lvl overrides, lvlRestart 0, isLgl, suff, numStyleLink, "
	    "dangling ids");
	free(s);
}

static void
test_textbox(void)
{
	char *s = dump_fixture("textbox.docx");

	is_str(s, "B:|宿主宿主尾\nX:|框一\nX:|框中框\nX:|框一第二段\nB:|后文\nT:|格内\nX:|格内框\n"
	    "B:一、|编号在框后\n", "textbox.docx: nested text boxes each after their host, in "
	    "reading order; a text box in a table cell");
	free(s);
}

static void
test_fields(void)
{
	char *s = dump_fixture("fields.docx");

	is_str(s, "B:|结果\nB:|目录一\nB:|目录二\nB:|目录三\nB:|域后\n"
	    "B:|✓•\xef\x80\xa0 π中\n", "fields.docx: a field nested in another's instruction "
	    "is hidden, a result spanning paragraphs is kept; w:sym of Wingdings, Symbol and "
	    "other fonts (unknown private-use kept, bad codes dropped, a line end a space)");
	free(s);
}

static void
test_namespaces(void)
{
	char *s;
	struct docx *d;
	char *err;

	s = dump_fixture("strict.docx");
	is_str(s, "B:一、|严格命名空间\nB:|第二段插入\n", "strict.docx: Strict namespace, prefix x, "
	    "Strict relationship types");
	free(s);
	s = dump_fixture("relocated.docx");
	is_str(s, "B:一、|另处的正文\n", "relocated.docx: the main part found through _rels/.rels "
	    "(content/main.xml) and its numbering through its own rels");
	free(s);
	s = dump_fixture("relocated-ct.docx");
	is_str(s, "B:一、|内容类型指向的正文\n", "relocated-ct.docx: the main part found through "
	    "[Content_Types].xml when the package relationship names no part");
	free(s);
	s = dump_fixture("defaultns.docx");
	is_str(s, "B:|默认命名空间外来元素内\nB:|换 行 回车 分隔 \n", "defaultns.docx: no prefix; an "
	    "unknown namespace's elements are read through, its 'p' is not a paragraph; a line end "
	    "in w:t (LF, CR, U+2028, NEL) is a space");
	free(s);
	if (read_fixture("basic.docx", NULL, &d, &err) == 0) {
		is_str(docx_story_name(docx_para_at(d, 7)->story), "textbox", "story name textbox");
		docx_free(d);
	}
}

static void
test_hostile(void)
{
	struct docx_limits lim;
	char *e;

	e = error_of("hostile-doctype.docx", NULL);
	is_str(e, "word/document.xml:2:16: a DOCTYPE is refused (no part of a Word document has one)",
	    "billion laughs: the DOCTYPE is refused with its position");
	free(e);
	e = error_of("hostile-nodoc.docx", NULL);
	is_str(e, "no main document part (word/document.xml): not a Word document",
	    "no word/document.xml: refused");
	free(e);
	e = error_of("hostile-truncated.docx", NULL);
	ok(strncmp(e, "not a readable zip package: ", 28) == 0, "a truncated zip is refused (%s)", e);
	free(e);
	e = error_of("hostile-bomb.docx", NULL);
	is_str(e, "word/document.xml: inflates to more than 67108864 bytes (the limit of one part)",
	    "zip bomb: a part inflating past 64 MiB is refused");
	free(e);
	docx_limits_default(&lim);
	lim.max_part = 100000;
	e = error_of("hostile-bomb-lying.docx", &lim);
	is_str(e, "word/document.xml: inflates to more than 100000 bytes (the limit of one part)",
	    "a part whose zip headers say 1000 bytes but that inflates to 3 MiB: counted while "
	    "reading, refused at the limit");
	free(e);
	e = error_of("hostile-unknown-ns.docx", NULL);
	is_str(e, "word/document.xml:2:1: the root element is not a WordprocessingML w:document "
	    "(it is 'document' in another namespace)", "a root in an unknown namespace is refused");
	free(e);
	e = error_of("hostile-deep.docx", NULL);
	is_str(e, "word/document.xml:2:1362: elements nested deeper than 256 (the limit)",
	    "nesting past 256 elements is refused");
	free(e);
	e = dump_fixture("hostile-cycle.docx");
	is_str(e, "B:|甲\nB:|自身\nB:|丙\nB:一、|有编号\nB:|缺失样式\n",
	    "a basedOn cycle ends the chain (no label, no hang)");
	free(e);
	e = dump_fixture("hostile-dangling.docx");
	is_str(e, "B:|悬空编号\nB:一、|正常\nB:二、|负级别\n", "a dangling numId: no label");
	free(e);

	/* the limits are the caller's */
	docx_limits_default(&lim);
	lim.max_part = 1000;
	e = error_of("basic.docx", &lim);
	ok(strstr(e, ": inflates to more than 1000 bytes (the limit of one part)") != NULL,
	    "a part past a small max_part is refused (%s)", e);
	free(e);
	docx_limits_default(&lim);
	lim.max_total = 3000;
	e = error_of("basic.docx", &lim);
	ok(strstr(e, "the parts read inflate to more than 3000 bytes (the limit)") != NULL,
	    "max_total is checked over the parts (%s)", e);
	free(e);
	docx_limits_default(&lim);
	lim.max_entries = 3;
	e = error_of("basic.docx", &lim);
	is_str(e, "the package has 8 entries (more than the limit of 3)", "max_entries");
	free(e);
	docx_limits_default(&lim);
	lim.max_paras = 5;
	e = error_of("basic.docx", &lim);
	ok(strstr(e, "more than 5 paragraphs (the limit)") != NULL, "max_paras (%s)", e);
	free(e);
	docx_limits_default(&lim);
	lim.max_para = 20;
	e = error_of("basic.docx", &lim);
	ok(strstr(e, "a paragraph longer than 20 bytes") != NULL, "max_para (%s)", e);
	free(e);
}

/* A package around document.xml text built here. */
static int
read_built(const char *doc, size_t doclen, struct docx **d, char **err)
{
	struct pkg_part parts[] = {
	    {"[Content_Types].xml", PKG_CT, strlen(PKG_CT)},
	    {"_rels/.rels", PKG_RELS, strlen(PKG_RELS)},
	    {"word/document.xml", doc, doclen},
	};
	unsigned char *zip;
	size_t ziplen;
	int rc;

	if (pkg_build(parts, ARRAY_LEN(parts), 0, &zip, &ziplen) != 0)
		bail_out("cannot build a package");
	rc = docx_read(zip, ziplen, NULL, d, err);
	free(zip);
	return rc;
}

#define DOC_HEAD "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
#define DOC_TAIL "</w:body></w:document>"

static void
test_big(void)
{
	struct buf b = {0};
	struct docx *d;
	char *err;
	size_t i;
	clock_t t0;
	double secs;

	buf_puts(&b, DOC_HEAD);
	for (i = 0; i < 100000; i++)
		buf_printf(&b, "<w:p><w:r><w:t>第%zu段</w:t></w:r></w:p>", i + 1);
	buf_puts(&b, DOC_TAIL);
	t0 = clock();
	if (read_built(b.data, b.len, &d, &err) != 0)
		bail_out("100,000 paragraphs: %s", err);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	is_int(docx_para_count(d), 100000, "100,000 paragraphs are read (%.2f s)", secs);
	is_str(docx_para_at(d, 99999)->text, "第100000段", "the last one is right");
	docx_free(d);

	b.len = 0;
	buf_puts(&b, DOC_HEAD "<w:p>");
	for (i = 0; i < 50000; i++)
		buf_puts(&b, "<w:r><w:t>一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二</w:t></w:r>");
	buf_puts(&b, "</w:p>" DOC_TAIL);
	if (read_built(b.data, b.len, &d, &err) != 0)
		bail_out("5 MB paragraph: %s", err);
	is_int(docx_para_at(d, 0)->len, 50000 * 96, "one 4.8 MB paragraph of 50,000 runs is read whole");
	is_int(docx_para_at(d, 0)->nruns, 50000, "with its 50,000 runs");
	docx_free(d);
	buf_free(&b);
}

int
main(void)
{
	test_basic();
	test_numfmt();
	test_overrides();
	test_textbox();
	test_fields();
	test_namespaces();
	test_hostile();
	test_big();
	return done_testing();
}
