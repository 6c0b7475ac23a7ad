/* SPDX-License-Identifier: MIT */
/** \file section.c
 * \brief Kind `section`: a mandated content item of the report, found by
 *        its headings (lexicons), topic headings or body evidence; and the
 *        years written in an item's headings.
 *
 * Presence (the default): the item is there when
 *  1. a level-1 heading's text matches `headings` (and no `exclude`), else
 *  2. a level 2-4 heading's text matches `subheadings`, else
 *  3. with `topic-min`, at least that many level-1 "topic" headings stand
 *     before the first level-1 heading of the `topic-stop` items, a topic
 *     heading being one that no `topic-excludes` item claims and that no
 *     `topic-ignore` pattern matches (a thematic-only report), else
 *  4. a `body` pattern matches body text.
 * One heading may serve several items (三、存在问题及2021年工作安排).
 * `within: ID` looks for the `body` patterns only inside the section that
 * rule ID found (heading to the next heading of the same or a higher
 * level); `if-present: ID` checks only when ID's item is there.
 *
 * Years (`year: report|next`): every match of `pattern` (group 1 = a
 * year) in the headings of the item `of`, or in every heading outside the
 * items `except` (and their sub-headings), must equal the report year or
 * the next year.
 */
#include "kinds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../document.h"
#include "../util.h"

static const char *const keys[] = {"label", "headings", "subheadings", "body", "exclude",
	"topic-min", "topic-stop", "topic-excludes", "topic-ignore", "within", "if-present",
	"year", "of", "except", "pattern", NULL};
static const char *const required[] = {"message", NULL};

struct state {
	struct relist heads, subs, body, exclude, topic_ignore;
	struct regex *year_re;
	int year_off;              /* 0: report year, 1: next year, -1: presence */
	unsigned topic_min;
	const struct rule **topic_stop, **topic_excl, **except;
	size_t ntopic_stop, ntopic_excl, nexcept;
	const struct rule *within, *if_present, *of;
};

static void free_state(void *p);

static int
compile(struct rule *r, const struct rule_def *d, struct compile_err *e)
{
	struct state *st = xcalloc(1, sizeof *st);
	unsigned lv = 0;

	r->state = st;
	st->year_off = -1;
	/* A lexicon entry that needs an unknown year simply does not match:
	 * its variables do not make the whole rule wait for the year. */
	if (relist_compile(d->headings, d->headings_count, "headings", false, &st->heads, &lv, e) ||
	    relist_compile(d->subheadings, d->subheadings_count, "subheadings", false, &st->subs,
	    &lv, e) ||
	    relist_compile(d->body, d->body_count, "body", true, &st->body, &lv, e) ||
	    relist_compile(d->exclude, d->exclude_count, "exclude", false, &st->exclude, &lv, e) ||
	    relist_compile(d->topic_ignore, d->topic_ignore_count, "topic-ignore", false,
	    &st->topic_ignore, &lv, e) ||
	    pattern_compile_opt(d->pattern, "pattern", &st->year_re, &r->vars, e))
		return -1;
	r->vars |= lv & ~(unsigned)VAR_YEAR;
	st->topic_min = d->topic_min;
	if (d->year) {
		if (strcmp(d->year, "report") == 0)
			st->year_off = 0;
		else if (strcmp(d->year, "next") == 0)
			st->year_off = 1;
		else {
			e->key = "year";
			snprintf(e->msg, sizeof e->msg, "unknown year '%s' (expected report or next)",
			    d->year);
			return -1;
		}
		if (st->year_re == NULL || (d->of == NULL && d->except_count == 0)) {
			e->key = "year";
			snprintf(e->msg, sizeof e->msg, "a year check needs 'pattern' (group 1: "
			    "the year) and 'of' or 'except'");
			return -1;
		}
		r->vars |= VAR_YEAR;
	} else if (st->heads.n + st->subs.n + st->body.n == 0 && st->topic_min == 0) {
		e->key = NULL;
		snprintf(e->msg, sizeof e->msg, "rule '%s' of kind section needs 'headings', "
		    "'subheadings', 'body' or 'topic-min' (or 'year')", d->id);
		return -1;
	}
	return 0;
}

