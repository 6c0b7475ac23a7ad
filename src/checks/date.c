/* SPDX-License-Identifier: MIT */
/** \file date.c
 * \brief Kind `date`, one aspect per rule (`check`):
 *
 *  - `form`: the 成文日期 is written 2024年1月5日: Arabic digits, full
 *    year, no zero padding (GB/T 9704-2012 7.3.5.4); $1 as written, $2 the
 *    expected form, which is also the fix;
 *  - `valid`: a real calendar date: the 成文日期, and every match of
 *    `pattern` (groups 1-3: year, month, day) in the scope; $1 the date;
 *  - `window`: the 成文日期 lies in the filing window of the report year Y:
 *    from `window-start` (MM-DD of Y) to `window-end` (MM-DD of Y+1), or
 *    `department-end` for department issuers (or, when the project config
 *    sets issuer_type, as it says); a year before Y or after Y+1 is graded
 *    `far-severity`.  $1 the date, $2 the window.
 *
 * The issuer lexicon.  `government` and `department` are the only list of
 * organ names gwlint has: an issuer name matching a `government` pattern is
 * a government or party committee, else one matching a `department`
 * pattern a department, else unknown (the report: outline_issuer_type).  A
 * window rule without the lists uses those of the first `date` rule of the
 * rule set that has them; --dump-outline shows the same answer
 * (date_issuer_type).
 */
#include "kinds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../document.h"
#include "../pack.h"
#include "../util.h"

struct params {
	char *check;
	char *pattern;
	enum severity far_severity;  /**< severity a year or more off */
	char **government;       /**< issuer names with the long window */
	unsigned government_count;
	char **department;       /**< issuer names with the short window */
	unsigned department_count;
	char *window_start;      /**< MM-DD in the report year */
	char *window_end;        /**< MM-DD in the next year (government) */
	char *department_end;    /**< MM-DD in the next year (department) */
	/* check: window, $2 of the message: the issuer type's name */
	char *government_label;  /**< "党委、政府" */
	char *department_label;  /**< "部门" */
	char *form_example;      /**< check: form, $2 when the date cannot be read */
};

static const struct kind_key keys[] = {
	KEY_STR("check", struct params, check, KEY_REQUIRED),
	KEY_COMMON_STR("scope", scope, 0),
	KEY_STR("pattern", struct params, pattern, KEY_NONEMPTY),
	KEY_SEV("far-severity", struct params, far_severity, 0),
	KEY_STRS("government", struct params, government, 0),
	KEY_STRS("department", struct params, department, 0),
	KEY_STR("window-start", struct params, window_start, 0),
	KEY_STR("window-end", struct params, window_end, 0),
	KEY_STR("department-end", struct params, department_end, 0),
	KEY_STR("government-label", struct params, government_label, 0),
	KEY_STR("department-label", struct params, department_label, 0),
	KEY_STR("form-example", struct params, form_example, 0),
	KEY_COMMON_STR("fix", fix, 0),
	KEY_COMMON_STR("message", message, KEY_REQUIRED),
	KEY_END
};

enum aspect { A_FORM, A_VALID, A_WINDOW };

struct state {
	enum aspect aspect;
	struct regex *re;
	struct relist gov, dept;
	int start_m, start_d, end_m, end_d, dend_m, dend_d;
	const struct state *lex;  /**< whose government/department lists classify */
};

static void free_state(void *p);

static int
month_day(const char *s, const char *key, int *m, int *d, struct compile_err *e)
{
	int n = 0;

	if (s == NULL)
		return 0;
	if (sscanf(s, "%2d-%2d%n", m, d, &n) != 2 || s[n] != '\0' || *m < 1 || *m > 12 ||
	    *d < 1 || *d > 31) {
		e->key = key;
		snprintf(e->msg, sizeof e->msg, "'%s' is not a month and day MM-DD", s);
		return -1;
	}
	return 0;
}

static int
compile(struct rule *r, const void *p, struct compile_err *e)
{
	const struct params *d = p;
	static const char *const names[] = {"form", "valid", "window"};
	struct state *st = xcalloc(1, sizeof *st);
	size_t i;

	r->state = st;
	for (i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(d->check, names[i]) == 0)
			break;
	if (i == ARRAY_LEN(names)) {
		e->key = "check";
		snprintf(e->msg, sizeof e->msg, "unknown check '%s' (expected form, valid or "
		    "window)", d->check);
		return -1;
	}
	st->aspect = (enum aspect)i;
	st->start_m = 12;
	st->start_d = 1;
	st->end_m = st->dend_m = 3;
	st->end_d = 31;
	st->dend_d = 1;
	if (pattern_compile_opt(d->pattern, "pattern", &st->re, &r->vars, e) ||
	    relist_compile(d->government, d->government_count, "government", false, &st->gov,
	    &r->vars, e) ||
	    relist_compile(d->department, d->department_count, "department", false, &st->dept,
	    &r->vars, e) ||
	    month_day(d->window_start, "window-start", &st->start_m, &st->start_d, e) ||
	    month_day(d->window_end, "window-end", &st->end_m, &st->end_d, e) ||
	    month_day(d->department_end, "department-end", &st->dend_m, &st->dend_d, e))
		return -1;
	if (st->aspect == A_WINDOW)
		r->vars |= VAR_YEAR;
	return 0;
}

