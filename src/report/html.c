/* SPDX-License-Identifier: MIT */
/** \file html.c
 * \brief `--format html`: one self-contained audit page for all the files
 *        of a run (issue 19).
 *
 * The page, in order: a header (how many reports; 合格, 需修改, 不合格;
 * the packs; the command line), a status table with one row per report
 * (issuer, type, year and 成文日期 from the outline, the filing window,
 * the ✓/✗ matrix of the mandated contents, counts, status; sorted by
 * status then path; each row links to its details), three inline SVG
 * charts, a per-rule table with each rule's explanation once, and the
 * details of each report (<details id="rN">: every finding with its
 * position, rule, message, clause, the line with the finding's span in
 * <mark> and a line of context either side, the safe fix).  No script, no
 * external resource, no timestamp (unless --report-date): the same input
 * gives the same bytes.  The page is XHTML-compatible HTML5: it parses as
 * XML and as HTML.
 *
 * Status, from severities only: 不合格 (any error), 需修改 (warnings and no
 * error), 合格 (neither; info findings do not count).
 *
 * Memory: a report's details are written as it comes to a temporary file
 * (the spool) and copied out in the page's order at the end; what stays in
 * memory per report is its row (path, issuer, facts, counts), and per rule
 * its counts.  No document text is kept past its file() call, and every
 * line shown is clipped (LINE_MAX_CP), so neither a long line nor many
 * files makes the page or the process grow beyond that.
 *
 * Every piece of text from a report, a file name, a pack or the command
 * line goes through buf_xml (escape.h): nothing a report holds can open a
 * tag or an attribute.
 */
#include "formats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "../lint.h"
#include "../pack.h"
#include "../utf8.h"
#include "../util.h"
#include "escape.h"

#ifndef GWLINT_VERSION
#define GWLINT_VERSION "0.1.0"
#endif

/* Code points of a shown line before and after the finding's span, and of
 * a context line, and of the span itself. */
#define LINE_MAX_CP 160
#define MARK_MAX_CP 400

enum status { ST_FAIL = 0, ST_REVISE, ST_PASS, ST__COUNT };

static const char *const status_name[ST__COUNT] = {"不合格", "需修改", "合格"};
static const char *const status_class[ST__COUNT] = {"fail", "revise", "pass"};
static const char *const content_head[CONTENT__COUNT] = {
	"成效", "不足", "原因", "第一责任人", "下一年度安排", "安排年份"
};

struct rep {
	char *path;
	char *issuer;
	enum issuer_type itype;
	int year, dy, dm, dd;
	enum window_status win;
	enum content_mark content[CONTENT__COUNT];
	size_t n[SEV__COUNT];
	enum status st;
	size_t id;           /* 1-based, in the order linted: id="rN" */
	long off;            /* its details in the spool */
	size_t len;
};

struct rstat {
	const char *rule;
	size_t n[SEV__COUNT];
	size_t reports;
};

struct page {
	FILE *spool;
	struct rep *reps;
	size_t nreps, capreps;
	struct rstat *rules;
	size_t nrules, caprules;
};

static void
esc(struct buf *b, const char *s)
{
	buf_xml(b, s, strlen(s), true);
}

static void
escn(struct buf *b, const char *s, size_t n)
{
	buf_xml(b, s, n, false);
}

static void
esc_path(struct buf *b, const char *path)
{
	char *p = path_escaped(path);

	esc(b, p);
	free(p);
}

static void
begin(struct report_ctx *ctx)
{
	struct page *pg = xcalloc(1, sizeof *pg);

	pg->spool = tmpfile();
	if (pg->spool == NULL)
		fatal("--format html: cannot create a temporary file");
	ctx->state = pg;
}

static struct rstat *
rstat_of(struct page *pg, const char *rule)
{
	size_t i;

	for (i = 0; i < pg->nrules; i++)
		if (strcmp(pg->rules[i].rule, rule) == 0)
			return &pg->rules[i];
	pg->rules = xgrow(pg->rules, &pg->caprules, pg->nrules + 1, sizeof *pg->rules);
	memset(&pg->rules[pg->nrules], 0, sizeof *pg->rules);
	pg->rules[pg->nrules].rule = rule;
	return &pg->rules[pg->nrules++];
}

/* Text t[a..b) escaped, at most max code points: keep the end next to the
 * mark (tail: the last ones, with … before; else the first, … after). */
