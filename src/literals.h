/* SPDX-License-Identifier: MIT */
/** \file literals.h
 * \brief What a regex's matches must start with or contain, read from the
 *        pattern's source: the prefilters that let a search try PCRE2 only
 *        where a match can be instead of at every byte.
 *
 * literal_starts() reads the pattern source (compiled by regex.c with UTF,
 * UCP and MULTILINE, no other options) and, when it can tell, returns a
 * set S of UTF-8 strings such that every match begins with a member of S
 * or, when line_start is set, at the start of a line (a branch led by ^).
 * Top-level X(*SKIP)(*FAIL) branches are understood when X stays inside a
 * line (skip_lines).  literal_required() finds strings every match
 * contains near its start, and strings it needs at any distance.  All of
 * it is conservative: anything not fully understood (inline flags,
 * back-references as starts, \Q, other verbs, a branch that can match the
 * empty string, a first item such as \d or \p{..} whose characters are
 * too many to list) gives no prefilter, and the caller searches the
 * ordinary way.  fuzz/fuzz_regex checks the result against plain PCRE2.
 */
#ifndef GWLINT_LITERALS_H
#define GWLINT_LITERALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LIT_MAX_LEN 24 /**< bytes in one literal */
#define LIT_MAX 32     /**< literals in one set */

struct literal {
	unsigned char len;
	unsigned char rare; /**< index of the byte to memchr for (likely rarest) */
	char s[LIT_MAX_LEN];
};

struct litset {
	bool line_start;   /**< a match may also start at a line start (^) */
	/** Some top-level branches are X(*SKIP)(*FAIL), where X never spans a
	 * line end: whether a match starts at a candidate depends on where X
	 * matched before it, so the candidate is confirmed by a search from
	 * the start of its line that may start no later than the candidate. */
	bool skip_lines;
	/** With skip_lines: ASCII bytes (a bit each) that no skip branch's
	 * match can hold, so a search may start right after one instead of at
	 * the line's start; skip_stop_cjk: CJK punctuation (，。、《》“”…)
	 * too (the skip branches consume no non-Han character). */
	unsigned char skip_stop[16];
	bool skip_stop_cjk;
	/** With skip_stop_cjk: the CJK punctuation some skip branch may
	 * consume (listed by it, e.g. 、), which is no stop. */
	unsigned char nskip_go;
	uint32_t skip_go[4];
	/** With skip_lines: every skip branch starts with ^, so none starts
	 * after a stop that is not a line end: a candidate with such a stop
	 * before it on its line is tried on its own. */
	bool skip_anchored;
	/** Bit b set: no match can start right after the ASCII byte b (every
	 * top-level branch opens with a negative look-behind that lists b). */
	unsigned char not_after[16];
	size_t n;
	struct literal v[LIT_MAX];
};

/** Fill *out with the start literals of `pattern` (and not_after); false
 * when unknown. */
bool literal_starts(const char *pattern, struct litset *out);

/** Farthest a required literal may start from a match's start (bytes). */
#define REQ_MAX_OFF 64

/** What every match of a pattern needs (literal_required). */
struct litreq {
	/** near_set: strings one of which every match contains, starting at
	 * most near_off bytes after the place the match attempt starts (before
	 * any \K); a search may look for them and try the few places before
	 * each. */
	bool near;
	struct litset near_set;
	size_t near_off;
	/** any_set: strings one of which occurs at or after the start of every
	 * match (in it, or where a look-ahead checks), at any distance: a
	 * subject without one from the search's start on has no match. */
	bool any;
	struct litset any_set;
};

/**
 * Fill *out from the pattern's structure (groups, quantifiers,
 * alternation, positive look-aheads), choosing the sets made of the
 * rarest characters in report text; near needs near_off <= REQ_MAX_OFF.
 * Both false when the pattern is beyond the parser.
 */
void literal_required(const char *pattern, struct litreq *out);

/** literal_starts() and literal_required() in one reading of the pattern:
 * fills *req, and returns what literal_starts returns (*starts filled). */
bool literal_analyse(const char *pattern, struct litset *starts, struct litreq *req);

/** How often the literals of ls are expected in report text (estimated
 * occurrences per million characters, from character frequencies). */
unsigned long litset_weight(const struct litset *ls);

/** Whether code point cp is CJK punctuation that is not Han script (a
 * restart place of skip branches that consume no such character):
 * 、。〃 〈〉《》「」『』【】 〔〕〖〗〘〙〚〛〜〝〞〟 ！＂＃＄％＆＇（）＊＋，－．／
 * ：；＜＝＞？＠ ‐‑‒–—―‖‗‘’‚‛“”„‟†‡•‣․‥…‧ */
bool literal_cjk_punct(uint32_t cp);

/**
 * A copy of *s in a new block (free with free()) holding its first s->n
 * literals only: read no literal at or past n of it, nor copy it whole
 * (litset_dup it again).  Most sets have a few of their LIT_MAX.
 */
struct litset *litset_dup(const struct litset *s);

/** A set whose literals are the characters of the UTF-8 string `chars`
 * (each one, duplicates dropped); false when there are more than LIT_MAX. */
bool litset_of_chars(const char *chars, struct litset *out);

#endif
