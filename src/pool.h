/* SPDX-License-Identifier: MIT */
/** \file pool.h
 * \brief Linting the files of a run, on worker threads when asked, with the
 *        output printed in the order the files were given.
 *
 * Each file is a job: read (or opened for --fix), linted under its
 * settings, fixed (--fix, --fix-dry-run), then its findings filtered
 * (baseline, --quiet) and formatted.  The calling thread prints the jobs in
 * order, with a line on stderr for each file that was not linted.  The
 * bytes held by finished, unprinted jobs are bounded (PRINT_HOLD_MAX in
 * pool.c), so memory does not grow with the number of files.
 *
 * The pool borrows everything it is given: paths, settings, the rule set,
 * the formatter, the baseline.
 */
#ifndef GWLINT_POOL_H
#define GWLINT_POOL_H

#include <stdbool.h>
#include <stddef.h>

#include "baseline.h"
#include "document.h"
#include "finding.h"
#include "lint.h"
#include "pack.h"
#include "report.h"
#include "walk.h"

/** What the command line says about running the jobs. */
struct pool_opts {
	size_t threads;              /**< --jobs: more than 1 starts that many workers */
	bool fix;                    /**< --fix */
	bool fix_dry_run;            /**< --fix-dry-run */
	bool quiet;                  /**< --quiet: only findings at or above fail_on */
	bool skip_unreadable;        /**< --skip-unreadable */
	enum severity fail_on;       /**< --fail-on (SEV_NONE: never) */
	const char *stdin_filename;  /**< --stdin-filename, or NULL */
	bool tty;                    /**< stdout is a terminal (--fix-dry-run escapes controls) */
};

/** What the run came to, for the exit status and the closing notices. */
struct pool_totals {
	bool io_error;     /**< a file could not be read, fixed or written */
	bool unlinted;     /**< a file was not linted (not text) without --skip-unreadable */
	bool failing;      /**< a finding at or above --fail-on */
	size_t nlinted;    /**< files linted */
	size_t nskipped;   /**< files skipped (--skip-unreadable) */
	size_t withheld;   /**< findings whose fix the trust model withheld */
};

struct pool;

/** A pool for up to `njobs` files of rule set rs. */
struct pool *pool_new(struct ruleset *rs, const struct pool_opts *o, size_t njobs);
/**
 * Add a file: `path` ("-": standard input), `walked` (found by a folder
 * walk: regular files only), `doc` (a document kind the walk recognised,
 * never read as text), `nofix` (why --fix must not rewrite it, or NULL),
 * `ls` (the settings of its config).
 */
void pool_add(struct pool *p, const char *path, bool walked, enum doc_kind doc,
    const char *nofix, const struct lint_settings *ls);
/**
 * Lint every file and print each through fmt and rc in order (the caller
 * calls fmt->begin and fmt->end).  bl filters the findings, blout records
 * them (each may be NULL).  *t gets the totals.
 */
void pool_run(struct pool *p, const struct formatter *fmt, struct report_ctx *rc,
    struct baseline *bl, struct baseline_out *blout, struct pool_totals *t);
void pool_free(struct pool *p);

#endif
