/* SPDX-License-Identifier: MIT */
/** \file layout.c
 * \brief Kind `layout`: GB/T 9704 layout of a .docx (paper, margins, grid,
 *        fonts, sizes, indent, colour, page numbers) from the layout the
 *        reader gives (input/docx_layout.h).  Silent when the document has
 *        none (text and Markdown input).
 *
 * Every value is the pack's: `value`, `min`/`max`, `width`/`height` with
 * `tolerance` (twips), `fonts` (an alias list: a font matches when its name
 * or its fontTable w:altName is in the list), `align`, `dash`.  The message
 * gets $1 (what the document has) and $2 (what is expected).
 * Paragraph findings span the offending run (docx.h's struct docx_run.props
 * names its layout run; the whole paragraph when the readers' runs could
 * not be paired); section findings sit
 * at the section's first body paragraph.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../check.h"
#include "../document.h"
#include "../input/docx_layout.h"
#include "../input/extract.h"
#include "../util.h"
#include "kinds.h"

struct params {
	char *check;
	unsigned value, min, max, width, height, tolerance;
	char **fonts;
	unsigned fonts_count;
	char *align;       /* title-align; page-number-place: the odd pages' */
	char *even_align;  /* page-number-place: the even pages' */
	char *dash;        /* page-number-form: the character on each side */
};

static const struct kind_key keys[] = {
	KEY_STR("check", struct params, check, KEY_REQUIRED | KEY_NONEMPTY),
	KEY_UINT("value", struct params, value, 0),
	KEY_UINT("min", struct params, min, 0),
	KEY_UINT("max", struct params, max, 0),
	KEY_UINT("width", struct params, width, 0),
	KEY_UINT("height", struct params, height, 0),
	KEY_UINT("tolerance", struct params, tolerance, 0),
	KEY_STRS("fonts", struct params, fonts, KEY_NONEMPTY),
	KEY_STR("align", struct params, align, KEY_NONEMPTY),
	KEY_STR("even-align", struct params, even_align, KEY_NONEMPTY),
	KEY_STR("dash", struct params, dash, KEY_NONEMPTY),
	KEY_COMMON_STR("message", message, KEY_REQUIRED),
	KEY_END
};

enum chk {
	C_PAGE_SIZE, C_MARGIN_TOP, C_MARGIN_BOTTOM, C_MARGIN_LEFT, C_MARGIN_RIGHT,
	C_LINE_GRID, C_CHAR_GRID, C_FONT, C_SIZE, C_TITLE_ALIGN, C_INDENT, C_COLOUR,
	C_PN_PRESENT, C_PN_FORM, C_PN_SIZE, C_PN_FONT, C_PN_PLACE, C_PN_INDENT
};

/* Which paragraphs a font or size check reads. */
enum target { T_BODY, T_TITLE, T_H1, T_H2, T_H3 };

struct state {
	const struct params *p;
	enum chk chk;
	enum target target;
};

static const struct {
	const char *name;
	enum chk chk;
	enum target target;
	unsigned need;   /* 1 value, 2 min+max, 4 width+height, 8 fonts, 16 align, 32 dash */
} checks[] = {
	{"page-size", C_PAGE_SIZE, T_BODY, 4},
	{"margin-top", C_MARGIN_TOP, T_BODY, 2},
	{"margin-bottom", C_MARGIN_BOTTOM, T_BODY, 2},
	{"margin-left", C_MARGIN_LEFT, T_BODY, 2},
	{"margin-right", C_MARGIN_RIGHT, T_BODY, 2},
	{"line-grid", C_LINE_GRID, T_BODY, 2},
	{"char-grid", C_CHAR_GRID, T_BODY, 1},
	{"body-font", C_FONT, T_BODY, 8},
	{"body-size", C_SIZE, T_BODY, 1},
	{"title-font", C_FONT, T_TITLE, 8},
	{"title-size", C_SIZE, T_TITLE, 1},
	{"title-align", C_TITLE_ALIGN, T_TITLE, 16},
	{"heading1-font", C_FONT, T_H1, 8},
	{"heading1-size", C_SIZE, T_H1, 1},
	{"heading2-font", C_FONT, T_H2, 8},
	{"heading2-size", C_SIZE, T_H2, 1},
	{"heading3-font", C_FONT, T_H3, 8},
	{"first-line-indent", C_INDENT, T_BODY, 1},
	{"text-colour", C_COLOUR, T_BODY, 0},
	{"page-number-present", C_PN_PRESENT, T_BODY, 0},
	{"page-number-form", C_PN_FORM, T_BODY, 32},
	{"page-number-size", C_PN_SIZE, T_BODY, 1},
	{"page-number-font", C_PN_FONT, T_BODY, 8},
	{"page-number-place", C_PN_PLACE, T_BODY, 16},
	{"page-number-indent", C_PN_INDENT, T_BODY, 17},
};

