/* SPDX-License-Identifier: MIT */
/** \file prescan.h
 * \brief One pass over a document that finds the start candidates of every
 *        prefiltered regex at once.
 *
 * Each regex with start literals (literals.h) is registered under a key
 * (its address) the first time it searches a document.  At the first
 * search of each later document, one pass over the text decodes every
 * character, tests it against a bitmap of the literals' first characters
 * and, on a hit, compares the literals that begin with it; each distinct
 * literal set gets the sorted list of offsets where one of its literals
 * (or, for a pattern with a ^ branch, a line) starts.  A set registered
 * after the document's pass (the first document meets most sets that
 * way) gets the same list without a new pass: the first such set from a
 * memchr per literal, later ones from an index of where the document's
 * characters start, grouped by character (made once, for documents of up
 * to 1 MB).  A regex's searches
 * then walk that list instead of running memchr once per literal per
 * document.  Sets are kept by content (regexes that start alike share a
 * list) and a key's set is re-checked once per document, so a freed
 * regex whose address a new one reuses does no harm.
 *
 * Lists are document-absolute (uint32 offsets), so a search may use any
 * span of the document as its subject.  The pass gives up (prescan_slot
 * returns -1; the caller searches the old way) on documents over
 * PRESCAN_MAX_DOC bytes or when the lists would exceed PRESCAN_MAX_CANDS
 * entries, which keeps memory bounded on huge or pathological input.
 * A prescan belongs to one thread (it lives in a regex scratch).
 */
#ifndef GWLINT_PRESCAN_H
#define GWLINT_PRESCAN_H

#include <stddef.h>
#include <stdint.h>

#include "literals.h"

#define PRESCAN_MAX_DOC (16u << 20)   /**< bytes */
#define PRESCAN_MAX_CANDS (2u << 20)  /**< list entries over all regexes */

struct prescan;

struct prescan *prescan_new(void);
void prescan_free(struct prescan *ps);

/** A new document (NULL: none); its candidates are found on first use. */
void prescan_doc(struct prescan *ps, const char *text, size_t len);

/**
 * The slot (list) of `key`, whose start literals are `ls`, for the current
 * document, registering it if new; -1 when there is no document, the pass
 * gave up on it, or there is no room for another set until the next
 * document.  Slots stay valid for the whole document.
 */
int prescan_slot(struct prescan *ps, const void *key, const struct litset *ls);
/** prescan_slot() for a key that is registered already; -1 otherwise. */
int prescan_known_slot(struct prescan *ps, const void *key, const struct litset *ls);

/** The candidate offsets of a slot, ascending (duplicates possible). */
const uint32_t *prescan_list(const struct prescan *ps, int slot, size_t *n);

/** The slot's cursor: an index into its list that its searches may keep. */
size_t *prescan_cursor(struct prescan *ps, int slot);

#endif