static bool
real_date(int y, int m, int d)
{
	return y >= 1000 && calendar_day_ok(y, m, d);
}

static char *
span_text(const struct check_ctx *ctx, size_t a, size_t b)
{
	return xstrndup(doc_text(ctx->doc) + a, b - a);
}

static void
emit2(const struct rule *r, struct check_ctx *ctx, enum severity sev, size_t a, size_t b,
    char *x1, char *x2, char *fix)
{
	const char *args[2];

	args[0] = x1;
	args[1] = x2;
	check_emit_sev(ctx, r, sev, a, b, check_format(r->message, args, 2, ctx->vars), fix);
	free(x1);
	free(x2);
}

static void
run_form(const struct rule *r, struct check_ctx *ctx, const struct ol_date *dt)
{
	char *want;

	if (dt->form == DATE_ARABIC && !dt->padded && dt->y >= 1000)
		return;
	if (dt->y < 1000 || dt->m <= 0 || dt->d <= 0) {
		const char *ex = ((const struct params *)r->params)->form_example;

		emit2(r, ctx, r->default_sev, dt->start, dt->end, span_text(ctx, dt->start, dt->end),
		    xstrdup(ex ? ex : ""), NULL);
		return;
	}
	want = xasprintf("%d年%d月%d日", dt->y, dt->m, dt->d);
	if (!real_date(dt->y, dt->m, dt->d)) { /* no fix for a date that does not exist */
		emit2(r, ctx, r->default_sev, dt->start, dt->end, span_text(ctx, dt->start, dt->end),
		    want, NULL);
		return;
	}
	emit2(r, ctx, r->default_sev, dt->start, dt->end, span_text(ctx, dt->start, dt->end),
	    xstrdup(want), r->fix ? want : (free(want), (char *)NULL));
}

static int
num(const char *s, size_t a, size_t b)
{
	int v = 0;

	for (; a < b && v < 100000; a++)
		if (s[a] >= '0' && s[a] <= '9')
			v = v * 10 + (s[a] - '0');
	return v;
}

static void
run_valid(const struct rule *r, struct check_ctx *ctx, const struct ol_date *dt)
{
	const struct state *st = r->state;
	const char *text = doc_text(ctx->doc);
	const pcre2_code *code = st->re ? regex_code(st->re, ctx->scratch, ctx->vars) : NULL;
	const struct span *sp;
	size_t i, n;
	bool closing_seen = false;

	sp = outline_scope(ctx->ol, r->scope, &n);
	for (i = 0; code && i < n; i++) {
		const char *subj = text + sp[i].start;
		size_t len = sp[i].end - sp[i].start, from = 0;

		while (from < len) {
			size_t s, e, g[6];
			enum match_result mr = regex_search(st->re, code, ctx->scratch, subj, len, from);
			unsigned k;

			if (mr == MATCH_NONE)
				break;
			if (mr != MATCH_FOUND) {
				check_limit(ctx, r, sp[i].start + from);
				return;
			}
			regex_group(ctx->scratch, 0, &s, &e);
			from = e > s ? e : e + 1;
			for (k = 0; k < 3; k++)
				if (!regex_group(ctx->scratch, k + 1, &g[2 * k], &g[2 * k + 1]))
					break;
			if (k < 3)
				continue;
			if (dt && sp[i].start + s <= dt->start && dt->start < sp[i].start + e)
				closing_seen = true;
			if (!real_date(num(subj, g[0], g[1]), num(subj, g[2], g[3]),
			    num(subj, g[4], g[5])))
				emit2(r, ctx, r->default_sev, sp[i].start + s, sp[i].start + e,
				    xstrndup(subj + s, e - s), NULL, NULL);
		}
	}
	if (dt && !closing_seen && dt->form != DATE_OTHER && !real_date(dt->y, dt->m, dt->d))
		emit2(r, ctx, r->default_sev, dt->start, dt->end, span_text(ctx, dt->start, dt->end),
		    NULL, NULL);
}

/* Days since a fixed origin, for comparing dates. */
static long
ordinal_day(int y, int m, int d)
{
	return (long)y * 372 + (long)(m - 1) * 31 + (d - 1);
}

struct classify_arg {
	const struct state *lex;
	struct check_ctx *ctx;
};

static enum issuer_type
classify_name(const char *nm, void *p)
{
	const struct classify_arg *q = p;
	size_t ms, me;

	if (q->lex == NULL)
		return ISSUER_UNKNOWN;
	if (relist_find(&q->lex->gov, q->ctx, nm, strlen(nm), 0, &ms, &me) == 1)
		return ISSUER_GOVERNMENT;
	if (relist_find(&q->lex->dept, q->ctx, nm, strlen(nm), 0, &ms, &me) == 1)
		return ISSUER_DEPARTMENT;
	return ISSUER_UNKNOWN;
}

