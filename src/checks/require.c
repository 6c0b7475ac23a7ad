/* SPDX-License-Identifier: MIT */
/** \file require.c
 * \brief Kind `require`: a regex that must match at least `min` times in a
 *        scope (default once).
 *
 * A shortfall is one finding at the rule's `anchor`: `last-heading1` (the
 * default: the last level-1 heading, where a missing section would follow),
 * `title` (the title block) or `start` (the first line).  `also` lists
 * further patterns that must each match once; a missing one is graded
 * `deep-severity` (default: the rule's).  The message's $1 is `label` for
 * the main pattern, the missing pattern's text for an `also` one.
 */
#include "kinds.h"

#include <stdio.h>
#include <string.h>

#include "../document.h"
#include "../util.h"

struct params {
	char *pattern;
	unsigned min;            /**< matches needed (0 = unset = 1) */
	char *anchor;            /**< where a missing item is reported */
	char *label;
	char **also;             /**< further patterns, graded deep-severity */
	unsigned also_count;
	enum severity deep_severity;
};

static const struct kind_key keys[] = {
	KEY_COMMON_STR("scope", scope, 0),
	KEY_STR("pattern", struct params, pattern, KEY_REQUIRED | KEY_NONEMPTY),
	KEY_UINT("min", struct params, min, 0),
	KEY_STR("anchor", struct params, anchor, 0),
	KEY_STR("label", struct params, label, 0),
	KEY_STRS("also", struct params, also, 0),
	KEY_SEV("deep-severity", struct params, deep_severity, 0),
	KEY_COMMON_STR("message", message, KEY_REQUIRED),
	KEY_END
};

enum anchor { ANCHOR_HEADING1, ANCHOR_TITLE, ANCHOR_START };

struct state {
	struct regex *re;
	enum anchor anchor;
	unsigned min;
	struct relist also;
};

static int
compile(struct rule *r, const void *p, struct compile_err *e)
{
	const struct params *d = p;
	struct state st = {0};

	if (d->anchor == NULL || strcmp(d->anchor, "last-heading1") == 0) {
		st.anchor = ANCHOR_HEADING1;
	} else if (strcmp(d->anchor, "title") == 0) {
		st.anchor = ANCHOR_TITLE;
	} else if (strcmp(d->anchor, "start") == 0) {
		st.anchor = ANCHOR_START;
	} else {
		e->key = "anchor";
		e->offset = (size_t)-1;
		snprintf(e->msg, sizeof e->msg, "unknown anchor '%s' (expected "
		    "last-heading1, title or start)", d->anchor);
		return -1;
	}
	st.min = d->min ? d->min : 1;
	if (scan_compile(d->pattern, &st.re, e) != 0)
		return -1;
	if (relist_compile(d->also, d->also_count, "also", true, &st.also, &r->vars, e) != 0) {
		regex_free(st.re);
		return -1;
	}
	r->vars |= regex_vars(st.re);
	r->state = xmalloc(sizeof st);
	memcpy(r->state, &st, sizeof st);
	return 0;
}

static bool
count(const struct rule *r, struct check_ctx *ctx, const char *subj, size_t base, void *arg)
{
	unsigned *n = arg;
	const struct state *st = r->state;

	(void)ctx;
	(void)subj;
	(void)base;
	return ++*n < st->min; /* stop as soon as there are enough */
}

static size_t
anchor_at(const struct state *st, const struct check_ctx *ctx)
{
	const struct span *sp;
	size_t n;

	switch (st->anchor) {
	case ANCHOR_TITLE:
		sp = outline_scope(ctx->ol, SCOPE_TITLE, &n);
		return n ? sp[0].start : outline_anchor(ctx->ol);
	case ANCHOR_START:
		return 0;
	default:
		return outline_anchor(ctx->ol);
	}
}

/*
 * A title split over lines may break a phrase (法治政府 / 建设情况的报告):
 * the title's lines joined without line ends are searched too.
 */
static bool
in_joined_title(struct check_ctx *ctx, struct regex *re)
{
	const char *t = outline_title(ctx->ol);
	struct relist one = {&re, 1};
	size_t ms, me;

	return t[0] != '\0' && relist_find(&one, ctx, t, strlen(t), 0, &ms, &me) == 1;
}

/*
 * Without a title every rule about the title would report it (title-year,
 * title-keywords and its `also`s): one missing thing is one finding.  The
 * first rule anchored at the title reports; the others see this mark.
 */
static bool
title_missing(struct check_ctx *ctx)
{
	static const char mark = 0;
	size_t n;

	(void)outline_scope(ctx->ol, SCOPE_TITLE, &n);
	if (n > 0)
		return false;
	if (check_cache_get(ctx, &mark) != NULL)
		return true;
	check_cache_put(ctx, &mark, ctx, NULL); /* any non-NULL value */
	return false;
}

static void
run(const struct rule *r, struct check_ctx *ctx)
{
	const struct state *st = r->state;
	unsigned n = 0;
	size_t at;

	const char *args[1];
	size_t i;

	if (regex_code(st->re, ctx->scratch, ctx->vars) == NULL)
		return;
	if (st->anchor == ANCHOR_TITLE && title_missing(ctx))
		return; /* the missing title is reported once, by the first such rule */
	if (!scan_spans(r, st->re, ctx, count, &n) && n < st->min)
		return; /* limit hit: already reported */
	if (n < st->min && r->scope == SCOPE_TITLE && in_joined_title(ctx, st->re))
		n = st->min;
	at = anchor_at(st, ctx);
	if (n < st->min) {
		args[0] = ((const struct params *)r->params)->label ? ((const struct params *)r->params)->label : "";
		check_emit(ctx, r, at, at, check_format(r->message, args, 1, ctx->vars), NULL);
	}
	if (st->anchor == ANCHOR_TITLE && outline_title(ctx->ol)[0] == '\0')
		return; /* no title: one finding for it, not one per `also` */
	for (i = 0; i < st->also.n; i++) {
		const struct span *sp;
		size_t k, ns, ms, me;
		bool found = false;

		sp = outline_scope(ctx->ol, r->scope, &ns);
		for (k = 0; k < ns && !found; k++) {
			struct relist one = {&st->also.v[i], 1};
			int rc = relist_find(&one, ctx, doc_text(ctx->doc) + sp[k].start,
			    sp[k].end - sp[k].start, 0, &ms, &me);

			if (rc < 0) {
				check_limit(ctx, r, sp[k].start);
				return;
			}
			found = rc == 1;
		}
		if (!found && r->scope == SCOPE_TITLE)
			found = in_joined_title(ctx, st->also.v[i]);
		if (!found) {
			args[0] = ((const struct params *)r->params)->also[i];
			check_emit_sev(ctx, r, ((const struct params *)r->params)->deep_severity, at, at,
			    check_format(r->message, args, 1, ctx->vars), NULL);
		}
	}
}

static void
free_state(void *state)
{
	struct state *st = state;

	if (st) {
		regex_free(st->re);
		relist_free(&st->also);
		free(st);
	}
}

const struct check_kind kind_require = {
	.name = "require",
	.keys = keys,
	.params_size = sizeof(struct params),
	.compile = compile,
	.run = run,
	.free_state = free_state,
};
