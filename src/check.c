/* SPDX-License-Identifier: MIT */
/** \file check.c
 * \brief The table of rule kinds.
 */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "checks/kinds.h"
#include "engine.h"
#include "util.h"

#ifdef GWLINT_TEST_KIND
extern const struct check_kind kind_test;
#endif

static const struct check_kind *const kinds[] = {
	&kind_pattern,
	&kind_require,
	&kind_pairs,
	&kind_titles,
	&kind_section,
	&kind_order,
	&kind_numbering,
	&kind_date,
	&kind_paragraph,
	&kind_heading_year,
	&kind_layout,
#ifdef GWLINT_TEST_KIND
	&kind_test,   /* tests/t-kind.c: a kind added by one file and this row */
#endif
	NULL
};

/* The keys every rule takes; a kind may require one of them (message) or
 * take one more of struct rule_common (scope, fix) in its own table. */
static const struct kind_key common_keys[] = {
	{"id", KT_STR, KEY_REQUIRED | KEY_NONEMPTY, offsetof(struct rule_common, id), 0},
	{"severity", KT_SEV, KEY_REQUIRED, offsetof(struct rule_common, severity), 0},
	{"kind", KT_STR, KEY_REQUIRED | KEY_NONEMPTY, offsetof(struct rule_common, kind), 0},
	{"message", KT_STR, 0, offsetof(struct rule_common, message), 0},
	{"source", KT_STR, 0, offsetof(struct rule_common, source), 0},
	{"explain", KT_STR, 0, offsetof(struct rule_common, explain), 0},
	{"examples", KT_EXAMPLES, 0, offsetof(struct rule_common, examples), 0},
	KEY_END
};

const struct check_kind *
check_kind_find(const char *name)
{
	size_t i;

	for (i = 0; kinds[i]; i++)
		if (strcmp(kinds[i]->name, name) == 0)
			return kinds[i];
	return NULL;
}

const struct check_kind *const *check_kinds(void) { return kinds; }
const struct kind_key *check_common_keys(void) { return common_keys; }

void
check_emit(struct check_ctx *ctx, const struct rule *r, size_t start, size_t end,
    char *msg, char *fix)
{
	if (r->fix_withheld) {
		free(fix);
		fix = NULL;
	}
	check_emit_sev(ctx, r, SEV_NONE, start, end, msg, fix);
}

enum severity
check_severity(const struct rule *r, enum severity user, enum severity graded)
{
	if (user != SEV_NONE)
		return user;
	return graded != SEV_NONE ? graded : r->default_sev;
}

/* The severity the user chose for r in this run, or SEV_NONE. */
static enum severity
user_sev(const struct check_ctx *ctx, const struct rule *r)
{
	return ctx->user_sev ? ctx->user_sev[r - ctx->rules] : SEV_NONE;
}

void
check_limit(struct check_ctx *ctx, const struct rule *r, size_t at)
{
	const char *args[1];

	if (ctx->rule_limit == NULL)
		return;
	args[0] = r->id;
	findings_add(ctx->out, at, at, ctx->rule_limit->id,
	    check_severity(ctx->rule_limit, user_sev(ctx, ctx->rule_limit), SEV_NONE),
	    engine_message(EMSG_RULE_LIMIT, args, 1), NULL);
}

void
check_emit_sev(struct check_ctx *ctx, const struct rule *r, enum severity sev,
    size_t start, size_t end, char *msg, char *fix)
{
	sev = check_severity(r, user_sev(ctx, r), sev);
	if (r->fix_withheld) {
		free(fix);
		fix = NULL;
	}
	findings_add(ctx->out, start, end, r->id, sev, msg, fix);
}

char *
check_format(const char *tmpl, const char *const *args, size_t nargs, const struct vars *v)
{
	/* The arguments (often the document's own text) are not read as a
	 * template: $ and {report_year} in them stay as they are. */
	return template_expand_args(tmpl, args, nargs, v);
}

struct check_cache {
	const void *key;
	void *val;
	void (*free_fn)(void *);
	struct check_cache *next;
};

void *
check_cache_get(const struct check_ctx *ctx, const void *key)
{
	const struct check_cache *c;

	for (c = ctx->cache; c; c = c->next)
		if (c->key == key)
			return c->val;
	return NULL;
}

void
check_cache_put(struct check_ctx *ctx, const void *key, void *val, void (*free_fn)(void *))
{
	struct check_cache *c = xmalloc(sizeof *c);

	c->key = key;
	c->val = val;
	c->free_fn = free_fn;
	c->next = ctx->cache;
	ctx->cache = c;
}

void
check_cache_free(struct check_ctx *ctx)
{
	while (ctx->cache) {
		struct check_cache *c = ctx->cache;

		ctx->cache = c->next;
		if (c->free_fn)
			c->free_fn(c->val);
		free(c);
	}
}
