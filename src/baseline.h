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

/** The fingerprint of finding f in doc. */
uint64_t finding_fingerprint(const struct document *doc, const struct finding *f);

struct baseline;

/** Read a baseline file; NULL with *err ("FILE:LINE:COL: ...") on error. */
struct baseline *baseline_load(const char *file, char **err);
void baseline_free(struct baseline *b);
/** Drop the findings of doc that the baseline knows; returns how many. */
size_t baseline_filter(struct baseline *b, const struct document *doc, struct findings *f);

/** The header line of a baseline file. */
void baseline_write_header(FILE *out);
/** One line per finding of doc. */
void baseline_write(FILE *out, const struct document *doc, const struct findings *f);

#endif
