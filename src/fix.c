/* SPDX-License-Identifier: MIT */
/** \file fix.c
 * \brief Applying safe fixes, the unified diff, the atomic write.
 */
#include "fix.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- applying ---- */

static bool
has_line_end(const char *s, size_t n)
{
	return memchr(s, '\n', n) != NULL || memchr(s, '\r', n) != NULL;
}

/*
 * One pass: the fixes of `fs` on text[0..len) that do not overlap an
 * earlier one, into *out.  Returns the number applied.
 */
static size_t
one_pass(const char *text, size_t len, const struct findings *fs, struct buf *out)
{
	size_t i, n = findings_count(fs), at = 0, applied = 0;
	bool last_insert = false;
	size_t last_start = (size_t)-1;

	buf_puts(out, "");
	for (i = 0; i < n; i++) {
		const struct finding fv = findings_get(fs, i), *f = &fv;
		size_t flen;

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
		buf_append(out, text + at, f->start - at);
		buf_append(out, f->fix, flen);
		at = f->end;
		last_start = f->start;
		last_insert = f->start == f->end;
		applied++;
	}
	buf_append(out, text + at, len - at);
	return applied;
}

int
fix_apply(struct ruleset *rs, const struct lint_settings *ls, const char *path,
    const struct lint_result *orig, struct regex_scratch *sc, struct lint_result *fixed,
    struct fix_stats *st)
{
	struct lint_settings utf8 = *ls;
	struct lint_result cur;
	const struct lint_result *from = orig;
	bool have_cur = false;
	unsigned pass;

	memset(st, 0, sizeof *st);
	memset(fixed, 0, sizeof *fixed);
	if (orig->doc == NULL)
		return -1;
	utf8.encoding = ENC_UTF8;
	for (pass = 0; pass < FIX_MAX_PASSES; pass++) {
		struct buf nb = {0};
		size_t k = one_pass(doc_text(from->doc), doc_len(from->doc), from->findings, &nb);
		struct lint_result next;

		if (k == 0) {
			buf_free(&nb);
			st->settled = true;
			break;
		}
		lint_bytes(rs, &utf8, path, (const unsigned char *)nb.data, nb.len, sc, &next);
		if (next.doc == NULL || doc_len(next.doc) != nb.len ||
		    memcmp(doc_text(next.doc), nb.data, nb.len) != 0) {
			/* The text did not read back as itself (a leading U+FEFF
			 * would be taken for a BOM): give up. */
			lint_result_free(&next);
			buf_free(&nb);
			break;
		}
		buf_free(&nb);
		if (have_cur)
			lint_result_free(&cur);
		cur = next;
		have_cur = true;
		from = &cur;
		st->applied += k;
		st->passes++;
	}
	if (!st->settled || !have_cur) {
		if (have_cur)
			lint_result_free(&cur);
		if (!st->settled)
			st->applied = 0;
		return -1;
	}
	cur.enc = orig->enc;
	cur.bom = orig->bom;
	*fixed = cur;
	return 0;
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
			buf_printf(out, "--- a/%s\n+++ b/%s\n", path, path);
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
	if (cd == (iconv_t)-1)
		return -1;
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

int
fix_write(const char *path, const unsigned char *orig, size_t olen,
    const char *orig_text, size_t otlen, enum encoding enc, bool bom,
    const char *text, size_t len, char **err)
{
	struct buf check = {0}, out = {0};
	unsigned char *now = NULL;
	size_t nowlen;
	char real[PATH_MAX], *dircopy = NULL, *tmp = NULL;
	struct stat st;
	int fd = -1, rc = -1;

	*err = NULL;
	if (encode(orig_text, otlen, enc, bom, &check) != 0 || check.len != olen ||
	    memcmp(check.data, orig, olen) != 0) {
		*err = xasprintf("%s: not fixed: its %s bytes cannot be written back exactly",
		    path, encoding_name(enc));
		goto out;
	}
	if (encode(text, len, enc, bom, &out) != 0) {
		*err = xasprintf("%s: not fixed: the corrected text cannot be written in %s",
		    path, encoding_name(enc));
		goto out;
	}
	if (realpath(path, real) == NULL || stat(real, &st) != 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
#ifdef GWLINT_TEST_HOOKS
	/* Test hook: someone edits the file between reading and writing. */
	if (getenv("GWLINT_TEST_TOUCH_BEFORE_WRITE")) {
		FILE *f = fopen(real, "ab");

		if (f) {
			fputs("\n", f);
			fclose(f);
		}
	}
#endif
	if (read_file(real, &now, &nowlen) != 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	if (nowlen != olen || memcmp(now, orig, olen) != 0) {
		*err = xasprintf("%s: not fixed: the file changed since it was read", path);
		goto out;
	}
	dircopy = xstrdup(real);
	tmp = xasprintf("%s/.gwlint-fix-XXXXXX", dirname(dircopy));
	fd = mkstemp(tmp);
	if (fd < 0) {
		*err = xasprintf("%s: cannot create a temporary file next to it: %s", path,
		    strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	if (fchmod(fd, st.st_mode & 07777) != 0 || write_all(fd, out.data, out.len) != 0 ||
	    fsync(fd) != 0) {
		*err = xasprintf("%s: not fixed: writing the corrected file failed: %s", path,
		    strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		*err = xasprintf("%s: not fixed: writing the corrected file failed: %s", path,
		    strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp, real) != 0) {
		*err = xasprintf("%s: not fixed: cannot replace the file: %s", path,
		    strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	/* Make the rename itself durable. */
	{
		int dfd;

		free(dircopy);
		dircopy = xstrdup(real);
		dfd = open(dirname(dircopy), O_RDONLY | O_DIRECTORY);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	free(dircopy);
	free(now);
	buf_free(&check);
	buf_free(&out);
	return rc;
}
