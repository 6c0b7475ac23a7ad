/* SPDX-License-Identifier: MIT */
/** \file heading_year.c
 * \brief Kind `heading-years`: the years written in headings.
 *
 * `year: report|next`: every match of `pattern` (group 1 = a year) in the
 * headings of the `section` item `of`, or in every heading outside the
 * `section` items `except` (and their sub-headings), must equal the report
 * year (report) or the next year (next).  Until issue 14 this was the
 * `section` kind with a `year:` key; it shares nothing with the presence
 * check but section_heading_is().
 */
#include "kinds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../document.h"
#include "../util.h"

struct params {
	char *year;              /**< "report" | "next" */
	char *of;                /**< rule id: the headings whose years are checked */
	char **except;           /**< rule ids: headings (and their subtree) skipped */
	unsigned except_count;
	char *pattern;           /**< group 1: the year */
};

static const struct kind_key keys[] = {
	KEY_STR("year", struct params, year, KEY_REQUIRED),
	KEY_STR("of", struct params, of, 0),
	KEY_STRS("except", struct params, except, 0),
	KEY_STR("pattern", struct params, pattern, KEY_REQUIRED | KEY_NONEMPTY),
	KEY_COMMON_STR("message", message, KEY_REQUIRED),
	KEY_END
};

struct state {
	struct regex *re;
	int year_off;              /* 0: report year, 1: next year */
	const struct rule *of, **except;
	size_t nexcept;
};

static void
free_state(void *p)
{
	struct state *st = p;

	if (st == NULL)
		return;
	regex_free(st->re);
	free(st->except);
	free(st);
}

static int
compile(struct rule *r, const void *p, struct compile_err *e)
{
	const struct params *d = p;
	struct state *st = xcalloc(1, sizeof *st);

	r->state = st;
	if (pattern_compile_opt(d->pattern, "pattern", &st->re, &r->vars, e))
		return -1;
	if (strcmp(d->year, "report") == 0) {
		st->year_off = 0;
	} else if (strcmp(d->year, "next") == 0) {
		st->year_off = 1;
	} else {
		e->key = "year";
		snprintf(e->msg, sizeof e->msg, "unknown year '%s' (expected report or next)",
		    d->year);
		return -1;
	}
	if (d->of == NULL && d->except_count == 0) {
		e->key = "year";
		snprintf(e->msg, sizeof e->msg, "a year check needs 'pattern' (group 1: "
		    "the year) and 'of' or 'except'");
		return -1;
	}
	r->vars |= VAR_YEAR;
	return 0;
}

static int
link_refs(struct rule *r, struct ruleset *rs, struct compile_err *e)
{
	struct state *st = r->state;
	const struct params *d = r->params;

	return link_ids(rs, d->except, d->except_count, "except", &st->except, &st->nexcept, e) ||
	    link_id(rs, d->of, "of", &st->of, e) ? -1 : 0;
}

/* Whether heading i or one of its ancestors is a heading of section rule x. */
static bool
in_item(const struct rule *x, struct check_ctx *ctx, size_t i)
{
	long k = (long)i;

	while (k >= 0) {
		if (section_heading_is(x, ctx, (size_t)k))
			return true;
		k = outline_heading(ctx->ol, (size_t)k)->parent;
	}
	return false;
}

static void
run(const struct rule *r, struct check_ctx *ctx)
{
	const struct state *st = r->state;
	const pcre2_code *code = regex_code(st->re, ctx->scratch, ctx->vars);
	const char *text = doc_text(ctx->doc);
	size_t i, j, n = outline_heading_count(ctx->ol);
	int want = ctx->vars->report_year + st->year_off;

	if (code == NULL || ctx->vars->report_year == 0)
		return;
	for (i = 0; i < n; i++) {
		const struct heading *h = outline_heading(ctx->ol, i);
		const char *subj = text + h->ord_end;
		size_t len = h->text_end - h->ord_end, from = 0;
		bool skip = false;

		if (st->of && !section_heading_is(st->of, ctx, i))
			continue;
		for (j = 0; j < st->nexcept; j++)
			if (in_item(st->except[j], ctx, i))
				skip = true;
		if (skip)
			continue;
		while (from < len) {
			size_t s, e;
			enum match_result mr = regex_search(st->re, code, ctx->scratch, subj, len, from);

			if (mr == MATCH_NONE)
				break;
			if (mr != MATCH_FOUND) {
				check_limit(ctx, r, h->ord_end + from);
				return;
			}
			regex_group(ctx->scratch, 0, &s, &e);
			from = e > s ? e : e + 1;
			{
				size_t ys, ye;
				int y = 0;

				if (!regex_group(ctx->scratch, 1, &ys, &ye) || ye - ys != 4)
					continue;
				for (; ys < ye; ys++)
					y = y * 10 + (subj[ys] - '0');
				if (y == want)
					continue;
				regex_group(ctx->scratch, 1, &ys, &ye);
				check_emit(ctx, r, h->ord_end + ys, h->ord_end + ye,
				    template_expand(r->message, ctx->scratch, subj, ctx->vars), NULL);
			}
		}
	}
}

const struct check_kind kind_heading_year = {
	.name = "heading-years",
	.keys = keys,
	.params_size = sizeof(struct params),
	.compile = compile,
	.run = run,
	.free_state = free_state,
	.link = link_refs,
};