static void
clip(struct buf *o, const char *t, size_t a, size_t b, size_t max, bool tail)
{
	size_t n = utf8_count(t + a, b - a), k, p;

	if (n <= max) {
		escn(o, t + a, b - a);
		return;
	}
	if (tail) {
		for (p = a, k = 0; k < n - max; k++)
			p = utf8_fwd(t, p, b);
		buf_puts(o, "<span class=\"cut\">…</span>");
		escn(o, t + p, b - p);
	} else {
		for (p = a, k = 0; k < max; k++)
			p = utf8_fwd(t, p, b);
		escn(o, t + a, p - a);
		buf_puts(o, "<span class=\"cut\">…</span>");
	}
}

static void
src_line(struct buf *o, const struct document *src, size_t line, const char *cls)
{
	size_t a, b;

	doc_line_span(src, line, &a, &b);
	buf_printf(o, "<span class=\"%s\"><span class=\"ln\">%zu</span>", cls, line + 1);
	clip(o, doc_text(src), a, b, LINE_MAX_CP, false);
	buf_puts(o, "</span>\n");
}

static const char *
sev_label(enum severity s)
{
	return s == SEV_ERROR ? "错误" : s == SEV_WARNING ? "警告" : "提示";
}

/* One finding of doc as an <li>. */
static void
put_finding(struct buf *o, const struct report_ctx *ctx, const struct document *doc,
    const struct finding *f)
{
	const struct document *src = doc_source(doc);
	const char *t = doc_text(src);
	const struct rule *r = ctx->rules ? ruleset_find(ctx->rules, f->rule) : NULL;
	struct report_origin org;
	size_t s, e, line, col, a, b, me;

	report_bytes(doc, f, &s, &e);
	report_position(ctx, doc, f->start, &line, &col);
	buf_printf(o, "<li class=\"finding sev-%s\" data-rule=\"", severity_name(f->sev));
	esc(o, f->rule);
	buf_printf(o, "\" data-pos=\"%zu:%zu\"><p class=\"head\"><span class=\"pos\"", line, col);
	if (report_origin(doc, f, &org))
		buf_printf(o, " title=\"段落 %zu，第 %zu 列\">¶%zu:%zu", org.paragraph, col,
		    org.paragraph, col);
	else
		buf_printf(o, ">%zu:%zu", line, col);
	buf_printf(o, "</span> <span class=\"sev\">%s</span> <code class=\"rule\">",
	    sev_label(f->sev));
	esc(o, f->rule);
	buf_puts(o, "</code> <span class=\"msg\">");
	esc(o, f->message);
	buf_puts(o, "</span></p>");
	if (r && r->source && *r->source) {
		buf_puts(o, "<p class=\"clause\">依据：");
		esc(o, r->source);
		buf_puts(o, "</p>");
	}
	/* The line, the span in <mark> (to the line's end at most). */
	line = doc_line_of(src, s);
	doc_line_span(src, line, &a, &b);
	if (s < a)
		s = a;
	if (s > b)
		s = b;
	me = e < s ? s : e > b ? b : e;
	buf_puts(o, "<pre class=\"src\">");
	if (line > 0)
		src_line(o, src, line - 1, "ctx");
	buf_printf(o, "<span class=\"at\"><span class=\"ln\">%zu</span>", line + 1);
	clip(o, t, a, s, LINE_MAX_CP, true);
	buf_puts(o, "<mark>");
	clip(o, t, s, me, MARK_MAX_CP, false);
	buf_puts(o, "</mark>");
	clip(o, t, me, b, LINE_MAX_CP, false);
	buf_puts(o, "</span>\n");
	if (line + 1 < doc_line_count(src))
		src_line(o, src, line + 1, "ctx");
	buf_puts(o, "</pre>");
	if (f->fix) {
		buf_puts(o, "<p class=\"fix\">安全修改：<del>");
		clip(o, doc_text(doc), f->start, f->end, MARK_MAX_CP, false);
		buf_puts(o, "</del> → <ins>");
		escn(o, f->fix, strlen(f->fix));
		buf_puts(o, "</ins></p>");
	}
	buf_puts(o, "</li>\n");
}

