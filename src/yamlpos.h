/* SPDX-License-Identifier: MIT */
/** \file yamlpos.h
 * \brief Positioned errors for the config file (loaded with libcyaml): a
 *        libyaml pre-pass that indexes every key and value by path.
 *
 * Used by the project config (config.c); the rule packs (pack.c) build
 * their own positioned tree.  A
 * node's path is "rules[1].severity", "rules[1]", or "" for the root.
 * Errors read "FILE:LINE:COL: message", the column in the unit and origin
 * the caller chose; only the first error is kept (in ypos.err).
 */
#ifndef GWLINT_YAMLPOS_H
#define GWLINT_YAMLPOS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <cyaml/cyaml.h>

#include "document.h"
#include "util.h"

struct ynode {
	char *path;          /**< "rules[1].severity", "rules[1]", "" for the root */
	char *key;           /**< last key ("severity"), NULL for sequence entries */
	char *value;         /**< the scalar's text, NULL for a collection */
	size_t kline, kcol;  /**< key mark (0-based; cols in code points) */
	size_t vline, vcol;  /**< value mark */
	bool quoted;         /**< value is a quoted scalar */
	bool has_value;
	char kind;           /**< the value: 's' scalar, 'm' mapping, 'q' sequence (0: none yet) */
	size_t same;         /**< next node with this path, + 1 (0: none) */
};

/** The nodes in document order, and a hash of their paths (open
 *  addressing; a slot holds the first node with that path, + 1), so that a
 *  10 MB pack is indexed and searched in linear time. */
struct yindex {
	struct ynode *v;
	size_t n, cap;
	size_t *slot;
	size_t nslot;
};

/** Deepest nesting of collections accepted (node paths grow with depth). */
#define YPOS_MAX_DEPTH 32

/** One YAML file being loaded. */
struct ypos {
	const char *file;
	const char *text;
	size_t len;
	enum column_unit unit;
	int origin;
	struct yindex ix;
	char *err;           /**< first error, owned */
	/** What the file is, in messages: "pack", "config file". */
	const char *what;
	/** What the root must be: "a mapping with 'pack' and 'rules'". */
	const char *root_shape;
	/** What sequence entries are, in "X is missing the required key" ("rule"). */
	const char *entry_noun;
	/** Keys allowed in the mapping at `path`, for "did you mean" (may be NULL). */
	const char *const *(*keys_for)(const char *path);
};

/** Pass 1: syntax (positioned) and the node index.  0, or -1 with err set. */
int ypos_prepass(struct ypos *ld);
/** Release the index (not err). */
void ypos_free(struct ypos *ld);
/** The k-th (0-based) node with this path, or NULL. */
const struct ynode *ypos_find(const struct yindex *ix, const char *path, size_t k);
/** Record an error at a 0-based line and code-point column (first one wins). */
void ypos_fail_at(struct ypos *ld, size_t line0, size_t col0, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** libcyaml's log: not kept (a libcyaml error after the validation is an
 *  internal error; its text is never parsed). */
struct ypos_log {
	struct buf text;     /**< stays empty */
};
/** A cyaml log_fn that discards libcyaml's messages. */
void ypos_log_fn(cyaml_log_t level, void *ctx, const char *fmt, va_list ap);

/** A string hash (FNV-1a, folded), for the index and its users. */
size_t ypos_hash(const char *s);

/** The closest candidate within edit distance 2, or NULL. */
const char *ypos_nearest(const char *word, const char *const *cands);

/**
 * Format a position in a text given as a 0-based line and a 0-based column
 * in code points (libyaml's marks): "LINE:COL" in `unit` and `origin`.
 */
char *text_position(const char *text, size_t len, size_t line0, size_t cpcol0,
    enum column_unit unit, int origin);

#endif
