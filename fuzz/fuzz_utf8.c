/* SPDX-License-Identifier: MIT */
/** \file fuzz_utf8.c
 * \brief libFuzzer target, differential: the UTF-8 module (src/utf8.c) against
 *        two references: the validator's verdict and first bad offset
 *        (utf8_valid_prefix, with its ASCII and Han fast paths), and every
 *        reading helper (utf8_next, utf8_at, utf8_at3, utf8_before,
 *        utf8_back, utf8_fwd, utf8_encode) at the start of the input.
 *
 * Reference 1 is written here from the table of well-formed byte sequences
 * in RFC 3629 section 4, one byte at a time, with no shortcut.  Reference 2
 * is utf8proc_iterate.  Both must give the validator's answer on the input
 * and on every suffix of its first 64 bytes (so the fast paths start at
 * every alignment).  The input is also decoded (decode() with automatic
 * detection and forced UTF-8): the text must then be valid UTF-8.
 *
 * The other hand-optimised UTF-8 routines are checked on the decoded text
 * the same way: utf8_count (eight bytes at a time) against a count of the
 * bytes that are not continuation bytes, and text_width (inline Han, CJK
 * punctuation and ASCII) against utf8proc alone, in every column unit.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "decode.h"
#include "document.h"
#include "utf8.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* In [lo, hi]. */
static int
in(uint8_t c, uint8_t lo, uint8_t hi)
{
	return c >= lo && c <= hi;
}

/*
 * RFC 3629, section 4:
 *   UTF8-1 = %x00-7F
 *   UTF8-2 = %xC2-DF UTF8-tail
 *   UTF8-3 = %xE0 %xA0-BF UTF8-tail / %xE1-EC 2( UTF8-tail ) /
 *            %xED %x80-9F UTF8-tail / %xEE-EF 2( UTF8-tail )
 *   UTF8-4 = %xF0 %x90-BF 2( UTF8-tail ) / %xF1-F3 3( UTF8-tail ) /
 *            %xF4 %x80-8F 2( UTF8-tail )
 *   UTF8-tail = %x80-BF
 * Length of the sequence at p[0..n), or 0 if none of these matches.
 */
static size_t
rfc_seq(const uint8_t *p, size_t n)
{
	uint8_t a = p[0];

	if (a <= 0x7F)
		return 1;
	if (in(a, 0xC2, 0xDF))
		return n >= 2 && in(p[1], 0x80, 0xBF) ? 2 : 0;
	if (n < 3)
		return 0;
	if ((a == 0xE0 && in(p[1], 0xA0, 0xBF) && in(p[2], 0x80, 0xBF)) ||
	    (in(a, 0xE1, 0xEC) && in(p[1], 0x80, 0xBF) && in(p[2], 0x80, 0xBF)) ||
	    (a == 0xED && in(p[1], 0x80, 0x9F) && in(p[2], 0x80, 0xBF)) ||
	    (in(a, 0xEE, 0xEF) && in(p[1], 0x80, 0xBF) && in(p[2], 0x80, 0xBF)))
		return 3;
	if (n < 4)
		return 0;
	if ((a == 0xF0 && in(p[1], 0x90, 0xBF) && in(p[2], 0x80, 0xBF) && in(p[3], 0x80, 0xBF)) ||
	    (in(a, 0xF1, 0xF3) && in(p[1], 0x80, 0xBF) && in(p[2], 0x80, 0xBF) &&
		in(p[3], 0x80, 0xBF)) ||
	    (a == 0xF4 && in(p[1], 0x80, 0x8F) && in(p[2], 0x80, 0xBF) && in(p[3], 0x80, 0xBF)))
		return 4;
	return 0;
}

static size_t
rfc_prefix(const uint8_t *p, size_t n)
{
	size_t i = 0, k;

	while (i < n && (k = rfc_seq(p + i, n - i)) != 0)
		i += k;
	return i;
}

/* utf8proc's reading: the first offset where it reports an error. */
static size_t
proc_prefix(const uint8_t *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);

		if (k <= 0)
			break;
		i += (size_t)k;
	}
	return i;
}

/* The code point of a sequence rfc_seq accepted, by the bit layout. */
static uint32_t
rfc_cp(const uint8_t *p, size_t k)
{
	static const uint8_t mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
	uint32_t v = p[0] & mask[k];
	size_t i;

	for (i = 1; i < k; i++)
		v = v << 6 | (p[i] & 0x3F);
	return v;
}

