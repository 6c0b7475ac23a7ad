/* SPDX-License-Identifier: MIT */
/** \file regex.h
 * \brief PCRE2 patterns with pack variables, compiled once, matched with
 *        limits; message and fix templates.
 *
 * Patterns compile with UTF, UCP, MULTILINE and any-CRLF line ends.  A
 * pattern's searches run PCRE2's interpreter until they have done enough
 * to pay for JIT-compiling it (where the machine has a JIT), then its JIT
 * copy; the answer is the interpreter's unless the interpreter stops at a
 * limit, then the JIT's, whichever ran first (regex.c, match_engines).
 * The literal prefilters (literals.h) are worked out at the first search.  A pattern that mentions
 * {report_year}, {next_year}, {prev_year} or {issuer} is compiled for each
 * set of values by the scratch that uses it (regex_code).  A regex owns its
 * compiled code; a scratch (one per thread) owns match data, JIT stack and
 * the variants it compiled.
 */
#ifndef GWLINT_REGEX_H
#define GWLINT_REGEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/** Values of the pack variables for one document. */
struct vars {
	int report_year;    /**< 0 when unknown */
	const char *issuer; /**< "" when unknown */
};

enum {
	VAR_YEAR = 1,   /**< {report_year} {next_year} {prev_year} */
	VAR_ISSUER = 2, /**< {issuer} */
};

/** Which variables a template mentions (VAR_* bits). */
unsigned vars_used(const char *tmpl);
/**
 * Expand the variables in `tmpl`.  With `quote`, {issuer} is inserted as a
 * literal for a regex.  When `map_off` is not NULL, *map_off is an offset in
 * the expansion on entry and the matching offset in `tmpl` on return.
 */
char *vars_expand(const char *tmpl, const struct vars *v, bool quote, size_t *map_off);

struct regex;
struct regex_scratch;
struct litset;

/**
 * Compile `pattern` (checking it with sample variable values).  On error
 * returns NULL, sets *err (owned by the caller) and *err_off to the byte
 * offset in `pattern` where PCRE2 stopped.
 */
struct regex *regex_new(const char *pattern, char **err, size_t *err_off);
/**
 * regex_new(), choosing whether the pattern may be JIT-compiled: a pattern
 * matched only against short texts (a heading, an issuer's name) is left
 * to the interpreter (whose answer it then is even where the interpreter
 * stops at a limit).  With `jit`, the machine code is made once the
 * pattern's searches have done enough (see the file's comment).
 */
struct regex *regex_new_jit(const char *pattern, bool jit, char **err, size_t *err_off);
void regex_free(struct regex *re);
/**
 * The code regex_new compiles for a pattern without variables, serialized
 * by PCRE2 (pcre2_serialize_encode) into a new block *bytes of *len bytes
 * (the caller frees it): what packgen embeds (patcache.h).  False when the
 * pattern does not compile or has variables.
 */
bool regex_serialize(const char *pattern, unsigned char **bytes, size_t *len);
/** Variables the pattern mentions (VAR_* bits). */
unsigned regex_vars(const struct regex *re);

struct regex_scratch *regex_scratch_new(void);
void regex_scratch_free(struct regex_scratch *sc);
/**
 * The compiled code of `re` for these values; NULL when a needed year is
 * unknown.  A pattern with variables is compiled by the scratch that asks,
 * which keeps its variants: at most VARIANTS_KEPT (32) of values other
 * than v's, so memory does not grow with the number of distinct issuers
 * or years a run meets.  The code stays valid until the scratch is freed
 * or asked for a code with other values.
 */
const pcre2_code *regex_code(struct regex *re, struct regex_scratch *sc, const struct vars *v);
/**
 * The document that the next searches run in (NULL: none).  Searches whose
 * subject lies inside it share one pass that finds every prefiltered
 * regex's candidates (prescan.h); the text must stay unchanged until the
 * next call.
 */
