/* SPDX-License-Identifier: MIT */
/** \file pack.h
 * \brief Loading YAML rule packs into a compiled rule set.
 *
 * A rule set owns the packs it loaded (libcyaml data), the compiled rules
 * and every string they point to.  Every error of every pack is reported,
 * each "FILE:LINE:COL: message", positioned at the offending YAML node,
 * with the column in the unit the caller chose.
 */
#ifndef GWLINT_PACK_H
#define GWLINT_PACK_H

#include <stddef.h>

#include "check.h"
#include "document.h"

struct ruleset;

/** Separates the errors in ruleset_load's *err (one message each). */
#define PACK_ERR_SEP '\x1f'

/**
 * Load every pack named by `paths` (a directory contributes its *.yaml
 * files in name order).  Returns NULL on error with *err set (caller
 * frees): every error found in the packs, in file order, each
 * "FILE:LINE:COL: message", separated by PACK_ERR_SEP.
 *
 * Rule ids are unique within one entry of `paths` (a file, or all the
 * packs of a directory).  A rule whose id a rule of an earlier entry
 * already has replaces that rule: it takes its place in the rule order,
 * and the references of other rules to the id now mean it.  So a local
 * copy of a bundled rule, named after the bundled packs (--rules rules
 * --rules mine.yaml), overrides it.  Only the first `nreplace` entries (the
 * command line's) may replace; a rule of a later entry (a config's pack,
 * which applies to that config's files only) whose id is already loaded is
 * a positioned error, so that no file's findings depend on which other
 * files are in the run.
 */
struct ruleset *ruleset_load(const char *const *paths, size_t n, size_t nreplace,
    enum column_unit unit, int origin, char **err);
void ruleset_free(struct ruleset *rs);

size_t ruleset_count(const struct ruleset *rs);
struct rule *ruleset_rule(struct ruleset *rs, size_t i);
/** Find a rule by id; NULL if none. */
struct rule *ruleset_find(struct ruleset *rs, const char *id);

#endif