/* The reading helpers at the start of p[0..n). */
static void
check_readers(const uint8_t *p, size_t n)
{
	const char *s = (const char *)p;
	size_t k = n ? rfc_seq(p, n) : 0, len, j, want;
	uint32_t cp = 0;
	int32_t v;
	char enc[4];

	/* utf8_next and utf8_at: the sequence, or none */
	if (n) {
		if (utf8_next(p, n, &cp) != k || (k && cp != rfc_cp(p, k)))
			abort();
		if (k && utf8_seq_len(p[0]) != k)
			abort();
	}
	v = utf8_at(s, 0, n, &len);
	if (n == 0 ? v != -1 || len != 0 : k == 0 ? v != -1 || len != 1 :
	    v != (int32_t)rfc_cp(p, k) || len != k)
		abort();
	/* utf8_encode gives the bytes back */
	if (k && (utf8_encode(rfc_cp(p, k), enc) != k || memcmp(enc, p, k) != 0 ||
	    utf8_cp_len(rfc_cp(p, k)) != k))
		abort();
	/* utf8_at3: a three-byte lead and two continuation bytes, any value */
	v = n ? utf8_at3(s, 0, n) : -1;
	if (n >= 3 && p[0] >= 0xE0 && p[0] <= 0xEF && (p[1] & 0xC0) == 0x80 &&
	    (p[2] & 0xC0) == 0x80) {
		if (v != (int32_t)rfc_cp(p, 3))
			abort();
	} else if (v != -1) {
		abort();
	}
	if (n == 0)
		return;
	/* utf8_fwd: past the continuation bytes that follow */
	for (j = 1; j < n && (p[j] & 0xC0) == 0x80; j++)
		;
	if (utf8_fwd(s, 0, n) != j)
		abort();
	/* utf8_back and utf8_before: from the last byte to its lead (or 0) */
	for (want = n - 1; want > 0 && (p[want] & 0xC0) == 0x80; want--)
		;
	if (utf8_back(s, 0, n - 1) != want)
		abort();
	k = rfc_seq(p + want, n - want);
	v = utf8_before(s, 0, n, &len);
	if (k == 0 ? v != -1 || len != 1 : v != (int32_t)rfc_cp(p + want, k) || len != k)
		abort();
}

static void
check(const uint8_t *p, size_t n)
{
	size_t got = utf8_valid_prefix(p, n);

	if (got != rfc_prefix(p, n))
		abort();
	if (got != proc_prefix(p, n))
		abort();
	check_readers(p, n);
}

/* Code points: the bytes that are not 10xxxxxx. */
static size_t
ref_count(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* text_width by utf8proc alone (valid UTF-8 in). */
static size_t
ref_width(const char *s, size_t n, size_t col, enum column_unit unit)
{
	size_t i = 0;

	if (unit == COL_BYTE)
		return col + n;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(n - i), &cp);
		int w;

		if (k <= 0)
			abort();
		i += (size_t)k;
		if (unit == COL_CHAR) {
			col++;
		} else if (unit == COL_UTF16) {
			col += cp >= 0x10000 ? 2 : 1;
		} else if (cp == '\t') {
			col = (col / 8 + 1) * 8;
		} else if ((w = utf8proc_charwidth(cp)) > 0) {
			col += (size_t)w;
		} else {
			utf8proc_category_t c = utf8proc_category(cp);

			col += c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME ||
			    cp == 0x200B || cp == 0xFEFF ? 0 : 1;
		}
	}
	return col;
}

static void
check_decoded(const uint8_t *p, size_t n, enum encoding e)
{
	struct decoded d;
	size_t u, i;

	decode(p, n, e, &d);
	if (rfc_prefix((const uint8_t *)d.text, d.len) != d.len || d.text[d.len] != '\0')
		abort();
	if (memchr(d.text, '\0', d.len) != NULL)
		abort();
	for (i = 0; i < d.len && i < 16; i++)
		if (utf8_count(d.text + i, d.len - i) != ref_count(d.text + i, d.len - i))
			abort();
	for (u = 0; u < COL__COUNT; u++)
		if (text_width(d.text, 0, d.len, 3, (enum column_unit)u) !=
		    ref_width(d.text, d.len, 3, (enum column_unit)u))
			abort();
	decoded_free(&d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy;
	size_t i;

	if (size > 65536)
		return 0;
	/* An exact-size heap copy: ASan sees any read past the end. */
	copy = calloc(1, size ? size : 1);
	if (copy == NULL)
		return 0;
	if (size)
		memcpy(copy, data, size);
	check(copy, size);
	for (i = 1; i < size && i < 64; i++)
		check(copy + i, size - i);
	check_decoded(copy, size, ENC_AUTO);
	check_decoded(copy, size, ENC_UTF8);
	free(copy);
	return 0;
}
