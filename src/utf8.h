/* SPDX-License-Identifier: MIT */
/** \file utf8.h
 * \brief The UTF-8 helpers: every place in gwlint that reads or writes
 *        UTF-8 byte by byte uses these.
 *
 * Decoding is utf8proc_iterate's (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF); the few helpers that hot loops call
 * once a byte are inline here.  Texts are byte ranges [start, end), never
 * read past end.  What each helper does with bytes that are not UTF-8 is
 * part of its contract (documents are valid UTF-8 once decode() has run;
 * output escaping, command-line ids and the validator see raw bytes).
 */
#ifndef GWLINT_UTF8_H
#define GWLINT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Length in bytes of the UTF-8 sequence starting with byte c (1 for invalid lead bytes). */
static inline size_t
utf8_seq_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 1;
}

/** Whether c is a continuation byte (10xxxxxx). */
static inline bool
utf8_is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/**
 * The code point of a three-byte sequence at s[i..end) (Han and CJK
 * punctuation), for fast paths: -1 when s[i] is not a three-byte lead
 * followed by two continuation bytes.  Overlong forms and surrogates are
 * not rejected: a caller tests the value against the ranges it wants.
 */
static inline int32_t
utf8_at3(const char *s, size_t i, size_t end)
{
	unsigned char c = (unsigned char)s[i];

	if (c < 0xE0 || c >= 0xF0 || i + 3 > end || !utf8_is_cont((unsigned char)s[i + 1]) ||
	    !utf8_is_cont((unsigned char)s[i + 2]))
		return -1;
	return (int32_t)(c & 0x0F) << 12 | (int32_t)(s[i + 1] & 0x3F) << 6 |
	    (int32_t)(s[i + 2] & 0x3F);
}

/** utf8_next without the fast paths: utf8proc_iterate's reading. */
size_t utf8_next_slow(const unsigned char *s, size_t n, uint32_t *cp);

/**
 * The valid sequence at s[0..n): its length, the code point in *cp; 0 when
 * s does not start with a valid sequence (or n is 0).  ASCII and the
 * three-byte leads E1..EC, EE..EF (after which any two continuation bytes
 * are well formed) are read inline, the rest by utf8proc_iterate.
 */
static inline size_t
utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (n >= 3 && s[0] >= 0xE1 && s[0] <= 0xEF && s[0] != 0xED && utf8_is_cont(s[1]) &&
	    utf8_is_cont(s[2])) {
		*cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
		    (uint32_t)(s[2] & 0x3F);
		return 3;
	}
	return utf8_next_slow(s, n, cp);
}

/**
 * The code point at s[i..end) and its length in *len: -1 with *len = 1
 * when the bytes there are not a valid sequence, -1 with *len = 0 at or
 * past end.
 */
static inline int32_t
utf8_at(const char *s, size_t i, size_t end, size_t *len)
{
	uint32_t cp;

	if (i >= end) {
		*len = 0;
		return -1;
	}
	*len = utf8_next((const unsigned char *)s + i, end - i, &cp);
	if (*len == 0) {
		*len = 1;
		return -1;
	}
	return (int32_t)cp;
}

/** Byte offset of the character holding byte i: back over continuation
 *  bytes, never before `start`. */
static inline size_t
utf8_back(const char *s, size_t start, size_t i)
{
	while (i > start && utf8_is_cont((unsigned char)s[i]))
		i--;
	return i;
}

/** The code point ending just before `end`, not starting before `start`
 *  (as utf8_at reads it from its first byte); -1 with *len = 0 when
 *  end <= start. */
static inline int32_t
utf8_before(const char *s, size_t start, size_t end, size_t *len)
{
	if (end <= start) {
		*len = 0;
		return -1;
	}
	return utf8_at(s, utf8_back(s, start, end - 1), end, len);
}

/** The byte offset after the character starting at i (continuation bytes
 *  skipped), at most end. */
size_t utf8_fwd(const char *s, size_t i, size_t end);

/** Write code point cp (at most U+10FFFF) as UTF-8 to out; its length (1-4). */
size_t utf8_encode(uint32_t cp, char out[4]);
/** Bytes of UTF-8 that code point cp takes (1-4). */
size_t utf8_cp_len(uint32_t cp);

/**
 * Length of the longest prefix of p[0..n) that is well-formed UTF-8 (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF): n when all of
 * it is, else the offset of the first byte that does not start a complete
 * valid sequence.  The hot loop of reading a document (fast paths for
 * ASCII and Han); fuzz/fuzz_utf8.c checks it against two references.
 */
size_t utf8_valid_prefix(const unsigned char *p, size_t n);

/** Number of code points in s[0..n): the bytes that are not continuation
 *  bytes (eight at a time). */
size_t utf8_count(const char *s, size_t n);

/** Levenshtein distance in code points between two strings (for "did you mean"). */
size_t edit_distance(const char *a, const char *b);
/** The same for a[0..na) and b[0..nb), counted up to `cap` (returns cap if
 *  farther).  A byte that does not start a sequence counts as a character
 *  of its own. */
size_t utf8_edit_distance(const char *a, size_t na, const char *b, size_t nb, size_t cap);

#endif
