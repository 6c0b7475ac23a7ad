/* SPDX-License-Identifier: MIT */
/** \file decode.c
 * \brief Encoding detection and conversion to UTF-8.
 */
#include "decode.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "util.h"

static const char *const enc_names[ENC__COUNT] = {
	[ENC_AUTO] = "auto",
	[ENC_UTF8] = "utf-8",
	[ENC_UTF16LE] = "utf-16le",
	[ENC_UTF16BE] = "utf-16be",
	[ENC_GB18030] = "gb18030",
};

const char *
encoding_name(enum encoding e)
{
	return (unsigned)e < ENC__COUNT ? enc_names[e] : "?";
}

bool
encoding_parse(const char *s, enum encoding *out)
{
	static const struct { const char *name; enum encoding e; } alias[] = {
		{"auto", ENC_AUTO}, {"utf-8", ENC_UTF8}, {"utf8", ENC_UTF8},
		{"utf-16le", ENC_UTF16LE}, {"utf16le", ENC_UTF16LE},
		{"utf-16be", ENC_UTF16BE}, {"utf16be", ENC_UTF16BE},
		{"gb18030", ENC_GB18030}, {"gbk", ENC_GB18030}, {"gb2312", ENC_GB18030},
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(alias); i++)
		if (strcasecmp(s, alias[i].name) == 0) {
			*out = alias[i].e;
			return true;
		}
	return false;
}

/*
 * Length of the valid UTF-8 sequence at p (1..4), or 0 if invalid.  Follows
 * the Unicode table of well-formed byte sequences (no overlongs, no
 * surrogates, nothing above U+10FFFF).
 */
static size_t
valid_seq(const unsigned char *p, size_t avail)
{
	unsigned char c = p[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return avail >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
		unsigned char hi = c == 0xED ? 0x9F : 0xBF;

		if (avail < 3 || p[1] < lo || p[1] > hi || (p[2] & 0xC0) != 0x80)
			return 0;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
		unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;

		if (avail < 4 || p[1] < lo || p[1] > hi || (p[2] & 0xC0) != 0x80 ||
		    (p[3] & 0xC0) != 0x80)
			return 0;
		return 4;
	}
	return 0;
}

/*
 * Length of the longest valid UTF-8 prefix of p[0..n).  The hot loop of a
 * run: ASCII is skipped eight bytes at a time and the three-byte sequences
 * of Han text are checked inline; anything else goes through valid_seq.
 */
static size_t
valid_prefix(const unsigned char *p, size_t n)
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
		/* E1..EC and EE..EF: any continuation pair is well formed. */
		if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 3 <= n &&
		    (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		} else {
			size_t k = valid_seq(p + i, n - i);

			if (k == 0)
				return i;
			i += k;
		}
	}
	return n;
}

static bool
is_valid_utf8(const unsigned char *p, size_t n)
{
	return valid_prefix(p, n) == n;
}

/*
 * Make text[0..n) valid UTF-8 in place: each invalid byte becomes SUB and
 * is listed (adjacent ones merged).
 */
static void
repair_utf8(unsigned char *text, size_t n, size_t in_base, struct decoded *out)
{
	size_t i = 0, cap = 0;

	for (;;) {
		i += valid_prefix(text + i, n - i);
		if (i >= n)
			break;
		if (out->nbad && out->bad[out->nbad - 1].offset +
		    out->bad[out->nbad - 1].len == i) {
			out->bad[out->nbad - 1].len++;
		} else {
			out->bad = xgrow(out->bad, &cap, out->nbad + 1, sizeof *out->bad);
			out->bad[out->nbad].offset = i;
			out->bad[out->nbad].len = 1;
			out->bad[out->nbad].in_offset = in_base + i;
			out->nbad++;
		}
		text[i] = 0x1A;
		i++;
	}
}

/* Copy UTF-8 input, replacing each invalid byte with SUB and listing it. */
static void
copy_utf8(const unsigned char *in, size_t n, size_t in_base, struct decoded *out)
{
	out->text = xmalloc(n + 1);
	memcpy(out->text, in, n);
	out->text[n] = '\0';
	out->len = n;
	repair_utf8((unsigned char *)out->text, n, in_base, out);
}

