/* SPDX-License-Identifier: MIT */
/** \file fix.c
 * \brief Applying safe fixes, the unified diff, the atomic write.
 */
#include "fix.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "report/escape.h"

/* ---- applying ---- */

static bool
has_line_end(const char *s, size_t n)
{
	return memchr(s, '\n', n) != NULL || memchr(s, '\r', n) != NULL;
}

/*
 * Where a finding is, for telling whether fixes added one: its paragraph
 * (lines without a blank line between them; fixes never add or remove line
 * ends, so the paragraphs of the original hold for every pass) and rule.
 */
struct place {
	size_t para;
	const char *rule;
};

static int
cmp_place(const void *pa, const void *pb)
{
	const struct place *a = pa, *b = pb;

	if (a->para != b->para)
		return a->para < b->para ? -1 : 1;
	return strcmp(a->rule, b->rule);
}

/* Paragraph of each line of the original (a blank line: one of its own). */
struct paras {
	size_t *of_line;
	size_t nlines;
};

static void
paras_init(struct paras *pp, const struct document *doc)
{
	size_t i, l, first, last, n = doc_line_count(doc), np = doc_para_count(doc);

	pp->nlines = n;
	pp->of_line = xmalloc((n ? n : 1) * sizeof *pp->of_line);
	for (l = 0; l < n; l++)
		pp->of_line[l] = np + l;
	for (i = 0; i < np; i++) {
		doc_para_lines(doc, i, &first, &last);
		for (l = first; l <= last && l < n; l++)
			pp->of_line[l] = i;
	}
}

static size_t
para_at(const struct paras *pp, const struct document *doc, size_t off)
{
	size_t l = doc_line_of(doc, off);

	if (pp->nlines == 0)
		return 0;
	return pp->of_line[l < pp->nlines ? l : pp->nlines - 1];
}

struct places {
	struct place *v;
	size_t n, cap;
};

static void
places_add(struct places *ps, size_t para, const char *rule)
{
	ps->v = xgrow(ps->v, &ps->cap, ps->n + 1, sizeof *ps->v);
	ps->v[ps->n].para = para;
	ps->v[ps->n++].rule = rule;
}

static void
places_sort(struct places *ps)
{
	if (ps->n > 1)
		qsort(ps->v, ps->n, sizeof *ps->v, cmp_place);
}

static bool
places_has(const struct places *ps, size_t para, const char *rule)
{
	struct place key = {para, rule};

	return ps->n && bsearch(&key, ps->v, ps->n, sizeof *ps->v, cmp_place) != NULL;
}

/* The places of all findings of r, sorted. */
static void
places_of(const struct lint_result *r, const struct paras *pp, struct places *out)
{
	size_t i;

	for (i = 0; i < findings_count(r->findings); i++) {
		const struct finding fv = findings_get(r->findings, i), *f = &fv;

		places_add(out, para_at(pp, r->doc, f->start), f->rule);
	}
	places_sort(out);
}

/*
 * The paragraphs where `now` has more findings of a rule than `before`
 * (both sorted), into *paras (sorted, unique).
 */
static void
new_finding_paras(const struct places *before, const struct places *now, struct places *out)
{
	size_t i = 0, j = 0;

	while (j < now->n) {
		size_t nj = j, ni;

		while (nj < now->n && cmp_place(&now->v[nj], &now->v[j]) == 0)
			nj++;
		while (i < before->n && cmp_place(&before->v[i], &now->v[j]) < 0)
			i++;
		ni = i;
		while (ni < before->n && cmp_place(&before->v[ni], &now->v[j]) == 0)
			ni++;
		if (nj - j > ni - i && (out->n == 0 || out->v[out->n - 1].para != now->v[j].para))
			places_add(out, now->v[j].para, "");
		i = ni;
		j = nj;
	}
}

/*
 * One pass: the fixes of `fs` on text[0..len) that do not overlap an
 * earlier one and whose place is not vetoed, into *out; the places of the
 * fixes applied are added to *done.  Returns the number applied, or
 * (size_t)-1 if *out would grow beyond `limit` bytes.
 */
