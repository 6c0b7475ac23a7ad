/* SPDX-License-Identifier: MIT */
/* Unit tests: what the build embeds of each bundled pattern (patcache.h,
 * issue 14, start-up).  For every embedded pattern, what patcache_find
 * gives is what literal_analyse gives for its text: both reduced to the
 * fields literal_analyse defines (in zeroed structs) and compared with
 * memcmp, and the cached structs are already in that form; its embedded
 * code is, byte for byte, what regex_serialize makes of the text with the
 * PCRE2 the tests run with, 8-byte aligned, with the first code's header
 * (regex_new asks PCRE2 about that one only), and decodes to a pattern with
 * regex.c's options; a text one byte away from an embedded pattern is not
 * served; the entries are in the order the lookup's binary search needs;
 * a damaged or cut encoding is refused. */
#include <stdlib.h>
#include <string.h>

#include "patcache.h"
#include "literals.h"
#include "regex.h"
#include "tap.h"
#include "util.h"

/* The fields of *s that literal_analyse defines, into a zeroed *out. */
static void
canon_set(const struct litset *s, struct litset *out)
{
	size_t i;

	memset(out, 0, sizeof *out);
	out->line_start = s->line_start;
	out->skip_lines = s->skip_lines;
	memcpy(out->skip_stop, s->skip_stop, sizeof s->skip_stop);
	out->skip_stop_cjk = s->skip_stop_cjk;
	out->nskip_go = s->nskip_go;
	memcpy(out->skip_go, s->skip_go, sizeof s->skip_go);
	out->skip_anchored = s->skip_anchored;
	memcpy(out->not_after, s->not_after, sizeof s->not_after);
	out->n = s->n;
	for (i = 0; i < s->n && i < LIT_MAX; i++) {
		out->v[i].len = s->v[i].len;
		out->v[i].rare = s->v[i].rare;
		memcpy(out->v[i].s, s->v[i].s, s->v[i].len <= LIT_MAX_LEN ? s->v[i].len : LIT_MAX_LEN);
	}
}

/* What literal_analyse gives, canonical: the starts only when have, a
 * requirement's set only when it is there. */
static void
canon(bool have, const struct litset *starts, const struct litreq *req, struct litset *cs,
    struct litreq *cr)
{
	memset(cs, 0, sizeof *cs);
	memset(cr, 0, sizeof *cr);
	if (have)
		canon_set(starts, cs);
	cr->near = req->near;
	cr->any = req->any;
	if (req->near) {
		cr->near_off = req->near_off;
		canon_set(&req->near_set, &cr->near_set);
	}
	if (req->any)
		canon_set(&req->any_set, &cr->any_set);
}

static bool
embedded(const char *s)
{
	size_t i;

	for (i = 0; i < patcache_count(); i++)
		if (strcmp(patcache_pattern(i), s) == 0)
			return true;
	return false;
}

