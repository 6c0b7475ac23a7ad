/* SPDX-License-Identifier: MIT */
/** \file finding.c
 * \brief The finding vector.
 */
#define _GNU_SOURCE /* qsort_r */
#include "finding.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* A finding as stored: 24 bytes. */
struct rec {
	size_t start;
	uint32_t len;        /* end - start */
	uint32_t msg, fix;   /* indexes into texts; 0: none */
	uint32_t rule_sev;   /* index into rules << 8 | severity */
};

/* A table of distinct values, each once, found through an open-addressing
 * hash of their indexes (0: an empty slot). */
struct table {
	void **v;            /* v[0] is unused: index 0 means none */
	size_t n, cap;
	uint32_t *slot;
	size_t nslot;        /* 0 or a power of two */
};

struct findings {
	struct rec *v;
	size_t n, cap;
	/* Every message and fix text, once: findings with the same text share
	 * it (a big file with 100 000 findings holds a few hundred texts). */
	struct table texts;
	struct table rules;  /* rule ids, by address */
};

static const char *const sev_names[SEV__COUNT] = {
	[SEV_NONE] = "none",
	[SEV_INFO] = "info",
	[SEV_WARNING] = "warning",
	[SEV_ERROR] = "error",
};

const char *
severity_name(enum severity s)
{
	return (unsigned)s < SEV__COUNT ? sev_names[s] : "?";
}

bool
severity_parse(const char *s, enum severity *out)
{
	size_t i;

	for (i = SEV_INFO; i < SEV__COUNT; i++)
		if (strcmp(s, sev_names[i]) == 0) {
			*out = (enum severity)i;
			return true;
		}
	return false;
}

struct findings *
findings_new(void)
{
	return xcalloc(1, sizeof(struct findings));
}

void
findings_free(struct findings *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 1; i < f->texts.n; i++)
		free(f->texts.v[i]);
	free(f->texts.v);
	free(f->texts.slot);
	free(f->rules.v);
	free(f->rules.slot);
	free(f->v);
	free(f);
}

static size_t
text_hash(const void *p)
{
	const char *s = p;
	size_t h = (size_t)14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

static size_t
addr_hash(const void *p)
{
	return (size_t)(((uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ULL) >> 17);
}

/*
 * The index of x in t, added if absent; by_text: equal strings are the
 * same value (x is then owned by t, and freed when it holds one already),
 * else equal addresses.
 */
static uint32_t
table_index(struct table *t, void *x, bool by_text, uint32_t limit)
{
	size_t (*hash)(const void *) = by_text ? text_hash : addr_hash;
	size_t i, mask;

	if (t->n == 0)
		t->n = 1;
	if (2 * t->n > t->nslot) {
		size_t ncap = t->nslot ? 2 * t->nslot : 64;
		uint32_t *ns = xcalloc(ncap, sizeof *ns);

		for (i = 1; i < t->n; i++) {
			size_t j = hash(t->v[i]) & (ncap - 1);

			while (ns[j])
				j = (j + 1) & (ncap - 1);
			ns[j] = (uint32_t)i;
		}
		free(t->slot);
		t->slot = ns;
		t->nslot = ncap;
	}
	mask = t->nslot - 1;
	for (i = hash(x) & mask; t->slot[i]; i = (i + 1) & mask) {
		void *y = t->v[t->slot[i]];

		if (by_text ? strcmp(y, x) == 0 : y == x) {
			if (by_text)
				free(x);
			return t->slot[i];
		}
	}
	if (t->n >= limit)
		fatal("a file has more than %lu distinct finding %s", (unsigned long)limit,
		    by_text ? "texts" : "rules");
	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n] = x;
	t->slot[i] = (uint32_t)t->n;
	return (uint32_t)t->n++;
}

void
findings_add(struct findings *f, size_t start, size_t end, const char *rule,
    enum severity sev, char *message, char *fix)
{
	struct rec *x;

	if (end < start)
		end = start;
	if (end - start > UINT32_MAX)
		fatal("a finding spans more than 4 GiB");
	f->v = xgrow(f->v, &f->cap, f->n + 1, sizeof *f->v);
	x = &f->v[f->n++];
	x->start = start;
	x->len = (uint32_t)(end - start);
	x->msg = message ? table_index(&f->texts, message, true, UINT32_MAX) : 0;
	x->fix = fix ? table_index(&f->texts, fix, true, UINT32_MAX) : 0;
	x->rule_sev = table_index(&f->rules, (void *)(uintptr_t)rule, false, 1u << 24) << 8 |
	    ((uint32_t)sev & 0xff);
}

static struct finding
unpack(const struct findings *f, const struct rec *x)
{
	struct finding v;

	v.start = x->start;
	v.end = x->start + x->len;
	v.rule = f->rules.v[x->rule_sev >> 8];
	v.sev = (enum severity)(x->rule_sev & 0xff);
	v.message = x->msg ? f->texts.v[x->msg] : NULL;
	v.fix = x->fix ? f->texts.v[x->fix] : NULL;
	return v;
}

size_t findings_count(const struct findings *f) { return f->n; }

size_t
findings_bytes(const struct findings *f)
{
	return f->cap * sizeof *f->v + f->texts.cap * sizeof *f->texts.v +
	    f->texts.nslot * sizeof *f->texts.slot;
}

struct finding findings_get(const struct findings *f, size_t i) { return unpack(f, &f->v[i]); }

static int
cmp_rec(const void *pa, const void *pb, void *arg)
{
	const struct rec *a = pa, *b = pb;
	const struct findings *f = arg;
	int c;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->rule_sev >> 8 != b->rule_sev >> 8) {
		c = strcmp(f->rules.v[a->rule_sev >> 8], f->rules.v[b->rule_sev >> 8]);
		if (c)
			return c;
	}
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	if (a->msg == b->msg)
		return 0;
	return strcmp(a->msg ? f->texts.v[a->msg] : "", b->msg ? f->texts.v[b->msg] : "");
}