static void
file_facts(struct report_ctx *ctx, const struct document *doc, const struct findings *fs,
    const struct lint_facts *lf)
{
	struct page *pg = ctx->state;
	struct rep *rp;
	struct buf o = {0};
	size_t i, k, n = findings_count(fs);

	pg->reps = xgrow(pg->reps, &pg->capreps, pg->nreps + 1, sizeof *pg->reps);
	rp = &pg->reps[pg->nreps++];
	memset(rp, 0, sizeof *rp);
	rp->id = pg->nreps;
	rp->path = xstrdup(doc_path(doc));
	rp->issuer = xstrdup(lf && lf->issuer ? lf->issuer : "");
	if (lf) {
		rp->itype = lf->issuer_type;
		rp->year = lf->report_year;
		rp->dy = lf->date_y;
		rp->dm = lf->date_m;
		rp->dd = lf->date_d;
		rp->win = lf->window;
		memcpy(rp->content, lf->content, sizeof rp->content);
	}
	for (i = 0; i < n; i++) {
		const struct finding f = findings_get(fs, i);
		struct rstat *rs = rstat_of(pg, f.rule);
		bool seen = false;

		rp->n[f.sev]++;
		rs->n[f.sev]++;
		for (k = 0; k < i && !seen; k++)
			seen = strcmp(findings_get(fs, k).rule, f.rule) == 0;
		if (!seen)
			rs->reports++;
	}
	rp->st = rp->n[SEV_ERROR] ? ST_FAIL : rp->n[SEV_WARNING] ? ST_REVISE : ST_PASS;

	buf_printf(&o, "<details class=\"report st-%s\" id=\"r%zu\" data-path=\"",
	    status_class[rp->st], rp->id);
	esc_path(&o, rp->path);
	buf_printf(&o, "\"><summary><span class=\"badge st-%s\">%s</span> <span class=\"path\">",
	    status_class[rp->st], status_name[rp->st]);
	esc_path(&o, rp->path);
	buf_printf(&o, "</span> <span class=\"counts\">错误 %zu · 警告 %zu · 提示 %zu</span>"
	    "</summary>\n", rp->n[SEV_ERROR], rp->n[SEV_WARNING], rp->n[SEV_INFO]);
	if (n == 0) {
		buf_puts(&o, "<p class=\"none\">没有发现问题。</p>\n");
	} else {
		buf_puts(&o, "<ol class=\"findings\">\n");
		for (i = 0; i < n; i++) {
			const struct finding f = findings_get(fs, i);

			put_finding(&o, ctx, doc, &f);
			if (o.len >= ((size_t)1 << 16)) {
				fwrite(o.data, 1, o.len, pg->spool);
				rp->len += o.len;
				o.len = 0;
			}
		}
		buf_puts(&o, "</ol>\n");
	}
	buf_puts(&o, "</details>\n");
	/* rp->off: where this report's details start in the spool. */
	rp->off = ftell(pg->spool) - (long)rp->len;
	fwrite(o.data, 1, o.len, pg->spool);
	rp->len += o.len;
	buf_free(&o);
}

static void
file_plain(struct report_ctx *ctx, const struct document *doc, const struct findings *fs)
{
	file_facts(ctx, doc, fs, NULL);
}

/* ---- the page ---- */

static int
rep_cmp(const void *pa, const void *pb)
{
	const struct rep *a = pa, *b = pb;

	if (a->st != b->st)
		return (int)a->st - (int)b->st;
	return strcmp(a->path, b->path);
}

static int
rstat_cmp_id(const void *pa, const void *pb)
{
	return strcmp(((const struct rstat *)pa)->rule, ((const struct rstat *)pb)->rule);
}

static size_t
rstat_total(const struct rstat *r)
{
	return r->n[SEV_ERROR] + r->n[SEV_WARNING] + r->n[SEV_INFO];
}

static int
rstat_cmp_total(const void *pa, const void *pb)
{
	const struct rstat *a = pa, *b = pb;
	size_t ta = rstat_total(a), tb = rstat_total(b);

	if (ta != tb)
		return ta > tb ? -1 : 1;
	return strcmp(a->rule, b->rule);
}