static enum issuer_type
issuer_type_by(const struct state *lex, struct check_ctx *ctx)
{
	struct classify_arg q = {lex, ctx};

	return outline_issuer_type(ctx->ol, classify_name, &q);
}

static bool
has_lexicon(const struct rule *r)
{
	const struct state *st = r->state;

	return r->kind == &kind_date && st && (st->gov.n || st->dept.n);
}

/* The first date rule of rs with an issuer lexicon, or NULL. */
static const struct rule *
lexicon_rule(struct ruleset *rs)
{
	size_t i;

	for (i = 0; i < ruleset_count(rs); i++)
		if (has_lexicon(ruleset_rule(rs, i)))
			return ruleset_rule(rs, i);
	return NULL;
}

static int
link(struct rule *r, struct ruleset *rs, struct compile_err *e)
{
	struct state *st = r->state;
	const struct rule *lr = has_lexicon(r) ? r : lexicon_rule(rs);

	(void)e;
	st->lex = lr ? lr->state : NULL;
	return 0;
}

enum issuer_type
date_issuer_type(struct ruleset *rs, const struct document *doc, const struct outline *ol)
{
	struct regex_scratch *sc = regex_scratch_new();
	enum issuer_type t = date_issuer_type_sc(rs, doc, ol, sc);

	regex_scratch_free(sc);
	return t;
}

enum issuer_type
date_issuer_type_sc(struct ruleset *rs, const struct document *doc, const struct outline *ol,
    struct regex_scratch *sc)
{
	const struct rule *lr = lexicon_rule(rs);
	struct vars vars;
	struct check_ctx ctx;
	enum issuer_type t;

	if (lr == NULL)
		return ISSUER_UNKNOWN;
	memset(&ctx, 0, sizeof ctx);
	vars.report_year = outline_report_year(ol);
	vars.issuer = outline_issuer(ol);
	ctx.doc = doc;
	ctx.ol = ol;
	ctx.vars = &vars;
	ctx.scratch = sc;
	regex_scratch_rule(sc);
	t = issuer_type_by(lr->state, &ctx);
	return t;
}

static void
run_window(const struct rule *r, struct check_ctx *ctx, const struct ol_date *dt)
{
	const struct state *st = r->state;
	int y = ctx->vars->report_year;
	bool dept;
	int em, ed;
	long day, lo, hi;

	if (y == 0 || !real_date(dt->y, dt->m, dt->d))
		return;
	if (ctx->issuer_type) /* the project config says so */
		dept = strcmp(ctx->issuer_type, "department") == 0;
	else
		dept = issuer_type_by(st->lex, ctx) == ISSUER_DEPARTMENT;
	em = dept ? st->dend_m : st->end_m;
	ed = dept ? st->dend_d : st->end_d;
	day = ordinal_day(dt->y, dt->m, dt->d);
	lo = ordinal_day(y, st->start_m, st->start_d);
	hi = ordinal_day(y + 1, em, ed);
	if (day >= lo && day <= hi)
		return;
	{
		/* $1 the date as written, $2 the issuer type's name, $3-$8 the
		 * window: year, month, day of its first and of its last day. */
		const struct params *d = r->params;
		const char *label = dept ? d->department_label : d->government_label;
		int wnum[6];
		char *args[8];
		size_t k;

		wnum[0] = y;
		wnum[1] = st->start_m;
		wnum[2] = st->start_d;
		wnum[3] = y + 1;
		wnum[4] = em;
		wnum[5] = ed;
		args[0] = span_text(ctx, dt->start, dt->end);
		args[1] = xstrdup(label ? label : "");
		for (k = 0; k < 6; k++)
			args[2 + k] = xasprintf("%d", wnum[k]);
		check_emit_sev(ctx, r, (dt->y <= y - 1 || dt->y >= y + 2) && d->far_severity ?
		    d->far_severity : r->default_sev, dt->start, dt->end,
		    check_format(r->message, (const char *const *)args, 8, ctx->vars), NULL);
		for (k = 0; k < 8; k++)
			free(args[k]);
	}
}

static void
run(const struct rule *r, struct check_ctx *ctx)
{
	const struct state *st = r->state;
	const struct ol_date *dt = outline_date(ctx->ol);

	switch (st->aspect) {
	case A_FORM:
		if (dt)
			run_form(r, ctx, dt);
		break;
	case A_VALID:
		run_valid(r, ctx, dt);
		break;
	case A_WINDOW:
		if (dt)
			run_window(r, ctx, dt);
		break;
	}
}

static void
free_state(void *p)
{
	struct state *st = p;

	if (st == NULL)
		return;
	regex_free(st->re);
	relist_free(&st->gov);
	relist_free(&st->dept);
	free(st);
}

const struct check_kind kind_date = {
	.name = "date",
	.keys = keys,
	.params_size = sizeof(struct params),
	.compile = compile,
	.run = run,
	.free_state = free_state,
	.link = link,
};
