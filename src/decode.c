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

static bool
is_valid_utf8(const unsigned char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t k;

		if (p[i] < 0x80) {
			i++;
			continue;
		}
		k = valid_seq(p + i, n - i);
		if (k == 0)
			return false;
		i += k;
	}
	return true;
}

/* Copy UTF-8 input, replacing each invalid byte with SUB and listing it. */
static void
copy_utf8(const unsigned char *in, size_t n, size_t in_base, struct decoded *out)
{
	size_t i = 0, cap = 0;

	out->text = xmalloc(n + 1);
	memcpy(out->text, in, n);
	out->text[n] = '\0';
	out->len = n;
	while (i < n) {
		size_t k = in[i] < 0x80 ? 1 : valid_seq(in + i, n - i);

		if (k) {
			i += k;
			continue;
		}
		/* Merge adjacent invalid bytes into one finding. */
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
		out->text[i] = 0x1A;
		i++;
	}
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

int
decode(const unsigned char *in, size_t n, enum encoding force, struct decoded *out)
{
	size_t probe = n < 8192 ? n : 8192;
	enum encoding enc = force;

	memset(out, 0, sizeof *out);
	if (n >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF &&
	    (enc == ENC_AUTO || enc == ENC_UTF8)) {
		out->bom = true;
		out->enc = ENC_UTF8;
		copy_utf8(in + 3, n - 3, 3, out);
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
		    in + skip, n - skip, out) == 0)
			return 0;
		out->enc = ENC_UTF8;
		out->bom = false;
		copy_utf8(in, n, 0, out);
		return force == ENC_AUTO ? 0 : -1;
	}
	if (enc == ENC_AUTO && memchr(in, '\0', probe) != NULL)
		out->binary = true;
	if (enc == ENC_UTF8 || (enc == ENC_AUTO && (out->binary || is_valid_utf8(in, n)))) {
		out->enc = ENC_UTF8;
		copy_utf8(in, n, 0, out);
		return 0;
	}
	/* Not UTF-8: GB18030 if every byte converts. */
	out->enc = ENC_GB18030;
	if (convert("GB18030", in, n, out) == 0)
		return 0;
	out->enc = ENC_UTF8;
	copy_utf8(in, n, 0, out);
	return force == ENC_AUTO ? 0 : -1;
}

void
decoded_free(struct decoded *d)
{
	free(d->text);
	free(d->bad);
	memset(d, 0, sizeof *d);
}