static const char *const css =
"body{font-family:\"WenQuanYi Micro Hei\",\"Noto Sans CJK SC\",\"Source Han Sans SC\","
"\"Microsoft YaHei\",sans-serif;margin:1.5em auto;max-width:1200px;padding:0 1em;"
"color:#1b1b1b;line-height:1.5}\n"
"h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.2em;border-bottom:2px solid #444;"
"margin-top:1.6em}\n"
".meta{color:#555;margin:.2em 0}\n"
"table{border-collapse:collapse;font-size:.85em;width:100%}\n"
"th,td{border:1px solid #bbb;padding:.2em .4em;vertical-align:top;text-align:left}\n"
"th{background:#eee}td.n{text-align:right}td.c{text-align:center}\n"
".yes{color:#1b7a2e}.no{color:#c62828;font-weight:bold}.na{color:#888}\n"
".badge{display:inline-block;padding:0 .4em;border-radius:3px;color:#fff;font-size:.9em}\n"
".badge.st-fail{background:#c62828}.badge.st-revise{background:#b26a00}"
".badge.st-pass{background:#1b7a2e}\n"
".totals span{margin-right:1.2em}\n"
"svg{display:block;margin:.8em 0;max-width:100%;height:auto}\n"
"svg text{font-size:12px;fill:#1b1b1b}\n"
"details.report{border:1px solid #bbb;margin:.6em 0;padding:.3em .6em}\n"
"details.report>summary{cursor:pointer;font-weight:bold}\n"
"ol.findings{padding-left:1.6em}li.finding{margin:.5em 0}\n"
"li.finding p{margin:.1em 0}\n"
".pos{font-family:monospace;color:#333}.sev{font-weight:bold}\n"
".sev-error .sev{color:#c62828}.sev-warning .sev{color:#b26a00}.sev-info .sev{color:#1e6fb8}\n"
".clause{color:#555;font-size:.9em}\n"
"pre.src{background:#f6f6f6;border-left:3px solid #999;padding:.3em .5em;margin:.2em 0;"
"white-space:pre-wrap;word-break:break-all;font-family:inherit;font-size:.9em}\n"
"pre.src .ctx{color:#666}.ln{display:inline-block;min-width:3em;color:#999;"
"user-select:none}\n"
"mark{background:#ffe066;outline:1px solid #c9a800}\n"
"mark:empty{display:inline-block;width:.5em;height:1em;vertical-align:text-bottom}\n"
"del{background:#fdd}ins{background:#dfd;text-decoration:none}\n"
".cut{color:#999}.explain{white-space:pre-line}\n"
"@page{size:A4;margin:15mm}\n"
"@media print{body{max-width:none;margin:0;font-size:10pt}nav{display:none}"
"details::details-content{content-visibility:visible;display:block}"
"details.report{break-before:page;border:none}"
"details.report>summary{list-style:none}"
"tr,li.finding{break-inside:avoid}}\n";