int
main(void)
{
	size_t n = patcache_count(), i, same = 0, canonical = 0, found = 0, ordered = 0;
	size_t misses = 0, tried = 0, refused = 0, skips = 0, afters = 0;
	size_t coded = 0, aligned = 0, decoded = 0, cmisses = 0, ctried = 0, headed = 0;
	const unsigned char *first = patcache_first_code();
	const char *bad = NULL, *badcode = NULL;

	ok(n >= 100, "the bundled packs' patterns are embedded (%zu)", n);

	for (i = 0; i < n; i++) {
		const char *pat = patcache_pattern(i);
		struct litset s1, s2, cs1, cs2;
		struct litreq r1, r2, cr1, cr2;
		bool h1, h2;

		memset(&s1, 0, sizeof s1);
		memset(&r1, 0, sizeof r1);
		h1 = literal_analyse(pat, &s1, &r1);
		if (!patcache_find(pat, &h2, &s2, &r2)) {
			if (bad == NULL)
				bad = pat;
			continue;
		}
		found++;
		canon(h1, &s1, &r1, &cs1, &cr1);
		canon(h2, &s2, &r2, &cs2, &cr2);
		if (h1 == h2 && memcmp(&cs1, &cs2, sizeof cs1) == 0 &&
		    memcmp(&cr1, &cr2, sizeof cr1) == 0)
			same++;
		else if (bad == NULL)
			bad = pat;
		/* The cache's structs hold nothing beyond those fields. */
		if (memcmp(&s2, &cs2, sizeof s2) == 0 && memcmp(&r2, &cr2, sizeof r2) == 0)
			canonical++;
		skips += s2.skip_lines || s2.nskip_go > 0;
		{
			static const unsigned char none[sizeof s2.not_after];

			afters += memcmp(s2.not_after, none, sizeof none) != 0;
		}
		if (i == 0 || strcmp(patcache_pattern(i - 1), pat) < 0)
			ordered++;
		{
			size_t clen = 0, flen = 0;
			const unsigned char *c = patcache_code(pat, &clen);
			unsigned char *fresh = NULL;
			pcre2_code *code = NULL;
			uint32_t opts = 0, nl = 0, want = 0;

			if (c != NULL && regex_serialize(pat, &fresh, &flen) && flen == clen &&
			    memcmp(c, fresh, clen) == 0)
				coded++;
			else if (badcode == NULL)
				badcode = pat;
			aligned += c != NULL && (uintptr_t)c % 8 == 0;
			/* PCRE2's header (magic, version, sizes, number of codes):
			 * regex_new asks about the first code's only. */
			headed += c != NULL && first != NULL && memcmp(c, first, 16) == 0;
			{
				pcre2_code *fc = NULL;

				/* The options a fresh decode of regex_serialize's bytes has. */
				if (fresh != NULL && pcre2_serialize_decode(&fc, 1, fresh, NULL) == 1)
					(void)pcre2_pattern_info(fc, PCRE2_INFO_ARGOPTIONS, &want);
				pcre2_code_free(fc);
			}
			if (c != NULL && pcre2_serialize_decode(&code, 1, c, NULL) == 1 &&
			    pcre2_pattern_info(code, PCRE2_INFO_ARGOPTIONS, &opts) == 0 &&
			    pcre2_pattern_info(code, PCRE2_INFO_NEWLINE, &nl) == 0 &&
			    (opts & (PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE | PCRE2_NEVER_BACKSLASH_C |
			    PCRE2_USE_OFFSET_LIMIT)) == (PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE |
			    PCRE2_NEVER_BACKSLASH_C | PCRE2_USE_OFFSET_LIMIT) && opts == want &&
			    nl == PCRE2_NEWLINE_ANYCRLF)
				decoded++;
			pcre2_code_free(code);
			free(fresh);
		}
	}
	ok(found == n, "every embedded pattern is found by its text (%zu of %zu)", found, n);
	ok(same == n, "every cached result is literal_analyse's, field for field (%zu of %zu)%s%s",
	    same, n, bad ? "; first difference: " : "", bad ? bad : "");
	ok(canonical == n, "the cached structs are zero beyond what literal_analyse defines "
	    "(%zu of %zu)", canonical, n);
	ok(skips > 0 && afters > 0, "the encoding's optional parts are there: %zu with skip "
	    "branches, %zu with not_after", skips, afters);
	ok(ordered == n, "the entries are in strcmp order (%zu of %zu)", ordered, n);
	ok(coded == n, "every embedded code is regex_serialize's for its text, byte for byte "
	    "(%zu of %zu)%s%s", coded, n, badcode ? "; first difference: " : "",
	    badcode ? badcode : "");
	ok(aligned == n, "every embedded code starts at a multiple of 8 (%zu of %zu)", aligned, n);
	ok(headed == n && first != NULL && pcre2_serialize_get_number_of_codes(first) == 1,
	    "every embedded code has the first code's 16-byte header, which this PCRE2 "
	    "accepts (%zu of %zu)", headed, n);
	ok(decoded == n, "every embedded code decodes, with regex.c's options and any-CRLF "
	    "newlines (%zu of %zu)", decoded, n);

	/* One byte away: appended, removed, changed. */
	for (i = 0; i < n; i++) {
		const char *pat = patcache_pattern(i);
		size_t len = strlen(pat);
		char *more = xasprintf("%s)", pat), *less = xstrdup(pat), *other = xstrdup(pat);
		struct litset s;
		struct litreq r;
		bool h;

		less[len - 1] = '\0';
		other[len - 1] = (char)(other[len - 1] == 'x' ? 'y' : 'x');
		if (!embedded(more)) {
			tried++;
			misses += !patcache_find(more, &h, &s, &r);
		}
		if (!embedded(less)) {
			tried++;
			misses += !patcache_find(less, &h, &s, &r);
		}
		if (!embedded(other)) {
			size_t clen;

			tried++;
			ctried++;
			misses += !patcache_find(other, &h, &s, &r);
			cmisses += patcache_code(other, &clen) == NULL;
		}
		free(more);
		free(less);
		free(other);
	}
	ok(tried > 2 * n && misses == tried,
	    "a text one byte away from an embedded pattern is not served (%zu of %zu)", misses,
	    tried);
	ok(ctried > n / 2 && cmisses == ctried,
	    "nor is a code for a text with its last byte changed (%zu of %zu)", cmisses, ctried);
	{
		struct litset s;
		struct litreq r;
		bool h;

		ok(!patcache_find("", &h, &s, &r) && !patcache_find("\xe6\x9c\xaa\xe5\xae\x9a", &h, &s, &r),
		    "the empty text and an unlisted one are misses");
	}

	/* Encoding: a round trip, then every cut and a damaged flag byte. */
	{
		struct litset s, s2;
		struct litreq r, r2, cr;
		struct litset cs;
		struct buf b = {0};
		bool h, h2;
		size_t k;

		memset(&s, 0, sizeof s);
		memset(&r, 0, sizeof r);
		h = literal_analyse("(?<![甲乙])(?:依法|法治)(?=政府)[^。]{0,8}(*SKIP)(*F)|^第[一二]", &s, &r);
		if (!h) {
			memset(&s, 0, sizeof s);
			memset(&r, 0, sizeof r);
			h = literal_analyse("法治政府|依法行政", &s, &r);
		}
		patcache_encode(&b, h, &s, &r);
		ok(patcache_decode((const unsigned char *)b.data, b.len, &h2, &s2, &r2) && h2 == h,
		    "an encoded result decodes");
		canon(h, &s, &r, &cs, &cr);
		ok(memcmp(&s2, &cs, sizeof cs) == 0 && memcmp(&r2, &cr, sizeof cr) == 0,
		    "to the same fields");
		for (k = 0; k < b.len; k++)
			refused += !patcache_decode((const unsigned char *)b.data, k, &h2, &s2, &r2);
		ok(refused == b.len, "every cut encoding is refused (%zu of %zu)", refused, b.len);
		b.data[0] = (char)(b.data[0] | 0x40);
		ok(!patcache_decode((const unsigned char *)b.data, b.len, &h2, &s2, &r2),
		    "an unknown flag is refused");
		buf_free(&b);
	}
	return done_testing();
}
