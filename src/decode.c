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

#include "utf8.h"
#include "util.h"

static const char *const enc_names[ENC__COUNT] = {
	[ENC_AUTO] = "auto",
	[ENC_UTF8] = "utf-8",
	[ENC_UTF16LE] = "utf-16le",
	[ENC_UTF16BE] = "utf-16be",
	[ENC_GB18030] = "gb18030",
};

static const char *const enc_labels[ENC__COUNT] = {
	[ENC_AUTO] = "auto",
	[ENC_UTF8] = "UTF-8",
	[ENC_UTF16LE] = "UTF-16LE",
	[ENC_UTF16BE] = "UTF-16BE",
	[ENC_GB18030] = "GB18030",
};

const char *
encoding_name(enum encoding e)
{
	return (unsigned)e < ENC__COUNT ? enc_names[e] : "?";
}

const char *
encoding_label(enum encoding e)
{
	return (unsigned)e < ENC__COUNT ? enc_labels[e] : "?";
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

static bool
is_valid_utf8(const unsigned char *p, size_t n)
{
	return utf8_valid_prefix(p, n) == n;
}

/*
 * Whether bytes that are not valid UTF-8 are still UTF-8 text with a few
 * bad bytes rather than text in another encoding: at least four bytes of
 * valid multi-byte sequences for each byte that is not part of one.  (In
 * GB18030 text, a valid UTF-8 sequence is a rare accident: 中文 in UTF-8
 * with one stray byte is far above this, GB18030 Han text far below.)
 */
static bool
mostly_utf8(const unsigned char *p, size_t n)
{
	size_t i = 0, high = 0, bad = 0, k;

	for (k = 0; k < n; k++)
		high += p[k] >= 0x80;
	while (i < n) {
		i += utf8_valid_prefix(p + i, n - i);
		if (i < n) {
			bad++;
			i++;
		}
	}
	return bad > 0 && high - bad >= 4 * bad;
}

/* List a bad unit at text offset `off`, merging it into the previous run
 * when both are of one kind and adjacent in the text and in the file. */
static void
bad_add(struct decoded *out, size_t *cap, size_t off, size_t in_off, size_t in_len,
    enum bad_kind kind)
{
	struct decode_bad *last = out->nbad ? &out->bad[out->nbad - 1] : NULL;

	if (last && last->kind == kind && last->offset + last->len == off &&
	    last->in_offset + last->in_len == in_off) {
		last->len++;
		last->in_len += in_len;
		return;
	}
	out->bad = xgrow(out->bad, cap, out->nbad + 1, sizeof *out->bad);
	last = &out->bad[out->nbad++];
	last->offset = off;
	last->len = 1;
	last->in_offset = in_off;
	last->in_len = in_len;
	last->kind = kind;
}

/* Make text[0..n) valid UTF-8 without NULs, in place: each invalid byte
 * and each NUL becomes SUB and is listed. */
static void
repair_utf8(unsigned char *text, size_t n, size_t in_base, struct decoded *out)
{
	size_t i = 0, cap = 0;

	for (;;) {
		size_t k = utf8_valid_prefix(text + i, n - i);
		const unsigned char *z = memchr(text + i, '\0', k);

		if (z != NULL)
			k = (size_t)(z - (text + i));
		i += k;
		if (i >= n)
			break;
		bad_add(out, &cap, i, in_base + i, 1, text[i] ? BAD_INVALID : BAD_NUL);
		text[i] = 0x1A;
		i++;
	}
}

/* Text known to be valid UTF-8: only its NULs become SUB (the same
 * findings repair_utf8 would list, without validating it again). */
static void
repair_nuls(unsigned char *text, size_t n, size_t in_base, struct decoded *out)
{
	size_t i = 0, cap = 0;
	const unsigned char *z;

	while (i < n && (z = memchr(text + i, '\0', n - i)) != NULL) {
		i = (size_t)(z - text);
		bad_add(out, &cap, i, in_base + i, 1, BAD_NUL);
		text[i] = 0x1A;
		i++;
	}
}

/* Copy UTF-8 input, replacing each invalid byte and each NUL with SUB
 * (`valid`: the input is known to be valid UTF-8, only NULs are left). */
static void
copy_utf8(const unsigned char *in, size_t n, size_t in_base, bool valid, struct decoded *out)
{
	out->text = xmalloc(n + 1);
	memcpy(out->text, in, n);
	out->text[n] = '\0';
	out->len = n;
	if (valid)
		repair_nuls((unsigned char *)out->text, n, in_base, out);
	else
		repair_utf8((unsigned char *)out->text, n, in_base, out);
}

/*
 * The UTF-8 text of the input from byte `skip` on: the owned buffer itself
 * when there is one (no copy), else a copy.  `valid`: the bytes are already
 * known to be valid UTF-8.
 */
static void
utf8_text(const unsigned char *in, unsigned char *own, size_t n, size_t skip,
    bool valid, struct decoded *out)
{
	if (own == NULL) {
		copy_utf8(in + skip, n - skip, skip, valid, out);
		return;
	}
	if (skip)
		memmove(own, own + skip, n - skip);
	own[n - skip] = '\0';
	out->text = (char *)own;
	out->len = n - skip;
	if (valid)
		repair_nuls(own, n - skip, skip, out);
	else
		repair_utf8(own, n - skip, skip, out);
}

static void
put_utf8(struct buf *b, uint32_t cp)
{
	char u[4];

	buf_append(b, u, utf8_encode(cp, u));
}

/* UTF-16 by hand: unpaired surrogates, an odd last byte and NULs become SUB. */
static void
decode_utf16(const unsigned char *in, size_t n, bool be, size_t in_base, struct decoded *out)
{
	struct buf b = {0};
	size_t i = 0, cap = 0;

	buf_append(&b, "", 0);
	b.data = xgrow(b.data, &b.cap, n + n / 2 + 1, 1);
	while (i + 1 < n) {
		uint32_t u = be ? (uint32_t)in[i] << 8 | in[i + 1] : (uint32_t)in[i + 1] << 8 | in[i];

		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
			uint32_t l = be ? (uint32_t)in[i + 2] << 8 | in[i + 3] :
			    (uint32_t)in[i + 3] << 8 | in[i + 2];

			if (l >= 0xDC00 && l <= 0xDFFF) {
				put_utf8(&b, 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00));
				i += 4;
				continue;
			}
		}
		if (u == 0 || (u >= 0xD800 && u <= 0xDFFF)) {
			bad_add(out, &cap, b.len, in_base + i, 2, u ? BAD_INVALID : BAD_NUL);
			buf_putc(&b, 0x1A);
		} else {
			put_utf8(&b, u);
		}
		i += 2;
	}
	if (i < n) {
		bad_add(out, &cap, b.len, in_base + i, 1, BAD_INVALID);
		buf_putc(&b, 0x1A);
	}
	out->len = b.len;
	out->text = buf_steal(&b);
}

