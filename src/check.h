/* SPDX-License-Identifier: MIT */
/** \file check.h
 * \brief Rule kinds: the table that maps a `kind:` name to its keys, its
 *        compile step and its run step; the rule as the engine sees it.
 *
 * A new kind is one file in src/checks/ and one line in check.c's table.
 * `struct rule_def` is what libcyaml loads from a pack (one struct for all
 * kinds: each kind lists the keys it accepts); `struct rule` is the loaded,
 * compiled rule, which borrows its strings from the def.
 */
#ifndef GWLINT_CHECK_H
#define GWLINT_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"
#include "outline.h"
#include "regex.h"

struct document;

struct rule_examples {
	char *fail;
	char *pass;
};

/** One rule as written in a pack (see pack.c for the schema). */
struct rule_def {
	char *id;
	enum severity severity;
	char *kind;
	char *scope;
	char *pattern;
	char *message;
	char *fix;
	char *source;
	char *explain;
	struct rule_examples *examples;
	unsigned min;            /**< require: matches needed (0 = unset = 1) */
	char *anchor;            /**< require: where a missing item is reported */
	char *skip_scope;        /**< pattern: a scope whose matches are ignored */
	char *pairs;             /**< pairs: opening/closing marks, two by two */
	char **titles;           /**< titles: exact titles of cited documents */
	unsigned titles_count;
	/* section (see checks/section.c) */
	char *label;             /**< the item's name in messages */
	char **headings;         /**< lexicon for level-1 heading text */
	unsigned headings_count;
	char **subheadings;      /**< lexicon for level 2-4 heading text */
	unsigned subheadings_count;
	char **body;             /**< evidence in body text */
	unsigned body_count;
	char **exclude;          /**< heading text that never counts */
	unsigned exclude_count;
	unsigned topic_min;      /**< thematic-only: topic L1 headings needed */
	char **topic_stop;       /**< rule ids whose L1 heading ends the topics */
	unsigned topic_stop_count;
	char **topic_excludes;   /**< rule ids whose headings are not topics */
	unsigned topic_excludes_count;
	char **topic_ignore;     /**< heading text that is not a topic */
	unsigned topic_ignore_count;
	char *within;            /**< rule id: search only inside that section */
	char *if_present;        /**< rule id: check only when that item is there */
	char *year;              /**< "report" | "next": years in headings */
	char *of;                /**< rule id: the headings whose years are checked */
	char **except;           /**< rule ids: headings (and their subtree) skipped */
	unsigned except_count;
	/* order */
	char **items;            /**< rule ids in their mandated order */
	unsigned items_count;
	char **floating;         /**< rule ids allowed anywhere before `before` */
	unsigned floating_count;
	char *before;
	/* numbering, date, paragraph */
	char **also;             /**< require: further patterns, graded deep-severity */
	unsigned also_count;
	char *check;             /**< which aspect the rule checks */
	enum severity deep_severity; /**< numbering: below level 1; require: `also` */
	enum severity far_severity;  /**< date: severity a year or more off */
	char **government;       /**< date: issuer names with the long window */
	unsigned government_count;
	char **department;       /**< date: issuer names with the short window */
	unsigned department_count;
	char *window_start;      /**< date: MM-DD in the report year */
	char *window_end;        /**< date: MM-DD in the next year (government) */
	char *department_end;    /**< date: MM-DD in the next year (department) */
	char *complete;          /**< paragraph: a line ending that ends a sentence */
	unsigned min_chars;      /**< paragraph: shortest line that can be broken */
	unsigned max_chars;      /**< paragraph: longest line that can be a heading */
};

