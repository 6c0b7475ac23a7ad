/* SPDX-License-Identifier: MIT */
/** \file packcache.h
 * \brief The bundled rule packs, read at build time and embedded in the
 *        binary: no libyaml for an unmodified bundled pack.
 *
 * src/gen/packgen.c (run by the Makefile on rules/\*.yaml) reads each
 * bundled pack with ytree_parse and writes build/obj/packcache-data.c (never
 * committed): the pack's exact bytes and its positioned tree flattened
 * (struct yflat_node).  packcache_tree() serves that tree when it is handed
 * those exact bytes (the length, then every byte, compared); any other text
 * (an edited or stale pack, a user's pack) gets NULL, and the caller reads
 * it with ytree_parse as before.  The key is the bytes themselves, so a
 * changed pack can never get the tree of another.  Only pack.c asks; the
 * config file is never looked up.
 */
#ifndef GWLINT_PACKCACHE_H
#define GWLINT_PACKCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yamltree.h"

/**
 * The tree of the bundled pack whose bytes are exactly text[0..len), built
 * as ytree_unflatten builds it (free it with ytree_free); NULL when no
 * bundled pack has these bytes.
 */
struct ynode *packcache_tree(const char *text, size_t len);

/**
 * Whether the bundled packs, loaded together, passed every check of the
 * pack loader when gwlint was built (packgen runs ruleset_load on them):
 * then a rule of a tree packcache_tree serves is only checked for what
 * depends on the other packs of a run, its id (pack.c, validate_rule).
 * False when they had errors (each run then reports them) or in the
 * generator itself.
 */
bool packcache_checked(void);

/** Number of bundled packs embedded (0 in the generator itself). */
size_t packcache_count(void);
/** Bundled pack i (< packcache_count()): its bytes (*len of them) and its
 *  file name in rules/ ("terms.yaml"). */
const char *packcache_pack(size_t i, size_t *len, const char **name);

/* ---- the generated tables (build/obj/packcache-data.c; empty in the
 *      generator, which has no packs of its own) ---- */

/** One bundled pack: offsets into packcache_bytes / packcache_nodes. */
struct packcache_entry {
	uint32_t name;            /**< its file name in the pool, NUL-terminated */
	uint32_t text, len;       /**< its bytes */
	uint32_t node, nnode;     /**< its flat tree, nnode >= 1 */
};

/** Every pack's bytes, then the pool of values and names (each followed by
 *  a NUL). */
extern const unsigned char packcache_bytes[];
/** Where the pool starts in packcache_bytes, and the whole length. */
extern const size_t packcache_pool, packcache_bytes_len;
extern const struct yflat_node packcache_nodes[];
extern const struct packcache_entry packcache_entries[];
extern const size_t packcache_npacks;
/** 1 when every bundled pack is embedded and they loaded without error. */
extern const int packcache_validated;

#endif
