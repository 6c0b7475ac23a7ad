/* SPDX-License-Identifier: MIT */
/** \file pairs.c
 * \brief Kind `pairs`: brackets, quotes and title marks balance inside a
 *        paragraph.
 *
 * `pairs` lists the marks two by two, opening then closing
 * ("（）《》“”").  A paragraph is one line: in a 公文 each natural paragraph
 * is a line; only the title block, often split over lines, is one
 * paragraph.  A closing mark with no opening mark, and an opening mark left
 * open at the end of its paragraph or when an outer mark closes first, are
 * findings; the message says where the opening mark was.  A quotation that
 * runs over several paragraphs (GB/T 15834-2011 4.1.3.4: the opening mark
 * starts every paragraph, the closing one ends only the last) is accepted:
 * an opening quote left open is fine when the next paragraph starts with
 * the same mark.
 */
#include "kinds.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../document.h"
#include "../literals.h"
#include "../util.h"

struct params {
	char *pairs;             /**< opening/closing marks, two by two */
	/* The messages (templates; absent: the rule's message). */
	char *unopened;          /**< $1 the closing mark, $2 its opening mark */
	char *crossed;           /**< $1 open mark, $2 where, $3 closing mark met, $4 its opening */
	char *unclosed;          /**< $1 open mark, $2 where, $3 its closing mark */
	char *where;             /**< $1 line number, $2 the text from the mark (…) */
};

static const struct kind_key keys[] = {
	KEY_COMMON_STR("scope", scope, 0),
	KEY_STR("pairs", struct params, pairs, KEY_REQUIRED),
	KEY_STR("message-unopened", struct params, unopened, KEY_TEMPLATE),
	KEY_STR("message-crossed", struct params, crossed, KEY_TEMPLATE),
	KEY_STR("message-unclosed", struct params, unclosed, KEY_TEMPLATE),
	KEY_STR("message-where", struct params, where, KEY_TEMPLATE),
	KEY_END
};

/* A finding's message: template `t` (NULL: the rule's message) with args. */
static char *
msg(const struct rule *r, const struct check_ctx *ctx, const char *t, const char *const *args,
    size_t n)
{
	return check_format(t ? t : r->message, args, n, ctx->vars);
}

#define MAX_PAIRS 32

struct state {
	char open[MAX_PAIRS][5], close[MAX_PAIRS][5];
	unsigned char olen[MAX_PAIRS], clen[MAX_PAIRS];
	size_t npairs;
	/* By byte: 0 if it is the first byte of a mark, else the length of
	 * the character it starts (1 for a continuation byte). */
	unsigned char step[256];
	/* Marks (bit 2i: opening mark of pair i, 2i+1: its closing mark)
	 * by first byte and by last byte: a character can only be a mark
	 * whose bit is in both sets. */
	uint64_t by_first[256], by_last[256];
	/* The marks as literals, for the document's shared pass (regex.h). */
	struct litset marks;
	bool listed;
};

struct open_mark {
	size_t pair, at;
};

/* Copy one UTF-8 character of s into out (≤ 4 bytes); returns its length or 0. */
static size_t
take_char(const char *s, char out[5])
{
	size_t n = utf8_seq_len((unsigned char)*s), i;

	if (*s == '\0' || n > 4)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] == '\0')
			return 0;
	memcpy(out, s, n);
	out[n] = '\0';
	return n;
}