static int
compile(struct rule *r, const void *pv, struct compile_err *e)
{
	const struct params *p = pv;
	struct state *st;
	size_t i;

	for (i = 0; i < sizeof checks / sizeof checks[0]; i++)
		if (strcmp(checks[i].name, p->check) == 0)
			break;
	if (i == sizeof checks / sizeof checks[0]) {
		struct buf b = {0};
		size_t j;

		for (j = 0; j < sizeof checks / sizeof checks[0]; j++)
			buf_printf(&b, "%s%s", j ? ", " : "", checks[j].name);
		e->key = "check";
		snprintf(e->msg, sizeof e->msg, "unknown layout check '%s' (expected one of %s)",
		    p->check, b.data);
		buf_free(&b);
		return -1;
	}
	e->key = NULL;
	if ((checks[i].need & 1) && p->value == 0)
		snprintf(e->msg, sizeof e->msg, "layout check '%s' needs 'value'", p->check);
	else if ((checks[i].need & 2) && (p->max == 0 || p->min > p->max))
		snprintf(e->msg, sizeof e->msg, "layout check '%s' needs 'min' and 'max' (min <= max)",
		    p->check);
	else if ((checks[i].need & 4) && (p->width == 0 || p->height == 0))
		snprintf(e->msg, sizeof e->msg, "layout check '%s' needs 'width' and 'height'", p->check);
	else if ((checks[i].need & 8) && p->fonts_count == 0)
		snprintf(e->msg, sizeof e->msg, "layout check '%s' needs 'fonts'", p->check);
	else if ((checks[i].need & 16) && p->align == NULL)
		snprintf(e->msg, sizeof e->msg, "layout check '%s' needs 'align'", p->check);
	else if ((checks[i].need & 32) && p->dash == NULL)
		snprintf(e->msg, sizeof e->msg, "layout check '%s' needs 'dash'", p->check);
	else
		e->msg[0] = '\0';
	if (e->msg[0])
		return -1;
	st = xcalloc(1, sizeof *st);
	st->p = p;
	st->chk = checks[i].chk;
	st->target = checks[i].target;
	r->state = st;
	return 0;
}

/* ---- where findings land ---- */

struct where {
	const struct docx_layout *l;
	const struct docx *d;
	const struct text_origin *o;
	size_t *body_line;     /* k-th body paragraph → 0-based line of the text */
	size_t nbody;
	bool paired;           /* the reader's body paragraphs are the layout's */
};

static void
where_free(void *v)
{
	struct where *w = v;

	free(w->body_line);
	free(w);
}

static const char where_key = 0;

static const struct where *
where_of(struct check_ctx *ctx)
{
	struct where *w = check_cache_get(ctx, &where_key);
	const struct text_origin *o;
	size_t i, n;

	if (w)
		return w->l ? w : NULL;
	w = xcalloc(1, sizeof *w);
	check_cache_put(ctx, &where_key, w, where_free);
	o = doc_origin(ctx->doc);
	w->d = text_origin_docx(o);
	w->l = docx_layout(w->d);
	w->o = o;
	if (w->l == NULL)
		return NULL;
	n = text_origin_count(o);
	w->body_line = xcalloc(n ? n : 1, sizeof *w->body_line);
	for (i = 0; i < n; i++)
		if (text_origin_line(o, i)->story == DOCX_BODY)
			w->body_line[w->nbody++] = i;
	/* the two readers count the body's paragraphs alike; should they not,
	 * no paragraph finding is placed (it could land on the wrong line) and
	 * only the first section is checked, at the first paragraph */
	w->paired = w->nbody == docx_layout_para_count(w->l);
	if (!w->paired && w->nbody > docx_layout_para_count(w->l))
		w->nbody = docx_layout_para_count(w->l);
	return w;
}