static size_t
one_pass(const struct lint_result *from, const struct paras *pp, const struct places *veto,
    size_t limit, struct buf *out, struct places *done, size_t *withheld)
{
	const struct findings *fs = from->findings;
	const char *text = doc_text(from->doc);
	size_t i, n = findings_count(fs), at = 0, applied = 0, len = doc_len(from->doc);
	bool last_insert = false;
	size_t last_start = (size_t)-1;

	*withheld = 0;
	buf_puts(out, "");
	for (i = 0; i < n; i++) {
		const struct finding fv = findings_get(fs, i), *f = &fv;
		size_t flen, para;

		if (f->fix == NULL || f->end > len || f->start > f->end)
			continue;
		flen = strlen(f->fix);
		if (has_line_end(text + f->start, f->end - f->start) || has_line_end(f->fix, flen))
			continue;
		if (flen == f->end - f->start && memcmp(f->fix, text + f->start, flen) == 0)
			continue; /* changes nothing */
		if (f->start < at || (f->start == last_start && last_insert &&
		    f->start == f->end))
			continue; /* overlaps an applied fix: next pass decides */
		para = para_at(pp, from->doc, f->start);
		if (places_has(veto, para, f->rule)) {
			(*withheld)++;
			continue; /* it added a finding before */
		}
		buf_append(out, text + at, f->start - at);
		buf_append(out, f->fix, flen);
		if (out->len > limit)
			return (size_t)-1;
		at = f->end;
		last_start = f->start;
		last_insert = f->start == f->end;
		places_add(done, para, f->rule);
		applied++;
	}
	buf_append(out, text + at, len - at);
	if (out->len > limit)
		return (size_t)-1;
	return applied;
}

/*
 * Passes from orig until no fix is left, never applying a fix whose place
 * is in `veto`.  On success (settled) *cur is the last result (have_cur
 * false when nothing was applied) and *done the places of the fixes
 * applied.
 */
static void
run_passes(struct ruleset *rs, const struct lint_settings *utf8, const char *path,
    const struct lint_result *orig, const struct paras *pp, const struct places *veto,
    struct regex_scratch *sc, struct lint_result *cur, bool *have_cur, struct places *done,
    struct fix_stats *st)
{
	const struct lint_result *from = orig;
	size_t limit = FIX_GROWTH_FACTOR * doc_len(orig->doc) + FIX_GROWTH_SLACK;
	unsigned pass;

	*have_cur = false;
	st->applied = 0;
	st->passes = 0;
	st->settled = false;
	for (pass = 0; pass < FIX_MAX_PASSES; pass++) {
		struct buf nb = {0};
		size_t k = one_pass(from, pp, veto, limit, &nb, done, &st->withheld);
		struct lint_result next;

		if (k == (size_t)-1) {
			buf_free(&nb);
			st->grew = true;
			break;
		}
		if (k == 0) {
			buf_free(&nb);
			st->settled = true;
			break;
		}
		lint_bytes(rs, utf8, path, (const unsigned char *)nb.data, nb.len, sc, &next);
		if (next.doc == NULL || doc_len(next.doc) != nb.len ||
		    memcmp(doc_text(next.doc), nb.data, nb.len) != 0) {
			/* The text did not read back as itself (a leading U+FEFF
			 * would be taken for a BOM): give up. */
			lint_result_free(&next);
			buf_free(&nb);
			break;
		}
		buf_free(&nb);
		if (*have_cur)
			lint_result_free(cur);
		*cur = next;
		*have_cur = true;
		from = cur;
		st->applied += k;
		st->passes++;
	}
}

int
fix_apply(struct ruleset *rs, const struct lint_settings *ls, const char *path,
    const struct lint_result *orig, struct regex_scratch *sc, struct lint_result *fixed,
    struct fix_stats *st)
{
	struct lint_settings utf8 = *ls;
	struct lint_result cur;
	struct paras pp;
	struct places before = {0}, veto = {0};
	bool have_cur = false;
	unsigned attempt;
	int rc = -1;

