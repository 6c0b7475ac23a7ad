/* SPDX-License-Identifier: MIT */
/** \file numbering.c
 * \brief Kind `numbering`: heading ordinals, one aspect per rule (`check`):
 *
 *  - `form`: the ordinal is 一、 （一） 1. （1） (GB/T 9704-2012 7.3.3);
 *    $1 is the ordinal as written, $2 the expected form;
 *  - `sequence`: siblings run 1, 2, 3 without gap or duplicate; level 2
 *    restarts under each level-1 heading; levels 3 and 4 may restart per
 *    parent or run on through the document (both are real); $1 written,
 *    $2 expected; `deep-severity` grades levels 2-4;
 *  - `skip`: a heading two or more levels below its parent (一、 then 1.);
 *  - `punct`: sibling headings (one level, one parent) end alike (with 。
 *    or with nothing; the minority is reported, a tie is not, except two
 *    standalone siblings that disagree: the second is reported) and none
 *    ends in ： or ，; $1 what this one does, $2 what its siblings do.
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
	char *check;               /**< which aspect the rule checks */
	enum severity deep_severity; /**< below level 1 (0: the rule's) */
	/* check: punct, the words of its message ($1 this heading, $2 its siblings) */
	char *punct_none;          /**< $1: the heading has no closing mark */
	char *punct_ends;          /**< $1: it ends with a mark (template, $1 the mark) */
	char *major_period;        /**< $2: most siblings end with 。 */
	char *major_none;          /**< $2: most siblings have no mark */
	char *major_mixed;         /**< $2: the siblings differ */
	char *pair_period;         /**< $2: the only other sibling ends with 。 */
	char *pair_none;           /**< $2: the only other sibling has no mark */
};

static const struct kind_key keys[] = {
	KEY_STR("check", struct params, check, KEY_REQUIRED),
	KEY_SEV("deep-severity", struct params, deep_severity, 0),
	KEY_STR("punct-none", struct params, punct_none, 0),
	KEY_STR("punct-ends", struct params, punct_ends, KEY_TEMPLATE),
	KEY_STR("punct-major-period", struct params, major_period, 0),
	KEY_STR("punct-major-none", struct params, major_none, 0),
	KEY_STR("punct-major-mixed", struct params, major_mixed, 0),
	KEY_STR("punct-pair-period", struct params, pair_period, 0),
	KEY_STR("punct-pair-none", struct params, pair_none, 0),
	KEY_COMMON_STR("message", message, KEY_REQUIRED),
	KEY_END
};

enum aspect { A_FORM, A_SEQUENCE, A_SKIP, A_PUNCT };

static int
compile(struct rule *r, const void *p, struct compile_err *e)
{
	const struct params *d = p;
	static const char *const names[] = {"form", "sequence", "skip", "punct"};
	size_t i;

	for (i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(d->check, names[i]) == 0) {
			r->state = xmalloc(sizeof(enum aspect));
			*(enum aspect *)r->state = (enum aspect)i;
			return 0;
		}
	e->key = "check";
	snprintf(e->msg, sizeof e->msg, "unknown check '%s' (expected form, sequence, skip "
	    "or punct)", d->check);
	return -1;
}

static char *
written(const struct check_ctx *ctx, const struct heading *h)
{
	return xstrndup(doc_text(ctx->doc) + h->start, h->ord_end - h->start);
}

static void
emit2(const struct rule *r, struct check_ctx *ctx, enum severity sev, size_t a, size_t b,
    char *x1, char *x2)
{
	const char *args[2];

	args[0] = x1;
	args[1] = x2;
	check_emit_sev(ctx, r, sev, a, b, check_format(r->message, args, 2, ctx->vars), NULL);
	free(x1);
	free(x2);
}

static void
run_form(const struct rule *r, struct check_ctx *ctx)
{
	size_t i, n = outline_heading_count(ctx->ol);

	for (i = 0; i < n; i++) {
		const struct heading *h = outline_heading(ctx->ol, i);

		if (!h->form_ok)
			emit2(r, ctx, r->default_sev, h->start, h->ord_end, written(ctx, h),
			    gbt_ordinal(h->level, h->value));
	}
}

/* Slot of the sibling group (parent, level) in per-group arrays. */
static size_t
group_of(const struct heading *h)
{
	return (size_t)(h->parent + 1) * 4 + (size_t)(h->level - 1);
}

static void
run_sequence(const struct rule *r, struct check_ctx *ctx)
{
	size_t i, n = outline_heading_count(ctx->ol);
	enum severity deep = ((const struct params *)r->params)->deep_severity ?
	    ((const struct params *)r->params)->deep_severity : r->default_sev;
	int *last = xcalloc((n + 1) * 4, sizeof *last);   /* last value in the group */
	int *count = xcalloc((n + 1) * 4, sizeof *count); /* siblings seen so far */
	int any[5] = {0};                                 /* last value of each level */

	for (i = 0; i < n; i++) {
		const struct heading *h = outline_heading(ctx->ol, i);
		size_t g = group_of(h);
		int want = count[g] ? last[g] + 1 : 1;

		/* Right if it follows its predecessor; after a reported gap or
		 * duplicate, also if it stands at its place in the row; levels 3
		 * and 4 may also run on through the document. */
		if (!(h->value == want || h->value == count[g] + 1 ||
		    (h->level >= 3 && any[h->level] && h->value == any[h->level] + 1)))
			emit2(r, ctx, h->level == 1 ? r->default_sev : deep, h->start, h->ord_end,
			    written(ctx, h), gbt_ordinal(h->level, want));
		last[g] = h->value;
		count[g]++;
		any[h->level] = h->value;
	}
	free(last);
	free(count);
}

