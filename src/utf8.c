/* SPDX-License-Identifier: MIT */
/** \file utf8.c
 * \brief UTF-8 reading and writing (see utf8.h).
 */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "util.h"

size_t
utf8_fwd(const char *s, size_t i, size_t end)
{
	if (i < end)
		i++;
	while (i < end && utf8_is_cont((unsigned char)s[i]))
		i++;
	return i;
}

size_t
utf8_next_slow(const unsigned char *s, size_t n, uint32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k = utf8proc_iterate(s, (utf8proc_ssize_t)n, &c);

	if (k <= 0)
		return 0;
	*cp = (uint32_t)c;
	return (size_t)k;
}

size_t
utf8_cp_len(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

size_t
utf8_encode(uint32_t cp, char out[4])
{
	size_t n = utf8_cp_len(cp), i;
	static const unsigned char lead[] = {0, 0, 0xC0, 0xE0, 0xF0};

	for (i = n - 1; i > 0; i--) {
		out[i] = (char)(0x80 | (cp & 0x3F));
		cp >>= 6;
	}
	out[0] = (char)(n == 1 ? cp : (lead[n] | cp));
	return n;
}

/* ---- validation (the hot loop of reading a document) ---- */

/* A lead byte E1..EC or EE..EF (then any continuation pair is well formed). */
static unsigned
lead3(unsigned char c)
{
	return (unsigned)((unsigned)(c - 0xE1) <= 0x0E) & (unsigned)(c != 0xED);
}

static unsigned
cont(unsigned char c)
{
	return (unsigned)utf8_is_cont(c);
}

/* p[0..12) is four such three-byte characters (no short-circuit: one branch). */
static bool
han4(const unsigned char *p)
{
	return (lead3(p[0]) & cont(p[1]) & cont(p[2]) & lead3(p[3]) & cont(p[4]) & cont(p[5]) &
	    lead3(p[6]) & cont(p[7]) & cont(p[8]) & lead3(p[9]) & cont(p[10]) & cont(p[11])) != 0;
}

/*
 * ASCII is skipped eight bytes at a time and the three-byte sequences of
 * Han text are checked inline; anything else is utf8proc_iterate's.
 */
size_t
utf8_valid_prefix(const unsigned char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = p[i];

		if (c < 0x80) {
			uint64_t w;

			while (i + 8 <= n) {
				memcpy(&w, p + i, 8);
				if (w & UINT64_C(0x8080808080808080))
					break;
				i += 8;
			}
			while (i < n && p[i] < 0x80)
				i++;
			continue;
		}
		/* Runs of Han text: four three-byte characters at a time, with
		 * one branch for the twelve bytes.  The byte after the run is
		 * read again: it is what the rest of this pass checks. */
		if (i + 12 <= n && han4(p + i)) {
			do
				i += 12;
			while (i + 12 <= n && han4(p + i));
			continue;
		}
		/* E1..EC and EE..EF: any continuation pair is well formed. */
		if (lead3(c) && i + 3 <= n && cont(p[i + 1]) && cont(p[i + 2])) {
			i += 3;
		} else {
			uint32_t cp;
			size_t k = utf8_next_slow(p + i, n - i, &cp);

			if (k == 0)
				return i;
			i += k;
		}
	}
	return n;
}

/* ---- counting and distance ---- */

size_t
utf8_count(const char *s, size_t n)
{
	size_t i = 0, cnt = 0;

	/* Code points = bytes that are not continuation bytes (10xxxxxx);
	 * eight at a time: a continuation byte has bit 7 set, bit 6 clear. */
	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		w = (w & ~(w << 1) & UINT64_C(0x8080808080808080)) >> 7;
		cnt += (size_t)((w * UINT64_C(0x0101010101010101)) >> 56); /* sum of the bytes */
	}
	for (; i < n; i++)
		if (utf8_is_cont((unsigned char)s[i]))
			cnt++;
	return n - cnt;
}

/*
 * Code points for the distance: a lead byte takes the continuation bits
 * that follow it (as many as its length says, whatever they are), an
 * invalid lead byte counts as itself.  Only ever compared with each other,
 * so garbage in gives a stable garbage distance.
 */
static size_t
decode_cps(const char *s, size_t n, unsigned *out)
{
	size_t i = 0, k = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t len = utf8_seq_len(c), j;
		unsigned cp = len == 1 ? c : len == 2 ? c & 0x1Fu : len == 3 ? c & 0x0Fu : c & 0x07u;

		for (j = 1; j < len && i + j < n; j++)
			cp = (cp << 6) | ((unsigned char)s[i + j] & 0x3Fu);
		out[k++] = cp;
		i += len;
	}
	return k;
}

size_t
utf8_edit_distance(const char *a, size_t na, const char *b, size_t nb, size_t cap)
{
	unsigned *ca = xmalloc((na + 1) * sizeof *ca), *cb = xmalloc((nb + 1) * sizeof *cb);
	size_t la = decode_cps(a, na, ca), lb = decode_cps(b, nb, cb);
	size_t *row, i, j, d;

	if ((la > lb ? la - lb : lb - la) >= cap) {
		free(ca);
		free(cb);
		return cap;
	}
	row = xcalloc(lb + 1, sizeof *row); /* zeroed: gcc -fanalyzer cannot see the loop below fill it */
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t prev = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t cur = row[j], best = prev + (ca[i - 1] != cb[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	d = row[lb];
	free(row);
	free(ca);
	free(cb);
	return d < cap ? d : cap;
}

size_t
edit_distance(const char *a, const char *b)
{
	return utf8_edit_distance(a, strlen(a), b, strlen(b), (size_t)-1);
}
