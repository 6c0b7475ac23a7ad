/* SPDX-License-Identifier: MIT */
/** \file check.h
 * \brief Rule kinds: the table that maps a `kind:` name to its keys, its
 *        compile step and its run step; the rule as the engine sees it.
 *
 * A new kind is one file in src/checks/ and one line in check.c's table.
 * Each kind declares its keys (struct kind_key: name, type, required, where
 * it is stored) and its own parameter struct; pack.c validates a rule
 * against the table and stores it into struct rule_common plus the
 * kind's parameters.  `struct rule` is the loaded, compiled rule, which
 * borrows its strings from that data.
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

/** The keys every rule shares, as pack.c stores them. */
struct rule_common {
	char *id;
	enum severity severity;
	char *kind;
	char *scope;             /**< only for kinds that declare it */
	char *message;
	char *fix;               /**< only for kinds that declare it */
	char *source;
	char *explain;
	struct rule_examples *examples;
};

/** What a key's value must be. */
enum key_type {
	KT_STR,       /**< a string */
	KT_STRS,      /**< a sequence of non-empty strings */
	KT_UINT,      /**< a whole number */
	KT_SEV,       /**< error, warning or info */
	KT_EXAMPLES   /**< a mapping with fail and pass (common key only) */
};

#define KEY_REQUIRED 1u  /**< the rule needs it */
#define KEY_NONEMPTY 2u  /**< a string: not empty; a sequence: one entry or more */
#define KEY_COMMON   4u  /**< stored in struct rule_common, not the kind's parameters */
#define KEY_TEMPLATE 8u  /**< a message template ($1.., {variables}): checked like `message` */

/**
 * One key of a kind: its name, its type, whether it is required, and where
 * pack.c stores it in the kind's parameter struct.  pack.c validates a
 * rule against this table (every error positioned) and fills the kind's
 * parameter struct by it, so a key is declared once.
 */
struct kind_key {
	const char *name;
	enum key_type type;
	unsigned flags;
	size_t offset;        /**< in the parameter struct (KEY_COMMON: in struct rule_common) */
	size_t count_offset;  /**< KT_STRS: its `unsigned` count */
};

#define KEY_STR(name, st, m, fl)  {name, KT_STR, fl, offsetof(st, m), 0}
#define KEY_STRS(name, st, m, fl) {name, KT_STRS, fl, offsetof(st, m), offsetof(st, m##_count)}
#define KEY_UINT(name, st, m, fl) {name, KT_UINT, fl, offsetof(st, m), 0}
#define KEY_SEV(name, st, m, fl)  {name, KT_SEV, fl, offsetof(st, m), 0}
/** A shared key (scope, fix, message) that this kind takes or requires. */
#define KEY_COMMON_STR(name, m, fl) {name, KT_STR, (fl) | KEY_COMMON, \
	offsetof(struct rule_common, m), 0}
#define KEY_END {NULL, KT_STR, 0, 0, 0}

struct rule {
	const char *id;
	const char *pack;        /**< pack name */
	const char *file;        /**< pack file it came from */
	unsigned line, col;      /**< position of the rule in that file (1-based) */
	enum severity default_sev; /**< the pack's; a user's choice is in lint_settings */
	const struct check_kind *kind;
	enum scope scope;
	const char *message;
	const char *fix;
	const char *source;
	const char *explain;
	const char *ex_fail, *ex_pass;
	unsigned vars;           /**< VAR_* bits its patterns and message use */
	const void *params;      /**< the kind's parameter struct (pack.c's data) */
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
	/** The rule set's first rule: a rule's index is r - rules. */
	const struct rule *rules;
	/** Per rule index: the severity the user chose, SEV_NONE: none (NULL: none at all). */
	const enum severity *user_sev;
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
	const char *value;  /**< the value offset is in (NULL: the pattern's) */
	char keybuf[64];    /**< room for a key such as "headings[2]" */
	char msg[512];
};

struct ruleset;

struct check_kind {
	const char *name;
	/** Its own keys, and the shared ones it takes or requires (KEY_END-ended). */
	const struct kind_key *keys;
	/** Size of its parameter struct (what its keys' offsets point into). */
	size_t params_size;
	/** Compile the parameters p (its parameter struct) into r->state; 0 or
	 *  -1 with *e filled (the loader then frees whatever r->state holds
	 *  with free_state). */
	int (*compile)(struct rule *r, const void *p, struct compile_err *e);
	void (*run)(const struct rule *r, struct check_ctx *ctx);
	void (*free_state)(void *state);
	/** Optional: resolve references to other rules once all packs are
	 *  loaded; 0 or -1 with *e filled. */
	int (*link)(struct rule *r, struct ruleset *rs, struct compile_err *e);
	/** Its findings report their span as a whole, with its correct form:
	 *  a milder finding inside one is the same defect (overlap.h). */
	bool covers;
	/** It reads a .docx's layout: silent on text and Markdown input
	 *  (--list-rules and --explain say so). */
	bool needs_docx;
};

/** Look a kind up by name; NULL if unknown. */
const struct check_kind *check_kind_find(const char *name);
/** The kinds, for messages ("expected one of ..."); NULL-terminated. */
const struct check_kind *const *check_kinds(void);
/** Keys every rule accepts whatever its kind (KEY_END-ended). */
const struct kind_key *check_common_keys(void);

/** Record a finding of rule r; takes ownership of msg and fix. */
void check_emit(struct check_ctx *ctx, const struct rule *r, size_t start, size_t end,
    char *msg, char *fix);
/**
 * Expand a message: $1..$9 from args (NULL or missing: ""), then the pack
 * variables.  Returns a new string.
 */
char *check_format(const char *tmpl, const char *const *args, size_t nargs,
    const struct vars *v);
/**
 * The one decision of a finding's severity: the user's (`user`, from the
 * command line or a config naming the rule) if any, else the kind's grade
 * (`graded`: far-severity, deep-severity...) if any, else the rule's
 * default.  SEV_NONE means "none" for user and graded.
 */
enum severity check_severity(const struct rule *r, enum severity user, enum severity graded);
/** Record a finding graded `sev` by the kind (SEV_NONE: the rule's default);
 *  a severity the user chose for the rule wins. */
void check_emit_sev(struct check_ctx *ctx, const struct rule *r, enum severity sev,
    size_t start, size_t end, char *msg, char *fix);
/** Report (as the engine rule rule-limit, unless it is disabled) that rule r
 *  hit a regex limit in this document. */
void check_limit(struct check_ctx *ctx, const struct rule *r, size_t at);

/** The issuer type the rules give the document of `ol`: the issuer lexicon
 *  of the first `date` rule of rs that has one (checks/date.c); unknown
 *  when none has.  For --dump-outline. */
enum issuer_type date_issuer_type(struct ruleset *rs, const struct document *doc,
    const struct outline *ol);
/** The same with the caller's scratch (lint.c's facts for the audit page). */
enum issuer_type date_issuer_type_sc(struct ruleset *rs, const struct document *doc,
    const struct outline *ol, struct regex_scratch *sc);

#endif