static int
link_refs(struct rule *r, struct ruleset *rs, struct compile_err *e)
{
	struct state *st = r->state;
	const struct rule_def *d = r->def;

	if (link_ids(rs, d->topic_stop, d->topic_stop_count, "topic-stop", &st->topic_stop, e))
		return -1;
	st->ntopic_stop = d->topic_stop_count;
	if (link_ids(rs, d->topic_excludes, d->topic_excludes_count, "topic-excludes",
	    &st->topic_excl, e))
		return -1;
	st->ntopic_excl = d->topic_excludes_count;
	if (link_ids(rs, d->except, d->except_count, "except", &st->except, e))
		return -1;
	st->nexcept = d->except_count;
	if (link_id(rs, d->within, "within", &st->within, e) ||
	    link_id(rs, d->if_present, "if-present", &st->if_present, e) ||
	    link_id(rs, d->of, "of", &st->of, e))
		return -1;
	return 0;
}

/* Whether `l` matches the text of heading h (ordinal and run-in body excluded). */
static bool
heading_text_matches(const struct relist *l, struct check_ctx *ctx, const struct heading *h)
{
	size_t ms, me;

	if (l->n == 0)
		return false;
	return relist_find(l, ctx, doc_text(ctx->doc) + h->ord_end, h->text_end - h->ord_end, 0,
	    &ms, &me) == 1;
}

/* Per document and rule: what section_locate and the heading tests found. */
struct memo {
	signed char *cls;     /* per heading: 0 not yet known, 1 no, 2 yes */
	int has_l1;           /* -1: not yet known */
	bool located;
	struct section_hit hit;
};

static void
memo_free(void *p)
{
	struct memo *m = p;

	free(m->cls);
	free(m);
}

static struct memo *
memo_of(const struct rule *r, struct check_ctx *ctx)
{
	struct memo *m = check_cache_get(ctx, r);

	if (m == NULL) {
		size_t n = outline_heading_count(ctx->ol);

		m = xcalloc(1, sizeof *m);
		m->cls = xcalloc(n ? n : 1, 1);
		m->has_l1 = -1;
		check_cache_put(ctx, r, m, memo_free);
	}
	return m;
}

/* Whether heading i matches the lexicon of its level (level 1: headings,
 * deeper: subheadings) and no `exclude`. */
static bool
hmatch(const struct rule *r, struct check_ctx *ctx, size_t i)
{
	const struct state *st = r->state;
	struct memo *m = memo_of(r, ctx);

	if (m->cls[i] == 0) {
		const struct heading *h = outline_heading(ctx->ol, i);

		m->cls[i] = heading_text_matches(h->level == 1 ? &st->heads : &st->subs, ctx, h) &&
		    !heading_text_matches(&st->exclude, ctx, h) ? 2 : 1;
	}
	return m->cls[i] == 2;
}

/* Whether the item has a level-1 heading (then deeper ones do not count). */
static bool
has_level1(const struct rule *r, struct check_ctx *ctx)
{
	struct memo *m = memo_of(r, ctx);

	if (m->has_l1 < 0) {
		size_t i, n = outline_heading_count(ctx->ol);

		m->has_l1 = 0;
		for (i = 0; i < n; i++)
			if (outline_heading(ctx->ol, i)->level == 1 && hmatch(r, ctx, i)) {
				m->has_l1 = 1;
				break;
			}
	}
	return m->has_l1 == 1;
}

bool
section_heading_is(const struct rule *r, struct check_ctx *ctx, size_t i)
{
	if (outline_heading(ctx->ol, i)->level == 1)
		return hmatch(r, ctx, i);
	return !has_level1(r, ctx) && hmatch(r, ctx, i);
}

const char *
section_label(const struct rule *r)
{
	return r->def->label ? r->def->label : r->id;
}

/* Byte offset where the section that starts at heading hi ends. */
static size_t
section_end(struct check_ctx *ctx, size_t hi)
{
	size_t i, n = outline_heading_count(ctx->ol);
	int lvl = outline_heading(ctx->ol, hi)->level;

	for (i = hi + 1; i < n; i++)
		if (outline_heading(ctx->ol, i)->level <= lvl)
			return outline_heading(ctx->ol, i)->start;
	return doc_len(ctx->doc);
}

