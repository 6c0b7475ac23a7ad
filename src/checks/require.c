/* SPDX-License-Identifier: MIT */
/** \file require.c
 * \brief Kind `require`: a regex that must match at least `min` times in a
 *        scope (default once).
 *
 * A shortfall is one finding at the rule's `anchor`: `last-heading1` (the
 * default: the last level-1 heading, where a missing section would follow),
 * `title` (the title block) or `start` (the first line).
 */
#include "kinds.h"

#include <stdio.h>
#include <string.h>

#include "../document.h"
#include "../util.h"

static const char *const keys[] = {"scope", "pattern", "min", "anchor", NULL};
static const char *const required[] = {"pattern", "message", NULL};

enum anchor { ANCHOR_HEADING1, ANCHOR_TITLE, ANCHOR_START };

struct state {
	struct regex *re;
	enum anchor anchor;
	unsigned min;
};

static int
compile(struct rule *r, const struct rule_def *d, struct compile_err *e)
{
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

static void
run(const struct rule *r, struct check_ctx *ctx)
{
	const struct state *st = r->state;
	unsigned n = 0;
	size_t at;

	if (regex_code(st->re, ctx->vars) == NULL)
		return;
	if (!scan_spans(r, st->re, ctx, count, &n) && n < st->min)
		return; /* limit hit: already reported */
	if (n >= st->min)
		return;
	at = anchor_at(st, ctx);
	check_emit(ctx, r, at, at, template_expand(r->message, NULL, "", ctx->vars), NULL);
}

static void
free_state(void *state)
{
	struct state *st = state;

	if (st) {
		regex_free(st->re);
		free(st);
	}
}

const struct check_kind kind_require = {
	.name = "require",
	.keys = keys,
	.required = required,
	.compile = compile,
	.run = run,
	.free_state = free_state,
};