/* The bytes of body paragraph k's line (after its numbering label), or of
 * its run `run` when the reader's runs pair with the layout's. */
static void
span_of(const struct check_ctx *ctx, const struct where *w, size_t k, size_t run,
    size_t *a, size_t *b)
{
	size_t line = w->body_line[k], s, e;
	const struct line_origin *lo = text_origin_line(w->o, line);
	const struct docx_para *dp = docx_para_at(w->d, line);
	uint32_t id = run != (size_t)-1 ? docx_layout_run_id(w->l, k, run) : 0;
	size_t j;

	doc_line_span(ctx->doc, line, &s, &e);
	*a = s + (lo && lo->label_len <= e - s ? lo->label_len : 0);
	*b = e;
	/* the reader's run whose props is the layout run's id */
	for (j = 0; id && dp && j < dp->nruns; j++)
		if (dp->runs[j].props == id && s + dp->runs[j].start + dp->runs[j].len <= e) {
			*a = s + dp->runs[j].start;
			*b = *a + dp->runs[j].len;
			break;
		}
}

static void
emit(const struct rule *r, struct check_ctx *ctx, const struct where *w, size_t k, size_t run,
    enum severity sev, const char *have, const char *want)
{
	const char *args[2] = {have, want};
	size_t a = 0, b = 0;

	if (w->nbody)
		span_of(ctx, w, k < w->nbody && w->paired ? k : 0, run, &a, &b);
	check_emit_sev(ctx, r, sev, a, b, check_format(r->message, args, 2, ctx->vars), NULL);
}

/* ---- values as text ---- */

static void
twips(char *out, size_t cap, long v)
{
	if (v == DOCX_UNSET)
		snprintf(out, cap, "未设置");
	else
		snprintf(out, cap, "%ld twips（%.1f mm）", v, (double)v * 25.4 / 1440.0);
}

static void
range(char *out, size_t cap, unsigned lo, unsigned hi)
{
	snprintf(out, cap, "%u–%u twips（%.1f–%.1f mm）", lo, hi, lo * 25.4 / 1440.0,
	    hi * 25.4 / 1440.0);
}

static bool
font_ok(const struct params *p, const struct docx_layout *l, const char *name)
{
	const char *alt = docx_layout_alt_name(l, name);
	unsigned i;

	if (name == NULL)
		return false;
	for (i = 0; i < p->fonts_count; i++)
		if (strcmp(p->fonts[i], name) == 0 || (alt && strcmp(p->fonts[i], alt) == 0))
			return true;
	return false;
}

static void
font_list(char *out, size_t cap, const struct params *p)
{
	size_t n = 0;
	unsigned i;

	out[0] = '\0';
	for (i = 0; i < p->fonts_count && n + 1 < cap; i++)
		n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? "、" : "", p->fonts[i]);
}

/* ---- section checks ---- */

/* Whether a section's page is turned: wider than tall (w:orient="landscape"
 * or the sizes alone). */
static bool
turned(const struct docx_section *s)
{
	return s->landscape || (s->pg_w != DOCX_UNSET && s->pg_h != DOCX_UNSET && s->pg_w > s->pg_h);
}