	memset(st, 0, sizeof *st);
	memset(fixed, 0, sizeof *fixed);
	if (orig->doc == NULL)
		return -1;
	utf8.encoding = ENC_UTF8;
	utf8.as_text = true; /* a Markdown file's passes re-lint its text */
	paras_init(&pp, orig->doc);
	places_of(orig, &pp, &before);
	/*
	 * Fixes must not add findings (a fixed ")" that no longer pairs with
	 * its "(" is a new unmatched-pair): after the passes settle, a
	 * paragraph with more findings of some rule than the original has
	 * vetoes the fixes applied in it (by rule), and the passes run again
	 * from the original.  If the new finding is in a paragraph where no
	 * fix was applied, every fix applied is vetoed.
	 */
	for (attempt = 0; attempt < FIX_MAX_ATTEMPTS; attempt++) {
		struct places done = {0}, now = {0}, bad = {0};
		size_t i, before_veto = veto.n;

		run_passes(rs, &utf8, path, orig, &pp, &veto, sc, &cur, &have_cur, &done, st);
		if (!st->settled || !have_cur) {
			free(done.v);
			break;
		}
		places_of(&cur, &pp, &now);
		new_finding_paras(&before, &now, &bad);
		for (i = 0; i < done.n; i++) {
			struct place key = {done.v[i].para, ""};

			/* bad holds (para, "") sorted by para: look the para up. */
			if (bad.n && bsearch(&key, bad.v, bad.n, sizeof *bad.v, cmp_place) &&
			    !places_has(&veto, done.v[i].para, done.v[i].rule))
				places_add(&veto, done.v[i].para, done.v[i].rule);
		}
		if (bad.n && veto.n == before_veto)
			for (i = 0; i < done.n; i++)
				places_add(&veto, done.v[i].para, done.v[i].rule);
		places_sort(&veto);
		free(done.v);
		free(now.v);
		free(bad.v);
		if (veto.n == before_veto) {
			rc = 0; /* no new finding */
			break;
		}
		lint_result_free(&cur);
		have_cur = false;
	}
	if (attempt == FIX_MAX_ATTEMPTS)
		st->settled = false;
	if (rc != 0 || !st->settled) {
		if (have_cur)
			lint_result_free(&cur);
		if (!st->settled)
			st->applied = 0;
		rc = -1;
	} else {
		cur.enc = orig->enc;
		cur.bom = orig->bom;
		*fixed = cur;
	}
	if (!st->settled)
		st->withheld = 0;
	free(pp.of_line);
	free(before.v);
	free(veto.v);
	return rc;
}

/* ---- Markdown: the fixes carried over to the source ---- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The rule ids of r's findings, sorted. */
static const char **
rule_ids(const struct lint_result *r, size_t *n)
{
	size_t i;
	const char **v;

	*n = findings_count(r->findings);
	v = xmalloc((*n ? *n : 1) * sizeof *v);
	for (i = 0; i < *n; i++)
		v[i] = findings_get(r->findings, i).rule;
	qsort(v, *n, sizeof *v, cmp_str);
	return v;
}

/* Whether `now` has more findings of some rule than `before`. */
static bool
more_findings(const struct lint_result *before, const struct lint_result *now)
{
	size_t nb, nn, i = 0, j = 0;
	const char **b = rule_ids(before, &nb), **n = rule_ids(now, &nn);
	bool more = false;

	while (j < nn && !more) {
		size_t cb = 0, cn = 0;
		const char *id = n[j];

		while (i < nb && strcmp(b[i], id) < 0)
			i++;
		while (i < nb && strcmp(b[i], id) == 0) {
			i++;
			cb++;
		}
		while (j < nn && strcmp(n[j], id) == 0) {
			j++;
			cn++;
		}
		more = cn > cb;
	}
	free(b);
	free(n);
	return more;
}

