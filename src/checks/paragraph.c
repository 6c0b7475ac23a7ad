/* SPDX-License-Identifier: MIT */
/** \file paragraph.c
 * \brief Kind `paragraph`: line-structure defects, one per rule (`check`):
 *
 *  - `broken`: a body line that does not end a sentence (no match of
 *    `complete` in its last COMPLETE_TAIL characters) and is at least `min-chars` long, or whose next
 *    line opens with closing punctuation, followed (blank lines between
 *    allowed) by a body line that carries on (no `exclude` match at its
 *    start): "…报区人大常委会备" ⏎⏎ "案，依法…".  $1 is the end of the
 *    line, $2 the start of the next;
 *  - `unnumbered`: a short body line (at most `max-chars`, not matching
 *    `complete`, no 。 inside) standing between body paragraphs after a
 *    numbered level 2-4 heading that is itself unpunctuated and alone on
 *    its line, and shorter than the paragraphs before and after it: a
 *    sibling heading that lost its ordinal.  $1 is the ordinal it should
 *    carry, $2 the ordinal of the numbered sibling.
 *
 * Title block and closing lines are never body lines, so never flagged.
 */
#include "kinds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../document.h"
#include "../hanzi.h"
#include "../utf8.h"
#include "../util.h"

struct params {
	char *check;
	char *complete;          /**< a line ending that ends a sentence */
	char **exclude;
	unsigned exclude_count;
	unsigned min_chars;      /**< shortest line that can be broken */
	unsigned max_chars;      /**< longest line that can be a heading */
};

static const struct kind_key keys[] = {
	KEY_STR("check", struct params, check, KEY_REQUIRED),
	KEY_STR("complete", struct params, complete, KEY_REQUIRED),
	KEY_STRS("exclude", struct params, exclude, 0),
	KEY_UINT("min-chars", struct params, min_chars, 0),
	KEY_UINT("max-chars", struct params, max_chars, 0),
	KEY_COMMON_STR("message", message, KEY_REQUIRED),
	KEY_END
};

enum aspect { A_BROKEN, A_UNNUMBERED };

struct state {
	enum aspect aspect;
	struct regex *complete;
	struct relist exclude;
	size_t min_chars, max_chars;
};

static void free_state(void *p);

static int
compile(struct rule *r, const void *p, struct compile_err *e)
{
	const struct params *d = p;
	struct state *st = xcalloc(1, sizeof *st);

	r->state = st;
	if (strcmp(d->check, "broken") == 0)
		st->aspect = A_BROKEN;
	else if (strcmp(d->check, "unnumbered") == 0)
		st->aspect = A_UNNUMBERED;
	else {
		e->key = "check";
		snprintf(e->msg, sizeof e->msg, "unknown check '%s' (expected broken or "
		    "unnumbered)", d->check);
		return -1;
	}
	st->min_chars = d->min_chars ? d->min_chars : 40;
	st->max_chars = d->max_chars ? d->max_chars : 40;
	return pattern_compile_opt(d->complete, "complete", &st->complete, &r->vars, e) ||
	    relist_compile(d->exclude, d->exclude_count, "exclude", false, &st->exclude, &r->vars, e);
}

/* The line's span without surrounding white space (ASCII, U+3000). */
static void
line_trim(const struct check_ctx *ctx, size_t line, size_t *a, size_t *b)
{
	const char *s = doc_text(ctx->doc);

	doc_line_span(ctx->doc, line, a, b);
	for (;;) {
		if (*a < *b && (s[*a] == ' ' || s[*a] == '\t'))
			(*a)++;
		/* cppcheck-suppress knownConditionTrueFalse ; false positive: the test above also fails when *a < *b and the byte is no space */
		else if (*b - *a >= 3 && memcmp(s + *a, "\xe3\x80\x80", 3) == 0)
			*a += 3;
		else
			break;
	}
	for (;;) {
		if (*b > *a && (s[*b - 1] == ' ' || s[*b - 1] == '\t'))
			(*b)--;
		/* cppcheck-suppress knownConditionTrueFalse ; false positive: the test above also fails when *b > *a and the byte is no space */
		else if (*b - *a >= 3 && memcmp(s + *b - 3, "\xe3\x80\x80", 3) == 0)
			*b -= 3;
		else
			break;
	}
}

/* Byte offset k code points back from b (not before a). */
static size_t
back_chars(const char *s, size_t a, size_t b, size_t k)
{
	while (k-- > 0 && b > a)
		b = utf8_back(s, a, b - 1);
	return b;
}

/* Characters at a line's end that `complete` is matched against: a
 * sentence's end is its last few characters, and a body line may be
 * thousands long. */
#define COMPLETE_TAIL 16

/* 1: the text ends a sentence; 0: not; -1: regex limit. */
static int
is_complete(const struct state *st, struct check_ctx *ctx, const char *s, size_t len)
{
	const pcre2_code *code = regex_code(st->complete, ctx->scratch, ctx->vars);
	size_t from = back_chars(s, 0, len, COMPLETE_TAIL);
	enum match_result mr;

	if (code == NULL)
		return 1;
	mr = regex_search(st->complete, code, ctx->scratch, s + from, len - from, 0);
	return mr == MATCH_FOUND ? 1 : mr == MATCH_NONE ? 0 : -1;
}

static size_t
next_nonblank(const struct check_ctx *ctx, size_t line)
{
	size_t n = doc_line_count(ctx->doc);

	for (line++; line < n; line++)
		if (!doc_line_blank(ctx->doc, line))
			return line;
	return OUTLINE_NONE;
}

static size_t
fwd_chars(const char *s, size_t a, size_t b, size_t k)
{
	while (k-- > 0 && a < b)
		a += utf8_seq_len((unsigned char)s[a]);
	return a > b ? b : a;
}