static void
run_section(const struct rule *r, struct check_ctx *ctx, const struct where *w,
    const struct state *st)
{
	const struct params *p = st->p;
	size_t i, n = docx_layout_section_count(w->l);
	char have[160], want[160];

	for (i = 0; i < n; i++) {
		const struct docx_section *s = docx_layout_section(w->l, i);
		long v = DOCX_UNSET;

		if (w->nbody && s->first_para >= w->nbody)
			continue;          /* an empty last section */
		if (!w->paired && i > 0)
			break;
		switch (st->chk) {
		case C_PAGE_SIZE: {
			long tol = (long)p->tolerance;

			bool set = s->pg_w != DOCX_UNSET && s->pg_h != DOCX_UNSET;

			if (set && labs(s->pg_w - (long)p->width) <= tol &&
			    labs(s->pg_h - (long)p->height) <= tol)
				continue;
			if (!set)
				snprintf(have, sizeof have, "未设置");
			else
				snprintf(have, sizeof have, "%ld × %ld twips（%.1f × %.1f mm）", s->pg_w, s->pg_h,
				    (double)s->pg_w * 25.4 / 1440.0, (double)s->pg_h * 25.4 / 1440.0);
			snprintf(want, sizeof want, "%u × %u twips（%.1f × %.1f mm）", p->width, p->height,
			    p->width * 25.4 / 1440.0, p->height * 25.4 / 1440.0);
			/* a landscape A4 section (a wide table): info */
			emit(r, ctx, w, s->first_para, (size_t)-1,
			    set && labs(s->pg_w - (long)p->height) <= tol &&
			    labs(s->pg_h - (long)p->width) <= tol ? SEV_INFO : SEV_NONE, have, want);
			continue;
		}
		default:
			break;
		}
		/* a landscape section (a wide table; page-size reports it, as info
		 * when it is A4 turned): its margins and grid are the turned
		 * page's, not the 版心's */
		if (turned(s))
			continue;
		switch (st->chk) {
		case C_MARGIN_TOP: v = s->top; break;
		case C_MARGIN_BOTTOM: v = s->bottom; break;
		case C_MARGIN_LEFT:
			v = s->left;
			if (v != DOCX_UNSET && s->gutter != DOCX_UNSET)
				v += s->gutter;   /* the gutter adds to the binding side */
			break;
		case C_MARGIN_RIGHT: v = s->right; break;
		case C_LINE_GRID: {
			size_t k;
			bool exact = w->nbody > 0;

			if ((s->grid == DOCX_GRID_LINES || s->grid == DOCX_GRID_LINES_CHARS) &&
			    s->line_pitch >= (long)p->min &&
			    s->line_pitch <= (long)p->max)
				continue;
			/* or every body paragraph of the section at an exact line spacing */
			for (k = s->first_para; k < s->first_para + s->npara && k < w->nbody; k++) {
				const struct docx_lpara *lp = docx_layout_para(w->l, k);

				if (outline_line_role(ctx->ol, w->body_line[k]) != ROLE_BODY)
					continue;
				if (lp->pp.line_rule == NULL || strcmp(lp->pp.line_rule, "exact") != 0 ||
				    lp->pp.line < (long)p->min || lp->pp.line > (long)p->max)
					exact = false;
			}
			if (exact)
				continue;
			if (s->grid != DOCX_GRID_LINES && s->grid != DOCX_GRID_LINES_CHARS)
				snprintf(have, sizeof have, "无行网格（docGrid 的 type 不是 lines 或 linesAndChars）");
			else
				snprintf(have, sizeof have, "行距 %ld twips（每页约 %ld 行）", s->line_pitch,
				    s->line_pitch > 0 && s->pg_h != DOCX_UNSET && s->top != DOCX_UNSET &&
				    s->bottom != DOCX_UNSET ? (s->pg_h - s->top - s->bottom) / s->line_pitch : 0L);
			range(want, sizeof want, p->min, p->max);
			emit(r, ctx, w, s->first_para, (size_t)-1, SEV_NONE, have, want);
			continue;
		}
		case C_CHAR_GRID: {
			long nsz = docx_layout_normal_sz(w->l);
			double width, pitch, chars = 0;

			if (nsz == DOCX_UNSET)
				nsz = 20;
			if ((s->grid == DOCX_GRID_LINES_CHARS || s->grid == DOCX_GRID_SNAP_CHARS) &&
			    s->pg_w != DOCX_UNSET && s->left != DOCX_UNSET && s->right != DOCX_UNSET) {
				width = (double)(s->pg_w - s->left - s->right -
				    (s->gutter != DOCX_UNSET ? s->gutter : 0)) / 20.0;
				pitch = (double)nsz / 2.0 + (s->char_space != DOCX_UNSET ? (double)s->char_space : 0.0) / 4096.0;
				chars = pitch > 0 ? (double)(long)(width / pitch + 0.01) : 0;
				if ((unsigned)chars == p->value)
					continue;
				snprintf(have, sizeof have, "每行 %.0f 字", chars);
			} else {
				snprintf(have, sizeof have, "无字符网格");
			}
			snprintf(want, sizeof want, "每行 %u 字", p->value);
			emit(r, ctx, w, s->first_para, (size_t)-1, SEV_NONE, have, want);
			continue;
		}
		default:
			return;
		}
		if (v != DOCX_UNSET && v >= (long)p->min && v <= (long)p->max)
			continue;
		twips(have, sizeof have, v);
		range(want, sizeof want, p->min, p->max);
		emit(r, ctx, w, s->first_para, (size_t)-1, SEV_NONE, have, want);
	}
}

