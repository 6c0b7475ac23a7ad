/* SPDX-License-Identifier: MIT */
/** \file overlap.c
 * \brief One defect, one finding (see overlap.h).
 *
 * The list is sorted by start, so the findings inside a span, and those on
 * the same span, are its near neighbours: each finding looks at those only
 * (at most OVERLAP_REACH on each side), and the pass keeps one bit a
 * finding (the list may hold millions).
 */
#include "overlap.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "finding.h"
#include "pack.h"
#include "util.h"

#define OVERLAP_REACH 256

/* What the pass needs of a rule, looked up by its id. */
struct trait {
	const char *id;
	bool covers;   /* its kind reports the span as a whole */
	bool wide;     /* its scope is the whole text */
};

struct traits {
	struct trait *v;
	size_t n;
};

static struct trait
trait_of(const struct traits *t, const char *id)
{
	struct trait none = {id, false, true};
	size_t i;

	if (id == NULL)
		return none;
	for (i = 0; i < t->n; i++)  /* ids are borrowed from the rule set */
		if (t->v[i].id == id)
			return t->v[i];
	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].id, id) == 0)
			return t->v[i];
	return none;
}

static bool
same_rule(const struct finding *a, const struct finding *b)
{
	return a->rule == b->rule || (a->rule && b->rule && strcmp(a->rule, b->rule) == 0);
}

static void
mark(unsigned char *drop, size_t i)
{
	drop[i / CHAR_BIT] |= (unsigned char)(1u << (i % CHAR_BIT));
}

static bool
marked(const unsigned char *drop, size_t i)
{
	return (drop[i / CHAR_BIT] >> (i % CHAR_BIT)) & 1u;
}

struct keep_arg {
	const unsigned char *drop;
	size_t i;
};

static bool
keep_one(struct finding *x, void *arg)
{
	struct keep_arg *k = arg;

	(void)x;
	return !marked(k->drop, k->i++);
}

/* Of two findings of different rules on the same span, which one goes
 * (0: a, 1: b, -1: both stay). */
static int
weaker(const struct finding *a, struct trait ta, const struct finding *b, struct trait tb)
{
	if (ta.wide && !tb.wide && a->sev <= b->sev && (b->fix || !a->fix))
		return 0;
	if (tb.wide && !ta.wide && b->sev <= a->sev && (a->fix || !b->fix))
		return 1;
	if (a->sev == b->sev && (a->fix != NULL) != (b->fix != NULL))
		return a->fix ? 1 : 0; /* the same defect: keep the one that mends it */
	if (a->fix && b->fix && strcmp(a->fix, b->fix) == 0)
		return b->sev <= a->sev ? 1 : 0;
	return -1;
}

void
overlap_drop(struct findings *f, struct ruleset *rs)
{
	size_t n = findings_count(f), i, j;
	struct traits t = {0};
	unsigned char *drop;
	bool any = false;

	if (n < 2)
		return;
	t.n = ruleset_count(rs);
	t.v = xcalloc(t.n ? t.n : 1, sizeof *t.v);
	for (i = 0; i < t.n; i++) {
		const struct rule *r = ruleset_rule(rs, i);

		t.v[i].id = r->id;
		t.v[i].covers = r->kind != NULL && r->kind->covers;
		t.v[i].wide = r->scope == SCOPE_TEXT;
	}
	drop = xcalloc(n / CHAR_BIT + 1, 1);
	for (i = 0; i < n; i++) {
		struct finding x = findings_get(f, i);
		struct trait tx = trait_of(&t, x.rule);

		if (x.start == x.end)
			continue;
		if (tx.covers) {
			/* Inside it: the same start (sorted before or after it by
			 * rule id) or a later start before its end. */
			for (j = i; j > 0 && i - j < OVERLAP_REACH; j--)
				if (findings_get(f, j - 1).start != x.start)
					break;
			for (; j < n && j - i < OVERLAP_REACH; j++) {
				struct finding y;

				if (j == i)
					continue;
				y = findings_get(f, j);
				if (y.start >= x.end)
					break;
				if (y.start == y.end || y.end > x.end || y.sev > x.sev || same_rule(&x, &y))
					continue;
				mark(drop, j);
				any = true;
			}
		}
		for (j = i + 1; j < n && j - i < OVERLAP_REACH; j++) {
			struct finding y = findings_get(f, j);
			int w;

			if (y.start != x.start)
				break;
			if (y.end != x.end || same_rule(&x, &y))
				continue;
			w = weaker(&x, tx, &y, trait_of(&t, y.rule));
			if (w >= 0) {
				mark(drop, w == 0 ? i : j);
				any = true;
			}
		}
	}
	if (any) {
		struct keep_arg k = {drop, 0};

		findings_filter(f, keep_one, &k);
	}
	free(drop);
	free(t.v);
}