/*
 * Search `body` over [a, b) of the text, span by span of the body scope:
 * the first span where a pattern matches, and in it the match of the first
 * such pattern (a pattern that hits a match limit in a span ends that
 * span's search).  Done pattern by pattern, none looking past the best
 * span found so far, and none searching a span where the regex layer
 * rules a match out (regex_may_match).
 */
static bool
body_search(const struct state *st, struct check_ctx *ctx, size_t a, size_t b, size_t *at)
{
	const struct span *sp;
	size_t i, n, best = (size_t)-1, best_at = 0;
	const char *text = doc_text(ctx->doc);
	bool *blocked = NULL;   /* spans where an earlier pattern hit a limit */

	sp = outline_scope(ctx->ol, SCOPE_BODY, &n);
	for (i = 0; i < st->body.n; i++) {
		struct regex *re = st->body.v[i];
		const pcre2_code *code = regex_code(re, ctx->scratch, ctx->vars);
		size_t j;

		if (code == NULL)
			continue;
		for (j = 0; j < n && j < best; j++) {
			size_t s0 = sp[j].start > a ? sp[j].start : a;
			size_t e0 = sp[j].end < b ? sp[j].end : b;
			enum match_result mr;
			size_t ms, me;

			if (s0 >= e0 || (blocked && blocked[j]) ||
			    !regex_may_match(re, code, ctx->scratch, text + s0, e0 - s0))
				continue;
			mr = regex_search(re, code, ctx->scratch, text + s0, e0 - s0, 0);
			if (mr == MATCH_FOUND) {
				regex_group(ctx->scratch, 0, &ms, &me);
				best = j;
				best_at = s0 + ms;
				break;
			}
			if (mr != MATCH_NONE) {
				if (blocked == NULL)
					blocked = xcalloc(n, sizeof *blocked);
				blocked[j] = true;
			}
		}
	}
	free(blocked);
	if (best == (size_t)-1)
		return false;
	*at = best_at;
	return true;
}

static void locate(const struct rule *r, struct check_ctx *ctx, struct section_hit *hit);

void
section_locate(const struct rule *r, struct check_ctx *ctx, struct section_hit *hit)
{
	struct memo *m = memo_of(r, ctx);

	if (!m->located) {
		locate(r, ctx, &m->hit);
		m->located = true;
	}
	*hit = m->hit;
}

static void
locate(const struct rule *r, struct check_ctx *ctx, struct section_hit *hit)
{
	const struct state *st = r->state;
	size_t i, n = outline_heading_count(ctx->ol);
	int pass;

	memset(hit, 0, sizeof *hit);
	hit->heading = -1;
	hit->at = missing_anchor(ctx);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++)
			if ((outline_heading(ctx->ol, i)->level > 1) == (pass == 1) &&
			    hmatch(r, ctx, i)) {
				long k = (long)i;

				hit->found = true;
				hit->heading = (long)i;
				hit->at = outline_heading(ctx->ol, i)->start;
				while (outline_heading(ctx->ol, (size_t)k)->parent >= 0)
					k = outline_heading(ctx->ol, (size_t)k)->parent;
				hit->root = outline_heading(ctx->ol, (size_t)k)->start;
				return;
			}
	if (st->topic_min) {
		size_t count = 0, first = 0, j;

		for (i = 0; i < n; i++) {
			const struct heading *h = outline_heading(ctx->ol, i);
			bool stop = false, other = false;

			if (h->level != 1)
				continue;
			for (j = 0; j < st->ntopic_stop; j++)
				if (section_heading_is(st->topic_stop[j], ctx, i))
					stop = true;
			if (stop)
				break;
			for (j = 0; j < st->ntopic_excl; j++)
				if (section_heading_is(st->topic_excl[j], ctx, i))
					other = true;
			if (other || heading_text_matches(&st->topic_ignore, ctx, h))
				continue;
			if (count++ == 0)
				first = h->start;
		}
		if (count >= st->topic_min) {
			hit->found = hit->by_topic = true;
			hit->at = hit->root = first;
			return;
		}
	}
	if (st->body.n && body_search(st, ctx, 0, doc_len(ctx->doc), &hit->at)) {
		hit->found = hit->by_body = true;
		hit->root = hit->at;
		return;
	}
	hit->at = missing_anchor(ctx);
}

