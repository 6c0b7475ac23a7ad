/* SPDX-License-Identifier: MIT */
/** \file baseline.c
 * \brief Fingerprints (FNV-1a 64) and the baseline file.
 *
 * File format, one entry per line, '#' lines are comments:
 *
 *     FINGERPRINT<TAB>RULE<TAB>PATH
 *
 * FINGERPRINT is 16 lower-case hex digits; PATH is the path as reported.
 */
#include "baseline.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Code points of context taken on each side of the finding. */
#define CONTEXT_CHARS 12

static bool
is_space_at(const char *s, size_t i, size_t end, size_t *len)
{
	unsigned char c = (unsigned char)s[i];

	if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
		*len = 1;
		return true;
	}
	/* U+3000 IDEOGRAPHIC SPACE, U+00A0 NO-BREAK SPACE */
	if (c == 0xe3 && i + 2 < end && (unsigned char)s[i + 1] == 0x80 &&
	    (unsigned char)s[i + 2] == 0x80) {
		*len = 3;
		return true;
	}
	if (c == 0xc2 && i + 1 < end && (unsigned char)s[i + 1] == 0xa0) {
		*len = 2;
		return true;
	}
	*len = utf8_seq_len(c);
	if (i + *len > end)
		*len = end - i;
	return false;
}

static uint64_t
fnv_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Hash s[a, b) without white space, then a separator. */
static uint64_t
fnv_text(uint64_t h, const char *s, size_t a, size_t b)
{
	size_t i = a, k;

	while (i < b) {
		if (!is_space_at(s, i, b, &k))
			h = fnv_bytes(h, s + i, k);
		i += k;
	}
	return fnv_bytes(h, "\x1f", 1);
}

uint64_t
finding_fingerprint(const struct document *doc, const struct finding *f)
{
	const char *t = doc_text(doc);
	size_t ls, le, a, b, n, line = doc_line_of(doc, f->start);
	uint64_t h = 0xcbf29ce484222325ULL;

	doc_line_span(doc, line, &ls, &le);
	a = f->start < ls ? ls : f->start > le ? le : f->start;
	b = f->end < a ? a : f->end > doc_len(doc) ? doc_len(doc) : f->end;
	h = fnv_bytes(h, f->rule, strlen(f->rule) + 1);
	h = fnv_text(h, t, a, b);
	/* Up to CONTEXT_CHARS code points before, on the same line. */
	{
		size_t s = a;

		for (n = 0; n < CONTEXT_CHARS && s > ls; n++) {
			s--;
			while (s > ls && ((unsigned char)t[s] & 0xc0) == 0x80)
				s--;
		}
		h = fnv_text(h, t, s, a);
	}
	/* And after, from the end of the finding, on the line where it ends. */
	{
		size_t e = b, es, el, stop;

		doc_line_span(doc, doc_line_of(doc, e), &es, &el);
		if (e > el)
			e = el;
		stop = e;
		for (n = 0; n < CONTEXT_CHARS && stop < el; n++) {
			stop += utf8_seq_len((unsigned char)t[stop]);
			if (stop > el)
				stop = el;
		}
		h = fnv_text(h, t, e, stop);
	}
	return h;
}

/* ---- the baseline file ---- */

struct entry {
	uint64_t fp;
	char *rule;
	char *path;
	bool used;
};

struct baseline {
	struct entry *v;
	size_t n, cap;
};

static int
cmp_entry(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c;

	if (a->fp != b->fp)
		return a->fp < b->fp ? -1 : 1;
	c = strcmp(a->rule, b->rule);
	return c ? c : strcmp(a->path, b->path);
}