struct rule {
	const char *id;
	const char *pack;        /**< pack name */
	const char *file;        /**< pack file it came from */
	unsigned line, col;      /**< position of the rule in that file (1-based) */
	enum severity default_sev;
	enum severity sev;       /**< after command-line and config overrides */
	bool enabled;
	const struct check_kind *kind;
	enum scope scope;
	const char *message;
	const char *fix;
	const char *source;
	const char *explain;
	const char *ex_fail, *ex_pass;
	unsigned vars;           /**< VAR_* bits its patterns and message use */
	const struct rule_def *def;
	void *state;             /**< the kind's compiled data */
	bool fix_withheld;       /**< its findings carry no fix (trust: a config's pack) */
};

struct check_cache;

/** Per-document, per-thread context handed to a kind's run step. */
struct check_ctx {
	const struct document *doc;
	const struct outline *ol;
	const struct vars *vars;
	struct regex_scratch *scratch;
	struct findings *out;
	struct check_cache *cache;   /**< per-document results shared by rules; NULL at start */
	/** Config override of the issuer type: "government", "department"; NULL: from the outline. */
	const char *issuer_type;
	/** The engine rule rule-limit (see engine.h), NULL when it is disabled. */
	const struct rule *rule_limit;
};

/** A value a kind computed for this document under `key` (NULL: none yet). */
void *check_cache_get(const struct check_ctx *ctx, const void *key);
/** Keep `val` under `key` for this document; free_fn releases it. */
void check_cache_put(struct check_ctx *ctx, const void *key, void *val,
    void (*free_fn)(void *));
/** Release the document's cache (lint.c, after the rules ran). */
void check_cache_free(struct check_ctx *ctx);

/** Where a compile error sits: a key of the rule, and a byte offset in its value. */
struct compile_err {
	const char *key;    /**< the offending key (NULL: the rule itself) */
	size_t offset;      /**< byte offset in the value, or (size_t)-1 */
	const char *value;  /**< the value offset is in (NULL: d->pattern) */
	char keybuf[64];    /**< room for a key such as "headings[2]" */
	char msg[512];
};

struct ruleset;

struct check_kind {
	const char *name;
	const char *const *keys;      /**< kind-specific keys it accepts (NULL-ended) */
	const char *const *required;  /**< of those, the ones it needs (NULL-ended) */
	/** Compile d into r->state; 0 or -1 with *e filled (the loader then
	 *  frees whatever r->state holds with free_state). */
	int (*compile)(struct rule *r, const struct rule_def *d, struct compile_err *e);
	void (*run)(const struct rule *r, struct check_ctx *ctx);
	void (*free_state)(void *state);
	/** Optional: resolve references to other rules once all packs are
	 *  loaded; 0 or -1 with *e filled. */
	int (*link)(struct rule *r, struct ruleset *rs, struct compile_err *e);
	/** Its findings report their span as a whole, with its correct form:
	 *  a milder finding inside one is the same defect (overlap.h). */
	bool covers;
};

/** Look a kind up by name; NULL if unknown. */
const struct check_kind *check_kind_find(const char *name);
/** The kinds, for messages ("expected one of ..."); NULL-terminated. */
const struct check_kind *const *check_kinds(void);
/** Keys every rule accepts whatever its kind; NULL-terminated. */
const char *const *check_common_keys(void);

/** Record a finding of rule r; takes ownership of msg and fix. */
void check_emit(struct check_ctx *ctx, const struct rule *r, size_t start, size_t end,
    char *msg, char *fix);
/**
 * Expand a message: $1..$9 from args (NULL or missing: ""), then the pack
 * variables.  Returns a new string.
 */
char *check_format(const char *tmpl, const char *const *args, size_t nargs,
    const struct vars *v);
/** Record a finding with an explicit severity (after overrides). */
void check_emit_sev(struct check_ctx *ctx, const struct rule *r, enum severity sev,
    size_t start, size_t end, char *msg, char *fix);
/** Report (as the engine rule rule-limit, unless it is disabled) that rule r
 *  hit a regex limit in this document. */
void check_limit(struct check_ctx *ctx, const struct rule *r, size_t at);

#endif
