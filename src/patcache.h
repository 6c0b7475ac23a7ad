/* SPDX-License-Identifier: MIT */
/** \file patcache.h
 * \brief What the build knows of each bundled pattern: its literal
 *        prefilters (literals.h) and its compiled code, worked out at build
 *        time and embedded next to the pack cache (packcache.h).
 *
 * What literal_analyse() finds is a function of the pattern's text alone
 * (for a pattern without pack variables), and so is what pcre2_compile
 * makes of it with regex.c's options and a given PCRE2 version.
 * src/gen/packgen.c loads the bundled packs with ruleset_load, takes every
 * string value of every rule's own keys (those its kind declares, messages
 * aside) that compiles as a pattern without variables, and writes into
 * build/obj/packcache-data.c, in strcmp order of the texts, the result of
 * literal_analyse (encoded by patcache_encode) and the compiled pattern as
 * PCRE2 serializes it (regex_serialize: pcre2_serialize_encode).
 *
 * regex.c asks with the exact pattern text.  patcache_find() gives what
 * literal_analyse would give; patcache_code() the serialized code, which
 * regex.c decodes at the pattern's first use instead of compiling it at
 * start-up, when the running PCRE2 reads it (same version, code unit and
 * sizes: pcre2_serialize_get_number_of_codes checks them) and it was made
 * with the options regex.c compiles with (checked when decoded).  A miss
 * (a user's pack, an edited pattern, a string no rule of the bundled packs
 * has) is analysed and compiled as before.  A few listed strings are not
 * patterns at all (a label that happens to compile): they are only never
 * asked for.
 */
#ifndef GWLINT_PATCACHE_H
#define GWLINT_PATCACHE_H

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
bool patcache_find(const char *pattern, bool *have, struct litset *starts, struct litreq *req);

/**
 * The serialized code embedded for exactly this pattern text (what
 * pcre2_serialize_encode wrote for it at build time; 8-byte aligned) and
 * its length in *len, or NULL when the text is not embedded.
 */
const unsigned char *patcache_code(const char *pattern, size_t *len);
/**
 * The first embedded code (NULL when none): every code begins with the
 * same header (PCRE2's version and sizes, one code), so whether the PCRE2
 * in use accepts one of them (pcre2_serialize_get_number_of_codes) says
 * whether it accepts any, without reading each code's page.
 */
const unsigned char *patcache_first_code(void);

/** Number of embedded patterns (0 in the generator). */
size_t patcache_count(void);
/** Embedded pattern i (< patcache_count()), NUL-terminated. */
const char *patcache_pattern(size_t i);
/** Entry i decoded (false: its bytes are damaged; never for a real build). */
bool patcache_entry(size_t i, bool *have, struct litset *starts, struct litreq *req);

/** Append the encoding of one literal_analyse result to *out (packgen). */
void patcache_encode(struct buf *out, bool have, const struct litset *starts,
    const struct litreq *req);
/** Decode n bytes made by patcache_encode into zero-initialised structs;
 *  false when they are not a whole, well-formed encoding. */
bool patcache_decode(const unsigned char *p, size_t n, bool *have, struct litset *starts,
    struct litreq *req);

/* ---- the generated tables (build/obj/packcache-data.c; empty in the
 *      generator) ---- */

/** One pattern: offsets into patcache_bytes; entries in strcmp order of
 *  their patterns. */
struct patcache_entry {
	uint32_t pattern;         /**< its text, NUL-terminated */
	uint32_t data, len;       /**< its encoded result */
	uint32_t code, code_len;  /**< its serialized code, in patcache_code_bytes */
};

extern const unsigned char patcache_bytes[];
extern const struct patcache_entry patcache_entries[];
/** The serialized codes, each at a multiple of 8 (PCRE2 reads their
 *  headers as 32-bit fields). */
extern const unsigned char patcache_code_bytes[];
extern const size_t patcache_n;

#endif
