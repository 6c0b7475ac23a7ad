/* SPDX-License-Identifier: MIT */
/** \file baseline.h
 * \brief Finding fingerprints and the baseline file of known findings.
 *
 * A fingerprint hashes the rule id, the finding's own text and the text
 * around it on its line, white space removed, so it does not change when
 * lines are added or removed elsewhere in the file (the line number is not
 * part of it).  A baseline is a list of (fingerprint, rule, path) entries;
 * each entry suppresses one finding, so a defect that appears once more
 * than before is reported.
 */
#ifndef GWLINT_BASELINE_H
#define GWLINT_BASELINE_H

#include <stdint.h>
#include <stdio.h>

#include "document.h"
#include "finding.h"

/** FNV-1a over n bytes, continuing from h (the fingerprints' hash). */
uint64_t fnv_bytes(uint64_t h, const void *p, size_t n);
/** The fingerprint of finding f in doc. */
uint64_t finding_fingerprint(const struct document *doc, const struct finding *f);

struct baseline;

/**
 * Read a baseline file (a regular file of at most BASELINE_READ_MAX bytes,
 * never blocking); NULL with *err ("FILE:LINE:COL: ...") on error.
 */
struct baseline *baseline_load(const char *file, char **err);
void baseline_free(struct baseline *b);
/**
 * Drop the findings of doc that the baseline knows; returns how many.  A
 * finding matches an entry of the same fingerprint and rule whose path is
 * the document's path relative to the baseline file's folder (both
 * resolved with realpath), or, for baselines written before paths were
 * stored that way, the document's path as given.
 */
size_t baseline_filter(struct baseline *b, const struct document *doc, struct findings *f);

/**
 * A baseline being written (--write-baseline FILE): a temporary file with
 * an unpredictable name in FILE's folder (O_CREAT|O_EXCL|O_NOFOLLOW),
 * renamed over FILE by baseline_commit.  FILE, if it exists, must be a
 * regular file and not a symbolic link.  Paths are stored relative to
 * FILE's folder (a document path that names no file, such as <stdin>, as
 * given).
 */
struct baseline_out;

/** Start; the header is written.  NULL with *err on error. */
struct baseline_out *baseline_create(const char *file, char **err);
/** One line per finding of doc. */
void baseline_write(struct baseline_out *o, const struct document *doc,
    const struct findings *f);
/** Replace FILE with what was written; frees o.  0, or -1 with *err. */
int baseline_commit(struct baseline_out *o, char **err);
/** Forget it (the temporary file is removed); NULL is ignored. */
void baseline_discard(struct baseline_out *o);

#endif
