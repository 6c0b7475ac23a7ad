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
	for (i = 0; i < f->n; i++) {
		free(f->v[i].message);
		free(f->v[i].fix);
	}
	free(f->v);
	free(f);
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
	x->message = message;
	x->fix = fix;
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
		if (o > 0 && cmp_finding(&f->v[o - 1], &f->v[i]) == 0) {
			free(f->v[i].message);
			free(f->v[i].fix);
			continue;
		}
		f->v[o++] = f->v[i];
	}
	f->n = o;
}

void
findings_filter(struct findings *f, bool (*keep)(struct finding *x, void *arg), void *arg)
{
	size_t i, o = 0;

	for (i = 0; i < f->n; i++) {
		if (!keep(&f->v[i], arg)) {
			free(f->v[i].message);
			free(f->v[i].fix);
			continue;
		}
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