/*
 * Convert with iconv, going on after what it cannot convert: each such
 * byte becomes SUB, each NUL too (NUL is never inside a GB18030 sequence,
 * so the input is converted between NULs).  Returns the number of invalid
 * bytes, or -1 when iconv has no such converter (or, never seen with glibc,
 * gave something that is not UTF-8).
 */
/* glibc marks iconv_open an allocator, and gcc -fanalyzer (12) takes its
 * failure value (iconv_t)-1 for memory that the early return leaks; it
 * found this once utf8.c took the UTF-8 helpers out of this file. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"
#endif
static long
convert(const char *from, const unsigned char *in, size_t n, size_t in_base,
    struct decoded *out)
{
	iconv_t cd = iconv_open("UTF-8", from);
	struct buf b = {0};
	size_t i = 0, cap = 0;
	long invalid = 0;

	if (cd == (iconv_t)-1)
		return -1;
	buf_append(&b, "", 0);
	while (i < n) {
		const unsigned char *nul = memchr(in + i, '\0', n - i);
		size_t seg_end = nul ? (size_t)(nul - in) : n;
		char *ip = (char *)(uintptr_t)(in + i);
		size_t il = seg_end - i;

		while (il > 0) {
			char tmp[16384], *op = tmp;
			size_t ol = sizeof tmp;
			size_t r = iconv(cd, &ip, &il, &op, &ol);

			buf_append(&b, tmp, (size_t)(op - tmp));
			if (r != (size_t)-1 || errno == E2BIG)
				continue;
			/* EILSEQ or EINVAL (cut off at the end): skip one byte. */
			bad_add(out, &cap, b.len, in_base + (size_t)((unsigned char *)ip - in), 1,
			    BAD_INVALID);
			buf_putc(&b, 0x1A);
			ip++;
			il--;
			invalid++;
			(void)iconv(cd, NULL, NULL, NULL, NULL);
		}
		i = seg_end;
		if (nul) {
			bad_add(out, &cap, b.len, in_base + i, 1, BAD_NUL);
			buf_putc(&b, 0x1A);
			i++;
		}
	}
	iconv_close(cd);
	out->len = b.len;
	out->text = buf_steal(&b);
	/* Later stages match with PCRE2_NO_UTF_CHECK: the text must be valid. */
	if (!is_valid_utf8((const unsigned char *)out->text, out->len))
		return -1;
	return invalid;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

