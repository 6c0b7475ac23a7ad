/* SPDX-License-Identifier: MIT */
/** \file baseline.c
 * \brief Fingerprints (FNV-1a 64) and the baseline file.
 *
 * File format, one entry per line, '#' lines are comments:
 *
 *     FINGERPRINT<TAB>RULE<TAB>PATH
 *
 * FINGERPRINT is 16 lower-case hex digits; PATH is the linted file's path
 * relative to the baseline file's folder, both resolved (realpath), so the
 * same tree matches however it is named on the command line (./reports,
 * an absolute path, from inside the folder).  A path that names no file
 * (<stdin>) is stored as given.  Baselines written before (paths as typed)
 * still match when the file is named as it was then.
 */
#include "baseline.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "utf8.h"
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

uint64_t
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
			s = utf8_back(t, ls, s - 1);
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
	char *dir;      /* the baseline file's folder, resolved; NULL if unknown */
};

/* The resolved folder of `file` (which need not exist), or NULL. */
static char *
folder_of(const char *file)
{
	const char *slash = strrchr(file, '/');
	char *dir = slash == NULL ? xstrdup(".") : slash == file ? xstrdup("/") :
	    xstrndup(file, (size_t)(slash - file));
	char *real = realpath(dir, NULL);

	free(dir);
	if (real == NULL)
		return NULL;
	/* realpath allocates with malloc: hand back our own copy. */
	dir = xstrdup(real);
	free(real);
	return dir;
}

/*
 * `path` as stored in a baseline whose folder is `dir`: the resolved path
 * relative to dir ("../x/a.txt" when outside it), or path itself when it
 * names no file or dir is unknown.
 */
/* Split an absolute path into its components (in place): how many. */
static size_t
components(char *p, char ***out)
{
	size_t n = 0, cap = 0;
	char *save = NULL, *c;

	*out = NULL;
	for (c = strtok_r(p, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		*out = xgrow(*out, &cap, n + 1, sizeof **out);
		(*out)[n++] = c;
	}
	return n;
}

static char *
relative_to(const char *dir, const char *path)
{
	char *real, *d, *p, **dc, **pc;
	size_t nd, np, k, i;
	struct buf b = {0};

	if (dir == NULL || (real = realpath(path, NULL)) == NULL)
		return xstrdup(path);
	p = xstrdup(real);
	free(real);
	d = xstrdup(dir);
	nd = components(d, &dc);
	np = components(p, &pc);
	for (k = 0; k < nd && k < np && strcmp(dc[k], pc[k]) == 0; k++)
		;
	for (i = k; i < nd; i++)
		buf_puts(&b, "../");
	for (i = k; i < np; i++) {
		buf_puts(&b, pc[i]);
		if (i + 1 < np)
			buf_putc(&b, '/');
	}
	if (b.len == 0)
		buf_puts(&b, ".");
	free(dc);
	free(pc);
	free(d);
	free(p);
	return buf_steal(&b);
}

/* PATH as a baseline line stores it: \ → \\, TAB LF CR → \t \n \r, so
 * every name has one line and one spelling (README "Baseline"). */
static char *
path_field(const char *path)
{
	struct buf b = {0};
	const char *p;

	for (p = path; *p; p++) {
		switch (*p) {
		case '\\': buf_puts(&b, "\\\\"); break;
		case '\t': buf_puts(&b, "\\t"); break;
		case '\n': buf_puts(&b, "\\n"); break;
		case '\r': buf_puts(&b, "\\r"); break;
		default: buf_putc(&b, *p); break;
		}
	}
	return buf_steal(&b);
}

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
	{
		const char *what = NULL;
		int rc = read_regular_capped(file, BASELINE_READ_MAX, &data, &len, &what);

		if (rc != 0) {
			*err = read_error(file, "baseline", rc, what, BASELINE_READ_MAX);
			return NULL;
		}
	}
	bl = xcalloc(1, sizeof *bl);
	bl->dir = folder_of(file);
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
	free(bl->dir);
	free(bl);
}

struct filter_arg {
	struct baseline *bl;
	const struct document *doc;
	const char *path;       /* the path to match: relative, then as given */
	size_t dropped;
};

