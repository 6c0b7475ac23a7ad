/* SPDX-License-Identifier: MIT */
/** \file titles.c
 * \brief Kind `titles`: cited documents whose exact titles are known.
 *
 * `titles` lists exact titles, without title marks, as they must be
 * written ("法治政府建设实施纲要（2021—2025年）").  Every title between 《》
 * (or 〈〉 inside them) is compared whole:
 *  - equal to a listed title: fine;
 *  - the same name with a different year span or span form
 *    (（2022—2025年）, (2021-2025年)): a finding naming the right title(s);
 *  - within two characters of a listed title and of the same document type
 *    (same last two characters: 纲要, 规定, 条例 …): a finding;
 *  - anything else, in particular a local document whose title contains a
 *    listed one (天津市法治政府建设实施纲要…), is not this rule's business.
 * A bare name without its span (《法治政府建设实施纲要》) is accepted.
 */
#include "kinds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../document.h"
#include "../literals.h"
#include "../utf8.h"
#include "../util.h"

struct params {
	char **titles;           /**< exact titles of cited documents */
	unsigned titles_count;
	char *title_or;          /**< joins the candidate titles in $2 ("或") */
};

/* The message: $1 the title as cited, $2 the right title(s), each in 《》,
 * joined by title-or. */
static const struct kind_key keys[] = {
	KEY_COMMON_STR("scope", scope, 0),
	KEY_STRS("titles", struct params, titles, KEY_REQUIRED | KEY_NONEMPTY),
	KEY_STR("title-or", struct params, title_or, 0),
	KEY_END
};

static void
emit_title(const struct rule *r, struct check_ctx *ctx, size_t at, size_t end, const char *c,
    size_t n, const char *want, char *fix)
{
	char *args[2];

	args[0] = xasprintf("%.*s", (int)n, c);
	args[1] = (char *)want;
	check_emit(ctx, r, at, end, check_format(r->message, (const char *const *)args, 2,
	    ctx->vars), fix);
	free(args[0]);
}

struct title {
	const char *full;   /* borrowed from the def */
	size_t len;         /* strlen(full) */
	size_t chars;       /* its code points */
	size_t stem_len;    /* bytes before a trailing （…）, or strlen(full) */
	bool has_span;
};

struct state {
	struct title *t;
	size_t n;
	struct litset marks;  /* 《》〈〉, for the document's shared pass */
};

/* Byte length of the name part of s[0..n): before a trailing （…） or (…). */
static size_t
stem_len(const char *s, size_t n, bool *has_span)
{
	size_t i;

	*has_span = false;
	if (n >= 3 && memcmp(s + n - 3, "）", 3) == 0) {
		for (i = n - 3; i-- > 0;)
			if (i + 3 <= n && memcmp(s + i, "（", 3) == 0) {
				*has_span = true;
				return i;
			}
	} else if (n >= 1 && s[n - 1] == ')') {
		for (i = n - 1; i-- > 0;)
			if (s[i] == '(') {
				*has_span = true;
				return i;
			}
	}
	return n;
}

static int
compile(struct rule *r, const void *p, struct compile_err *e)
{
	const struct params *d = p;
	struct state *st = xcalloc(1, sizeof *st);
	unsigned i;

	(void)e;
	st->t = xcalloc(d->titles_count ? d->titles_count : 1, sizeof *st->t);
	for (i = 0; i < d->titles_count; i++) {
		st->t[i].full = d->titles[i];
		st->t[i].len = strlen(d->titles[i]);
		st->t[i].chars = utf8_count(d->titles[i], st->t[i].len);
		st->t[i].stem_len = stem_len(d->titles[i], strlen(d->titles[i]),
		    &st->t[i].has_span);
	}
	st->n = d->titles_count;
	litset_of_chars("《》〈〉", &st->marks);
	r->state = st;
	return 0;
}

/* The last two code points of s[0..n) as bytes: start offset. */
static size_t
last2(const char *s, size_t n)
{
	size_t i = n, k = 0;

	while (i > 0 && k < 2) {
		i = utf8_back(s, 0, i - 1);
		k++;
	}
	return i;
}

static bool
same_type(const char *a, size_t na, const char *b, size_t nb)
{
	size_t ia = last2(a, na), ib = last2(b, nb);

	return na - ia == nb - ib && memcmp(a + ia, b + ib, na - ia) == 0;
}

/* Digits of s[0..n) in order ("20212025"). */
static void
digits(const char *s, size_t n, char *out, size_t max)
{
	size_t i, k = 0;

	for (i = 0; i < n && k + 1 < max; i++)
		if (s[i] >= '0' && s[i] <= '9')
			out[k++] = s[i];
	out[k] = '\0';
}