static bool
opens_with_closing_punct(const char *s, size_t a, size_t b)
{
	static const char *const p[] = {"，", "、", "。", "；", "：", "）", "》", "”", "’"};
	size_t i;

	for (i = 0; i < ARRAY_LEN(p); i++)
		if (b - a >= strlen(p[i]) && memcmp(s + a, p[i], strlen(p[i])) == 0)
			return true;
	return false;
}

static void
emit2(const struct rule *r, struct check_ctx *ctx, size_t a, size_t b, char *x1, char *x2)
{
	const char *args[2];

	args[0] = x1;
	args[1] = x2;
	check_emit(ctx, r, a, b, check_format(r->message, args, 2, ctx->vars), NULL);
	free(x1);
	free(x2);
}

static void
run_broken(const struct rule *r, struct check_ctx *ctx)
{
	const struct state *st = r->state;
	const char *s = doc_text(ctx->doc);
	size_t line, n = doc_line_count(ctx->doc);

	size_t hi = 0, nh = outline_heading_count(ctx->ol);

	for (line = 0; line < n; line++) {
		size_t a, b, a2, b2, next, ms, me, tail;
		enum line_role role = outline_line_role(ctx->ol, line);
		int c;

		if (role != ROLE_BODY && role != ROLE_HEADING)
			continue;
		if (role == ROLE_HEADING) {
			while (hi < nh && outline_heading(ctx->ol, hi)->line < line)
				hi++;
			if (hi >= nh || !outline_heading(ctx->ol, hi)->run_in)
				continue;
		}
		next = next_nonblank(ctx, line);
		if (next == OUTLINE_NONE || outline_line_role(ctx->ol, next) != ROLE_BODY)
			continue;
		line_trim(ctx, line, &a, &b);
		line_trim(ctx, next, &a2, &b2);
		c = is_complete(st, ctx, s + a, b - a);
		if (c < 0) {
			check_limit(ctx, r, a);
			return;
		}
		if (c == 1)
			continue;
		if (utf8_count(s + a, b - a) < st->min_chars && !opens_with_closing_punct(s, a2, b2))
			continue;
		if (relist_find(&st->exclude, ctx, s + a2, b2 - a2, 0, &ms, &me) == 1 && ms == 0)
			continue;
		tail = back_chars(s, a, b, 1);
		emit2(r, ctx, tail, b, xstrndup(s + back_chars(s, a, b, 6), b - back_chars(s, a, b, 6)),
		    xstrndup(s + a2, fwd_chars(s, a2, b2, 6) - a2));
	}
}

static void
run_unnumbered(const struct rule *r, struct check_ctx *ctx)
{
	const struct state *st = r->state;
	const char *s = doc_text(ctx->doc);
	size_t line, n = doc_line_count(ctx->doc), hi = 0, nh = outline_heading_count(ctx->ol);
	const struct heading *prev = NULL;
	enum line_role before = ROLE_BLANK;
	size_t before_len = 0;   /* bytes of the previous body line */
	int extra = 0;

	for (line = 0; line < n; line++) {
		enum line_role role = outline_line_role(ctx->ol, line);
		size_t a, b, a2, b2, next, ms, me;

		if (role == ROLE_BLANK)
			continue;
		if (role == ROLE_HEADING) {
			while (hi < nh && outline_heading(ctx->ol, hi)->line < line)
				hi++;
			prev = hi < nh ? outline_heading(ctx->ol, hi) : NULL;
			extra = 0;
			before = role;
			continue;
		}
		if (role != ROLE_BODY) {
			before = role;
			continue;
		}
		/* A candidate: after a body line, under an unpunctuated numbered
		 * heading of level 2-4 that stands alone on its line. */
		line_trim(ctx, line, &a, &b);
		if (before != ROLE_BODY || prev == NULL || prev->level < 2 || prev->run_in ||
		    before_len <= b - a) {
			before = role;
			before_len = b - a;
			continue;
		}
		before = role;
		before_len = b - a;
		if (utf8_count(s + a, b - a) > st->max_chars ||
		    is_complete(st, ctx, s + a, b - a) != 0 ||
		    is_complete(st, ctx, s + prev->ord_end, prev->text_end - prev->ord_end) != 0)
			continue;
		{
			size_t i;
			bool stop = false;

			for (i = a; i + 3 <= b; i++)
				if (memcmp(s + i, "。", 3) == 0)
					stop = true;
			if (stop)
				continue;
		}
		if (relist_find(&st->exclude, ctx, s + a, b - a, 0, &ms, &me) == 1 && ms == 0)
			continue;
		next = next_nonblank(ctx, line);
		if (next == OUTLINE_NONE || outline_line_role(ctx->ol, next) != ROLE_BODY)
			continue;
		line_trim(ctx, next, &a2, &b2);
		if (b2 - a2 <= b - a)
			continue;
		extra++;
		emit2(r, ctx, a, fwd_chars(s, a, b, 1),
		    gbt_ordinal(prev->level, prev->value + extra),
		    xstrndup(s + prev->start, prev->ord_end - prev->start));
	}
}

static void
run(const struct rule *r, struct check_ctx *ctx)
{
	if (((const struct state *)r->state)->aspect == A_BROKEN)
		run_broken(r, ctx);
	else
		run_unnumbered(r, ctx);
}

static void
free_state(void *p)
{
	struct state *st = p;

	if (st == NULL)
		return;
	regex_free(st->complete);
	relist_free(&st->exclude);
	free(st);
}

const struct check_kind kind_paragraph = {
	.name = "paragraph",
	.keys = keys,
	.params_size = sizeof(struct params),
	.compile = compile,
	.run = run,
	.free_state = free_state,
};