/* Whether heading i or one of its ancestors is a heading of rule x. */
static bool
in_item(const struct rule *x, struct check_ctx *ctx, size_t i)
{
	long k = (long)i;

	while (k >= 0) {
		if (section_heading_is(x, ctx, (size_t)k))
			return true;
		k = outline_heading(ctx->ol, (size_t)k)->parent;
	}
	return false;
}

static void
check_years(const struct rule *r, struct check_ctx *ctx)
{
	const struct state *st = r->state;
	const pcre2_code *code = regex_code(st->year_re, ctx->scratch, ctx->vars);
	const char *text = doc_text(ctx->doc);
	size_t i, j, n = outline_heading_count(ctx->ol);
	int want = ctx->vars->report_year + st->year_off;

	if (code == NULL || ctx->vars->report_year == 0)
		return;
	for (i = 0; i < n; i++) {
		const struct heading *h = outline_heading(ctx->ol, i);
		const char *subj = text + h->ord_end;
		size_t len = h->text_end - h->ord_end, from = 0;
		bool skip = false;

		if (st->of && !section_heading_is(st->of, ctx, i))
			continue;
		for (j = 0; j < st->nexcept; j++)
			if (in_item(st->except[j], ctx, i))
				skip = true;
		if (skip)
			continue;
		while (from < len) {
			size_t s, e;
			enum match_result mr = regex_search(st->year_re, code, ctx->scratch, subj, len, from);

			if (mr == MATCH_NONE)
				break;
			if (mr != MATCH_FOUND) {
				check_limit(ctx, r, h->ord_end + from);
				return;
			}
			regex_group(ctx->scratch, 0, &s, &e);
			from = e > s ? e : e + 1;
			{
				size_t ys, ye;
				int y = 0;

				if (!regex_group(ctx->scratch, 1, &ys, &ye) || ye - ys != 4)
					continue;
				for (; ys < ye; ys++)
					y = y * 10 + (subj[ys] - '0');
				if (y == want)
					continue;
				regex_group(ctx->scratch, 1, &ys, &ye);
				check_emit(ctx, r, h->ord_end + ys, h->ord_end + ye,
				    template_expand(r->message, ctx->scratch, subj, ctx->vars), NULL);
			}
		}
	}
}

static void
run(const struct rule *r, struct check_ctx *ctx)
{
	const struct state *st = r->state;
	struct section_hit hit;

	if (st->year_off >= 0) {
		check_years(r, ctx);
		return;
	}
	if (st->if_present) {
		struct section_hit other;

		section_locate(st->if_present, ctx, &other);
		if (!other.found)
			return;
		section_locate(r, ctx, &hit);
		if (!hit.found)
			check_emit(ctx, r, other.at, other.at,
			    check_format(r->message, NULL, 0, ctx->vars), NULL);
		return;
	}
	if (st->within) {
		struct section_hit outer;
		size_t at, a, b;

		section_locate(st->within, ctx, &outer);
		if (!outer.found || outer.heading < 0)
			return;
		a = outline_heading(ctx->ol, (size_t)outer.heading)->start;
		b = section_end(ctx, (size_t)outer.heading);
		if (heading_text_matches(&st->heads, ctx, outline_heading(ctx->ol,
		    (size_t)outer.heading)) || (st->body.n && body_search(st, ctx, a, b, &at)))
			return;
		check_emit(ctx, r, a, a, check_format(r->message, NULL, 0, ctx->vars), NULL);
		return;
	}
	section_locate(r, ctx, &hit);
	if (!hit.found)
		check_emit(ctx, r, hit.at, hit.at, check_format(r->message, NULL, 0, ctx->vars), NULL);
}

static void
free_state(void *p)
{
	struct state *st = p;

	if (st == NULL)
		return;
	relist_free(&st->heads);
	relist_free(&st->subs);
	relist_free(&st->body);
	relist_free(&st->exclude);
	relist_free(&st->topic_ignore);
	regex_free(st->year_re);
	free(st->topic_stop);
	free(st->topic_excl);
	free(st->except);
	free(st);
}

const struct check_kind kind_section = {
	.name = "section",
	.keys = keys,
	.required = required,
	.compile = compile,
	.run = run,
	.free_state = free_state,
	.link = link_refs,
};
