/* SPDX-License-Identifier: MIT */
/** \file section.c
 * \brief Kind `section`: a mandated content item of the report, found by
 *        its headings (lexicons), topic headings or body evidence.
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
 * (The years in headings are kind heading-years: checks/heading_year.c.)
 */
#include "kinds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../document.h"
#include "../util.h"

struct params {
	char *label;             /**< the item's name in messages */
	char **headings;         /**< lexicon for level-1 heading text */
	unsigned headings_count;
	char **subheadings;      /**< lexicon for level 2-4 heading text */
	unsigned subheadings_count;
	char **body;             /**< evidence in body text */
	unsigned body_count;
	char **exclude;          /**< heading text that never counts */
	unsigned exclude_count;
	unsigned topic_min;      /**< thematic-only: topic L1 headings needed */
	char **topic_stop;       /**< rule ids whose L1 heading ends the topics */
	unsigned topic_stop_count;
	char **topic_excludes;   /**< rule ids whose headings are not topics */
	unsigned topic_excludes_count;
	char **topic_ignore;     /**< heading text that is not a topic */
	unsigned topic_ignore_count;
	char *within;            /**< rule id: search only inside that section */
	char *if_present;        /**< rule id: check only when that item is there */
};

static const struct kind_key keys[] = {
	KEY_STR("label", struct params, label, 0),
	KEY_STRS("headings", struct params, headings, 0),
	KEY_STRS("subheadings", struct params, subheadings, 0),
	KEY_STRS("body", struct params, body, 0),
	KEY_STRS("exclude", struct params, exclude, 0),
	KEY_UINT("topic-min", struct params, topic_min, 0),
	KEY_STRS("topic-stop", struct params, topic_stop, 0),
	KEY_STRS("topic-excludes", struct params, topic_excludes, 0),
	KEY_STRS("topic-ignore", struct params, topic_ignore, 0),
	KEY_STR("within", struct params, within, 0),
	KEY_STR("if-present", struct params, if_present, 0),
	KEY_COMMON_STR("message", message, KEY_REQUIRED),
	KEY_END
};

struct state {
	struct relist heads, subs, body, exclude, topic_ignore;
	unsigned topic_min;
	const struct rule **topic_stop, **topic_excl;
	size_t ntopic_stop, ntopic_excl;
	const struct rule *within, *if_present;
};

static void free_state(void *p);

static int
compile(struct rule *r, const void *p, struct compile_err *e)
{
	const struct params *d = p;
	struct state *st = xcalloc(1, sizeof *st);
	unsigned lv = 0;

	r->state = st;
	/* A lexicon entry that needs an unknown year simply does not match:
	 * its variables do not make the whole rule wait for the year. */
	if (relist_compile(d->headings, d->headings_count, "headings", false, &st->heads, &lv, e) ||
	    relist_compile(d->subheadings, d->subheadings_count, "subheadings", false, &st->subs,
	    &lv, e) ||
	    relist_compile(d->body, d->body_count, "body", true, &st->body, &lv, e) ||
	    relist_compile(d->exclude, d->exclude_count, "exclude", false, &st->exclude, &lv, e) ||
	    relist_compile(d->topic_ignore, d->topic_ignore_count, "topic-ignore", false,
	    &st->topic_ignore, &lv, e))
		return -1;
	r->vars |= lv & ~(unsigned)VAR_YEAR;
	st->topic_min = d->topic_min;
	if (st->heads.n + st->subs.n + st->body.n == 0 && st->topic_min == 0) {
		e->key = NULL;
		snprintf(e->msg, sizeof e->msg, "rule '%s' of kind section needs 'headings', "
		    "'subheadings', 'body' or 'topic-min' (years in headings: kind heading-years)", r->id);
		return -1;
	}
	return 0;
}

static int
link_refs(struct rule *r, struct ruleset *rs, struct compile_err *e)
{
	struct state *st = r->state;
	const struct params *d = r->params;

	return link_ids(rs, d->topic_stop, d->topic_stop_count, "topic-stop", &st->topic_stop,
	    &st->ntopic_stop, e) ||
	    link_ids(rs, d->topic_excludes, d->topic_excludes_count, "topic-excludes",
	    &st->topic_excl, &st->ntopic_excl, e) ||
	    link_id(rs, d->within, "within", &st->within, e) ||
	    link_id(rs, d->if_present, "if-present", &st->if_present, e) ? -1 : 0;
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
	const struct params *d = r->params;

	return d->label ? d->label : r->id;
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
body_search(const struct state *st, struct check_ctx *ctx, size_t a, size_t b, size_t *at,
    bool *limited, size_t *limit_at)
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
				if (!*limited)
					*limit_at = s0;
				*limited = true;
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
	if (st->body.n && body_search(st, ctx, 0, doc_len(ctx->doc), &hit->at, &hit->limited,
	    &hit->limit_at)) {
		hit->found = hit->by_body = true;
		hit->limited = false;
		hit->root = hit->at;
		return;
	}
	hit->at = missing_anchor(ctx);
}

/* The item of r is missing, at `at`; or, when a body search stopped at a
 * limit (at limit_at), it may be there: rule-limit instead. */
static void
missing(const struct rule *r, struct check_ctx *ctx, size_t at, bool limited, size_t limit_at)
{
	if (limited)
		check_limit(ctx, r, limit_at);
	else
		check_emit(ctx, r, at, at, check_format(r->message, NULL, 0, ctx->vars), NULL);
}

static void
run(const struct rule *r, struct check_ctx *ctx)
{
	const struct state *st = r->state;
	struct section_hit hit;

	if (st->if_present) {
		struct section_hit other;

		section_locate(st->if_present, ctx, &other);
		if (!other.found)
			return;
		section_locate(r, ctx, &hit);
		if (!hit.found)
			missing(r, ctx, other.at, hit.limited, hit.limit_at);
		return;
	}
	if (st->within) {
		struct section_hit outer;
		size_t at, a, b, limit_at = 0;
		bool limited = false;

		section_locate(st->within, ctx, &outer);
		if (!outer.found || outer.heading < 0)
			return;
		a = outline_heading(ctx->ol, (size_t)outer.heading)->start;
		b = section_end(ctx, (size_t)outer.heading);
		if (heading_text_matches(&st->heads, ctx, outline_heading(ctx->ol,
		    (size_t)outer.heading)) ||
		    (st->body.n && body_search(st, ctx, a, b, &at, &limited, &limit_at)))
			return;
		missing(r, ctx, a, limited, limit_at);
		return;
	}
	section_locate(r, ctx, &hit);
	if (!hit.found)
		missing(r, ctx, hit.at, hit.limited, hit.limit_at);
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
	free(st->topic_stop);
	free(st->topic_excl);
	free(st);
}

const struct check_kind kind_section = {
	.name = "section",
	.keys = keys,
	.params_size = sizeof(struct params),
	.compile = compile,
	.run = run,
	.free_state = free_state,
	.link = link_refs,
};