void regex_scratch_doc(struct regex_scratch *sc, const char *text, size_t len);
/**
 * A rule starts its work in the current document: the budget of its
 * searches is full again.  A rule's searches in one document together do
 * at most max(8e8, 32,000 x the document's bytes) steps of PCRE2's matcher,
 * each start position at most 2e8 / (8 x bytes) (at least 1,000); past it
 * every search gives MATCH_LIMIT.  Outside a document (regex_scratch_doc
 * with NULL), only PCRE2's limits apply.
 */
void regex_scratch_rule(struct regex_scratch *sc);
/**
 * The first offset in [from, to) of `text` where one of the literals of
 * `ls` starts, or `to` when there is none: a kind that walks a few marks
 * asks for the next one.  In the current document (`text` the text given
 * to regex_scratch_doc) the places come from its shared pass, under `key`
 * (an address that lives as long as `ls` does); elsewhere the text is read
 * here.  Calls that move forward through the text cost little.  (A
 * literal of several characters found by the pass may run past `to`.)
 */
size_t regex_scratch_next_literal(struct regex_scratch *sc, const void *key,
    const struct litset *ls, const char *text, size_t from, size_t to);

/** Result of one match attempt. */
enum match_result {
	MATCH_NONE = 0,
	MATCH_FOUND,
	MATCH_LIMIT, /**< match, depth or heap limit, or the rule's budget: stop this rule */
	MATCH_ERROR
};

/**
 * Find the next match of `code` in subj[0..len) from byte `from`, with
 * `code` as it is.  On MATCH_FOUND, ovector pairs are available through
 * regex_group().  For the code of a regex, use regex_search: it chooses
 * the engine (the interpreter, or the JIT once the regex is busy).
 */
enum match_result regex_next(const pcre2_code *code, struct regex_scratch *sc,
    const char *subj, size_t len, size_t from);
/**
 * regex_next() for `code` = regex_code(re, ...): the same result, found
 * faster.  A pattern without variables is tried only where a match can be
 * (literals.h): at its start literals, or before its rare required strings,
 * each a search limited to start there (PCRE2's offset limit); and not at
 * all in a subject without a string it needs.  Inside the document given
 * to regex_scratch_doc() the places come from the document's shared pass
 * (prescan.h), elsewhere from memchr per literal.
 */
enum match_result regex_search(struct regex *re, const pcre2_code *code,
    struct regex_scratch *sc, const char *subj, size_t len, size_t from);
/**
 * Whether subj[0..len), inside the current document, may hold a match of
 * `code` = regex_code(re, ...): false only when none of the places the
 * document's shared pass lists for the pattern (where its matches start,
 * or the rarer strings they hold) lies in it.  A kind about to search many
 * small subjects asks first; true when it cannot tell.
 */
bool regex_may_match(struct regex *re, const pcre2_code *code, struct regex_scratch *sc,
    const char *subj, size_t len);
/** Start and end of group `g` of the last match; false if unset. */
bool regex_group(const struct regex_scratch *sc, unsigned g, size_t *start, size_t *end);

/** Conditionals ${N:+...} nested inside each other at most. */
#define TEMPLATE_MAX_DEPTH 16

/**
 * Expand a message or fix template: $0..$9 (and ${10}) from the last match
 * in `subj`, ${N:+text} (text, itself a template, only when group N took
 * part in the match), and the pack variables ({report_year}...) of the
 * template's own text (a group's text is copied as it is).  `$$` is a
 * dollar sign.  `sc` may be NULL: no group took part.
 */
char *template_expand(const char *tmpl, const struct regex_scratch *sc, const char *subj,
    const struct vars *v);
/** template_expand with $1..$9 from args[0..nargs) (NULL: empty) and no
 *  match: the arguments' text is copied as it is. */
char *template_expand_args(const char *tmpl, const char *const *args, size_t nargs,
    const struct vars *v);
/**
 * Whether a template expands within bounds: NULL, or what is wrong (a
 * static string) with *bad the byte offset in tmpl of the `$` at fault
 * (a conditional nested deeper than TEMPLATE_MAX_DEPTH, or one without its
 * closing brace).  Packs are checked with it when they load.
 */
const char *template_check(const char *tmpl, size_t *bad);

#endif