static void
check_title(const struct rule *r, struct check_ctx *ctx, size_t at, size_t end,
    const char *c, size_t n)
{
	const struct state *st = r->state;
	bool span;
	size_t cstem = stem_len(c, n, &span), i, best = 3, besti = 0, cchars;
	struct buf want = {0};
	char dc[64], dt[64];
	bool family = false, exact = false;

	for (i = 0; i < st->n; i++)
		if (st->t[i].len == n && memcmp(st->t[i].full, c, n) == 0)
			return;
	/* Same name, other span. */
	digits(c + cstem, n - cstem, dc, sizeof dc);
	for (i = 0; span && i < st->n; i++) {
		const struct title *t = &st->t[i];

		if (!t->has_span || t->stem_len != cstem || memcmp(t->full, c, cstem) != 0)
			continue;
		digits(t->full + t->stem_len, strlen(t->full) - t->stem_len, dt, sizeof dt);
		if (strcmp(dt, dc) == 0) {
			buf_free(&want);
			buf_printf(&want, "《%s》", t->full);
			family = exact = true;
			break;
		}
		buf_printf(&want, "%s《%s》", want.len ? (((const struct params *)r->params)->title_or ?
		    ((const struct params *)r->params)->title_or : "|") : "", t->full);
		family = true;
	}
	if (family) {
		/* Same name, same years: the fix is the exact title (it also
		 * mends the dash or bracket a milder rule would report inside). */
		emit_title(r, ctx, at, end, c, n, want.data, exact ? xstrdup(want.data) : NULL);
		buf_free(&want);
		return;
	}
	cchars = utf8_count(c, n);
	for (i = 0; i < st->n; i++) {
		const struct title *t = &st->t[i];
		size_t tl = t->len, d;

		/* The distance is at least the difference in length. */
		if (t->chars < 8 || (cchars > t->chars ? cchars - t->chars : t->chars - cchars) >= best)
			continue;
		if (!same_type(c, span ? cstem : n, t->full, t->has_span ? t->stem_len : tl))
			continue;
		d = utf8_edit_distance(c, n, t->full, tl, 3);
		if (d < best) {
			best = d;
			besti = i;
		}
	}
	if (best > 0 && best <= 2) {
		char *want1 = xasprintf("《%s》", st->t[besti].full);

		emit_title(r, ctx, at, end, c, n, want1, NULL);
		free(want1);
	}
}

/* Does the 3-byte mark m start at s? */
static bool
starts(const char *s, const char *m)
{
	return s[0] == m[0] && s[1] == m[1] && s[2] == m[2];
}

/* A line's title marks, found by the regex layer (regex.h). */
struct marks {
	const struct state *st;
	uint32_t *own;
	size_t nown, capown;
};

/* The offsets of the marks in [a, b), ascending. */
static const uint32_t *
line_marks(struct check_ctx *ctx, struct marks *mk, size_t a, size_t b, size_t *n)
{
	const char *text = doc_text(ctx->doc);
	size_t i;

	mk->nown = 0;
	for (i = a; (i = regex_scratch_next_literal(ctx->scratch, mk->st, &mk->st->marks, text, i,
	    b)) < b; i += 3) {
		mk->own = xgrow(mk->own, &mk->capown, mk->nown + 1, sizeof *mk->own);
		mk->own[mk->nown++] = (uint32_t)i;
	}
	*n = mk->nown;
	return mk->own;
}

/* Titles between 《》 and 〈〉 on one line, nested ones included. */
static void
check_line(const struct rule *r, struct check_ctx *ctx, size_t a, size_t b, struct marks *mk)
{
	const char *text = doc_text(ctx->doc);
	size_t n, i;
	const uint32_t *p = line_marks(ctx, mk, a, b, &n);

	for (i = 0; i < n; i++) {
		const char *op, *cl;
		size_t j, depth = 1;

		if (starts(text + p[i], "《")) {
			op = "《";
			cl = "》";
		} else if (starts(text + p[i], "〈")) {
			op = "〈";
			cl = "〉";
		} else {
			continue;
		}
		for (j = i + 1; j < n; j++) {
			if (starts(text + p[j], op))
				depth++;
			else if (starts(text + p[j], cl) && --depth == 0)
				break;
		}
		if (j < n)
			check_title(r, ctx, p[i], p[j] + 3, text + p[i] + 3, p[j] - (p[i] + 3));
	}
}

static void
each_line(const struct rule *r, struct check_ctx *ctx, size_t line, size_t a, size_t b,
    void *arg)
{
	(void)line;
	check_line(r, ctx, a, b, arg);
}

static void
run(const struct rule *r, struct check_ctx *ctx)
{
	const struct state *st = r->state;
	struct marks mk = {st, NULL, 0, 0};

	scan_scope_lines(r, ctx, each_line, &mk);
	free(mk.own);
}

static void
free_state(void *state)
{
	struct state *st = state;

	if (st) {
		free(st->t);
		free(st);
	}
}

const struct check_kind kind_titles = {
	.name = "titles",
	.keys = keys,
	.params_size = sizeof(struct params),
	.compile = compile,
	.run = run,
	.free_state = free_state,
	.covers = true,
};
