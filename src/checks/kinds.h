/* SPDX-License-Identifier: MIT */
/** \file kinds.h
 * \brief The kind entries, one per file in src/checks/.
 */
#ifndef GWLINT_CHECKS_KINDS_H
#define GWLINT_CHECKS_KINDS_H

#include "../check.h"

extern const struct check_kind kind_pattern;
extern const struct check_kind kind_require;
extern const struct check_kind kind_pairs;
extern const struct check_kind kind_titles;

/* Shared helpers for regex-based kinds (checks/scan.c). */

/** Compile d->pattern into *re; fills *e on error. */
int scan_compile(const char *pattern, struct regex **re, struct compile_err *e);

/**
 * Call `each` for every match of `re` inside the spans of r->scope.
 * Returns false if the regex hit a limit (a rule-limit finding is made)
 * or `each` asked to stop by returning false.
 */
bool scan_spans(const struct rule *r, struct regex *re, struct check_ctx *ctx,
    bool (*each)(const struct rule *r, struct check_ctx *ctx, const char *subj,
    size_t base, void *arg), void *arg);

#endif
