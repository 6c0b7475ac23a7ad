/* SPDX-License-Identifier: MIT */
/** \file order.c
 * \brief Kind `order`: the mandated items (section rules, by id) appear in
 *        the given order; `floating` items may stand anywhere before the
 *        item `before`.
 *
 * Each item's position is the level-1 section holding its first heading
 * (so that a 不足 sub-heading inside a merged 问题和打算 section is in
 * order), else its first topic heading or first evidence.  Missing items are left to their
 * own section rules.  Items found at the same heading (a merged heading)
 * are in order.  The message may use $1 and $2: "$1 should come after
 * $2" (a mandated item and the earlier one it precedes; or the `before`
 * item and a floating item found after it).
 */
#include "kinds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util.h"

struct params {
	char **items;            /**< rule ids in their mandated order */
	unsigned items_count;
	char **floating;         /**< rule ids allowed anywhere before `before` */
	unsigned floating_count;
	char *before;
};

static const struct kind_key keys[] = {
	KEY_STRS("items", struct params, items, KEY_REQUIRED),
	KEY_STRS("floating", struct params, floating, 0),
	KEY_STR("before", struct params, before, 0),
	KEY_COMMON_STR("message", message, KEY_REQUIRED),
	KEY_END
};

struct state {
	const struct rule **items, **floating, *before;
	size_t nitems, nfloating;
};

static int
compile(struct rule *r, const void *p, struct compile_err *e)
{
	(void)e;
	(void)p;
	r->state = xcalloc(1, sizeof(struct state));
	return 0;
}

static int
link_refs(struct rule *r, struct ruleset *rs, struct compile_err *e)
{
	struct state *st = r->state;
	const struct params *d = r->params;

	if (link_ids(rs, d->items, d->items_count, "items", &st->items, &st->nitems, e) ||
	    link_ids(rs, d->floating, d->floating_count, "floating", &st->floating,
	    &st->nfloating, e) ||
	    link_id(rs, d->before, "before", &st->before, e))
		return -1;
	if (st->nfloating && st->before == NULL) {
		e->key = "floating";
		snprintf(e->msg, sizeof e->msg, "floating items need 'before'");
		return -1;
	}
	return 0;
}

static void
emit(const struct rule *r, struct check_ctx *ctx, size_t at, const struct rule *a,
    const struct rule *b)
{
	const char *args[2];

	args[0] = section_label(a);
	args[1] = section_label(b);
	check_emit(ctx, r, at, at, check_format(r->message, args, 2, ctx->vars), NULL);
}

static void
run(const struct rule *r, struct check_ctx *ctx)
{
	const struct state *st = r->state;
	struct section_hit *hits = xcalloc(st->nitems ? st->nitems : 1, sizeof *hits);
	size_t i, j;

	for (i = 0; i < st->nitems; i++) {
		section_locate(st->items[i], ctx, &hits[i]);
		if (!hits[i].found)
			continue;
		/* The latest earlier item that stands after this one. */
		for (j = 0; j < i; j++)
			if (hits[j].found && hits[j].root > hits[i].root) {
				emit(r, ctx, hits[i].at, st->items[i], st->items[j]);
				break;
			}
	}
	if (st->before) {
		struct section_hit b;

		section_locate(st->before, ctx, &b);
		for (i = 0; b.found && i < st->nfloating; i++) {
			struct section_hit f;

			section_locate(st->floating[i], ctx, &f);
			if (f.found && f.root > b.root)
				emit(r, ctx, f.at, st->before, st->floating[i]);
		}
	}
	free(hits);
}

static void
free_state(void *p)
{
	struct state *st = p;

	if (st == NULL)
		return;
	free(st->items);
	free(st->floating);
	free(st);
}

const struct check_kind kind_order = {
	.name = "order",
	.keys = keys,
	.params_size = sizeof(struct params),
	.compile = compile,
	.run = run,
	.free_state = free_state,
	.link = link_refs,
};
