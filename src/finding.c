/* SPDX-License-Identifier: MIT */
/** \file finding.c
 * \brief The finding vector.
 */
#include "finding.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct findings {
	struct finding *v;
	size_t n, cap;
	/* Every message and fix text, once: findings with the same text share
	 * it (a big file with 100 000 findings holds a few hundred texts). */
	char **texts;
	size_t ntexts, captexts; /* captexts: 0 or a power of two */
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
	for (i = 0; i < f->captexts; i++)
		free(f->texts[i]);
	free(f->texts);
	free(f->v);
	free(f);
}

static size_t
text_hash(const char *s)
{
	size_t h = (size_t)14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

/* The shared copy of text t (owned by f); t itself is freed if one exists. */
static char *
intern(struct findings *f, char *t)
{
	size_t i, mask;

	if (t == NULL)
		return NULL;
	if (2 * (f->ntexts + 1) > f->captexts) {
		size_t ncap = f->captexts ? 2 * f->captexts : 64;
		char **nt = xcalloc(ncap, sizeof *nt);

		for (i = 0; i < f->captexts; i++)
			if (f->texts[i]) {
				size_t j = text_hash(f->texts[i]) & (ncap - 1);

				while (nt[j])
					j = (j + 1) & (ncap - 1);
				nt[j] = f->texts[i];
			}
		free(f->texts);
		f->texts = nt;
		f->captexts = ncap;
	}
	mask = f->captexts - 1;
	for (i = text_hash(t) & mask; f->texts[i]; i = (i + 1) & mask)
		if (strcmp(f->texts[i], t) == 0) {
			free(t);
			return f->texts[i];
		}
	f->texts[i] = t;
	f->ntexts++;
	return t;
}

void
findings_add(struct findings *f, size_t start, size_t end, const char *rule,
    enum severity sev, char *message, char *fix)
{
	struct finding *x;

	f->v = xgrow(f->v, &f->cap, f->n + 1, sizeof *f->v);
	x = &f->v[f->n++];
	x->start = start;
	x->end = end < start ? start : end;
	x->rule = rule;
	x->sev = sev;
	x->message = intern(f, message);
	x->fix = intern(f, fix);
}

size_t findings_count(const struct findings *f) { return f->n; }
const struct finding *findings_get(const struct findings *f, size_t i) { return &f->v[i]; }

static int
cmp_finding(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	c = strcmp(a->rule, b->rule);
	if (c)
		return c;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return strcmp(a->message, b->message);
}

void
findings_sort(struct findings *f)
{
	size_t i, o = 0;

	if (f->n > 1)
		qsort(f->v, f->n, sizeof *f->v, cmp_finding);
	for (i = 0; i < f->n; i++) {
		if (o > 0 && cmp_finding(&f->v[o - 1], &f->v[i]) == 0)
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
		if (!keep(&f->v[i], arg))
			continue; /* its texts stay in the table */
		f->v[o++] = f->v[i];
	}
	f->n = o;
}

enum severity
findings_worst(const struct findings *f)
{
	enum severity w = SEV_NONE;
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].sev > w)
			w = f->v[i].sev;
	return w;
}
