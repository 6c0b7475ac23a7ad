/* SPDX-License-Identifier: MIT */
/** \file catalogue.h
 * \brief The rule catalogue for users: --list-rules (table or JSON),
 *        --explain ID, and "did you mean" suggestions for rule ids.
 */
#ifndef GWLINT_CATALOGUE_H
#define GWLINT_CATALOGUE_H

#include <stdbool.h>
#include <stdio.h>

#include "pack.h"

/**
 * Rules as a config leaves them: enabled[i] and sev[i] for rule i (either
 * NULL: the rule's own, after the command line).
 */
struct rule_view {
	const bool *enabled;
	const enum severity *sev;
};

/** Print every rule: a table (id, severity, pack, source) or a JSON array. */
void catalogue_list(struct ruleset *rs, const struct rule_view *v, FILE *out, bool json);

/**
 * Explain rule `id` on `out` (its severity and state as v leaves them): what it checks, why (source clause), failing
 * and passing examples.  An unknown id prints the nearest ids on stderr
 * and returns 2; otherwise 0.
 */
int catalogue_explain(struct ruleset *rs, const struct rule_view *v, const char *id, FILE *out);

/**
 * Up to `max` known ids nearest to `id` (substring matches first, then by
 * edit distance); returns how many were stored in `out`.
 */
size_t catalogue_suggest(struct ruleset *rs, const char *id, const char **out, size_t max);

/** "did you mean 'a', 'b' or 'c'?" for `id`, or "" (caller frees). */
char *catalogue_did_you_mean(struct ruleset *rs, const char *id);

#endif