/* ---- page numbers ---- */

static bool
form_ok(const char *t, const char *dash)
{
	size_t dl = strlen(dash);
	bool digits = false;

	if (t == NULL)
		return false;
	while (*t == ' ' || strncmp(t, "\xe3\x80\x80", 3) == 0)
		t += *t == ' ' ? 1 : 3;
	if (strncmp(t, dash, dl) != 0)
		return false;
	t += dl;
	while (*t == ' ' || strncmp(t, "\xe3\x80\x80", 3) == 0 || strncmp(t, "\xc2\xa0", 2) == 0)
		t += *t == ' ' ? 1 : (unsigned char)*t == 0xc2 ? 2 : 3;
	while (*t >= '0' && *t <= '9') {
		t++;
		digits = true;
	}
	if (!digits)
		return false;
	while (*t == ' ' || strncmp(t, "\xe3\x80\x80", 3) == 0 || strncmp(t, "\xc2\xa0", 2) == 0)
		t += *t == ' ' ? 1 : (unsigned char)*t == 0xc2 ? 2 : 3;
	if (strncmp(t, dash, dl) != 0)
		return false;
	t += dl;
	while (*t == ' ' || strncmp(t, "\xe3\x80\x80", 3) == 0)
		t += *t == ' ' ? 1 : 3;
	return *t == '\0';
}

static const char *const ftr_names[DOCX_FTR__COUNT] = {"奇数页（默认）页脚", "偶数页页脚", "首页页脚"};

/* Whether a footer aligned to side `jc` ("right" or "left") lacks the one
 * character (空一字) on that side: w:ind rightChars/leftChars of `value`
 * hundredths, else w:right/w:left within `tolerance` of `value` hundredths
 * of a character of the page number's size, else a U+3000 at that end of
 * the text.  A footer aligned otherwise is page-number-place's: false.
 * When lacking, `have` says what there is. */
static bool
indented_not(const struct docx_footer *f, const char *jc, const struct params *p, char *have,
    size_t cap)
{
	bool right = strcmp(jc, "right") == 0;
	const char *fjc = f->pp.jc ? f->pp.jc : "left";
	long chars = right ? f->pp.right_chars : f->pp.left_chars;
	long tw = right ? f->pp.right : f->pp.left;
	long sz = f->rp.sz == DOCX_UNSET ? 20 : f->rp.sz;
	long one = sz * 10 * (long)p->value / 100;   /* a character is sz/2 pt = sz*10 twips */
	const char *t = f->text ? f->text : "";
	size_t n = strlen(t);

	if (strcmp(fjc, jc) != 0 && !(right && strcmp(fjc, "end") == 0) &&
	    !(!right && strcmp(fjc, "start") == 0))
		return false;
	if (chars != DOCX_UNSET && chars != 0)
		return chars != (long)p->value && (snprintf(have, cap, "%s缩进 %.2f 字",
		    right ? "右" : "左", (double)chars / 100.0), true);
	if (tw != DOCX_UNSET && labs(tw - one) <= (long)p->tolerance)
		return false;
	if (right ? n >= 3 && strcmp(t + n - 3, "\xe3\x80\x80") == 0 :
	    strncmp(t, "\xe3\x80\x80", 3) == 0)
		return false;
	snprintf(have, cap, "%s缩进 %ld twips", right ? "右" : "左", tw == DOCX_UNSET ? 0L : tw);
	return true;
}

