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
};

/** Per-document, per-thread context handed to a kind's run step. */
struct check_ctx {
	const struct document *doc;
	const struct outline *ol;
	const struct vars *vars;
	struct regex_scratch *scratch;
	struct findings *out;
	/** Config override of the issuer type: "government", "department"; NULL: from the outline. */
	const char *issuer_type;
};

/** Where a compile error sits: a key of the rule, and a byte offset in its value. */
struct compile_err {
	const char *key;    /**< the offending key (NULL: the rule itself) */
	size_t offset;      /**< byte offset in the value, or (size_t)-1 */
	char msg[512];
};

struct check_kind {
	const char *name;
	const char *const *keys;      /**< kind-specific keys it accepts (NULL-ended) */
	const char *const *required;  /**< of those, the ones it needs (NULL-ended) */
	/** Compile d into r->state; 0 or -1 with *e filled. */
	int (*compile)(struct rule *r, const struct rule_def *d, struct compile_err *e);
	void (*run)(const struct rule *r, struct check_ctx *ctx);
	void (*free_state)(void *state);
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
/** Report once that rule r hit a regex limit in this document. */
void check_limit(struct check_ctx *ctx, const struct rule *r, size_t at);

/** Built-in rule ids (not in a pack). */
#define RULE_INPUT_ENCODING "input-encoding"
#define RULE_YEAR_UNKNOWN "report-year-unknown"
#define RULE_LIMIT "rule-limit"

#endif
