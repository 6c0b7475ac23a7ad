/* SPDX-License-Identifier: MIT */
/** \file fix.h
 * \brief Safe fixes: apply the `fix` of findings, show them as a unified
 *        diff, write the file back atomically.
 *
 * What is applied (the reading of SPEC §6 "never changes a file that has a
 * finding it cannot fix safely"):
 *  - only findings whose rule gives a fix; the others are left and
 *    reported as not fixed;
 *  - never two overlapping edits from one lint: of two fixes that overlap,
 *    the first (by position) is applied, the other is dropped and the text
 *    is linted again, so a later fix is applied only if its finding is
 *    found again on the corrected text;
 *  - never an edit that crosses or inserts a line end, nor one that changes
 *    nothing;
 *  - passes repeat until no fix is left; if they do not settle within
 *    FIX_MAX_PASSES, nothing at all is applied;
 *  - a file with invalid byte sequences, or whose encoding does not give
 *    back its exact bytes, or that changed since it was read, is not
 *    written.
 * Writing: a temporary file in the same directory, fsync, rename over the
 * original (through symbolic links), mode kept; on any error the temporary
 * file is removed and the original is untouched.
 */
#ifndef GWLINT_FIX_H
#define GWLINT_FIX_H

#include <stdbool.h>
#include <stddef.h>

#include "lint.h"
#include "util.h"

#define FIX_MAX_PASSES 8

struct fix_stats {
	size_t applied;     /**< edits applied over all passes */
	unsigned passes;    /**< passes that applied something */
	bool settled;       /**< no fixable finding is left */
};

/**
 * Apply the safe fixes to the document of `orig` (linted with `rs`, `ls`).
 * On success (something applied and the passes settled) *fixed is the lint
 * result of the corrected text and 0 is returned; otherwise -1 and *fixed
 * is empty (zeroed).
 */
int fix_apply(struct ruleset *rs, const struct lint_settings *ls, const char *path,
    const struct lint_result *orig, struct regex_scratch *sc, struct lint_result *fixed,
    struct fix_stats *st);

/**
 * Append to `out` a unified diff of old → new (same line count, as fixes
 * never add or remove line ends), with 3 lines of context, labelled
 * a/PATH and b/PATH.
 */
void fix_diff(struct buf *out, const char *path, const char *old, size_t olen,
    const char *new_text, size_t nlen);

/**
 * Write `text` (UTF-8) to `path` in the file's encoding `enc` (and BOM),
 * atomically.  `orig` are the bytes read before linting and `orig_text` the
 * text decoded from them: the write is refused if encoding orig_text does
 * not give orig back, or if the file no longer holds orig.  Returns 0, or
 * -1 with *err set (caller frees).
 */
int fix_write(const char *path, const unsigned char *orig, size_t olen,
    const char *orig_text, size_t otlen, enum encoding enc, bool bom,
    const char *text, size_t len, char **err);

#endif