bool
decode_is_binary(const unsigned char *in, size_t n)
{
	size_t probe = n < DECODE_PROBE ? n : DECODE_PROBE;

	if (n >= 2 && ((in[0] == 0xFF && in[1] == 0xFE) || (in[0] == 0xFE && in[1] == 0xFF)))
		return false;
	return memchr(in, '\0', probe) != NULL;
}

static bool
has_prefix(const unsigned char *in, size_t n, const char *bom, size_t k)
{
	return n >= k && memcmp(in, bom, k) == 0;
}

static void
reset(struct decoded *out)
{
	free(out->text);
	free(out->bad);
	out->text = NULL;
	out->bad = NULL;
	out->len = out->nbad = 0;
	out->bom = false;
}

/* decode() and decode_owned(): `own` is `in` when the caller hands it over. */
static int
decode_impl(const unsigned char *in, unsigned char *own, size_t n, enum encoding force,
    struct decoded *out)
{
	enum encoding enc = force;
	size_t skip = 0;
	bool valid = false;
	long r;

	memset(out, 0, sizeof *out);
	if (enc == ENC_AUTO) {
		out->binary = decode_is_binary(in, n);
		if (has_prefix(in, n, "\xEF\xBB\xBF", 3))
			enc = ENC_UTF8;
		else if (has_prefix(in, n, "\xFF\xFE", 2))
			enc = ENC_UTF16LE;
		else if (has_prefix(in, n, "\xFE\xFF", 2))
			enc = ENC_UTF16BE;
		else if (is_valid_utf8(in, n)) {
			enc = ENC_UTF8;
			valid = true;
		}
		else if (mostly_utf8(in, n))
			enc = ENC_UTF8;
	}
	switch (enc) {
	case ENC_UTF8:
		if (has_prefix(in, n, "\xEF\xBB\xBF", 3))
			skip = 3;
		out->enc = ENC_UTF8;
		out->bom = skip > 0;
		utf8_text(in, own, n, skip, valid, out);
		return 0;
	case ENC_UTF16LE:
	case ENC_UTF16BE:
		if (has_prefix(in, n, enc == ENC_UTF16LE ? "\xFF\xFE" : "\xFE\xFF", 2))
			skip = 2;
		out->enc = enc;
		out->bom = skip > 0;
		decode_utf16(in + skip, n - skip, enc == ENC_UTF16BE, skip, out);
		free(own);
		return 0;
	default:
		break;
	}
	/* GB18030: forced, or tried because the bytes are not UTF-8. */
	if (has_prefix(in, n, "\x84\x31\x95\x33", 4))
		skip = 4;
	out->enc = ENC_GB18030;
	out->bom = skip > 0;
	r = convert("GB18030", in + skip, n - skip, skip, out);
	if (r == 0 || (r > 0 && force == ENC_GB18030)) {
		free(own);
		return 0;
	}
	/* Not clean GB18030 (or no converter): UTF-8 with its invalid bytes. */
	reset(out);
	out->enc = ENC_UTF8;
	utf8_text(in, own, n, 0, false, out);
	return r < 0 && force != ENC_AUTO ? -1 : 0;
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
