/* SPDX-License-Identifier: MIT */
/** \file patcache.c
 * \brief The bundled patterns' literal prefilters and serialized code,
 *        served by their text.
 *
 * Encoding of one literal_analyse result: a byte of flags (1 have, 2 near, 4 any); the
 * start set when have; near_off (4 bytes, little-endian) and the near set
 * when near; the any set when any.  A set: a byte of flags (1 line_start,
 * 2 skip_lines, 4 skip_stop_cjk, 8 skip_anchored, 16 and 32: the next
 * fields are there, else all zero); with 16: skip_stop (16 bytes),
 * nskip_go, skip_go (4 x 4 bytes, little-endian); with 32: not_after (16);
 * then n, and each literal's len, rare and its len bytes.
 */
#include "patcache.h"

#include <string.h>

static void
put_u32(struct buf *out, uint32_t x)
{
	unsigned char b[4] = {(unsigned char)x, (unsigned char)(x >> 8),
		(unsigned char)(x >> 16), (unsigned char)(x >> 24)};

	buf_append(out, b, 4);
}

static bool
zero(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

/* Whether skip_stop, nskip_go and skip_go are all zero (left out). */
static bool
skip_zero(const struct litset *s)
{
	return zero(s->skip_stop, sizeof s->skip_stop) && s->nskip_go == 0 &&
	    s->skip_go[0] == 0 && s->skip_go[1] == 0 && s->skip_go[2] == 0 && s->skip_go[3] == 0;
}

static void
put_set(struct buf *out, const struct litset *s)
{
	size_t i;

	if (s->n > LIT_MAX || s->nskip_go > 4)
		fatal("patcache: a literal set out of its bounds");
	buf_putc(out, (char)((s->line_start ? 1 : 0) | (s->skip_lines ? 2 : 0) |
	    (s->skip_stop_cjk ? 4 : 0) | (s->skip_anchored ? 8 : 0) |
	    (skip_zero(s) ? 0 : 16) | (zero(s->not_after, sizeof s->not_after) ? 0 : 32)));
	if (!skip_zero(s)) {
		buf_append(out, s->skip_stop, sizeof s->skip_stop);
		buf_putc(out, (char)s->nskip_go);
		for (i = 0; i < 4; i++)
			put_u32(out, s->skip_go[i]);
	}
	if (!zero(s->not_after, sizeof s->not_after))
		buf_append(out, s->not_after, sizeof s->not_after);
	buf_putc(out, (char)s->n);
	for (i = 0; i < s->n; i++) {
		if (s->v[i].len > LIT_MAX_LEN)
			fatal("patcache: a literal out of its bounds");
		buf_putc(out, (char)s->v[i].len);
		buf_putc(out, (char)s->v[i].rare);
		buf_append(out, s->v[i].s, s->v[i].len);
	}
}

void
patcache_encode(struct buf *out, bool have, const struct litset *starts,
    const struct litreq *req)
{
	buf_putc(out, (char)((have ? 1 : 0) | (req->near ? 2 : 0) | (req->any ? 4 : 0)));
	if (have)
		put_set(out, starts);
	if (req->near) {
		if (req->near_off > UINT32_MAX)
			fatal("patcache: near_off out of its bounds");
		put_u32(out, (uint32_t)req->near_off);
		put_set(out, &req->near_set);
	}
	if (req->any)
		put_set(out, &req->any_set);
}

/* A reader of the encoding that stops at its end. */
struct rd {
	const unsigned char *p;
	size_t n;
	bool bad;
};

static const unsigned char *
take(struct rd *r, size_t k)
{
	const unsigned char *q = r->p;

	if (r->bad || r->n < k) {
		r->bad = true;
		return NULL;
	}
	r->p += k;
	r->n -= k;
	return q;
}

static unsigned
get_u8(struct rd *r)
{
	const unsigned char *q = take(r, 1);

	return q ? q[0] : 0;
}

static uint32_t
get_u32(struct rd *r)
{
	const unsigned char *q = take(r, 4);

	return q ? (uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 |
	    (uint32_t)q[3] << 24 : 0;
}

static void
get_set(struct rd *r, struct litset *s)
{
	const unsigned char *q;
	unsigned fl = get_u8(r);
	size_t i;

	s->line_start = (fl & 1) != 0;
	s->skip_lines = (fl & 2) != 0;
	s->skip_stop_cjk = (fl & 4) != 0;
	s->skip_anchored = (fl & 8) != 0;
	if (fl & 16) {
		if ((q = take(r, sizeof s->skip_stop)) != NULL)
			memcpy(s->skip_stop, q, sizeof s->skip_stop);
		s->nskip_go = (unsigned char)get_u8(r);
		for (i = 0; i < 4; i++)
			s->skip_go[i] = get_u32(r);
	}
	if ((fl & 32) && (q = take(r, sizeof s->not_after)) != NULL)
		memcpy(s->not_after, q, sizeof s->not_after);
	s->n = get_u8(r);
	if (s->n > LIT_MAX || s->nskip_go > 4 || (fl & ~63u) != 0)
		r->bad = true;
	for (i = 0; i < s->n && !r->bad; i++) {
		s->v[i].len = (unsigned char)get_u8(r);
		s->v[i].rare = (unsigned char)get_u8(r);
		if (s->v[i].len > LIT_MAX_LEN) {
			r->bad = true;
			break;
		}
		if ((q = take(r, s->v[i].len)) != NULL)
			memcpy(s->v[i].s, q, s->v[i].len);
	}
}

bool
patcache_decode(const unsigned char *p, size_t n, bool *have, struct litset *starts,
    struct litreq *req)
{
	struct rd r = {p, n, false};
	unsigned fl = get_u8(&r);

	memset(starts, 0, sizeof *starts);
	memset(req, 0, sizeof *req);
	*have = (fl & 1) != 0;
	req->near = (fl & 2) != 0;
	req->any = (fl & 4) != 0;
	if ((fl & ~7u) != 0)
		r.bad = true;
	if (*have)
		get_set(&r, starts);
	if (req->near) {
		req->near_off = get_u32(&r);
		get_set(&r, &req->near_set);
	}
	if (req->any)
		get_set(&r, &req->any_set);
	return !r.bad && r.n == 0;
}

size_t
patcache_count(void)
{
	return patcache_n;
}

const char *
patcache_pattern(size_t i)
{
	return (const char *)patcache_bytes + patcache_entries[i].pattern;
}

bool
patcache_entry(size_t i, bool *have, struct litset *starts, struct litreq *req)
{
	const struct patcache_entry *e = &patcache_entries[i];

	return patcache_decode(patcache_bytes + e->data, e->len, have, starts, req);
}

/* The index of the entry for exactly this text, or -1. */
static long
find(const char *pattern)
{
	size_t lo = 0, hi = patcache_n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(pattern, patcache_pattern(mid));

		if (c == 0)
			return (long)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

bool
patcache_find(const char *pattern, bool *have, struct litset *starts, struct litreq *req)
{
	long i = find(pattern);

	return i >= 0 && patcache_entry((size_t)i, have, starts, req);
}

const unsigned char *
patcache_first_code(void)
{
	size_t i;

	for (i = 0; i < patcache_n; i++)
		if (patcache_entries[i].code_len != 0)
			return patcache_code_bytes + patcache_entries[i].code;
	return NULL;
}

const unsigned char *
patcache_code(const char *pattern, size_t *len)
{
	long i = find(pattern);

	if (i < 0 || patcache_entries[i].code_len == 0)
		return NULL;
	*len = patcache_entries[i].code_len;
	return patcache_code_bytes + patcache_entries[i].code;
}