static int
compile(struct rule *r, const void *params, struct compile_err *e)
{
	const struct params *d = params;
	struct state *st = xcalloc(1, sizeof *st);
	const char *p = d->pairs;
	unsigned c;

	while (*p) {
		size_t a, b;

		if (st->npairs == MAX_PAIRS) {
			snprintf(e->msg, sizeof e->msg, "at most %d pairs", MAX_PAIRS);
			goto bad;
		}
		a = take_char(p, st->open[st->npairs]);
		b = a ? take_char(p + a, st->close[st->npairs]) : 0;
		if (a == 0 || b == 0) {
			snprintf(e->msg, sizeof e->msg, "pairs must hold marks two by two "
			    "(opening, closing)");
			goto bad;
		}
		p += a + b;
		st->olen[st->npairs] = (unsigned char)a;
		st->clen[st->npairs] = (unsigned char)b;
		st->by_first[(unsigned char)st->open[st->npairs][0]] |= UINT64_C(1) << (2 * st->npairs);
		st->by_first[(unsigned char)st->close[st->npairs][0]] |= UINT64_C(2) << (2 * st->npairs);
		st->by_last[(unsigned char)st->open[st->npairs][a - 1]] |= UINT64_C(1) << (2 * st->npairs);
		st->by_last[(unsigned char)st->close[st->npairs][b - 1]] |= UINT64_C(2) << (2 * st->npairs);
		st->npairs++;
	}
	if (st->npairs == 0) {
		snprintf(e->msg, sizeof e->msg, "pairs is empty");
		goto bad;
	}
	for (c = 0; c < 256; c++)
		st->step[c] = (unsigned char)(st->by_first[c] ? 0 : utf8_seq_len((unsigned char)c));
	st->listed = litset_of_chars(d->pairs, &st->marks);
	r->state = st;
	return 0;
bad:
	e->key = "pairs";
	e->offset = (size_t)-1;
	free(st);
	return -1;
}

/* Does mark m (n bytes, no NUL) start at s?  Stops at the first
 * difference, so it never reads past the text's terminating NUL. */
static bool
starts_with(const char *s, const char *m, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (s[k] != m[k])
			return false;
	return true;
}

/*
 * Which mark starts at s: pair index and whether it opens; -1 if none.
 * The marks are tried in their order in `pairs` (opening before closing),
 * skipping those whose first or last byte differs from the character's.
 */
static int
mark_at(const struct state *st, const char *s, bool *opens, size_t *len)
{
	unsigned char c = (unsigned char)*s;
	uint64_t cand = st->by_first[c] & st->by_last[(unsigned char)s[utf8_seq_len(c) - 1]];

	while (cand) {
		unsigned bit = (unsigned)__builtin_ctzll(cand);
		size_t i = bit / 2;

		cand &= cand - 1;
		/* A mark that is its own closer (ASCII ") is not supported: it is
		 * taken as an opener only. */
		if (bit % 2 == 0 && starts_with(s, st->open[i], st->olen[i])) {
			*opens = true;
			*len = st->olen[i];
			return (int)i;
		}
		if (bit % 2 == 1 && starts_with(s, st->close[i], st->clen[i])) {
			*opens = false;
			*len = st->clen[i];
			return (int)i;
		}
	}
	return -1;
}

/* Where a mark is, for the messages: message-where with $1 the line
 * number and $2 up to ten characters from the mark (… when cut). */
static char *
where(const struct rule *r, const struct check_ctx *ctx, size_t at, size_t line_end)
{
	const struct params *d = r->params;
	const char *text = doc_text(ctx->doc);
	size_t end = at, k;
	char *args[2];
	char *s;

	for (k = 0; k < 10 && end < line_end; k++)
		end += utf8_seq_len((unsigned char)text[end]);
	if (end > line_end)
		end = line_end;
	args[0] = xasprintf("%zu", doc_line_of(ctx->doc, at) + 1);
	args[1] = xasprintf("%.*s%s", (int)(end - at), text + at, end < line_end ? "…" : "");
	s = check_format(d->where ? d->where : "$1:$2", (const char *const *)args, 2, ctx->vars);
	free(args[0]);
	free(args[1]);
	return s;
}

/* Does the first non-blank line after `line` start with mark `m`? */
static bool
next_para_starts_with(const struct check_ctx *ctx, size_t line, const char *m)
{
	const char *text = doc_text(ctx->doc);
	size_t n = doc_line_count(ctx->doc), a, b;

	for (line++; line < n; line++) {
		if (doc_line_blank(ctx->doc, line))
			continue;
		doc_line_span(ctx->doc, line, &a, &b);
		while (a < b && (text[a] == ' ' || text[a] == '\t'))
			a++;
		while (a + 3 <= b && memcmp(text + a, "\xe3\x80\x80", 3) == 0)
			a += 3;
		return strncmp(text + a, m, strlen(m)) == 0;
	}
	return false;
}

