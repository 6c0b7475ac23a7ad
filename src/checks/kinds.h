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
extern const struct check_kind kind_section;
extern const struct check_kind kind_order;
extern const struct check_kind kind_numbering;
extern const struct check_kind kind_date;
extern const struct check_kind kind_paragraph;
extern const struct check_kind kind_heading_year;
extern const struct check_kind kind_layout;

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

/**
 * Call `each` for every line piece of r->scope: each line that a span of the
 * scope touches, clipped to the span, skipped when empty.
 */
void scan_scope_lines(const struct rule *r, struct check_ctx *ctx,
    void (*each)(const struct rule *r, struct check_ctx *ctx, size_t line, size_t a,
    size_t b, void *arg), void *arg);

/** A compiled list of patterns (a lexicon). */
struct relist {
	struct regex **v;
	size_t n;
};

/** Compile the YAML list `pats` (key `key`) into *out; ORs its variables into
 * *vars.  `jit`: JIT-compile them (false for lists only ever matched
 * against short texts such as headings: see regex_new_jit). */
int relist_compile(char **pats, unsigned n, const char *key, bool jit, struct relist *out,
    unsigned *vars, struct compile_err *e);
void relist_free(struct relist *l);
/**
 * First match of any pattern of `l` in subj[0..len) from byte `from`:
 * 1 (span in *ms, *me; the match stays in the scratch), 0, or -1 (limit).
 */
int relist_find(const struct relist *l, struct check_ctx *ctx, const char *subj,
    size_t len, size_t from, size_t *ms, size_t *me);

/** Compile a single optional pattern (key `key`) into *re (NULL if absent). */
int pattern_compile_opt(const char *pat, const char *key, struct regex **re,
    unsigned *vars, struct compile_err *e);

/** The rules of kind section that a list of `n` rule ids names (key `key`,
 *  for errors), resolved at link time into *out (allocated) and *nout. */
int link_ids(struct ruleset *rs, char **ids, unsigned n, const char *key,
    const struct rule ***out, size_t *nout, struct compile_err *e);
/** The same for one rule id (NULL: *out stays NULL). */
int link_id(struct ruleset *rs, const char *id, const char *key, const struct rule **out,
    struct compile_err *e);

/* Where a `section` rule's item stands in a document (checks/section.c). */
struct section_hit {
	bool found;
	bool by_topic;    /**< inferred from topic level-1 headings */
	bool by_body;     /**< only body evidence */
	size_t at;        /**< byte offset of the first evidence */
	size_t root;      /**< start of the level-1 section holding it (for order) */
	long heading;     /**< first heading that carries it, or -1 */
	/** Not found, but a body search stopped at a limit (at limit_at): the
	 *  item may be there; the section rule gives rule-limit, not its
	 *  message. */
	bool limited;
	size_t limit_at;
};

/** Locate the item of section rule r (which must be of kind section). */
void section_locate(const struct rule *r, struct check_ctx *ctx, struct section_hit *hit);
/** Whether heading i is one of the item's headings (as section_locate counts them). */
bool section_heading_is(const struct rule *r, struct check_ctx *ctx, size_t i);
/** The item's label (its `label`, else its id). */
const char *section_label(const struct rule *r);

/** Offset where a finding about a missing item goes. */
size_t missing_anchor(const struct check_ctx *ctx);

#endif