int
fix_markdown(struct ruleset *rs, const struct lint_settings *ls, const char *path,
    const struct lint_result *orig, struct regex_scratch *sc, struct lint_result *fixed,
    struct md_fix *mst)
{
	struct buf src = {0}, want = {0};
	struct lint_settings md = *ls;
	struct lint_result next;
	int rc = -1;

	md_fix_source(orig->doc, doc_text(fixed->doc), doc_len(fixed->doc), &src, &want, mst);
	lint_result_free(fixed);
	if (mst->lines > 0) {
		md.encoding = ENC_UTF8;
		md.as_text = false;
		lint_bytes(rs, &md, path, (const unsigned char *)src.data, src.len, sc, &next);
		if (next.doc == NULL || !doc_has_source(next.doc) ||
		    doc_len(doc_source(next.doc)) != src.len ||
		    memcmp(doc_text(doc_source(next.doc)), src.data, src.len) != 0 ||
		    doc_len(next.doc) != want.len ||
		    memcmp(doc_text(next.doc), want.data, want.len) != 0) {
			mst->markup = true;
			lint_result_free(&next);
		} else if (more_findings(orig, &next)) {
			mst->added = true;
			lint_result_free(&next);
		} else {
			next.enc = orig->enc;
			next.bom = orig->bom;
			*fixed = next;
			rc = 0;
		}
	}
	buf_free(&src);
	buf_free(&want);
	return rc;
}

/* ---- unified diff ---- */

struct lines {
	size_t *start;  /* start of each line; start[n] = text length */
	size_t n;
};