/* Order of two indexes into a list: by their findings, then by index (so
 * equal findings keep the order they were added in). */
static int
cmp_index(const void *pa, const void *pb, void *arg)
{
	const struct findings *f = arg;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	int c = cmp_rec(&f->v[a], &f->v[b], arg);

	return c ? c : a < b ? -1 : a > b;
}

void
findings_sort(struct findings *f)
{
	size_t i, o = 0;

	if (f->n > 1) {
		/* Sort 4-byte indexes, not the findings (a sort's scratch copy
		 * of those would double the list), then move each finding
		 * once, following the permutation's cycles. */
		uint32_t *ix;

		if (f->n > UINT32_MAX)
			fatal("a file has more than %lu findings", (unsigned long)UINT32_MAX);
		ix = xmalloc(f->n * sizeof *ix);
		for (i = 0; i < f->n; i++)
			ix[i] = (uint32_t)i;
		qsort_r(ix, f->n, sizeof *ix, cmp_index, f);
		for (i = 0; i < f->n; i++) {
			struct rec t;
			size_t k = i;

			if (ix[i] == i)
				continue;
			t = f->v[i];
			while (ix[k] != i) {
				size_t from = ix[k];

				f->v[k] = f->v[from];
				ix[k] = (uint32_t)k;
				k = from;
			}
			f->v[k] = t;
			ix[k] = (uint32_t)k;
		}
		free(ix);
	}
	for (i = 0; i < f->n; i++) {
		if (o > 0 && cmp_rec(&f->v[o - 1], &f->v[i], f) == 0)
			continue; /* its texts stay in the table */
		f->v[o++] = f->v[i];
	}
	f->n = o;
}

void
findings_filter(struct findings *f, bool (*keep)(struct finding *x, void *arg), void *arg)
{
	size_t i, o = 0;

	for (i = 0; i < f->n; i++) {
		struct finding x = unpack(f, &f->v[i]);

		if (!keep(&x, arg))
			continue; /* its texts stay in the table */
		f->v[o] = f->v[i];
		f->v[o++].rule_sev = (f->v[i].rule_sev & ~(uint32_t)0xff) | ((uint32_t)x.sev & 0xff);
	}
	f->n = o;
}

enum severity
findings_worst(const struct findings *f)
{
	enum severity w = SEV_NONE;
	size_t i;

	for (i = 0; i < f->n; i++)
		if ((enum severity)(f->v[i].rule_sev & 0xff) > w)
			w = (enum severity)(f->v[i].rule_sev & 0xff);
	return w;
}