/* Use up an unused entry equal to key: whether there was one. */
static bool
use_entry(struct baseline *bl, const struct entry *key)
{
	size_t lo = 0, hi = bl->n;

	/* First entry not less than the key. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_entry(&bl->v[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < bl->n && cmp_entry(&bl->v[lo], key) == 0; lo++)
		if (!bl->v[lo].used) {
			bl->v[lo].used = true;
			return true;
		}
	return false;
}

static bool
keep_unknown(struct finding *f, void *argp)
{
	struct filter_arg *arg = argp;
	struct entry key = {0};

	key.fp = finding_fingerprint(arg->doc, f);
	key.rule = (char *)f->rule;
	key.path = (char *)arg->path;
	if (use_entry(arg->bl, &key)) {
		arg->dropped++;
		return false;
	}
	return true;
}

size_t
baseline_filter(struct baseline *bl, const struct document *doc, struct findings *f)
{
	char *rel = relative_to(bl->dir, doc_path(doc));
	char *field = path_field(rel);
	struct filter_arg arg = {bl, doc, field, 0};

	findings_filter(f, keep_unknown, &arg);
	/* A baseline written before paths were escaped (a name with a
	 * backslash was stored raw). */
	if (strcmp(field, rel) != 0) {
		arg.path = rel;
		findings_filter(f, keep_unknown, &arg);
	}
	free(field);
	/* A baseline written with paths as typed (before they were stored
	 * relative to its folder). */
	if (strcmp(rel, doc_path(doc)) != 0) {
		arg.path = doc_path(doc);
		findings_filter(f, keep_unknown, &arg);
	}
	free(rel);
	return arg.dropped;
}

/* ---- writing a baseline ---- */

struct baseline_out {
	struct replace *r;
	FILE *f;           /* on a duplicate of the temporary file's descriptor */
	char *file;
	char *dir;         /* the baseline's folder, resolved */
};

struct baseline_out *
baseline_create(const char *file, char **err)
{
	struct baseline_out *o;
	char *base;
	int dirfd = open_parent(file, &base), fd;

	*err = NULL;
	if (dirfd < 0) {
		*err = xasprintf("%s: %s", file, strerror(errno));
		return NULL;
	}
	o = xcalloc(1, sizeof *o);
	o->file = xstrdup(file);
	o->r = replace_begin(dirfd, base, file, ".gwlint-baseline-", err);
	close(dirfd);
	free(base);
	if (o->r == NULL) {
		baseline_discard(o);
		return NULL;
	}
	/* An ordinary file's mode: 0666 less the umask, as fopen would. */
	{
		mode_t um = umask(0);

		umask(um);
		fchmod(replace_fd(o->r), 0666 & ~um);
	}
	fd = dup(replace_fd(o->r));
	if (fd < 0 || (o->f = fdopen(fd, "w")) == NULL) {
		*err = xasprintf("%s: %s", file, strerror(errno));
		if (fd >= 0)
			close(fd);
		baseline_discard(o);
		return NULL;
	}
	o->dir = folder_of(file);
	fputs("# gwlint baseline: known findings, not reported (gwlint --baseline FILE)\n"
	    "# fingerprint\trule\tpath (relative to this file's folder)\n", o->f);
	return o;
}

void
baseline_write(struct baseline_out *o, const struct document *doc, const struct findings *f)
{
	size_t i;
	char *rel, *field;

	if (findings_count(f) == 0)
		return;
	rel = relative_to(o->dir, doc_path(doc));
	field = path_field(rel);
	for (i = 0; i < findings_count(f); i++) {
		const struct finding xv = findings_get(f, i), *x = &xv;

		fprintf(o->f, "%016" PRIx64 "\t%s\t%s\n", finding_fingerprint(doc, x), x->rule,
		    field);
	}
	free(field);
	free(rel);
}

int
baseline_commit(struct baseline_out *o, char **err)
{
	int rc = 0;

	*err = NULL;
	if (fclose(o->f) != 0) {
		o->f = NULL;
		*err = xasprintf("%s: %s", o->file, strerror(errno));
		baseline_discard(o);
		return -1;
	}
	o->f = NULL;
	if (replace_commit(o->r) != 0) {
		*err = xasprintf("%s: %s", o->file, strerror(errno));
		rc = -1;
	}
	o->r = NULL;
	baseline_discard(o);
	return rc;
}

void
baseline_discard(struct baseline_out *o)
{
	if (o == NULL)
		return;
	if (o->f)
		fclose(o->f);
	replace_abort(o->r);
	free(o->file);
	free(o->dir);
	free(o);
}
