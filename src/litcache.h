/* SPDX-License-Identifier: MIT */
/** \file litcache.h
 * \brief The literal prefilters (literals.h) of the bundled packs'
 *        patterns, worked out at build time and embedded next to the pack
 *        cache (packcache.h).
 *
 * What literal_analyse() finds is a function of the pattern's text alone
 * (for a pattern without pack variables).  src/gen/packgen.c loads the
 * bundled packs with ruleset_load, takes every string value of every
 * rule's own keys (those its kind declares, messages aside) that compiles
 * as a pattern without variables, runs literal_analyse on it and writes
 * the result, encoded (litcache_encode), into build/obj/packcache-data.c,
 * in strcmp order of the texts.  regex.c asks litcache_find() with the
 * exact pattern text: a hit gives what literal_analyse would give, a miss
 * (a user's pack, an edited pattern, a string no rule of the bundled packs
 * has) is analysed as before.  A few listed strings are not patterns at all
 * (a label that happens to compile): they are only never asked for.
 */
#ifndef GWLINT_LITCACHE_H
#define GWLINT_LITCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "literals.h"
#include "util.h"

/**
 * The embedded result for exactly this pattern text: true with *have (what
 * literal_analyse returns), *starts and *req filled as literal_analyse
 * would fill them (every field it sets; what it leaves unspecified, e.g.
 * the sets of a false `near`, is zero here); false when the text is not
 * embedded (the caller runs literal_analyse).
 */
bool litcache_find(const char *pattern, bool *have, struct litset *starts, struct litreq *req);

/** Number of embedded patterns (0 in the generator). */
size_t litcache_count(void);
/** Embedded pattern i (< litcache_count()), NUL-terminated. */
const char *litcache_pattern(size_t i);
/** Entry i decoded (false: its bytes are damaged; never for a real build). */
bool litcache_entry(size_t i, bool *have, struct litset *starts, struct litreq *req);

/** Append the encoding of one literal_analyse result to *out (packgen). */
void litcache_encode(struct buf *out, bool have, const struct litset *starts,
    const struct litreq *req);
/** Decode n bytes made by litcache_encode into zero-initialised structs;
 *  false when they are not a whole, well-formed encoding. */
bool litcache_decode(const unsigned char *p, size_t n, bool *have, struct litset *starts,
    struct litreq *req);

/* ---- the generated tables (build/obj/packcache-data.c; empty in the
 *      generator) ---- */

/** One pattern: offsets into litcache_bytes; entries in strcmp order of
 *  their patterns. */
struct litcache_entry {
	uint32_t pattern;         /**< its text, NUL-terminated */
	uint32_t data, len;       /**< its encoded result */
};

extern const unsigned char litcache_bytes[];
extern const struct litcache_entry litcache_entries[];
extern const size_t litcache_n;

#endif
