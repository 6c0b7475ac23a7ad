/* SPDX-License-Identifier: MIT */
/** \file pattern.c
 * \brief Kind `pattern`: a regex that must not match in a scope.
 *
 * Each match is a finding over the matched text; `message` and `fix` may
 * use $1.. captures, ${N:+text} and the pack variables.  With `skip-scope`, a
 * match that starts inside that scope (e.g. `closing`) is ignored.
 */
#include "kinds.h"

#include <stdio.h>
#include <stdlib.h>

#include "../util.h"

struct params {
	char *pattern;
	char *skip_scope;        /**< a scope whose matches are ignored */
};

static const struct kind_key keys[] = {
	KEY_COMMON_STR("scope", scope, 0),
	KEY_STR("pattern", struct params, pattern, KEY_REQUIRED | KEY_NONEMPTY),
	KEY_COMMON_STR("fix", fix, 0),
	KEY_STR("skip-scope", struct params, skip_scope, 0),
	KEY_COMMON_STR("message", message, KEY_REQUIRED),
	KEY_END
};

struct state {
	struct regex *re;
	bool has_except;
	enum scope except;
};

static int
compile(struct rule *r, const void *p, struct compile_err *e)
{
	const struct params *d = p;
	struct state *st;
	enum scope ex = SCOPE_TEXT;

	if (d->skip_scope && !scope_parse(d->skip_scope, &ex)) {
		e->key = "skip-scope";
		e->offset = (size_t)-1;
		snprintf(e->msg, sizeof e->msg, "unknown scope '%s' for skip-scope", d->skip_scope);
		return -1;
	}
	st = xcalloc(1, sizeof *st);
	if (scan_compile(d->pattern, &st->re, e) != 0) {
		free(st);
		return -1;
	}
	st->has_except = d->skip_scope != NULL;
	st->except = ex;
	r->state = st;
	r->vars |= regex_vars(st->re);
	return 0;
}

static bool
excluded(const struct state *st, const struct check_ctx *ctx, size_t at)
{
	const struct span *sp;
	size_t i, n;

	if (!st->has_except)
		return false;
	sp = outline_scope(ctx->ol, st->except, &n);
	for (i = 0; i < n; i++)
		if (at >= sp[i].start && at < sp[i].end)
			return true;
	return false;
}

static bool
each(const struct rule *r, struct check_ctx *ctx, const char *subj, size_t base, void *arg)
{
	const struct state *st = r->state;
	size_t s, e;

	(void)arg;
	regex_group(ctx->scratch, 0, &s, &e);
	if (excluded(st, ctx, base + s))
		return true;
	check_emit(ctx, r, base + s, base + e,
	    template_expand(r->message, ctx->scratch, subj, ctx->vars),
	    r->fix ? template_expand(r->fix, ctx->scratch, subj, ctx->vars) : NULL);
	return true;
}

static void
run(const struct rule *r, struct check_ctx *ctx)
{
	const struct state *st = r->state;

	scan_spans(r, st->re, ctx, each, NULL);
}

static void
free_state(void *state)
{
	struct state *st = state;

	if (st) {
		regex_free(st->re);
		free(st);
	}
}

const struct check_kind kind_pattern = {
	.name = "pattern",
	.keys = keys,
	.params_size = sizeof(struct params),
	.compile = compile,
	.run = run,
	.free_state = free_state,
};
