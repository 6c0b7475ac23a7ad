/* SPDX-License-Identifier: MIT */
/** \file t-outline.c
 * \brief Unit tests of the outline on the tricky shapes of real reports:
 *        a title over two lines, issuer lines, run-in headings, wrong but
 *        real ordinals, a heading ending in ：, dates in every form, no 落款.
 */
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "outline.h"
#include "tap.h"
#include "util.h"

struct fx {
	struct document *doc;
	struct outline *ol;
};

static struct fx
mk(const char *s)
{
	struct fx f;

	f.doc = doc_new("t.txt", xstrdup(s), strlen(s));
	f.ol = outline_build(f.doc);
	return f;
}

static void
rm(struct fx *f)
{
	outline_free(f->ol);
	doc_free(f->doc);
}

/* Heading text (ordinal excluded, run-in body excluded) as a new string. */
static char *
htext(const struct fx *f, size_t i)
{
	const struct heading *h = outline_heading(f->ol, i);

	return xstrndup(doc_text(f->doc) + h->ord_end, h->text_end - h->ord_end);
}

static void
check_heading(const char *line, int level, int value, bool form_ok, const char *what)
{
	struct fx f = mk(line);
	const struct heading *h;

	if (!ok(outline_heading_count(f.ol) == 1, "%s: one heading", what)) {
		rm(&f);
		return;
	}
	h = outline_heading(f.ol, 0);
	ok(h->level == level && h->value == value && h->form_ok == form_ok,
	    "%s: level %d value %d form_ok %d (got %d %d %d)", what, level, value, form_ok,
	    h->level, h->value, h->form_ok);
	rm(&f);
}

/* Stand-in lexicons (the packs' lists decide in gwlint itself). */
static enum issuer_type
stub_type(const char *name, void *arg)
{
	(void)arg;
	return strstr(name, "政府") ? ISSUER_GOVERNMENT : ISSUER_DEPARTMENT;
}

static enum issuer_type
stub_dept_only(const char *name, void *arg)
{
	(void)arg;
	return strstr(name, "政府") ? ISSUER_DEPARTMENT : ISSUER_UNKNOWN;
}