/* Whether footer `name` lacks the character on side `jc`; `have` says so. */
static bool
indent_missing(const struct docx_footer *f, const char *jc, const struct params *p,
    const char *name, char *have, size_t cap)
{
	char buf[128];

	if (!indented_not(f, jc, p, buf, sizeof buf))
		return false;
	snprintf(have, cap, "%s%s对齐而未空一字（%s）", name, strcmp(jc, "right") == 0 ? "右" : "左", buf);
	return true;
}

static void
run_footers(const struct rule *r, struct check_ctx *ctx, const struct where *w,
    const struct state *st)
{
	const struct params *p = st->p;
	bool even_odd = docx_layout_even_odd(w->l);
	size_t i, n = docx_layout_section_count(w->l);
	char have[256], want[256];
	int t;

	for (i = 0; i < n; i++) {
		const struct docx_section *s = docx_layout_section(w->l, i);

		if (w->nbody && s->first_para >= w->nbody)
			continue;
		if (!w->paired && i > 0)
			break;
		if (st->chk == C_PN_PRESENT) {
			const struct docx_footer *f = &s->footers[DOCX_FTR_DEFAULT];

			have[0] = '\0';
			if (!f->has_page)
				snprintf(have, sizeof have, "%s无页码（PAGE 域）", ftr_names[0]);
			else if (even_odd && !s->footers[DOCX_FTR_EVEN].has_page)
				snprintf(have, sizeof have, "%s无页码（PAGE 域）", ftr_names[1]);
			else if (s->title_pg && !s->footers[DOCX_FTR_FIRST].has_page)
				snprintf(have, sizeof have, "设置了首页不同（titlePg），首页页脚无页码");
			if (have[0]) {
				snprintf(want, sizeof want, "每页都有页码");
				emit(r, ctx, w, s->first_para, (size_t)-1, SEV_NONE, have, want);
			}
			continue;
		}
		for (t = 0; t < DOCX_FTR__COUNT; t++) {
			const struct docx_footer *f = &s->footers[t];
			const char *want_jc;

			if (!f->has_page || (t == DOCX_FTR_EVEN && !even_odd) ||
			    (t == DOCX_FTR_FIRST && !s->title_pg))
				continue;
			switch (st->chk) {
			case C_PN_FORM:
				if (form_ok(f->text, p->dash))
					continue;
				snprintf(have, sizeof have, "%s为「%s」", ftr_names[t], f->text ? f->text : "");
				snprintf(want, sizeof want, "%s N %s", p->dash, p->dash);
				break;
			case C_PN_SIZE:
				if (f->rp.sz == (long)p->value || (f->rp.sz == DOCX_UNSET && p->value == 20))
					continue;
				snprintf(have, sizeof have, "%s字号 %ld（半磅）", ftr_names[t],
				    f->rp.sz == DOCX_UNSET ? 20L : f->rp.sz);
				snprintf(want, sizeof want, "%u（半磅）", p->value);
				break;
			case C_PN_FONT:
				if (font_ok(p, w->l, f->rp.ascii))
					continue;
				snprintf(have, sizeof have, "%s字体「%s」", ftr_names[t],
				    f->rp.ascii ? f->rp.ascii : "未设置");
				font_list(want, sizeof want, p);
				break;
			case C_PN_PLACE:
				want_jc = t == DOCX_FTR_EVEN && p->even_align ? p->even_align : p->align;
				if (!even_odd && t == DOCX_FTR_DEFAULT && p->even_align) {
					/* one footer for every page cannot be right on odd and left on even pages */
					snprintf(have, sizeof have, "未设置奇偶页不同，所有页码%s",
					    f->pp.jc ? f->pp.jc : "left");
					snprintf(want, sizeof want, "单页 %s、双页 %s", p->align, p->even_align);
					break;
				}
				if (f->pp.jc && strcmp(f->pp.jc, want_jc) == 0)
					continue;
				if (f->pp.jc == NULL && strcmp(want_jc, "left") == 0)
					continue;
				snprintf(have, sizeof have, "%s对齐 %s", ftr_names[t], f->pp.jc ? f->pp.jc : "left");
				snprintf(want, sizeof want, "%s", want_jc);
				break;
			case C_PN_INDENT:
				want_jc = t == DOCX_FTR_EVEN && p->even_align ? p->even_align : p->align;
				if (!indent_missing(f, want_jc, p, ftr_names[t], have, sizeof have))
					continue;
				snprintf(want, sizeof want, "%s空一字（%s=%u，或一个字宽的 %s）",
				    strcmp(want_jc, "right") == 0 ? "右" : "左",
				    strcmp(want_jc, "right") == 0 ? "rightChars" : "leftChars", p->value,
				    strcmp(want_jc, "right") == 0 ? "w:right" : "w:left");
				break;
			default:
				return;
			}
			emit(r, ctx, w, s->first_para, (size_t)-1, SEV_NONE, have, want);
			break;     /* one finding per section */
		}
	}
}