/* A command-line word, quoted for a POSIX shell when it needs to be. */
static void
put_word(struct buf *o, const char *w)
{
	const char *p;
	bool plain = *w != '\0';

	for (p = w; *p && plain; p++)
		plain = strchr("-_./=:,+@%", *p) || (*p >= '0' && *p <= '9') ||
		    (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0x80;
	if (plain) {
		esc(o, w);
		return;
	}
	buf_putc(o, '\'');
	for (p = w; *p; p++) {
		if (*p == '\'')
			buf_puts(o, "'\\''");
		else
			escn(o, p, 1);
	}
	buf_putc(o, '\'');
}

/* FNV-1a (64 bits) of a file's bytes: the pack's version on the page. */
static bool
file_digest(const char *path, unsigned long long *h)
{
	unsigned char *data;
	size_t len, i;

	if (read_file(path, &data, &len) != 0)
		return false;
	*h = 14695981039346656037ULL;
	for (i = 0; i < len; i++) {
		*h ^= data[i];
		*h *= 1099511628211ULL;
	}
	free(data);
	return true;
}

static void
put_packs(struct buf *o, const struct report_ctx *ctx)
{
	struct ruleset *rs = ctx->rules;
	size_t i, j, nr = rs ? ruleset_count(rs) : 0;

	buf_puts(o, "<ul class=\"packs\">\n");
	for (i = 0; i < nr; i++) {
		const struct rule *r = ruleset_rule(rs, i);
		const char *base;
		size_t count = 0;
		bool seen = false;
		unsigned long long h;

		if (r->file == NULL)
			continue;
		for (j = 0; j < i && !seen; j++)
			seen = ruleset_rule(rs, j)->file &&
			    strcmp(ruleset_rule(rs, j)->file, r->file) == 0;
		if (seen)
			continue;
		for (j = i; j < nr; j++)
			if (ruleset_rule(rs, j)->file && strcmp(ruleset_rule(rs, j)->file, r->file) == 0)
				count++;
		base = strrchr(r->file, '/');
		base = base ? base + 1 : r->file;
		buf_puts(o, "<li><code>");
		esc(o, r->pack ? r->pack : "");
		buf_puts(o, "</code>（");
		if (r->file[0] == '(') {
			/* The engine's own rules: no pack file (gwlint's version). */
			buf_printf(o, "内置，%zu 条规则，版本 gwlint " GWLINT_VERSION, count);
		} else {
			esc_path(o, base);
			buf_printf(o, "，%zu 条规则", count);
			if (file_digest(r->file, &h))
				buf_printf(o, "，版本 <span class=\"digest\">fnv1a64:%016llx</span>", h);
		}
		buf_puts(o, "）</li>\n");
	}
	buf_puts(o, "</ul>\n");
}

static const char *
itype_label(enum issuer_type t)
{
	return t == ISSUER_GOVERNMENT ? "党委政府" : t == ISSUER_DEPARTMENT ? "部门" : "未知";
}

static const char *
window_label(enum window_status w)
{
	switch (w) {
	case WINDOW_IN: return "按期";
	case WINDOW_EARLY: return "过早";
	case WINDOW_LATE: return "逾期";
	case WINDOW_NO_DATE: return "无成文日期";
	case WINDOW_NO_YEAR: return "年度不明";
	case WINDOW_BAD_DATE: return "日期无效";
	case WINDOW_UNCHECKED: break;
	}
	return "未检查";
}

static const char *
window_class(enum window_status w)
{
	return w == WINDOW_IN ? "yes" : w == WINDOW_EARLY || w == WINDOW_LATE ? "no" : "na";
}

static void
put_status_table(struct buf *o, const struct page *pg)
{
	size_t i, c;

	buf_puts(o, "<section id=\"status\"><h2>各报告情况</h2>\n"
	    "<p class=\"meta\">按结论（不合格、需修改、合格）再按路径排序；点击路径查看详情。"
	    "✓ 具备，✗ 缺少，– 未检查（规则未启用，或报告年度不明）。</p>\n"
	    "<table class=\"status\"><thead><tr><th>报告</th><th>发文机关</th><th>类型</th>"
	    "<th>年度</th><th>成文日期</th><th>报送期限</th>");
	for (c = 0; c < CONTENT__COUNT; c++)
		buf_printf(o, "<th>%s</th>", content_head[c]);
	buf_puts(o, "<th>错误</th><th>警告</th><th>提示</th><th>结论</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < pg->nreps; i++) {
		const struct rep *r = &pg->reps[i];

		buf_printf(o, "<tr class=\"st-%s\"><td><a href=\"#r%zu\">", status_class[r->st], r->id);
		esc_path(o, r->path);
		buf_puts(o, "</a></td><td>");
		esc(o, r->issuer);
		buf_printf(o, "</td><td>%s</td><td class=\"n\">", itype_label(r->itype));
		if (r->year)
			buf_printf(o, "%d", r->year);
		else
			buf_puts(o, "–");
		buf_puts(o, "</td><td>");
		if (r->dy || r->dm || r->dd)
			buf_printf(o, "%d年%d月%d日", r->dy, r->dm, r->dd);
		else
			buf_puts(o, "–");
		buf_printf(o, "</td><td class=\"%s\">%s</td>", window_class(r->win),
		    window_label(r->win));
		for (c = 0; c < CONTENT__COUNT; c++) {
			enum content_mark m = r->content[c];

			buf_printf(o, "<td class=\"c %s\">%s</td>", m == CONTENT_PRESENT ? "yes" :
			    m == CONTENT_MISSING ? "no" : "na", m == CONTENT_PRESENT ? "✓" :
			    m == CONTENT_MISSING ? "✗" : "–");
		}
		buf_printf(o, "<td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
		    "<td><span class=\"badge st-%s\">%s</span></td></tr>\n", r->n[SEV_ERROR],
		    r->n[SEV_WARNING], r->n[SEV_INFO], status_class[r->st], status_name[r->st]);
	}
	buf_puts(o, "</tbody></table></section>\n");
}

static const char *const sev_color[SEV__COUNT] = {"#888", "#1e6fb8", "#e09000", "#c62828"};

#define SVG_OPEN "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "

/* Findings per rule, bars stacked by severity (error, warning, info). */
static void
chart_rules(struct buf *o, const struct page *pg)
{
	struct rstat *v;
	size_t i, max = 1, n = pg->nrules;
	const double x0 = 230, wmax = 420;
	unsigned h = (unsigned)(40 + 20 * n);
	static const enum severity order[3] = {SEV_ERROR, SEV_WARNING, SEV_INFO};

	buf_puts(o, "<figure><figcaption>各规则的问题数（按严重程度分段）</figcaption>\n");
	if (n == 0) {
		buf_puts(o, "<p>没有问题。</p></figure>\n");
		return;
	}
	v = xcalloc(n, sizeof *v);
	memcpy(v, pg->rules, n * sizeof *v);
	qsort(v, n, sizeof *v, rstat_cmp_total);
	for (i = 0; i < n; i++)
		if (rstat_total(&v[i]) > max)
			max = rstat_total(&v[i]);
	buf_printf(o, SVG_OPEN "id=\"chart-rules\" width=\"720\" height=\"%u\" "
	    "viewBox=\"0 0 720 %u\" aria-label=\"各规则的问题数\">\n", h, h);
	buf_printf(o, "<rect x=\"%g\" y=\"6\" width=\"10\" height=\"10\" fill=\"%s\"/>"
	    "<text x=\"%g\" y=\"15\">错误</text>", x0, sev_color[SEV_ERROR], x0 + 14);
	buf_printf(o, "<rect x=\"%g\" y=\"6\" width=\"10\" height=\"10\" fill=\"%s\"/>"
	    "<text x=\"%g\" y=\"15\">警告</text>", x0 + 60, sev_color[SEV_WARNING], x0 + 74);
	buf_printf(o, "<rect x=\"%g\" y=\"6\" width=\"10\" height=\"10\" fill=\"%s\"/>"
	    "<text x=\"%g\" y=\"15\">提示</text>\n", x0 + 120, sev_color[SEV_INFO], x0 + 134);
	for (i = 0; i < n; i++) {
		double x = x0, y = 28 + 20 * (double)i;
		size_t k, tot = rstat_total(&v[i]);

		buf_puts(o, "<g class=\"bar\"><title>");
		esc(o, v[i].rule);
		buf_printf(o, "：%zu（错误 %zu，警告 %zu，提示 %zu）</title>", tot, v[i].n[SEV_ERROR],
		    v[i].n[SEV_WARNING], v[i].n[SEV_INFO]);
		buf_printf(o, "<text x=\"%g\" y=\"%g\" text-anchor=\"end\">", x0 - 6, y + 12);
		esc(o, v[i].rule);
		buf_puts(o, "</text>");
		for (k = 0; k < 3; k++) {
			size_t c = v[i].n[order[k]];
			double w = wmax * (double)c / (double)max;

			if (c == 0)
				continue;
			if (w < 1)
				w = 1;
			buf_printf(o, "<rect x=\"%.1f\" y=\"%g\" width=\"%.1f\" height=\"14\" fill=\"%s\">"
			    "<title>%s %zu</title></rect>", x, y, w, sev_color[order[k]],
			    sev_label(order[k]), c);
			x += w;
		}
		buf_printf(o, "<text x=\"%.1f\" y=\"%g\" class=\"num\">%zu</text></g>\n", x + 4, y + 12,
		    tot);
	}
	buf_puts(o, "</svg></figure>\n");
	free(v);
}

/* Reports per status. */
static void
chart_status(struct buf *o, const size_t *cnt, size_t total)
{
	static const char *const col[ST__COUNT] = {"#c62828", "#e09000", "#1b7a2e"};
	const double x0 = 80, wmax = 520;
	size_t s;

	buf_puts(o, "<figure><figcaption>各结论的报告数</figcaption>\n");
	buf_puts(o, SVG_OPEN "id=\"chart-status\" width=\"720\" height=\"84\" "
	    "viewBox=\"0 0 720 84\" aria-label=\"各结论的报告数\">\n");
	for (s = 0; s < ST__COUNT; s++) {
		double y = 6 + 26 * (double)s;
		double w = total ? wmax * (double)cnt[s] / (double)total : 0;

		buf_printf(o, "<g class=\"bar\"><title>%s：%zu</title>"
		    "<text x=\"%g\" y=\"%g\" text-anchor=\"end\">%s</text>", status_name[s], cnt[s],
		    x0 - 6, y + 14, status_name[s]);
		if (cnt[s])
			buf_printf(o, "<rect x=\"%g\" y=\"%g\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>",
			    x0, y, w < 1 ? 1 : w, col[s]);
		buf_printf(o, "<text x=\"%.1f\" y=\"%g\" class=\"num\">%zu</text></g>\n",
		    x0 + (cnt[s] ? (w < 1 ? 1 : w) : 0) + 4, y + 14, cnt[s]);
	}
	buf_puts(o, "</svg></figure>\n");
}

/* Day of the year Y+1 (non-leap layout) of m/d of year y, Y+1 = base:
 * 3月1日 is always 59, whatever the year. */
static long
strip_day(int y, int m, int d, int base)
{
	static const int cum[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

	return (long)(y - base) * 365 + cum[m - 1] + (d > 28 && m == 2 ? 28 : d - 1);
}

/* The 成文日期 of every report on one strip, by its place in the filing
 * season of its own report year, against 3月1日 and 4月1日. */
static void
chart_dates(struct buf *o, const struct page *pg)
{
	const long lo = -61, hi = 151;       /* 11月1日 of Y to 5月31日 of Y+1 */
	const double x0 = 40, w = 640;
	unsigned char stack[213];
	size_t i, before = 0, after = 0, undated = 0, wcount[7] = {0};
	static const struct {
		long day;
		const char *label;
	} ticks[] = {{-61, "11月1日"}, {-31, "12月1日"}, {0, "1月1日"}, {31, "2月1日"},
		{59, "3月1日"}, {90, "4月1日"}, {120, "5月1日"}};

	memset(stack, 0, sizeof stack);
	buf_puts(o, "<figure><figcaption>成文日期（按各自报告年度的报送季排列；"
	    "部门 3月1日前报送，4月1日前公开）</figcaption>\n");
	buf_puts(o, SVG_OPEN "id=\"chart-dates\" width=\"720\" height=\"170\" "
	    "viewBox=\"0 0 720 170\" aria-label=\"成文日期\">\n");
	buf_printf(o, "<line x1=\"%g\" y1=\"120\" x2=\"%g\" y2=\"120\" stroke=\"#444\"/>\n", x0,
	    x0 + w);
	for (i = 0; i < ARRAY_LEN(ticks); i++) {
		double x = x0 + w * (double)(ticks[i].day - lo) / (double)(hi - lo);
		bool dl = ticks[i].day == 59 || ticks[i].day == 90;

		buf_printf(o, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"124\" stroke=\"%s\"%s/>"
		    "<text x=\"%.1f\" y=\"138\" text-anchor=\"middle\">%s</text>\n", x, dl ? 14 : 116, x,
		    dl ? "#c62828" : "#444", dl ? " stroke-dasharray=\"4 3\"" : "", x, ticks[i].label);
	}
	buf_printf(o, "<text x=\"%.1f\" y=\"12\" text-anchor=\"end\" class=\"dl\">部门报送期限</text>"
	    "<text x=\"%.1f\" y=\"12\" class=\"dl\">公开期限</text>\n",
	    x0 + w * (double)(59 - lo) / (double)(hi - lo) - 3,
	    x0 + w * (double)(90 - lo) / (double)(hi - lo) + 3);
	for (i = 0; i < pg->nreps; i++) {
		const struct rep *r = &pg->reps[i];
		long day;
		double x, y;
		size_t col;

		if (r->win <= WINDOW_LATE)
			wcount[r->win]++;
		if (r->year == 0 || r->dy < 1000 || r->dm < 1 || r->dm > 12 || r->dd < 1) {
			undated++;
			continue;
		}
		day = strip_day(r->dy, r->dm, r->dd, r->year + 1);
		if (day < lo) {
			before++;
			continue;
		}
		if (day > hi) {
			after++;
			continue;
		}
		col = (size_t)(day - lo);
		x = x0 + w * (double)(day - lo) / (double)(hi - lo);
		y = 113 - 7 * (double)(stack[col] % 14);
		if (stack[col] < 255)
			stack[col]++;
		buf_printf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>", x, y,
		    r->win == WINDOW_IN ? "#1b7a2e" : r->win == WINDOW_EARLY ||
		    r->win == WINDOW_LATE ? "#c62828" : "#888");
		esc_path(o, r->path);
		buf_printf(o, "：%d年%d月%d日（%s）</title></circle>\n", r->dy, r->dm, r->dd,
		    window_label(r->win));
	}
	buf_printf(o, "<text x=\"%g\" y=\"160\">按期 %zu · 过早 %zu · 逾期 %zu · "
	    "无成文日期或年度 %zu · 早于11月1日 %zu · 晚于5月31日 %zu</text>\n", x0,
	    wcount[WINDOW_IN], wcount[WINDOW_EARLY], wcount[WINDOW_LATE], undated, before, after);
	buf_puts(o, "</svg></figure>\n");
}

static void
put_rule_table(struct buf *o, const struct report_ctx *ctx, struct page *pg)
{
	size_t i;

	qsort(pg->rules, pg->nrules, sizeof *pg->rules, rstat_cmp_id);
	buf_puts(o, "<section id=\"rules\"><h2>各规则</h2>\n");
	if (pg->nrules == 0) {
		buf_puts(o, "<p>没有问题。</p></section>\n");
		return;
	}
	buf_puts(o, "<table class=\"rules\"><thead><tr><th>规则</th><th>依据</th><th>错误</th>"
	    "<th>警告</th><th>提示</th><th>涉及报告</th><th>说明</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < pg->nrules; i++) {
		const struct rstat *s = &pg->rules[i];
		const struct rule *r = ctx->rules ? ruleset_find(ctx->rules, s->rule) : NULL;

		buf_printf(o, "<tr id=\"rule-%zu\"><td><code>", i + 1);
		esc(o, s->rule);
		buf_puts(o, "</code></td><td>");
		esc(o, r && r->source ? r->source : "");
		buf_printf(o, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">%zu"
		    "</td><td class=\"n\">%zu</td><td class=\"explain\">", s->n[SEV_ERROR],
		    s->n[SEV_WARNING], s->n[SEV_INFO], s->reports);
		esc(o, r && r->explain ? r->explain : "");
		buf_puts(o, "</td></tr>\n");
	}
	buf_puts(o, "</tbody></table></section>\n");
}

static void
flush_buf(FILE *out, struct buf *b)
{
	fwrite(b->data, 1, b->len, out);
	b->len = 0;
}

static void
end(struct report_ctx *ctx)
{
	struct page *pg = ctx->state;
	struct buf o = {0};
	size_t i, cnt[ST__COUNT] = {0};
	char chunk[1 << 16];
	int a;

	qsort(pg->reps, pg->nreps, sizeof *pg->reps, rep_cmp);
	for (i = 0; i < pg->nreps; i++)
		cnt[pg->reps[i].st]++;
	buf_puts(&o, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\">\n"
	    "<head>\n<meta charset=\"utf-8\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
	    "<meta name=\"generator\" content=\"gwlint " GWLINT_VERSION "\"/>\n"
	    "<title>法治政府建设年度报告审查结果</title>\n<style>\n");
	buf_puts(&o, css);
	buf_puts(&o, "</style>\n</head>\n<body>\n<header>\n<h1>法治政府建设年度报告审查结果</h1>\n");
	buf_puts(&o, "<p class=\"meta\">gwlint " GWLINT_VERSION);
	if (ctx->report_date) {
		buf_puts(&o, " · 审查日期 ");
		esc(&o, ctx->report_date);
	}
	buf_puts(&o, "</p>\n");
	buf_printf(&o, "<p class=\"totals\" id=\"totals\"><span>报告 <b id=\"n-reports\">%zu</b></span>"
	    "<span>合格 <b id=\"n-pass\">%zu</b></span><span>需修改 <b id=\"n-revise\">%zu</b></span>"
	    "<span>不合格 <b id=\"n-fail\">%zu</b></span></p>\n", pg->nreps, cnt[ST_PASS],
	    cnt[ST_REVISE], cnt[ST_FAIL]);
	buf_puts(&o, "<p class=\"meta\">结论只按问题的严重程度判定：<b>合格</b>，没有错误和警告；"
	    "<b>需修改</b>，有警告、没有错误；<b>不合格</b>，至少有一个错误。"
	    "提示不影响结论。</p>\n<p class=\"meta\">规则包：</p>\n");
	put_packs(&o, ctx);
	buf_puts(&o, "<p class=\"meta\">命令：<code class=\"cmd\">");
	for (a = 0; a < ctx->argc; a++) {
		const char *w = ctx->argv[a];

		if (a == 0) {
			const char *sl = strrchr(w, '/');

			w = sl ? sl + 1 : w;
		} else {
			buf_putc(&o, ' ');
		}
		put_word(&o, w);
	}
	buf_puts(&o, "</code></p>\n</header>\n<nav><a href=\"#status\">各报告情况</a> · "
	    "<a href=\"#charts\">图表</a> · <a href=\"#rules\">各规则</a> · "
	    "<a href=\"#details\">详情</a></nav>\n");
	flush_buf(ctx->out, &o);
	put_status_table(&o, pg);
	flush_buf(ctx->out, &o);
	buf_puts(&o, "<section id=\"charts\"><h2>图表</h2>\n");
	chart_rules(&o, pg);
	chart_status(&o, cnt, pg->nreps);
	flush_buf(ctx->out, &o);
	chart_dates(&o, pg);
	buf_puts(&o, "</section>\n");
	flush_buf(ctx->out, &o);
	put_rule_table(&o, ctx, pg);
	buf_puts(&o, "<section id=\"details\"><h2>详情</h2>\n");
	flush_buf(ctx->out, &o);
	fflush(pg->spool);
	for (i = 0; i < pg->nreps; i++) {
		const struct rep *r = &pg->reps[i];
		size_t left = r->len;

		if (fseek(pg->spool, r->off, SEEK_SET) != 0)
			fatal("--format html: cannot read back the temporary file");
		while (left) {
			size_t k = fread(chunk, 1, left < sizeof chunk ? left : sizeof chunk, pg->spool);

			if (k == 0)
				fatal("--format html: cannot read back the temporary file");
			fwrite(chunk, 1, k, ctx->out);
			left -= k;
		}
	}
	buf_puts(&o, "</section>\n</body>\n</html>\n");
	flush_buf(ctx->out, &o);
	buf_free(&o);
	for (i = 0; i < pg->nreps; i++) {
		free(pg->reps[i].path);
		free(pg->reps[i].issuer);
	}
	free(pg->reps);
	free(pg->rules);
	fclose(pg->spool);
	free(pg);
	ctx->state = NULL;
}

const struct formatter format_html = {
	.name = "html",
	.per_file = false,
	.begin = begin,
	.file = file_plain,
	.end = end,
	.file_facts = file_facts,
};
