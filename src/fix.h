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
 *    FIX_MAX_PASSES, or the text grows beyond FIX_GROWTH_FACTOR times the
 *    original plus FIX_GROWTH_SLACK bytes, nothing at all is applied;
 *  - fixes never add a finding: the corrected text is linted again, and in
 *    a paragraph that has more findings of some rule than before, the
 *    fixes applied there are withheld (by rule) and the passes rerun;
 *  - a file with invalid byte sequences, or whose encoding does not give
 *    back its exact bytes, or that changed since it was read, is not
 *    written.
 * Writing: see fix_open and fix_write; on any error (or a fatal signal)
 * the temporary file is removed and the original is untouched.
 */
#ifndef GWLINT_FIX_H
#define GWLINT_FIX_H

#include <stdbool.h>
#include <stddef.h>

#include "lint.h"
#include "util.h"
#include "input/markdown.h"

#define FIX_MAX_PASSES 8
/** Times the passes are run again with more fixes vetoed (see fix_apply). */
#define FIX_MAX_ATTEMPTS 8
/** The corrected text may be at most FACTOR × the original + SLACK bytes
 *  (a fix turning "," into "，" triples a byte; a fix that inserts text at
 *  every pass would grow without end). */
#define FIX_GROWTH_FACTOR 3
#define FIX_GROWTH_SLACK 4096

struct fix_stats {
	size_t applied;     /**< edits applied over all passes */
	unsigned passes;    /**< passes that applied something */
	bool settled;       /**< no fixable finding is left */
	bool grew;          /**< stopped: the text grew beyond the bound */
	size_t withheld;    /**< fixes not applied because they added a finding */
};

/**
 * Apply the safe fixes to the document of `orig` (linted with `rs`, `ls`).
 * On success (something applied, the passes settled, no finding added)
 * *fixed is the lint result of the corrected text and 0 is returned;
 * otherwise -1 and *fixed is empty (zeroed); st says why (settled false,
 * grew, or fixes withheld).
 */
int fix_apply(struct ruleset *rs, const struct lint_settings *ls, const char *path,
    const struct lint_result *orig, struct regex_scratch *sc, struct lint_result *fixed,
    struct fix_stats *st);

/**
 * After fix_apply on a Markdown file (orig->doc has a source): carry the
 * fixes of *fixed (the corrected text) over to the Markdown source
 * (md_fix_source), lint that source again and make it *fixed.  Refused (-1,
 * *fixed emptied, mst saying why) when no line's fixes could be carried
 * over, when the new source does not read back as the corrected text (an
 * edit next to markup changed what it means), or when it has more findings
 * of some rule than the original (lines left out broke a pair).  Markup
 * bytes are never changed.
 */
int fix_markdown(struct ruleset *rs, const struct lint_settings *ls, const char *path,
    const struct lint_result *orig, struct regex_scratch *sc, struct lint_result *fixed,
    struct md_fix *mst);

/**
 * Append to `out` a unified diff of old → new (same line count, as fixes
 * never add or remove line ends), with 3 lines of context, labelled
 * a/PATH and b/PATH.
 */
void fix_diff(struct buf *out, const char *path, const char *old, size_t olen,
    const char *new_text, size_t nlen);

/**
 * A file opened for fixing (opaque).  fix_open refuses, with a message,
 * anything gwlint must not rewrite: a path whose last component is a
 * symbolic link (/dev/stdin, /proc/self/fd/N, a link in a tree), a file
 * that is not a regular file (a FIFO is refused before it is opened, so
 * nothing blocks), a file with more than one hard link, a read-only file
 * (no write bit for its owner) or one this user may not write.  It then
 * holds the file open with an advisory lock (flock LOCK_EX, waiting up to
 * FIX_LOCK_WAIT_MS for another gwlint --fix), the lock kept until
 * fix_close.
 */
struct fix_target;

#define FIX_LOCK_WAIT_MS 10000

/** NULL with *err ("PATH: not fixed: ...") when refused. */
struct fix_target *fix_open(const char *path, char **err);
/** The open file, for reading what is fixed (read it with pread_all). */
int fix_target_fd(const struct fix_target *t);
void fix_close(struct fix_target *t);

/**
 * Write `text` (UTF-8) over the file of `t` in the file's encoding `enc`
 * (and BOM), atomically: a temporary file in the same folder
 * (O_CREAT|O_EXCL|O_NOFOLLOW, unpredictable name) that gets the original's
 * owner, group, mode and extended attributes (POSIX ACLs included) — or the
 * fix is refused if one of them cannot be kept —, fsync, then, just before
 * the rename, the original is checked again (same device and inode under
 * the same name, same size, mtime and bytes): if it moved, nothing is
 * written ("changed since it was read").  `orig` are the bytes read before
 * linting and `orig_text` the text decoded from them: the write is refused
 * if encoding orig_text does not give orig back.  `shown` is the path in
 * messages.  Returns 0, or -1 with *err set (caller frees).
 */
int fix_write(struct fix_target *t, const char *shown, const unsigned char *orig, size_t olen,
    const char *orig_text, size_t otlen, enum encoding enc, bool bom,
    const char *text, size_t len, char **err);

#endif
