/* SPDX-License-Identifier: MIT */
/** \file pattern.c
 * \brief Kind `pattern`: a regex that must not match in a scope.
 *
 * Each match is a finding over the matched text; `message` and `fix` may
 * use $1.. captures and the pack variables.
 */
#include "kinds.h"

#include "../util.h"

static const char *const keys[] = {"scope", "pattern", "fix", NULL};
static const char *const required[] = {"pattern", "message", NULL};

static int
compile(struct rule *r, const struct rule_def *d, struct compile_err *e)
{
	struct regex *re;

	if (scan_compile(d->pattern, &re, e) != 0)
		return -1;
	r->state = re;
	r->vars |= regex_vars(re);
	return 0;
}

static bool
each(const struct rule *r, struct check_ctx *ctx, const char *subj, size_t base, void *arg)
{
	size_t s, e;

	(void)arg;
	regex_group(ctx->scratch, 0, &s, &e);
	check_emit(ctx, r, base + s, base + e,
	    template_expand(r->message, ctx->scratch, subj, ctx->vars),
	    r->fix ? template_expand(r->fix, ctx->scratch, subj, ctx->vars) : NULL);
	return true;
}

static void
run(const struct rule *r, struct check_ctx *ctx)
{
	scan_spans(r, r->state, ctx, each, NULL);
}

static void
free_state(void *state)
{
	regex_free(state);
}

const struct check_kind kind_pattern = {
	.name = "pattern",
	.keys = keys,
	.required = required,
	.compile = compile,
	.run = run,
	.free_state = free_state,
};
