/* SPDX-License-Identifier: MIT */
/** \file yamltree.h
 * \brief A YAML file read by libyaml into a small tree whose every node
 *        keeps its position, and the positioned errors found in it.
 *
 * The one reader of the project's YAML: the rule packs (pack.c) and the
 * project config (config.c) build this tree, validate it against their own
 * key tables, and report every error they find, each
 * "FILE:LINE:COL: message" (the column in the unit and origin the caller
 * chose), up to YTREE_MAX_ERRORS of them per run.  A bundled pack's tree
 * can also come from the build (packcache.h, through ytree_unflatten).
 */
#ifndef GWLINT_YAMLTREE_H
#define GWLINT_YAMLTREE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

#include "document.h"
#include "util.h"

/** Deepest nesting of collections accepted. */
#define YTREE_MAX_DEPTH 32
/** Errors reported per run; past it, one line says how many more. */
#define YTREE_MAX_ERRORS 100
/** Separates the messages of an error list (the same as PACK_ERR_SEP). */
#define YTREE_ERR_SEP '\x1f'

/** One node.  A mapping's kids are its keys and values in turn (a key is
 *  always a scalar); a sequence's kids are its entries. */
struct yarena;

struct ynode {
	char type;                /**< 's' scalar, 'm' mapping, 'q' sequence */
	yaml_scalar_style_t style;
	const char *value;        /**< scalar: its text (NUL-terminated) */
	size_t len;               /**< scalar: its length (it may hold a NUL) */
	size_t line, col;         /**< start mark (0-based, column in code points) */
	size_t start, end;        /**< marks' indexes (characters from the stream start) */
	size_t n;                 /**< mapping: 2 * pairs; sequence: entries */
	struct ynode **kids;
	struct yarena *arena;     /**< the root: the memory of the whole tree */
};

/** The file being read, and where its errors go. */
struct ysource {
	const char *file;         /**< as shown in messages */
	const char *text;
	size_t len;
	enum column_unit unit;
	int origin;
	struct buf *errs;         /**< the run's errors, YTREE_ERR_SEP-separated */
	size_t *nerr;             /**< the run's error count (also past the cap) */
};

/**
 * Parse src's text into a tree: NULL for an empty stream, or on an error
 * (then reported, and *failed set).  Aliases, a second document, tags,
 * collections as keys and nesting past YTREE_MAX_DEPTH are refused; `what`
 * names the file in those messages ("pack", "config file").
 */
struct ynode *ytree_parse(const struct ysource *src, const char *what, bool *failed);
/**
 * One node of a tree flattened into numbers (the bundled packs' trees,
 * embedded by packcache.h: no pointer, so nothing to relocate when the
 * binary is loaded).  A flat tree is laid out breadth-first: node 0 is the
 * root, the kids of each collection are consecutive, and the collections'
 * runs of kids follow one another in the collections' order, from 1 on.
 */
struct yflat_node {
	uint32_t value, len;      /**< scalar: its text at pool + value (NUL after it) */
	uint32_t line, col;       /**< as struct ynode */
	uint32_t start, end;
	uint32_t n;               /**< collection: its number of kids */
	unsigned char type;       /**< 's', 'm', 'q' */
	unsigned char style;      /**< a yaml_scalar_style_t */
};
/**
 * The tree of the flat nodes[0..count) whose values are in pool (count >=
 * 1), in the arena ytree_parse uses (ytree_free frees it); its values point
 * into pool, which must outlive it.  Fatal when the layout is not the one
 * described above (a broken table is a build bug).
 */
struct ynode *ytree_unflatten(const struct yflat_node *nodes, size_t count,
    const unsigned char *pool, size_t pool_len);
/** Free a tree: `root` as ytree_parse or ytree_unflatten returned it (its
 *  nodes, values and kid lists live in one arena, freed at once). */
void ytree_free(struct ynode *root);

/** "a mapping", "a sequence", "a string". */
const char *ynode_noun(const struct ynode *n);
/** The value of `key` in mapping m (its first occurrence), or NULL. */
const struct ynode *ymap_get(const struct ynode *m, const char *key);
/** For each pair of mapping m, the index of the first pair with the same
 *  key (itself when it is the first); caller frees.  O(n log n). */
size_t *ymap_first(const struct ynode *m);

/** Record an error at a 0-based line and code-point column. */
void yfail_at(const struct ysource *src, size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/** yfail_at with a va_list. */
void yfail_atv(const struct ysource *src, size_t line, size_t col, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
/** Record an error at a byte offset of the text. */
void yfail_offset(const struct ysource *src, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/** Add a whole message to an error list (counted; kept up to the cap). */
void yerr_add(struct buf *errs, size_t *nerr, const char *msg);
/** Append "N more errors not shown" when the list went past the cap. */
void yerr_close(struct buf *errs, size_t nerr);

/** A string hash (FNV-1a, folded), for indexes of names. */
size_t ytree_hash(const char *s);
/** The closest candidate within edit distance 2, or NULL. */
const char *ytree_nearest(const char *word, const char *const *cands);

/**
 * Format a position in a text given as a 0-based line and a 0-based column
 * in code points (libyaml's marks): "LINE:COL" in `unit` and `origin`.
 */
char *text_position(const char *text, size_t len, size_t line0, size_t cpcol0,
    enum column_unit unit, int origin);

#endif