/* ---- paragraph checks ---- */

static bool
targeted(const struct check_ctx *ctx, enum target t, size_t line, const int *level)
{
	enum line_role role = outline_line_role(ctx->ol, line);

	switch (t) {
	case T_BODY: return role == ROLE_BODY;
	case T_TITLE: return role == ROLE_TITLE;
	case T_H1: return role == ROLE_HEADING && level[line] == 1;
	case T_H2: return role == ROLE_HEADING && level[line] == 2;
	case T_H3: return role == ROLE_HEADING && level[line] >= 3;
	}
	return false;
}

/* Whether run j of body paragraph k holds a non-ASCII character (where the
 * East Asian font applies); true when the runs cannot be paired. */
static bool
run_cjk(const struct check_ctx *ctx, const struct where *w, size_t k, size_t j)
{
	size_t a, b;
	const char *t = doc_text(ctx->doc);

	span_of(ctx, w, k, j, &a, &b);
	for (; a < b; a++)
		if ((unsigned char)t[a] >= 0x80)
			return true;
	return false;
}

static bool
colour_bad(const struct docx_rprops *rp, char *have, size_t cap)
{
	if (rp->color && strcasecmp(rp->color, "auto") != 0 && strcasecmp(rp->color, "000000") != 0) {
		snprintf(have, cap, "文字颜色 %s", rp->color);
		return true;
	}
	if (rp->highlight && strcmp(rp->highlight, "none") != 0) {
		snprintf(have, cap, "突出显示 %s", rp->highlight);
		return true;
	}
	if (rp->shd && strcasecmp(rp->shd, "auto") != 0 && strcasecmp(rp->shd, "FFFFFF") != 0) {
		snprintf(have, cap, "底纹 %s", rp->shd);
		return true;
	}
	return false;
}

