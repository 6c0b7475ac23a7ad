/* SPDX-License-Identifier: MIT */
/** \file check.c
 * \brief The table of rule kinds.
 */
#include "check.h"

#include <string.h>

#include "checks/kinds.h"
#include "util.h"

static const struct check_kind *const kinds[] = {
	&kind_pattern,
	&kind_require,
	&kind_pairs,
	&kind_titles,
	NULL
};

static const char *const common_keys[] = {
	"id", "severity", "kind", "message", "source", "explain", "examples", NULL
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
const char *const *check_common_keys(void) { return common_keys; }

void
check_emit(struct check_ctx *ctx, const struct rule *r, size_t start, size_t end,
    char *msg, char *fix)
{
	findings_add(ctx->out, start, end, r->id, r->sev, msg, fix);
}

void
check_limit(struct check_ctx *ctx, const struct rule *r, size_t at)
{
	findings_add(ctx->out, at, at, RULE_LIMIT, SEV_WARNING,
	    xasprintf("rule %s hit the regex match limit here and was stopped "
	    "for this file", r->id), NULL);
}
