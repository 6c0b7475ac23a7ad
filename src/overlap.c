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

/* A few rules' traits, by id pointer (ids are borrowed from the rule set),
 * on the stack: the pass allocates nothing unless it drops a finding (a
 * small block left between two big files' findings would pin the heap). */
#define TRAIT_CACHE 16

struct traits {
	struct ruleset *rs;
	struct trait v[TRAIT_CACHE];
	size_t n, next;
};

static struct trait
trait_of(struct traits *t, const char *id)
{
	struct trait tr = {id, false, true};
	const struct rule *r;
	size_t i;

	if (id == NULL)
		return tr;
	for (i = 0; i < t->n; i++)
		if (t->v[i].id == id)
			return t->v[i];
	r = ruleset_find(t->rs, id);
	if (r != NULL) {
		tr.covers = r->kind != NULL && r->kind->covers;
		tr.wide = r->scope == SCOPE_TEXT;
	}
	if (t->n < TRAIT_CACHE)
		t->v[t->n++] = tr;
	else
		t->v[t->next++ % TRAIT_CACHE] = tr;
	return tr;
}

static bool
same_rule(const struct finding *a, const struct finding *b)
{
	return a->rule == b->rule || (a->rule && b->rule && strcmp(a->rule, b->rule) == 0);
}

/* The bit set is made at the first finding to drop: most files have none,
 * and a big block between two files' findings would fragment the heap. */
static void
mark(unsigned char **drop, size_t n, size_t i)
{
	if (*drop == NULL)
		*drop = xcalloc(n / CHAR_BIT + 1, 1);
	(*drop)[i / CHAR_BIT] |= (unsigned char)(1u << (i % CHAR_BIT));
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
	struct traits t;
	unsigned char *drop = NULL;

	if (n < 2)
		return;
	t.rs = rs;
	t.n = t.next = 0;
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
			for (; j < n && j < i + OVERLAP_REACH; j++) {   /* j may be < i */
				struct finding y;

				if (j == i)
					continue;
				y = findings_get(f, j);
				if (y.start >= x.end)
					break;
				if (y.start == y.end || y.end > x.end || y.sev > x.sev || same_rule(&x, &y))
					continue;
				mark(&drop, n, j);
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
				mark(&drop, n, w == 0 ? i : j);
			}
		}
	}
	if (drop != NULL) {
		struct keep_arg k = {drop, 0};

		findings_filter(f, keep_one, &k);
	}
	free(drop);
}