static void
run_paras(const struct rule *r, struct check_ctx *ctx, const struct where *w,
    const struct state *st)
{
	const struct params *p = st->p;
	size_t k, j, nlines = doc_line_count(ctx->doc), h, nh = outline_heading_count(ctx->ol);
	int *level = xcalloc(nlines + 1, sizeof *level);
	char have[256], want[256];

	for (h = 0; h < nh; h++) {
		const struct heading *hd = outline_heading(ctx->ol, h);

		if (hd->line < nlines)
			level[hd->line] = hd->level;
	}
	for (k = 0; w->paired && k < w->nbody; k++) {
		const struct docx_lpara *lp = docx_layout_para(w->l, k);
		size_t line = w->body_line[k];

		if (line >= nlines || !targeted(ctx, st->chk == C_COLOUR ? T_BODY : st->target, line,
		    level))
			continue;
		if (st->chk == C_COLOUR && outline_line_role(ctx->ol, line) == ROLE_BLANK)
			continue;
		switch (st->chk) {
		case C_FONT:
			for (j = 0; j < lp->nruns; j++) {
				const char *f = lp->runs[j].rp.east_asia;

				if (font_ok(p, w->l, f) || !run_cjk(ctx, w, k, j))
					continue;
				snprintf(have, sizeof have, "%s", f ? f : "未设置");
				font_list(want, sizeof want, p);
				emit(r, ctx, w, k, j, SEV_NONE, have, want);
				break;
			}
			break;
		case C_SIZE:
			for (j = 0; j < lp->nruns; j++) {
				long sz = lp->runs[j].rp.sz == DOCX_UNSET ? 20 : lp->runs[j].rp.sz;

				if (sz == (long)p->value)
					continue;
				snprintf(have, sizeof have, "%ld（%g 磅）", sz, (double)sz / 2.0);
				snprintf(want, sizeof want, "%u（%g 磅）", p->value, p->value / 2.0);
				emit(r, ctx, w, k, j, SEV_NONE, have, want);
				break;
			}
			break;
		case C_TITLE_ALIGN:
			if (lp->pp.jc && strcmp(lp->pp.jc, p->align) == 0)
				break;
			snprintf(have, sizeof have, "%s", lp->pp.jc ? lp->pp.jc : "left");
			snprintf(want, sizeof want, "%s", p->align);
			emit(r, ctx, w, k, (size_t)-1, SEV_NONE, have, want);
			break;
		case C_INDENT: {
			long sz = lp->nruns && lp->runs[0].rp.sz != DOCX_UNSET ? lp->runs[0].rp.sz :
			    lp->rp.sz != DOCX_UNSET ? lp->rp.sz : 20;
			long twant = sz * 10 * (long)p->value / 100;  /* a character is sz/2 pt */

			if (lp->pp.first_line_chars != DOCX_UNSET && lp->pp.first_line_chars != 0) {
				if (lp->pp.first_line_chars == (long)p->value)
					break;
				snprintf(have, sizeof have, "首行缩进 %.2f 字", (double)lp->pp.first_line_chars / 100.0);
			} else {
				long fl = lp->pp.first_line == DOCX_UNSET ? 0 : lp->pp.first_line;

				if (labs(fl - twant) <= (long)p->tolerance)
					break;
				snprintf(have, sizeof have, "首行缩进 %ld twips（%.2f 字）", fl,
				    sz ? (double)fl / ((double)sz * 10.0) : 0.0);
			}
			snprintf(want, sizeof want, "%.2f 字（firstLineChars=%u）", p->value / 100.0, p->value);
			emit(r, ctx, w, k, (size_t)-1, SEV_NONE, have, want);
			break;
		}
		case C_COLOUR:
			for (j = 0; j < lp->nruns; j++) {
				if (!colour_bad(&lp->runs[j].rp, have, sizeof have))
					continue;
				snprintf(want, sizeof want, "黑色（auto 或 000000），无突出显示和底纹");
				emit(r, ctx, w, k, j, SEV_NONE, have, want);
				break;
			}
			break;
		default:
			break;
		}
	}
	free(level);
}

static void
run(const struct rule *r, struct check_ctx *ctx)
{
	const struct state *st = r->state;
	const struct where *w;

	if (doc_origin(ctx->doc) == NULL || text_origin_docx(doc_origin(ctx->doc)) == NULL)
		return;
	w = where_of(ctx);
	if (w == NULL)
		return;
	switch (st->chk) {
	case C_PAGE_SIZE: case C_MARGIN_TOP: case C_MARGIN_BOTTOM: case C_MARGIN_LEFT:
	case C_MARGIN_RIGHT: case C_LINE_GRID: case C_CHAR_GRID:
		run_section(r, ctx, w, st);
		break;
	case C_PN_PRESENT: case C_PN_FORM: case C_PN_SIZE: case C_PN_FONT: case C_PN_PLACE:
	case C_PN_INDENT:
		run_footers(r, ctx, w, st);
		break;
	default:
		run_paras(r, ctx, w, st);
		break;
	}
}

const struct check_kind kind_layout = {
	.name = "layout",
	.keys = keys,
	.params_size = sizeof(struct params),
	.compile = compile,
	.run = run,
	.free_state = free,
	.needs_docx = true,
};