int
main(void)
{
	struct fx f;
	char *t;
	const struct ol_date *dt;

	/* A title broken over two lines (南开 seed), no 落款. */
	f = mk("南开区政府办公室2023年度法治政府建设\n\n情况报告\n"
	    "2023年，区政府办在区委、区政府的坚强领导下，现将情况报告如下：\n\n"
	    "一、2023年推进法治政府建设的主要举措和成效\n"
	    "（一）围绕深入学习宣传贯彻习近平法治思想，进一步提升法治素养\n"
	    "高度重视法治政府建设工作。\n");
	is_str(outline_title(f.ol), "南开区政府办公室2023年度法治政府建设情况报告",
	    "two title lines are joined");
	is_int(outline_line_role(f.ol, 0), ROLE_TITLE, "first title line");
	is_int(outline_line_role(f.ol, 2), ROLE_TITLE, "second title line after a blank line");
	is_int(outline_title_year(f.ol), 2023, "title year");
	is_int(outline_report_year(f.ol), 2023, "report year");
	is_str(outline_issuer(f.ol), "南开区政府办公室", "issuer from the title before the year");
	is_int(outline_issuer_count(f.ol), 1, "one issuer name");
	is_int(outline_opening_line(f.ol), 3, "the 报告如下 opening");
	is_int(outline_heading_count(f.ol), 2, "two headings");
	is_int(outline_heading(f.ol, 1)->parent, 0, "（一） has 一、 as parent");
	ok(!outline_heading(f.ol, 1)->run_in, "an unpunctuated heading alone on its line is not run-in");
	ok(outline_signer_line(f.ol) == OUTLINE_NONE, "no 落款");
	ok(outline_date(f.ol) == NULL, "no 成文日期");
	is_int(outline_line_role(f.ol, 7), ROLE_BODY, "the last line stays body without a date");
	rm(&f);

	/* Joint issuer lines above the title (大渡口区委+区政府 seed). */
	f = mk("中共重庆市大渡口区委\n\n重庆市大渡口区人民政府\n\n2023年法治政府建设情况报告\n\n"
	    "2023年以来，大渡口区深入推进法治政府建设。现将有关情况报告如下。\n\n"
	    "一、2023年法治政府建设情况\n\n"
	    "（一）切实履行第一责任人职责，全面加强法治政府建设。一是强化组织领导。区委书记切实履职。\n");
	is_int(outline_issuer_count(f.ol), 2, "two issuer lines");
	is_str(outline_issuer_name(f.ol, 0), "中共重庆市大渡口区委", "the party committee");
	is_str(outline_issuer_name(f.ol, 1), "重庆市大渡口区人民政府", "the government");
	is_int(outline_issuer_type(f.ol, stub_type, NULL), ISSUER_GOVERNMENT,
	    "a joint report files as a government");
	is_int(outline_issuer_type(f.ol, stub_dept_only, NULL), ISSUER_DEPARTMENT,
	    "unknown + department is a department");
	is_int(outline_heading_count(f.ol), 2, "一是 is not a heading");
	ok(outline_heading(f.ol, 1)->run_in, "（一）…。一是… is a run-in heading");
	t = htext(&f, 1);
	is_str(t, "切实履行第一责任人职责，全面加强法治政府建设。", "run-in heading ends at the first 。");
	free(t);
	rm(&f);

	/* Header: issuer line, title, 文号, 主送, opening; closing: 落款, date, 附注. */
	f = mk("\n\n四平市铁西区人民政府办公室\n关于2023年度法治政府建设情况的报告\n"
	    "四铁西政办发〔2023〕19号\n区政府并区委：\n现将有关情况报告如下：\n"
	    "一、2023年法治政府建设基本情况\n一是压实法治建设责任。\n\n\n"
	    "四平市铁西区人民政府办公室\n                            2023年12月29日\n\n（此件主动公开） \n");
	is_int(outline_docnum_line(f.ol), 4, "文号 line");
	is_int(outline_recipient_line(f.ol), 5, "主送 line ending in ：");
	is_int(outline_opening_line(f.ol), 6, "opening line");
	is_int(outline_signer_line(f.ol), 11, "落款 line");
	is_int(outline_date_line(f.ol), 12, "date line (indented)");
	is_int(outline_fuzhu_line(f.ol), 14, "附注 line");
	is_str(outline_issuer(f.ol), "四平市铁西区人民政府办公室", "issuer line above the title");
	dt = outline_date(f.ol);
	ok(dt && dt->y == 2023 && dt->m == 12 && dt->d == 29 && dt->form == DATE_ARABIC &&
	    !dt->padded, "2023年12月29日 parsed");
	is_int(outline_heading_count(f.ol), 1, "one heading; 一是 is body");
	rm(&f);

	/* Dates in every form. */
	{
		static const struct {
			const char *text;
			int y, m, d;
			enum date_form form;
			bool padded;
		} cases[] = {
			{"2024年1月5日", 2024, 1, 5, DATE_ARABIC, false},
			{"2024年01月05日", 2024, 1, 5, DATE_ARABIC, true},
			{"二〇二四年一月五日", 2024, 1, 5, DATE_HAN, false},
			{"二〇二四年十二月二十五日", 2024, 12, 25, DATE_HAN, false},
			{"2024-01-05", 2024, 1, 5, DATE_ISO, true},
			{"2024.1.5", 2024, 1, 5, DATE_DOT, false},
		};
		size_t i;

		for (i = 0; i < ARRAY_LEN(cases); i++) {
			char *s = xasprintf("某县人民政府关于2023年度法治政府建设情况的报告\n"
			    "一、主要举措和成效\n正文。\n某县人民政府\n%s\n", cases[i].text);

			f = mk(s);
			dt = outline_date(f.ol);
			ok(dt && dt->y == cases[i].y && dt->m == cases[i].m && dt->d == cases[i].d &&
			    dt->form == cases[i].form && dt->padded == cases[i].padded,
			    "date %s", cases[i].text);
			is_int(outline_signer_line(f.ol), 3, "落款 above %s", cases[i].text);
			rm(&f);
			free(s);
		}
	}

	/* A date with no 落款 above it. */
	f = mk("某县2023年法治政府建设情况报告\n一、主要举措和成效\n正文。\n2024年2月5日\n");
	ok(outline_signer_line(f.ol) == OUTLINE_NONE, "no 落款 above the date");
	is_int(outline_date_line(f.ol), 3, "the date is still found");
	rm(&f);

	/* Ordinals: GB/T 9704 forms and the wrong but real ones. */
	check_heading("一、主要举措和成效\n", 1, 1, true, "一、");
	check_heading("十二、其他\n", 1, 12, true, "十二、");
	check_heading("一.主要举措和成效\n", 1, 1, false, "一.");
	check_heading("（一）加强组织领导\n", 2, 1, true, "（一）");
	check_heading("（一）、加强组织领导\n", 2, 1, false, "（一）、");
	check_heading("(四)围绕全区工作,加强督查督办。一是抓督查。\n", 2, 4, false, "half-width (四)");
	check_heading("1.加强党的领导。\n", 3, 1, true, "1.");
	check_heading("1、自觉接受监督。\n", 3, 1, false, "1、");
	check_heading("（1）制定办法。\n", 4, 1, true, "（1）");
	check_heading("(1)制定办法。\n", 4, 1, false, "(1)");
	check_heading("⑴制定办法。\n", 4, 1, false, "⑴");

	/* Not headings. */
	f = mk("1.5万元用于普法。\n一是加强学习。\n一、二等奖各1名。\n2023年，我县深入推进。\n");
	is_int(outline_heading_count(f.ol), 0, "1.5万元, 一是, 一、二等奖 and 2023年 are not headings");
	rm(&f);

	/* A heading ending in ： (券桥镇) is a heading, not a 主送 line. */
	f = mk("某镇2022年度法治政府建设工作报告\n2022年，我镇深入推进法治建设。\n"
	    "一、2022年度法治政府建设成效显著：\n（一）依法履行政府职能，科学开展民主决策：\n正文。\n");
	is_int(outline_heading_count(f.ol), 2, "headings ending in ：");
	ok(outline_recipient_line(f.ol) == OUTLINE_NONE, "not taken for the 主送 line");
	t = htext(&f, 0);
	is_str(t, "2022年度法治政府建设成效显著：", "the ： stays in the heading text");
	free(t);
	ok(!outline_heading(f.ol, 0)->run_in, "and it is not run-in");
	rm(&f);

	/* Level 3 running on across level-2 parents keeps its parents. */
	f = mk("某区2020年法治政府建设情况报告\n一、主要举措和成效\n（一）组织领导\n1.甲。\n2.乙。\n"
	    "（二）职能\n3.丙。\n");
	is_int(outline_heading_count(f.ol), 6, "six headings");
	is_int(outline_heading(f.ol, 5)->parent, 4, "3. belongs to （二）");
	is_int(outline_heading(f.ol, 5)->value, 3, "and keeps its value");
	rm(&f);

	/* The opening scope is the first body paragraph. */
	f = mk("某区2023年法治政府建设情况报告\n2023年，我区深入推进。\n现将情况报告如下：\n\n"
	    "后来的正文。\n一、主要举措和成效\n");
	{
		size_t n;
		const struct span *sp = outline_scope(f.ol, SCOPE_OPENING, &n);

		is_int(n, 2, "opening paragraph: two lines");
		ok(n > 0 && sp[0].start == strlen("某区2023年法治政府建设情况报告\n"),
		    "starting after the title");
	}
	is_int(outline_opening_year(f.ol), 2023, "opening year");
	rm(&f);

	/* Empty input. */
	f = mk("");
	is_int(outline_heading_count(f.ol), 0, "empty: no heading");
	is_str(outline_title(f.ol), "", "empty: no title");
	is_int(outline_report_year(f.ol), 0, "empty: year unknown");
	rm(&f);

	return done_testing();
}