struct baseline *
baseline_load(const char *file, char **err)
{
	unsigned char *data;
	size_t len, i = 0, lineno = 0;
	struct baseline *bl;
	const char *t;

	*err = NULL;
	if (read_file(file, &data, &len) != 0) {
		*err = xasprintf("%s: %s", file, strerror(errno));
		return NULL;
	}
	bl = xcalloc(1, sizeof *bl);
	t = (const char *)data;
	while (i < len) {
		size_t e = i, k;
		const char *tab1, *tab2;
		char *end;
		uint64_t fp;

		while (e < len && t[e] != '\n')
			e++;
		lineno++;
		k = e;
		if (k > i && t[k - 1] == '\r')
			k--;
		if (k == i || t[i] == '#') {
			i = e + 1;
			continue;
		}
		tab1 = memchr(t + i, '\t', k - i);
		tab2 = tab1 ? memchr(tab1 + 1, '\t', (size_t)(t + k - tab1 - 1)) : NULL;
		errno = 0;
		fp = strtoull(t + i, &end, 16);
		if (tab1 == NULL || tab2 == NULL || end != tab1 || tab1 - (t + i) != 16 || errno ||
		    tab2 == tab1 + 1 || tab2 + 1 == t + k) {
			*err = xasprintf("%s:%zu:1: expected FINGERPRINT<TAB>RULE<TAB>PATH "
			    "(16 hex digits, a rule id, a path)", file, lineno);
			free(data);
			baseline_free(bl);
			return NULL;
		}
		bl->v = xgrow(bl->v, &bl->cap, bl->n + 1, sizeof *bl->v);
		bl->v[bl->n].fp = fp;
		bl->v[bl->n].rule = xstrndup(tab1 + 1, (size_t)(tab2 - tab1 - 1));
		bl->v[bl->n].path = xstrndup(tab2 + 1, (size_t)(t + k - tab2 - 1));
		bl->v[bl->n].used = false;
		bl->n++;
		i = e + 1;
	}
	free(data);
	if (bl->n > 1)
		qsort(bl->v, bl->n, sizeof *bl->v, cmp_entry);
	return bl;
}

void
baseline_free(struct baseline *bl)
{
	size_t i;

	if (bl == NULL)
		return;
	for (i = 0; i < bl->n; i++) {
		free(bl->v[i].rule);
		free(bl->v[i].path);
	}
	free(bl->v);
	free(bl);
}

struct filter_arg {
	struct baseline *bl;
	const struct document *doc;
	size_t dropped;
};

static bool
keep_unknown(struct finding *f, void *argp)
{
	struct filter_arg *arg = argp;
	struct entry key = {0};
	size_t lo = 0, hi = arg->bl->n;

	key.fp = finding_fingerprint(arg->doc, f);
	key.rule = (char *)f->rule;
	key.path = (char *)doc_path(arg->doc);
	/* First entry not less than the key. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_entry(&arg->bl->v[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < arg->bl->n && cmp_entry(&arg->bl->v[lo], &key) == 0; lo++)
		if (!arg->bl->v[lo].used) {
			arg->bl->v[lo].used = true;
			arg->dropped++;
			return false;
		}
	return true;
}

size_t
baseline_filter(struct baseline *bl, const struct document *doc, struct findings *f)
{
	struct filter_arg arg = {bl, doc, 0};

	findings_filter(f, keep_unknown, &arg);
	return arg.dropped;
}

void
baseline_write_header(FILE *out)
{
	fputs("# gwlint baseline: known findings, not reported (gwlint --baseline FILE)\n"
	    "# fingerprint\trule\tpath\n", out);
}

void
baseline_write(FILE *out, const struct document *doc, const struct findings *f)
{
	size_t i;

	for (i = 0; i < findings_count(f); i++) {
		const struct finding xv = findings_get(f, i), *x = &xv;
		const char *p;

		fprintf(out, "%016" PRIx64 "\t%s\t", finding_fingerprint(doc, x), x->rule);
		for (p = doc_path(doc); *p; p++)
			fputc(*p == '\n' || *p == '\t' ? ' ' : *p, out);
		fputc('\n', out);
	}
}