/* The next non-blank line after `line` is part of the title block too. */
static bool
title_goes_on(const struct check_ctx *ctx, size_t line)
{
	size_t n = doc_line_count(ctx->doc);

	if (outline_line_role(ctx->ol, line) != ROLE_TITLE)
		return false;
	for (line++; line < n; line++)
		if (!doc_line_blank(ctx->doc, line))
			return outline_line_role(ctx->ol, line) == ROLE_TITLE;
	return false;
}

/* The open-mark stack carried from line to line. */
struct walk {
	struct open_mark *stk;
	size_t cap, open;
};

/* The first place in [i, b) where a mark may start, or b: asked of the
 * regex layer (regex.h) when the marks make a literal set. */
static size_t
next_mark(const struct state *st, struct check_ctx *ctx, const char *text, size_t i, size_t b)
{
	if (st->listed)
		return regex_scratch_next_literal(ctx->scratch, st, &st->marks, text, i, b);
	/* More marks than a set holds: characters that start none are
	 * stepped over. */
	while (i < b && st->step[(unsigned char)text[i]])
		i += st->step[(unsigned char)text[i]];
	return i < b ? i : b;
}

/*
 * Check one line; w->open marks are open on entry (a title split over
 * lines is one paragraph) and on return.
 */
static void
check_line(const struct rule *r, struct check_ctx *ctx, size_t line, size_t a, size_t b,
    struct walk *w)
{
	const struct state *st = r->state;
	const char *text = doc_text(ctx->doc);
	size_t n = w->open, i = a, k;

	while ((i = next_mark(st, ctx, text, i, b)) < b) {
		bool opens;
		size_t len;
		int m = mark_at(st, text + i, &opens, &len);

		if (m < 0) {
			i += utf8_seq_len((unsigned char)text[i]);
			continue;
		}
		if (opens) {
			w->stk = xgrow(w->stk, &w->cap, n + 1, sizeof *w->stk);
			w->stk[n].pair = (size_t)m;
			w->stk[n].at = i;
			n++;
		} else {
			for (k = n; k > 0 && w->stk[k - 1].pair != (size_t)m; k--)
				;
			if (k == 0) {
				const char *args[2] = {st->close[m], st->open[m]};

				check_emit(ctx, r, i, i + len, msg(r, ctx,
				    ((const struct params *)r->params)->unopened, args, 2), NULL);
			} else {
				/* Marks opened after the matching one were never closed. */
				while (n > k) {
					struct open_mark *om = &w->stk[--n];
					char *wh = where(r, ctx, om->at, b);
					const char *args[4] = {st->open[om->pair], wh, st->close[m],
					    st->open[m]};

					check_emit(ctx, r, om->at, om->at + strlen(st->open[om->pair]),
					    msg(r, ctx, ((const struct params *)r->params)->crossed, args,
					    4), NULL);
					free(wh);
				}
				n--;
			}
		}
		i += len;
	}
	if (title_goes_on(ctx, line)) {
		w->open = n;
		return;
	}
	w->open = 0;
	for (k = 0; k < n; k++) {
		struct open_mark *om = &w->stk[k];
		const char *op = st->open[om->pair];
		char *wh;

		if (strcmp(op, "“") == 0 || strcmp(op, "‘") == 0) {
			if (next_para_starts_with(ctx, line, op))
				continue;
		}
		wh = where(r, ctx, om->at, b);
		{
			const char *args[3] = {op, wh, st->close[om->pair]};

			check_emit(ctx, r, om->at, om->at + strlen(op), msg(r, ctx,
			    ((const struct params *)r->params)->unclosed, args, 3), NULL);
		}
		free(wh);
	}
}

static void
each_line(const struct rule *r, struct check_ctx *ctx, size_t line, size_t a, size_t b,
    void *arg)
{
	check_line(r, ctx, line, a, b, arg);
}

static void
run(const struct rule *r, struct check_ctx *ctx)
{
	struct walk w = {0};

	scan_scope_lines(r, ctx, each_line, &w);
	free(w.stk);
}

const struct check_kind kind_pairs = {
	.name = "pairs",
	.keys = keys,
	.params_size = sizeof(struct params),
	.compile = compile,
	.run = run,
	.free_state = free,
};