/* Convert with iconv; returns 0 when every byte converted cleanly. */
static int
convert(const char *from, const unsigned char *in, size_t n, struct decoded *out)
{
	iconv_t cd = iconv_open("UTF-8", from);
	struct buf b = {0};
	char *ip = (char *)(uintptr_t)in;
	size_t il = n;
	int rc = 0;

	if (cd == (iconv_t)-1)
		return -1;
	while (il > 0) {
		char tmp[16384], *op = tmp;
		size_t ol = sizeof tmp;
		size_t r = iconv(cd, &ip, &il, &op, &ol);

		buf_append(&b, tmp, (size_t)(op - tmp));
		if (r == (size_t)-1 && errno != E2BIG) {
			rc = -1;
			break;
		}
	}
	iconv_close(cd);
	if (rc != 0 || !is_valid_utf8((unsigned char *)b.data, b.len)) {
		buf_free(&b);
		return -1;
	}
	out->len = b.len;
	out->text = buf_steal(&b);
	return 0;
}

/*
 * The UTF-8 text of the input from byte `skip` on: the owned buffer itself
 * when there is one (no copy), else a copy.  `valid`: already checked.
 */
static void
utf8_text(const unsigned char *in, unsigned char *own, size_t n, size_t skip, bool valid,
    struct decoded *out)
{
	if (own == NULL) {
		copy_utf8(in + skip, n - skip, skip, out);
		return;
	}
	if (skip)
		memmove(own, own + skip, n - skip);
	own[n - skip] = '\0';
	out->text = (char *)own;
	out->len = n - skip;
	if (!valid)
		repair_utf8(own, n - skip, skip, out);
}

/* decode() and decode_owned(): `own` is `in` when the caller hands it over. */
static int
decode_impl(const unsigned char *in, unsigned char *own, size_t n, enum encoding force,
    struct decoded *out)
{
	size_t probe = n < 8192 ? n : 8192;
	enum encoding enc = force;
	int rc;

	memset(out, 0, sizeof *out);
	if (n >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF &&
	    (enc == ENC_AUTO || enc == ENC_UTF8)) {
		out->bom = true;
		out->enc = ENC_UTF8;
		utf8_text(in, own, n, 3, false, out);
		return 0;
	}
	if (enc == ENC_AUTO && n >= 2 && in[0] == 0xFF && in[1] == 0xFE)
		enc = ENC_UTF16LE;
	else if (enc == ENC_AUTO && n >= 2 && in[0] == 0xFE && in[1] == 0xFF)
		enc = ENC_UTF16BE;
	if (enc == ENC_UTF16LE || enc == ENC_UTF16BE) {
		size_t skip = 0;

		if (n >= 2 && ((enc == ENC_UTF16LE && in[0] == 0xFF && in[1] == 0xFE) ||
		    (enc == ENC_UTF16BE && in[0] == 0xFE && in[1] == 0xFF))) {
			skip = 2;
			out->bom = true;
		}
		out->enc = enc;
		if (convert(enc == ENC_UTF16LE ? "UTF-16LE" : "UTF-16BE",
		    in + skip, n - skip, out) == 0) {
			free(own);
			return 0;
		}
		out->enc = ENC_UTF8;
		out->bom = false;
		utf8_text(in, own, n, 0, false, out);
		return force == ENC_AUTO ? 0 : -1;
	}
	if (enc == ENC_AUTO && memchr(in, '\0', probe) != NULL)
		out->binary = true;
	if (enc == ENC_UTF8 || (enc == ENC_AUTO && out->binary)) {
		out->enc = ENC_UTF8;
		utf8_text(in, own, n, 0, false, out);
		return 0;
	}
	if (enc == ENC_AUTO && is_valid_utf8(in, n)) {
		out->enc = ENC_UTF8;
		utf8_text(in, own, n, 0, true, out);
		return 0;
	}
	/* Not UTF-8: GB18030 if every byte converts. */
	out->enc = ENC_GB18030;
	if (convert("GB18030", in, n, out) == 0) {
		free(own);
		return 0;
	}
	out->enc = ENC_UTF8;
	rc = force == ENC_AUTO ? 0 : -1;
	utf8_text(in, own, n, 0, false, out);
	return rc;
}

int
decode(const unsigned char *in, size_t n, enum encoding force, struct decoded *out)
{
	return decode_impl(in, NULL, n, force, out);
}

int
decode_owned(unsigned char *in, size_t n, enum encoding force, struct decoded *out)
{
	return decode_impl(in, in, n, force, out);
}

void
decoded_free(struct decoded *d)
{
	free(d->text);
	free(d->bad);
	memset(d, 0, sizeof *d);
}