static void
split_lines(const char *s, size_t len, struct lines *l)
{
	size_t i, cap = 0;

	l->start = NULL;
	l->n = 0;
	for (i = 0; i < len;) {
		l->start = xgrow(l->start, &cap, l->n + 2, sizeof *l->start);
		l->start[l->n++] = i;
		while (i < len && s[i] != '\n' && s[i] != '\r')
			i++;
		if (i < len && s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
			i += 2;
		else if (i < len)
			i++;
	}
	l->start = xgrow(l->start, &cap, l->n + 1, sizeof *l->start);
	l->start[l->n] = len;
}

static void
put_line(struct buf *out, char tag, const char *s, const struct lines *l, size_t i)
{
	size_t a = l->start[i], b = l->start[i + 1];

	buf_putc(out, tag);
	buf_append(out, s + a, b - a);
	if (b == a || (s[b - 1] != '\n' && s[b - 1] != '\r'))
		buf_puts(out, "\n\\ No newline at end of file\n");
}

/* Lines i of both texts are equal (a line missing on one side is not). */
static bool
same_line(const char *a, const struct lines *la, const char *b, const struct lines *lb,
    size_t i)
{
	size_t na, nb;

	if (i >= la->n || i >= lb->n)
		return false;
	na = la->start[i + 1] - la->start[i];
	nb = lb->start[i + 1] - lb->start[i];
	return na == nb && memcmp(a + la->start[i], b + lb->start[i], na) == 0;
}

/* "start,count" of lines [a, b] of a side with n lines (unified format). */
static void
range(struct buf *out, size_t a, size_t b, size_t n)
{
	size_t last = b < n ? b : n - 1, count = n > a ? last - a + 1 : 0;

	buf_printf(out, "%zu,%zu", count ? a + 1 : a, count);
}

void
fix_diff(struct buf *out, const char *path, const char *old, size_t olen,
    const char *new_text, size_t nlen)
{
	struct lines lo, ln;
	size_t i, n;
	bool header = false;

	/* Fixes never add or remove line ends, so both sides have the same
	 * lines, except that a last line without a line end may become empty
	 * and vanish. */
	split_lines(old, olen, &lo);
	split_lines(new_text, nlen, &ln);
	n = lo.n > ln.n ? lo.n : ln.n;
	for (i = 0; i < n;) {
		size_t first, last, j, a, b;

		if (same_line(old, &lo, new_text, &ln, i)) {
			i++;
			continue;
		}
		/* A hunk: changed lines whose gaps are at most 6 unchanged lines. */
		first = last = i;
		for (j = i + 1; j < n && j <= last + 6; j++)
			if (!same_line(old, &lo, new_text, &ln, j))
				last = j;
		a = first >= 3 ? first - 3 : 0;
		b = last + 3 < n ? last + 3 : n - 1;
		if (!header) {
			/* The name in its escaped form: a name with LF would
			 * add header or hunk lines, one with ESC reach the
			 * terminal. */
			buf_puts(out, "--- a/");
			buf_path(out, path);
			buf_puts(out, "\n+++ b/");
			buf_path(out, path);
			buf_putc(out, '\n');
			header = true;
		}
		buf_puts(out, "@@ -");
		range(out, a, b, lo.n);
		buf_puts(out, " +");
		range(out, a, b, ln.n);
		buf_puts(out, " @@\n");
		for (j = a; j <= b; j++) {
			if (same_line(old, &lo, new_text, &ln, j)) {
				put_line(out, ' ', old, &lo, j);
			} else {
				if (j < lo.n)
					put_line(out, '-', old, &lo, j);
				if (j < ln.n)
					put_line(out, '+', new_text, &ln, j);
			}
		}
		i = b + 1;
	}
	free(lo.start);
	free(ln.start);
}

/* ---- encoding and writing ---- */

static int
encode(const char *text, size_t len, enum encoding enc, bool bom, struct buf *out)
{
	const char *to;
	iconv_t cd;
	char *in = (char *)text, *o;
	size_t inleft = len, cap, oleft, done;

	buf_puts(out, "");
	switch (enc) {
	case ENC_UTF8:
	case ENC_AUTO:
		if (bom)
			buf_append(out, "\xEF\xBB\xBF", 3);
		buf_append(out, text, len);
		return 0;
	case ENC_UTF16LE:
		to = "UTF-16LE";
		if (bom)
			buf_append(out, "\xFF\xFE", 2);
		break;
	case ENC_UTF16BE:
		to = "UTF-16BE";
		if (bom)
			buf_append(out, "\xFE\xFF", 2);
		break;
	case ENC_GB18030:
		to = "GB18030";
		if (bom) /* U+FEFF in GB18030 */
			buf_append(out, "\x84\x31\x95\x33", 4);
		break;
	default:
		return -1;
	}
	cd = iconv_open(to, "UTF-8");
#ifndef __clang__ /* gcc 12 -fanalyzer takes a failed iconv_open for an allocation */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"
#endif
	if (cd == (iconv_t)-1)
		return -1;
#ifndef __clang__
#pragma GCC diagnostic pop
#endif
	cap = len * 2 + 16;
	while (inleft > 0) {
		size_t r;

		done = out->len;
		out->data = xrealloc(out->data, done + cap + 1);
		out->cap = done + cap + 1;
		o = out->data + done;
		oleft = cap;
		r = iconv(cd, &in, &inleft, &o, &oleft);
		out->len = (size_t)(o - out->data);
		out->data[out->len] = '\0';
		if (r == (size_t)-1 && errno != E2BIG) {
			iconv_close(cd);
			return -1;
		}
	}
	iconv_close(cd);
	return 0;
}

static int
write_all(int fd, const char *p, size_t n)
{
#ifdef GWLINT_TEST_HOOKS
	/* Test hook: fail half-way, as a full disk would. */
	if (getenv("GWLINT_TEST_FAIL_WRITE")) {
		size_t half = n / 2;

		if (half && write(fd, p, half) < 0)
			return -1;
		errno = ENOSPC;
		return -1;
	}
#endif
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* ---- the file being fixed ---- */

struct fix_target {
	int dirfd;          /* its folder */
	int fd;             /* the file, read-only, locked */
	char *base;         /* its name in the folder */
	char *path;         /* as given, for messages */
	struct stat st;     /* as opened */
};

void
fix_close(struct fix_target *t)
{
	if (t == NULL)
		return;
	if (t->fd >= 0)
		close(t->fd); /* releases the lock */
	if (t->dirfd >= 0)
		close(t->dirfd);
	free(t->base);
	free(t->path);
	free(t);
}

int
fix_target_fd(const struct fix_target *t)
{
	return t->fd;
}

static struct fix_target *
refuse(struct fix_target *t, char **err, char *msg)
{
	fix_close(t);
	*err = msg;
	return NULL;
}

/* Take the advisory lock, waiting up to FIX_LOCK_WAIT_MS: 0, or -1 with
 * errno set (EWOULDBLOCK: still held by someone else). */
static int
lock_wait(int fd)
{
	int waited = 0;

	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if ((errno != EWOULDBLOCK && errno != EINTR) || waited >= FIX_LOCK_WAIT_MS)
			return -1;
		{
			struct timespec ts = {0, 50 * 1000 * 1000};

			nanosleep(&ts, NULL);
			waited += 50;
		}
	}
}

struct fix_target *
fix_open(const char *path, char **err)
{
	struct fix_target *t = xcalloc(1, sizeof *t);
	struct stat ls;
	int tries;

	*err = NULL;
	t->fd = -1;
	t->path = xstrdup(path);
	t->dirfd = open_parent(path, &t->base);
	if (t->dirfd < 0)
		return refuse(t, err, xasprintf("%s: not fixed: %s", path, strerror(errno)));
	for (tries = 0;; tries++) {
		/* The type first, without opening: opening a FIFO or a device
		 * may block or act. */
		if (fstatat(t->dirfd, t->base, &ls, AT_SYMLINK_NOFOLLOW) != 0)
			return refuse(t, err, xasprintf("%s: %s", path, strerror(errno)));
		if (S_ISLNK(ls.st_mode))
			return refuse(t, err, xasprintf("%s: not fixed: it is a symbolic link "
			    "(gwlint --fix never writes through one; name the file it points to)",
			    path));
		if (!S_ISREG(ls.st_mode))
			return refuse(t, err, xasprintf("%s: not fixed: it is a %s, not a regular "
			    "file", path, file_type(ls.st_mode)));
		t->fd = openat(t->dirfd, t->base,
		    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		if (t->fd < 0) {
			if (errno == ELOOP)
				return refuse(t, err, xasprintf("%s: not fixed: it is a symbolic "
				    "link (gwlint --fix never writes through one)", path));
			return refuse(t, err, xasprintf("%s: %s", path, strerror(errno)));
		}
		if (fstat(t->fd, &t->st) != 0)
			return refuse(t, err, xasprintf("%s: %s", path, strerror(errno)));
		if (!S_ISREG(t->st.st_mode))
			return refuse(t, err, xasprintf("%s: not fixed: it is a %s, not a regular "
			    "file", path, file_type(t->st.st_mode)));
		if (lock_wait(t->fd) != 0)
			return refuse(t, err, xasprintf("%s: not fixed: %s", path,
			    errno == EWOULDBLOCK ? "another process holds a lock on it "
			    "(another gwlint --fix?)" : strerror(errno)));
		/* Locked: is it still the file the name gives?  (Another
		 * gwlint --fix may have replaced it while we waited.) */
		if (fstat(t->fd, &t->st) == 0 &&
		    fstatat(t->dirfd, t->base, &ls, AT_SYMLINK_NOFOLLOW) == 0 &&
		    ls.st_dev == t->st.st_dev && ls.st_ino == t->st.st_ino)
			break;
		close(t->fd);
		t->fd = -1;
		if (tries >= 3)
			return refuse(t, err, xasprintf("%s: not fixed: it keeps being replaced "
			    "while gwlint opens it", path));
	}
	if (t->st.st_nlink > 1)
		return refuse(t, err, xasprintf("%s: not fixed: it has %ju hard links (fixing "
		    "would split them: the other names would keep the old text)", path,
		    (uintmax_t)t->st.st_nlink));
	if ((t->st.st_mode & S_IWUSR) == 0)
		return refuse(t, err, xasprintf("%s: not fixed: it is read-only (mode %04o)",
		    path, (unsigned)(t->st.st_mode & 07777)));
	if (faccessat(t->dirfd, t->base, W_OK, AT_EACCESS) != 0)
		return refuse(t, err, xasprintf("%s: not fixed: no permission to write it (%s)",
		    path, strerror(errno)));
	return t;
}

/* Give the temporary file fd the original's owner, group, extended
 * attributes (ACLs are the system.posix_acl_* ones) and mode.  NULL, or a
 * message. */
static char *
keep_metadata(const struct fix_target *t, int fd, const char *shown)
{
	struct stat now;
	char *names = NULL, *mine = NULL, *val = NULL, *msg = NULL;
	ssize_t nl, ml;
	size_t vcap = 0;
	const char *n;

	if (fstat(fd, &now) != 0)
		return xasprintf("%s: not fixed: %s", shown, strerror(errno));
	if ((now.st_uid != t->st.st_uid || now.st_gid != t->st.st_gid) &&
	    fchown(fd, t->st.st_uid, t->st.st_gid) != 0)
		return xasprintf("%s: not fixed: its owner and group (%ju:%ju) cannot be kept "
		    "(%s)", shown, (uintmax_t)t->st.st_uid, (uintmax_t)t->st.st_gid,
		    strerror(errno));
	/* The names of the original's extended attributes, then ours. */
	nl = flistxattr(t->fd, NULL, 0);
	if (nl > 0) {
		names = xmalloc((size_t)nl + 1);
		nl = flistxattr(t->fd, names, (size_t)nl);
	}
	if (nl < 0 && errno != ENOTSUP) {
		msg = xasprintf("%s: not fixed: its extended attributes cannot be read (%s)",
		    shown, strerror(errno));
		goto out;
	}
	ml = flistxattr(fd, NULL, 0);
	if (ml > 0) {
		mine = xmalloc((size_t)ml + 1);
		ml = flistxattr(fd, mine, (size_t)ml);
	}
	/* Remove what the new file got that the original has not (an ACL
	 * inherited from the folder's default ACL). */
	for (n = mine; ml > 0 && n < mine + ml; n += strlen(n) + 1) {
		bool found = false;
		const char *o;

		for (o = names; nl > 0 && o < names + nl; o += strlen(o) + 1)
			if (strcmp(o, n) == 0)
				found = true;
		if (!found && fremovexattr(fd, n) != 0) {
			msg = xasprintf("%s: not fixed: the new file's extended attribute %s "
			    "cannot be removed (%s)", shown, n, strerror(errno));
			goto out;
		}
	}
	for (n = names; nl > 0 && n < names + nl; n += strlen(n) + 1) {
		ssize_t vl = fgetxattr(t->fd, n, NULL, 0);

		if (vl >= 0) {
			val = xgrow(val, &vcap, (size_t)vl + 1, 1);
			vl = fgetxattr(t->fd, n, val, (size_t)vl);
		}
		if (vl < 0 || fsetxattr(fd, n, val, (size_t)vl, 0) != 0) {
			msg = xasprintf("%s: not fixed: its extended attribute %s cannot be kept "
			    "(%s)", shown, n, strerror(errno));
			goto out;
		}
	}
	/* Last: fchown cleared set-user-ID bits; an ACL set the group bits. */
	if (fchmod(fd, t->st.st_mode & 07777) != 0)
		msg = xasprintf("%s: not fixed: its mode cannot be kept (%s)", shown,
		    strerror(errno));
out:
	free(names);
	free(mine);
	free(val);
	return msg;
}

/* The file of t is still what was read: the same file under its name,
 * same size, mtime, status and bytes. */
static bool
unchanged(const struct fix_target *t, const unsigned char *orig, size_t olen)
{
	struct stat now, byname;
	unsigned char *data;
	size_t len;
	bool same;

	if (pread_all(t->fd, olen + 1, &data, &len) != 0)
		return false;
	same = len == olen && memcmp(data, orig, olen) == 0;
	free(data);
	return same && fstat(t->fd, &now) == 0 &&
	    fstatat(t->dirfd, t->base, &byname, AT_SYMLINK_NOFOLLOW) == 0 &&
	    byname.st_dev == t->st.st_dev && byname.st_ino == t->st.st_ino &&
	    now.st_size == t->st.st_size && now.st_nlink == 1 &&
	    now.st_mtim.tv_sec == t->st.st_mtim.tv_sec &&
	    now.st_mtim.tv_nsec == t->st.st_mtim.tv_nsec &&
	    now.st_ctim.tv_sec == t->st.st_ctim.tv_sec &&
	    now.st_ctim.tv_nsec == t->st.st_ctim.tv_nsec;
}

int
fix_write(struct fix_target *t, const char *shown, const unsigned char *orig, size_t olen,
    const char *orig_text, size_t otlen, enum encoding enc, bool bom,
    const char *text, size_t len, char **err)
{
	struct buf check = {0}, out = {0};
	struct replace *r = NULL;
	int rc = -1;

	*err = NULL;
	if (encode(orig_text, otlen, enc, bom, &check) != 0 || check.len != olen ||
	    memcmp(check.data, orig, olen) != 0) {
		*err = xasprintf("%s: not fixed: its %s bytes cannot be written back exactly",
		    shown, encoding_name(enc));
		goto out;
	}
	if (encode(text, len, enc, bom, &out) != 0) {
		*err = xasprintf("%s: not fixed: the corrected text cannot be written in %s",
		    shown, encoding_name(enc));
		goto out;
	}
#ifdef GWLINT_TEST_HOOKS
	/* Test hook: someone edits the file between reading and writing. */
	if (getenv("GWLINT_TEST_TOUCH_BEFORE_WRITE")) {
		int afd = openat(t->dirfd, t->base, O_WRONLY | O_APPEND | O_NOFOLLOW);

		if (afd >= 0) {
			if (write(afd, "\n", 1) != 1)
				perror("gwlint: test hook");
			close(afd);
		}
	}
#endif
	if (!unchanged(t, orig, olen)) {
		*err = xasprintf("%s: not fixed: the file changed since it was read", shown);
		goto out;
	}
	r = replace_begin(t->dirfd, t->base, shown, ".gwlint-fix-", err);
	if (r == NULL)
		goto out;
	if (write_all(replace_fd(r), out.data, out.len) != 0) {
		*err = xasprintf("%s: not fixed: writing the corrected file failed: %s", shown,
		    strerror(errno));
		goto out;
	}
	if ((*err = keep_metadata(t, replace_fd(r), shown)) != NULL)
		goto out;
	if (replace_flush(r) != 0) {
		*err = xasprintf("%s: not fixed: writing the corrected file failed: %s", shown,
		    strerror(errno));
		goto out;
	}
#ifdef GWLINT_TEST_HOOKS
	/* Test hook: a command run between writing the temporary file and the
	 * last check before the rename (the lost-update and signal tests). */
	{
		const char *cmd = getenv("GWLINT_TEST_BEFORE_RENAME");

		if (cmd && system(cmd) == -1)
			perror("gwlint: test hook");
	}
#endif
	/* The last check, as close to the rename as it can be. */
	if (!unchanged(t, orig, olen)) {
		*err = xasprintf("%s: not fixed: the file changed since it was read, while "
		    "fixing (nothing written; run gwlint --fix again)", shown);
		goto out;
	}
	if (replace_commit(r) != 0) {
		r = NULL;
		*err = xasprintf("%s: not fixed: cannot replace the file: %s", shown,
		    strerror(errno));
		goto out;
	}
	r = NULL;
	rc = 0;
out:
	replace_abort(r);
	buf_free(&check);
	buf_free(&out);
	return rc;
}