static void
run_skip(const struct rule *r, struct check_ctx *ctx)
{
	size_t i, n = outline_heading_count(ctx->ol);

	for (i = 0; i < n; i++) {
		const struct heading *h = outline_heading(ctx->ol, i);
		const struct heading *p;

		if (h->parent < 0)
			continue;
		p = outline_heading(ctx->ol, (size_t)h->parent);
		if (p->level < h->level - 1)
			emit2(r, ctx, r->default_sev, h->start, h->ord_end, written(ctx, h),
			    written(ctx, p));
	}
}

enum ending { END_NONE, END_PERIOD, END_BAD, END_OTHER };

static enum ending
ending_of(const struct check_ctx *ctx, const struct heading *h, size_t *at, size_t *len)
{
	const char *s = doc_text(ctx->doc);
	size_t e = h->text_end, b;

	while (e > h->ord_end && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	if (e >= h->ord_end + 3 && memcmp(s + e - 3, "\xe3\x80\x80", 3) == 0)
		e -= 3;
	b = e;
	if (b > h->ord_end)
		b = utf8_back(s, h->ord_end, b - 1);
	*at = b;
	*len = e - b;
	if (e - b == 3 && memcmp(s + b, "。", 3) == 0)
		return END_PERIOD;
	if ((e - b == 3 && (memcmp(s + b, "：", 3) == 0 || memcmp(s + b, "，", 3) == 0)) ||
	    (e - b == 1 && (s[b] == ':' || s[b] == ',')))
		return END_BAD;
	if ((e - b == 3 && (memcmp(s + b, "！", 3) == 0 || memcmp(s + b, "？", 3) == 0 ||
	    memcmp(s + b, "；", 3) == 0)) || (e - b == 1 && (s[b] == '.' || s[b] == ';')))
		return END_OTHER;
	return END_NONE;
}

/* Siblings (same level, same parent) are compared with each other. */
static void
run_punct(const struct rule *r, struct check_ctx *ctx)
{
	const struct params *d = r->params;
	size_t i, n = outline_heading_count(ctx->ol);
	size_t (*cnt)[4] = xcalloc((n + 1) * 4, sizeof *cnt);
	/* The first sibling's ending, 1 + enum ending (0: none seen yet). */
	unsigned char *first = xcalloc((n + 1) * 4, 1);
	/* Siblings with body text after them on their line (run-in). */
	size_t *run_in = xcalloc((n + 1) * 4, sizeof *run_in);

	for (i = 0; i < n; i++) {
		const struct heading *h = outline_heading(ctx->ol, i);
		size_t at, len, g = group_of(h);
		enum ending e = ending_of(ctx, h, &at, &len);

		cnt[g][e]++;
		run_in[g] += h->run_in;
		if (first[g] == 0)
			first[g] = (unsigned char)(1 + e);
	}
	for (i = 0; i < n; i++) {
		const struct heading *h = outline_heading(ctx->ol, i);
		const size_t *c = cnt[group_of(h)];
		enum ending major = c[END_PERIOD] > c[END_NONE] ? END_PERIOD :
		    c[END_NONE] > c[END_PERIOD] ? END_NONE : END_OTHER;
		size_t at, len;
		enum ending e = ending_of(ctx, h, &at, &len);

		/* Two siblings only, each alone on its line, one with 。 and one
		 * without: no majority, so the second is reported against the
		 * first.  A run-in heading needs its 。 to end before the body. */
		bool pair = c[END_PERIOD] == 1 && c[END_NONE] == 1 && c[END_BAD] == 0 &&
		    c[END_OTHER] == 0 && run_in[group_of(h)] == 0;

		if (pair)
			major = (enum ending)(first[group_of(h)] - 1);
		if (e == END_BAD || (major != END_OTHER && (e == END_PERIOD || e == END_NONE) &&
		    e != major)) {
			const char *w = major == END_PERIOD ? (pair ? d->pair_period : d->major_period) :
			    major == END_NONE ? (pair ? d->pair_none : d->major_none) : d->major_mixed;
			char *mark = xasprintf("%.*s", (int)len, doc_text(ctx->doc) + at);
			const char *margs[1] = {mark};

			emit2(r, ctx, r->default_sev, e == END_NONE ? h->text_end : at,
			    e == END_NONE ? h->text_end : at + len,
			    e == END_NONE ? xstrdup(d->punct_none ? d->punct_none : "") :
			    check_format(d->punct_ends ? d->punct_ends : "$1", margs, 1, ctx->vars),
			    xstrdup(w ? w : ""));
			free(mark);
		}
	}
	free(run_in);
	free(first);
	free(cnt);
}

static void
run(const struct rule *r, struct check_ctx *ctx)
{
	switch (*(const enum aspect *)r->state) {
	case A_FORM:
		run_form(r, ctx);
		break;
	case A_SEQUENCE:
		run_sequence(r, ctx);
		break;
	case A_SKIP:
		run_skip(r, ctx);
		break;
	case A_PUNCT:
		run_punct(r, ctx);
		break;
	}
}

const struct check_kind kind_numbering = {
	.name = "numbering",
	.keys = keys,
	.params_size = sizeof(struct params),
	.compile = compile,
	.run = run,
	.free_state = free,
};
