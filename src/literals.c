/* SPDX-License-Identifier: MIT */
/** \file literals.c
 * \brief Start literals of a PCRE2 pattern, by a small recursive-descent
 *        reading of its source (see literals.h for what is understood).
 *
 * Each item of a sequence yields a set of strings its text starts with
 * (or "any": too many to list), whether it can be empty, whether it is an
 * assertion (consumes nothing), and whether its strings are its whole text
 * (a plain character or class), so that runs such as 的的 extend the
 * literals beyond one character.
 */
#include "literals.h"

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

#define MAX_DEPTH 32
#define CLASS_RANGE_MAX 64 /* characters a class range may list */

struct set {
	bool any;
	bool line_start;   /* matches may also start at a line start (^) */
	size_t n;
	/* A bit (lit_bit) for each string added: a string whose bit is clear
	 * is not in the set, without comparing (set_add).  Strings dropped
	 * (minimise) may leave their bits set. */
	uint64_t bits;
	struct literal v[LIT_MAX];
};

/*
 * What every match of a part of the pattern contains: one of the strings
 * of `set`, starting at most `off` bytes after the part's start; `w` is
 * how common those strings are in report text (lower: rarer).
 */
struct req {
	bool has;
	size_t off;
	unsigned long w;
	struct set set;
};

/* A part's longest match in bytes (WIDTH_INF: unbounded), its req, and
 * `need`: a set one of whose strings occurs at or after the part's start
 * whenever it matches (in its match, or checked by a look-ahead), at any
 * distance (off unused). */
struct shape {
	size_t maxw;
	struct req req;
	struct req need;
};

#define WIDTH_INF ((size_t)-1)

struct item {
	struct shape sh;
	struct set set;
	bool nullable;
	bool zero_width;
	bool exact;        /* the strings are the item's whole text */
	bool keep_out;     /* \K: consumes nothing, tests nothing */
	bool plus_exact;   /* an exact atom repeated at least once (x+, x{2,}):
	                    * its text starts with one of its strings */
	bool opt_exact;    /* an exact atom made optional (x? or {0,1}): its
	                    * text is one of its strings or nothing */
};

/* Empty a set, a shape, an item (only the fields that say what they hold:
 * the string arrays are large and need no zeroing). */
static void
set_clear(struct set *s)
{
	s->any = false;
	s->line_start = false;
	s->n = 0;
	s->bits = 0;
}

/* Copies of sets and reqs copy the strings in use only (a set holds room
 * for LIT_MAX; most hold a few). */
static void
set_copy(struct set *d, const struct set *s)
{
	d->any = s->any;
	d->line_start = s->line_start;
	d->n = s->n;
	d->bits = s->bits;
	memcpy(d->v, s->v, s->n * sizeof s->v[0]);
}

static void
shape_clear(struct shape *sh)
{
	sh->maxw = 0;
	sh->req.has = false;
	sh->req.off = 0;
	sh->req.w = 0;
	set_clear(&sh->req.set);
	sh->need.has = false;
	sh->need.off = 0;
	sh->need.w = 0;
	set_clear(&sh->need.set);
}

static void
req_copy(struct req *d, const struct req *s)
{
	d->has = s->has;
	d->off = s->off;
	d->w = s->w;
	set_copy(&d->set, &s->set);
}

static void
item_clear(struct item *it)
{
	shape_clear(&it->sh);
	set_clear(&it->set);
	it->nullable = false;
	it->zero_width = false;
	it->exact = false;
	it->opt_exact = false;
	it->keep_out = false;
	it->plus_exact = false;
}

struct parser {
	const char *p;
	bool bail;
	int depth;
};

/* The bit of set.bits for a string of len > 0 bytes: from its length and
 * its last and middle bytes (a CJK character's first byte is shared by
 * thousands of others). */
static uint64_t
lit_bit(const char *str, size_t len)
{
	unsigned h = (unsigned char)str[len - 1] * 7u + (unsigned char)str[len / 2] * 3u +
	    (unsigned)len;

	return (uint64_t)1 << (h & 63);
}

static void
set_add(struct set *s, const char *str, size_t len)
{
	uint64_t bit;
	size_t i;

	if (s->any)
		return;
	if (len == 0 || len > LIT_MAX_LEN) {
		s->any = true;
		return;
	}
	bit = lit_bit(str, len);
	/* (The last bytes first: most strings differ there, and a call of
	 * memcmp costs more than the test.) */
	if (s->bits & bit)
		for (i = 0; i < s->n; i++)
			if (s->v[i].len == len && s->v[i].s[len - 1] == str[len - 1] &&
			    memcmp(s->v[i].s, str, len) == 0)
				return;
	if (s->n == LIT_MAX) {
		s->any = true;
		return;
	}
	s->v[s->n].len = (unsigned char)len;
	memcpy(s->v[s->n].s, str, len);
	s->n++;
	s->bits |= bit;
}

static void
set_union(struct set *a, const struct set *b)
{
	size_t i;

	if (b->any)
		a->any = true;
	if (b->line_start)
		a->line_start = true;
	for (i = 0; i < b->n && !a->any; i++)
		set_add(a, b->v[i].s, b->v[i].len);
}

/*
 * a := a ∪ b as start strings: when the union has more strings than a set
 * holds, every string is cut to its first character (each match still
 * starts with one of those).  True when strings were cut: the set is then
 * no longer the whole text of what it stands for.
 */
static bool
set_union_starts(struct set *a, const struct set *b)
{
	struct set f;
	size_t i, n0 = a->n;
	bool any0 = a->any, line0 = a->line_start;

	/* In place: set_add only appends, so a's own strings stay its first
	 * n0 when the union overflows. */
	set_union(a, b);
	if (!a->any || any0 || b->any)
		return false;
	set_clear(&f);
	f.line_start = line0 || b->line_start;
	for (i = 0; i < n0 + b->n; i++) {
		const struct literal *l = i < n0 ? &a->v[i] : &b->v[i - n0];
		size_t k = utf8_seq_len((unsigned char)l->s[0]);

		set_add(&f, l->s, k < l->len ? k : l->len);
	}
	set_copy(a, &f);
	return true;
}

/* a := a × b (concatenation); false (a unchanged) when it would not fit. */
static bool
set_concat(struct set *a, const struct set *b)
{
	struct set r;
	size_t i, j;

	if (a->any || b->any || a->line_start || b->line_start || a->n * b->n > LIT_MAX)
		return false;
	set_clear(&r);
	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++) {
			char tmp[2 * LIT_MAX_LEN];

			if (a->v[i].len + b->v[j].len > LIT_MAX_LEN)
				return false;
			memcpy(tmp, a->v[i].s, a->v[i].len);
			memcpy(tmp + a->v[i].len, b->v[j].s, b->v[j].len);
			set_add(&r, tmp, (size_t)a->v[i].len + b->v[j].len);
		}
	if (r.any)
		return false;
	set_copy(a, &r);
	return true;
}

/* a := a ∪ a × b (an optional item after a); false (a unchanged) when it
 * would not fit. */
static bool
set_concat_optional(struct set *a, const struct set *b)
{
	struct set r;

	set_copy(&r, a);
	if (!set_concat(&r, b))
		return false;
	set_union(&r, a);
	if (r.any)
		return false;
	set_copy(a, &r);
	return true;
}

/* Decode the UTF-8 character at *pp, reading no further than end, and
 * step past it; a byte that does not start a valid sequence there reads as
 * U+FFFD.  A literal's bytes have no NUL after them (the last literal of a
 * set ends its block): their end is given. */
static unsigned long
get_utf8_in(const char **pp, const char *end)
{
	uint32_t cp;
	size_t k = utf8_next((const unsigned char *)*pp, (size_t)(end - *pp), &cp);

	if (k == 0) {
		*pp += 1;
		return 0xFFFD;
	}
	*pp += k;
	return cp;
}

/* get_utf8_in in pattern text (NUL-terminated, valid UTF-8). */
static unsigned long
get_utf8(const char **pp)
{
	return get_utf8_in(pp, *pp + strnlen(*pp, 4));
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool
is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * An escape after the backslash at ps->p.  Returns 1 with *cp set for a
 * literal character, 2 for a class of too many characters (\d \w \p{..}),
 * 3 for an assertion (\b \A ...), 0 after setting ps->bail.
 */
static int
escape(struct parser *ps, unsigned long *cp)
{
	char c = *ps->p;

	if (c == '\0') {
		ps->bail = true;
		return 0;
	}
	ps->p++;
	switch (c) {
	case 'n': *cp = '\n'; return 1;
	case 't': *cp = '\t'; return 1;
	case 'r': *cp = '\r'; return 1;
	case 'f': *cp = '\f'; return 1;
	case 'e': *cp = 0x1B; return 1;
	case 'a': *cp = 0x07; return 1;
	case 'd': case 'D': case 'w': case 'W': case 's': case 'S': case 'h': case 'H':
	case 'v': case 'V': case 'R': case 'X': case 'N': case 'C':
		return 2;
	case 'p': case 'P':
		if (*ps->p == '{') {
			const char *q = strchr(ps->p, '}');

			if (q == NULL) {
				ps->bail = true;
				return 0;
			}
			ps->p = q + 1;
		} else if (*ps->p) {
			ps->p++;
		}
		return 2;
	case 'b': case 'B': case 'A': case 'z': case 'Z':
		return 3;
	case 'K':
		/* Resets the reported start, not where the attempt began: the
		 * attempt's first characters are still the start literals. */
		return 3;
	case 'x': {
		unsigned long v = 0;
		int n = 0, h;

		if (*ps->p == '{') {
			ps->p++;
			while ((h = hexval(*ps->p)) >= 0 && n < 8) {
				v = v * 16 + (unsigned long)h;
				ps->p++;
				n++;
			}
			if (*ps->p != '}' || n == 0) {
				ps->bail = true;
				return 0;
			}
			ps->p++;
		} else {
			while (n < 2 && (h = hexval(*ps->p)) >= 0) {
				v = v * 16 + (unsigned long)h;
				ps->p++;
				n++;
			}
		}
		if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
			ps->bail = true;
			return 0;
		}
		*cp = v;
		return 1;
	}
	case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
	case '0':
		/* A back-reference (or an octal escape): some text, not listed. */
		while (*ps->p >= '0' && *ps->p <= '9')
			ps->p++;
		return 2;
	case 'g': case 'k': {
		/* \g{n} \g<name> \g'n' \gN \g-N \k<name> \k{name} \k'name' */
		char open = *ps->p;
		const char *q;

		if (open == '{' || open == '<' || open == '\'') {
			q = strchr(ps->p + 1, open == '{' ? '}' : open == '<' ? '>' : '\'');
			if (q == NULL) {
				ps->bail = true;
				return 0;
			}
			ps->p = q + 1;
		} else if (c == 'g') {
			if (*ps->p == '-' || *ps->p == '+')
				ps->p++;
			while (*ps->p >= '0' && *ps->p <= '9')
				ps->p++;
		} else {
			ps->bail = true;
			return 0;
		}
		/* \g<..> and \g'..' are subroutine calls: still some text. */
		return 2;
	}
	default:
		if (is_alnum(c)) {
			/* \G (the start offset: every candidate would be one),
			 * back-references, \Q, \c, \o{}, \g, \k ...: not handled. */
			ps->bail = true;
			return 0;
		}
		ps->p--;
		*cp = get_utf8(&ps->p);
		return 1;
	}
}

/* A character class; ps->p is just after '['. */
static void
parse_class(struct parser *ps, struct set *out)
{
	bool first = true;

	set_clear(out);
	if (*ps->p == '^') {
		out->any = true;
		ps->p++;
	}
	for (;;) {
		unsigned long lo, hi;
		char c = *ps->p;
		int k;

		if (c == '\0') {
			ps->bail = true;
			return;
		}
		if (c == ']' && !first) {
			ps->p++;
			return;
		}
		first = false;
		if (c == '[' && (ps->p[1] == ':' || ps->p[1] == '.' || ps->p[1] == '=')) {
			/* A POSIX class [:name:] as PCRE2 reads it: up to the
			 * first ":]", unless a ] or another [: comes first (then
			 * the [ is a plain character). */
			const char *q = ps->p + 2;
			char term = ps->p[1];

			for (; *q; q++) {
				if (*q == '\\' && (q[1] == ']' || q[1] == '\\'))
					q++;
				else if ((*q == '[' && q[1] == term) || *q == ']')
					break;
				else if (*q == term && q[1] == ']')
					break;
			}
			if (*q == term && q[1] == ']') {
				ps->p = q + 2;
				out->any = true;
				continue;
			}
		}
		if (c == '\\') {
			ps->p++;
			k = escape(ps, &lo);
			if (k == 0)
				return;
			if (k == 3) { /* \b in a class is backspace */
				lo = 0x08;
				k = 1;
			}
			if (k == 2) {
				out->any = true;
				continue;
			}
		} else {
			lo = get_utf8(&ps->p);
		}
		hi = lo;
		if (ps->p[0] == '-' && ps->p[1] != ']' && ps->p[1] != '\0') {
			ps->p++;
			if (*ps->p == '\\') {
				ps->p++;
				k = escape(ps, &hi);
				if (k == 0)
					return;
				if (k != 1) {
					ps->bail = true; /* a range to \d is an error anyway */
					return;
				}
			} else {
				hi = get_utf8(&ps->p);
			}
			if (hi < lo) {
				ps->bail = true;
				return;
			}
		}
		if (hi - lo >= CLASS_RANGE_MAX) {
			out->any = true;
			continue;
		}
		for (; lo <= hi && !out->any; lo++) {
			char u[4];

			set_add(out, u, utf8_encode((uint32_t)lo, u));
		}
	}
}

/*
 * How often characters occur in report text, per million characters: every
 * character seen at least 12 times in the sample reports (examples/, 31,918
 * characters), by code point.  Others count as CHAR_FREQ_OTHER.
 */
static const struct {
	uint32_t cp;
	uint32_t freq;
} char_freq[] = {
	{0x000A, 9336}, {0x0020, 2193}, {0x0025, 1504}, {0x002A, 1253}, {0x002B, 439},
	{0x002C, 1567}, {0x002E, 627}, {0x0030, 10903}, {0x0031, 6015}, {0x0032, 11028},
	{0x0033, 4198}, {0x0034, 1880}, {0x0035, 2632}, {0x0036, 1065}, {0x0037, 1316},
	{0x0038, 1817}, {0x0039, 1191}, {0x201C, 4386}, {0x201D, 4386}, {0x3001, 14851},
	{0x3002, 16856}, {0x300A, 3634}, {0x300B, 3634}, {0x4E00, 7018}, {0x4E07, 877},
	{0x4E09, 2694}, {0x4E0A, 2005}, {0x4E0B, 1692}, {0x4E0D, 2444}, {0x4E0E, 1504},
	{0x4E13, 2256}, {0x4E1A, 1253}, {0x4E25, 1629}, {0x4E2A, 1065}, {0x4E2D, 2068},
	{0x4E3A, 2569}, {0x4E3B, 3196}, {0x4E3E, 439}, {0x4E49, 752}, {0x4E60, 4574},
	{0x4E66, 627}, {0x4E86, 1191}, {0x4E8B, 3384}, {0x4E8C, 2256}, {0x4E8E, 940},
	{0x4E94, 501}, {0x4EA4, 815}, {0x4EB2, 815}, {0x4EBA, 5076}, {0x4EE3, 1003},
	{0x4EE5, 2193}, {0x4EF6, 7018}, {0x4EFB, 3196}, {0x4EFD, 376}, {0x4F01, 689},
	{0x4F0D, 376}, {0x4F17, 1441}, {0x4F1A, 5389}, {0x4F20, 2068}, {0x4F4D, 1942},
	{0x4F53, 2694}, {0x4F59, 1567}, {0x4F5C, 9023}, {0x4F8B, 501}, {0x4F9B, 501},
	{0x4F9D, 4136}, {0x4FC3, 501}, {0x4FDD, 1817}, {0x4FE1, 4010}, {0x505A, 1191},
	{0x5143, 501}, {0x5145, 689}, {0x515A, 1817}, {0x5165, 1942}, {0x5168, 5389},
	{0x516C, 9524}, {0x5171, 1692}, {0x5173, 3384}, {0x5176, 376}, {0x5177, 376},
	{0x5178, 376}, {0x5185, 1065}, {0x51B3, 4950}, {0x51B5, 1629}, {0x51C6, 689},
	{0x51FA, 1567}, {0x5206, 1316}, {0x5207, 1567}, {0x5212, 815}, {0x5217, 376},
	{0x5219, 439}, {0x521B, 689}, {0x5230, 1191}, {0x5236, 4136}, {0x524D, 689},
	{0x529B, 3885}, {0x529E, 8898}, {0x529F, 689}, {0x52A0, 3384}, {0x52A1, 7206},
	{0x52A8, 3070}, {0x52A9, 689}, {0x5316, 4136}, {0x533A, 11404}, {0x5347, 2318},
	{0x534F, 877}, {0x5355, 1567}, {0x5357, 1065}, {0x5370, 501}, {0x538B, 376},
	{0x53C2, 1191}, {0x53CA, 2318}, {0x53CD, 1191}, {0x53D1, 3133}, {0x53D6, 752},
	{0x53D7, 627}, {0x53E3, 1253}, {0x53EC, 439}, {0x53F0, 752}, {0x53F7, 376},
	{0x53F8, 752}, {0x5404, 2569}, {0x5408, 3133}, {0x540C, 1191}, {0x5411, 1191},
	{0x544A, 1128}, {0x5458, 1441}, {0x548C, 6767}, {0x5584, 940}, {0x56DB, 1316},
	{0x56DE, 376}, {0x56F4, 1316}, {0x56FD, 1567}, {0x5728, 3384}, {0x5730, 877},
	{0x573A, 689}, {0x5747, 877}, {0x575A, 1942}, {0x57DF, 940}, {0x57F9, 877},
	{0x57FA, 752}, {0x5883, 439}, {0x589E, 376}, {0x5904, 627}, {0x5907, 940},
	{0x590D, 1567}, {0x591A, 501}, {0x591F, 564}, {0x5927, 5451}, {0x592B, 376},
	{0x592E, 376}, {0x5934, 689}, {0x597D, 1629}, {0x5982, 501}, {0x59D4, 3008},
	{0x5B50, 376}, {0x5B58, 627}, {0x5B66, 4574}, {0x5B88, 564}, {0x5B89, 1128},
	{0x5B8C, 1754}, {0x5B9A, 3697}, {0x5B9E, 8271}, {0x5BA1, 2569}, {0x5BA3, 1942},
	{0x5BA4, 1880}, {0x5BAA, 627}, {0x5BB6, 1253}, {0x5BB9, 752}, {0x5BDF, 376},
	{0x5BF9, 3509}, {0x5BFC, 3948}, {0x5C06, 1379}, {0x5C40, 752}, {0x5C42, 689},
	{0x5C55, 2506}, {0x5C5E, 439}, {0x5C65, 1504}, {0x5DE5, 8209}, {0x5DF2, 376},
	{0x5E02, 3760}, {0x5E03, 877}, {0x5E26, 439}, {0x5E38, 1504}, {0x5E72, 1692},
	{0x5E73, 4073}, {0x5E74, 4386}, {0x5E76, 1441}, {0x5E7F, 752}, {0x5E86, 1065},
	{0x5E8F, 1567}, {0x5E94, 1191}, {0x5E9C, 13159}, {0x5EA6, 3572}, {0x5EAD, 815},
	{0x5EFA, 8647}, {0x5F00, 7895}, {0x5F0F, 1191}, {0x5F3A, 4512}, {0x5F55, 627},
	{0x5F62, 627}, {0x5F7B, 1567}, {0x5F81, 376}, {0x5F85, 689}, {0x5F8B, 3196},
	{0x5F97, 627}, {0x5FC3, 501}, {0x5FEB, 439}, {0x6001, 627}, {0x601D, 2632},
	{0x6027, 4073}, {0x603B, 376}, {0x606F, 2820}, {0x60C5, 2193}, {0x60F3, 1880},
	{0x610F, 1880}, {0x6210, 2882}, {0x6211, 439}, {0x6240, 564}, {0x624B, 439},
	{0x6253, 564}, {0x6267, 3070}, {0x6279, 627}, {0x627F, 564}, {0x628A, 1065},
	{0x6293, 815}, {0x62A5, 2005}, {0x6301, 2318}, {0x6307, 1504}, {0x6309, 564},
	{0x6325, 501}, {0x636E, 501}, {0x6392, 752}, {0x63A5, 815}, {0x63A8, 4386},
	{0x63AA, 627}, {0x63D0, 5138}, {0x63F4, 376}, {0x6536, 564}, {0x6539, 1379},
	{0x653F, 24626}, {0x6548, 2256}, {0x6559, 689}, {0x6570, 501}, {0x6574, 1316},
	{0x6587, 3760}, {0x65AD, 752}, {0x65B0, 1817}, {0x65B9, 1629}, {0x65BD, 1316},
	{0x65E5, 376}, {0x65F6, 2694}, {0x660E, 815}, {0x662F, 5451}, {0x666E, 627},
	{0x66F4, 689}, {0x6709, 2945}, {0x670D, 1817}, {0x671F, 689}, {0x673A, 1817},
	{0x6743, 689}, {0x6751, 376}, {0x6761, 1191}, {0x6765, 376}, {0x6781, 752},
	{0x6784, 439}, {0x67E5, 3196}, {0x6807, 1441}, {0x680F, 501}, {0x6838, 564},
	{0x683C, 1754}, {0x6848, 2757}, {0x68C0, 501}, {0x6B21, 1817}, {0x6B63, 752},
	{0x6B65, 1754}, {0x6C11, 2506}, {0x6C34, 1316}, {0x6C42, 1567}, {0x6CBB, 12657},
	{0x6CD5, 28699}, {0x6D3B, 627}, {0x6D41, 627}, {0x6D4E, 501}, {0x6D89, 439},
	{0x6DF1, 2068}, {0x6E05, 752}, {0x6E1D, 627}, {0x6E21, 1065}, {0x6EE1, 439},
	{0x6F7C, 689}, {0x70B9, 3070}, {0x7167, 627}, {0x7279, 689}, {0x7387, 1942},
	{0x73AF, 689}, {0x73B0, 1253}, {0x73ED, 501}, {0x7406, 3760}, {0x751F, 564},
	{0x7528, 2444}, {0x7531, 439}, {0x7533, 689}, {0x7535, 439}, {0x7684, 9712},
	{0x76D1, 1629}, {0x76D6, 376}, {0x76EE, 1567}, {0x76F8, 1316}, {0x76FE, 376},
	{0x771F, 815}, {0x7763, 2882}, {0x77DB, 376}, {0x77E5, 689}, {0x7814, 689},
	{0x786E, 1692}, {0x793A, 1003}, {0x793E, 2256}, {0x795E, 752}, {0x79D1, 564},
	{0x79EF, 752}, {0x7A0B, 2506}, {0x7A81, 439}, {0x7ACB, 752}, {0x7AD9, 1253},
	{0x7B2C, 1128}, {0x7B49, 3321}, {0x7B54, 627}, {0x7B56, 4825}, {0x7BA1, 1817},
	{0x7C7B, 439}, {0x7CBE, 1065}, {0x7CFB, 689}, {0x7D27, 689}, {0x7EA0, 689},
	{0x7EA7, 1441}, {0x7EAA, 376}, {0x7EB3, 815}, {0x7EB7, 376}, {0x7EBF, 752},
	{0x7EC4, 2632}, {0x7EC6, 439}, {0x7EC7, 1629}, {0x7ECF, 877}, {0x7ED3, 1253},
	{0x7ED5, 1065}, {0x7EDF, 627}, {0x7EED, 1191}, {0x7EF4, 752}, {0x7EFC, 1128},
	{0x7F16, 564}, {0x7F51, 1817}, {0x7F5A, 439}, {0x7F6E, 564}, {0x7F72, 1253},
	{0x7FA4, 877}, {0x804C, 2381}, {0x8054, 689}, {0x80B2, 564}, {0x80FD, 1754},
	{0x81EA, 1003}, {0x8272, 627}, {0x8303, 3133}, {0x8425, 439}, {0x843D, 3384},
	{0x884C, 12031}, {0x8857, 1191}, {0x8868, 627}, {0x897F, 501}, {0x8981, 5138},
	{0x8986, 376}, {0x89C1, 877}, {0x89C4, 5639}, {0x89E3, 2068}, {0x8BA1, 1253},
	{0x8BA2, 439}, {0x8BA4, 1441}, {0x8BA8, 877}, {0x8BAD, 815}, {0x8BAE, 3509},
	{0x8BB0, 940}, {0x8BB2, 501}, {0x8BBA, 1441}, {0x8BBE, 7770}, {0x8BC1, 689},
	{0x8BC4, 627}, {0x8BC6, 1253}, {0x8BC9, 752}, {0x8BD5, 627}, {0x8BF7, 815},
	{0x8BFB, 564}, {0x8C01, 376}, {0x8C03, 1942}, {0x8C0B, 376}, {0x8D1F, 1567},
	{0x8D23, 4324}, {0x8D28, 815}, {0x8D2F, 1629}, {0x8DB3, 439}, {0x8FBE, 689},
	{0x8FC7, 1316}, {0x8FD0, 1003}, {0x8FD1, 2005}, {0x8FD8, 752}, {0x8FDB, 6015},
	{0x8FDD, 564}, {0x8FF0, 627}, {0x9001, 501}, {0x901A, 1629}, {0x9020, 689},
	{0x9053, 501}, {0x9075, 376}, {0x90E8, 4637}, {0x91C7, 376}, {0x91CD, 7143},
	{0x91CF, 689}, {0x9488, 439}, {0x94C1, 501}, {0x9547, 1253}, {0x957F, 815},
	{0x95E8, 1379}, {0x95EE, 2632}, {0x95F4, 439}, {0x961F, 376}, {0x969C, 689},
	{0x96C6, 1379}, {0x9700, 376}, {0x9762, 2882}, {0x9769, 564}, {0x9879, 5451},
	{0x987E, 439}, {0x9886, 3509}, {0x9898, 2945}, {0x9988, 439}, {0x9AD8, 2506},
	{0xFF08, 2381}, {0xFF09, 2381}, {0xFF0C, 33273}, {0xFF1A, 752}, {0xFF1B, 1253},
};
#define CHAR_FREQ_OTHER 100

static unsigned long
freq_of(uint32_t cp)
{
	size_t lo = 0, hi = ARRAY_LEN(char_freq);

	while (lo < hi) {
		size_t m = lo + (hi - lo) / 2;

		if (char_freq[m].cp < cp)
			lo = m + 1;
		else
			hi = m;
	}
	return lo < ARRAY_LEN(char_freq) && char_freq[lo].cp == cp ? char_freq[lo].freq :
	    CHAR_FREQ_OTHER;
}

/* Estimated occurrences per million characters of any string of s: a
 * string of n > 1 characters is taken as its rarest one's over 8n. */
static unsigned long
lits_weight(const struct literal *v, size_t n)
{
	unsigned long w = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		const char *p = v[i].s, *e = p + v[i].len;
		unsigned long least = ULONG_MAX;
		size_t chars = 0;

		while (p < e) {
			unsigned long f = freq_of((uint32_t)get_utf8_in(&p, e));

			if (f < least)
				least = f;
			chars++;
		}
		w += chars > 1 ? least / (8 * chars) + 1 : least;
	}
	return w;
}

static unsigned long
set_weight(const struct set *s)
{
	return lits_weight(s->v, s->n);
}

unsigned long
litset_weight(const struct litset *ls)
{
	return lits_weight(ls->v, ls->n);
}

/* The item's own strings are what every match of it contains, at its start. */
static void
atom_req(struct item *it)
{
	if (!it->exact || it->set.any || it->set.n == 0)
		return;
	it->sh.req.has = true;
	it->sh.req.off = 0;
	it->sh.req.w = set_weight(&it->set);
	set_copy(&it->sh.req.set, &it->set);
	req_copy(&it->sh.need, &it->sh.req);
}

static size_t
width_add(size_t a, size_t b)
{
	return a == WIDTH_INF || b == WIDTH_INF || a > WIDTH_INF - b ? WIDTH_INF : a + b;
}

/* Keep the rarer of two reqs (the nearer one on a tie). */
static void
req_consider(struct req *best, const struct set *set, size_t off, unsigned long w)
{
	if (off == WIDTH_INF)
		return;
	if (!best->has || w < best->w || (w == best->w && off < best->off)) {
		best->has = true;
		best->off = off;
		best->w = w;
		set_copy(&best->set, set);
	}
}

static void parse_alt(struct parser *ps, struct set *out, bool *nullable, bool *exact,
    struct shape *sh);

/* A quantifier after an item, if any: sets *min0 when it allows zero. */
static bool
quantifier(struct parser *ps, bool *min0, bool *max1, unsigned long *maxn)
{
	char c = *ps->p;

	*max1 = false;
	*maxn = ULONG_MAX;
	if (c == '?' || c == '*' || c == '+') {
		*min0 = c != '+';
		*max1 = c == '?';
		if (c == '?')
			*maxn = 1;
		ps->p++;
	} else if (c == '{') {
		const char *q = ps->p + 1;
		unsigned long lo = 0;
		int digits = 0;

		while (*q >= '0' && *q <= '9') {
			if (lo < 1000000)
				lo = lo * 10 + (unsigned long)(*q - '0');
			q++;
			digits++;
		}
		if (digits == 0) {
			/* "{" not followed by a count: PCRE2 may read it as text
			 * or ({,n}) as a quantifier; do not guess. */
			ps->bail = true;
			return false;
		}
		if (*q == ',') {
			unsigned long hi = 0;
			int hd = 0;

			*max1 = q[1] == '1' && q[2] == '}';
			q++;
			while (*q >= '0' && *q <= '9') {
				if (hi < 1000000)
					hi = hi * 10 + (unsigned long)(*q - '0');
				q++;
				hd++;
			}
			if (hd)
				*maxn = hi;
		} else {
			*maxn = lo;
		}
		if (*q != '}') {
			ps->bail = true;
			return false;
		}
		ps->p = q + 1;
		*min0 = lo == 0;
		if (lo != 0)
			*max1 = false;
	} else {
		return false;
	}
	if (*ps->p == '?' || *ps->p == '+')
		ps->p++; /* lazy or possessive */
	return true;
}

/* One item (atom and quantifier). */
static void
parse_item(struct parser *ps, struct item *it)
{
	char c = *ps->p;
	unsigned long cp, maxn;
	bool min0, max1;

	item_clear(it);
	if (c == '^') {
		/* Consumes nothing, but a match through it starts at a line
		 * start (MULTILINE): that is its start set. */
		ps->p++;
		it->zero_width = true;
		it->set.line_start = true;
		return;
	}
	if (c == '$') {
		ps->p++;
		it->zero_width = true;
		it->nullable = true;
		return;
	}
	if (c == '.') {
		ps->p++;
		it->set.any = true;
		it->sh.maxw = 4;
	} else if (c == '[') {
		size_t i;

		ps->p++;
		parse_class(ps, &it->set);
		it->exact = !it->set.any;
		it->sh.maxw = it->set.any ? 4 : 0;
		for (i = 0; i < it->set.n; i++)
			if (it->set.v[i].len > it->sh.maxw)
				it->sh.maxw = it->set.v[i].len;
		atom_req(it);
	} else if (c == '(') {
		bool assertion = false, lookahead = false;

		ps->p++;
		if (*ps->p == '*') {
			/* (*FAIL) and (*ACCEPT) only end a path; (*SKIP),
			 * (*PRUNE), (*COMMIT), (*THEN) move the next attempt
			 * and option settings change the pattern: not handled. */
			static const char *const ok_verbs[] = {"*FAIL)", "*F)", "*ACCEPT)"};
			size_t v;

			for (v = 0; v < ARRAY_LEN(ok_verbs); v++)
				if (strncmp(ps->p, ok_verbs[v], strlen(ok_verbs[v])) == 0) {
					ps->p += strlen(ok_verbs[v]);
					it->zero_width = true;
					it->nullable = true;
					return;
				}
			ps->bail = true;
			return;
		}
		if (*ps->p == '?') {
			const char *q = ps->p + 1;

			if (*q == ':' || *q == '>' || *q == '|') {
				ps->p = q + 1;
			} else if (*q == '=' || *q == '!') {
				lookahead = *q == '=';
				ps->p = q + 1;
				assertion = true;
			} else if (q[0] == '<' && (q[1] == '=' || q[1] == '!')) {
				ps->p = q + 2;
				assertion = true;
			} else if ((q[0] == '<' || (q[0] == 'P' && q[1] == '<') || q[0] == '\'') &&
			    q[0] != '\0') {
				char close = q[0] == '\'' ? '\'' : '>';
				const char *e = strchr(q + 1, close);

				if (e == NULL) {
					ps->bail = true;
					return;
				}
				ps->p = e + 1; /* named group */
			} else {
				ps->bail = true; /* flags, conditions, recursion, (?| ... */
				return;
			}
		}
		if (++ps->depth > MAX_DEPTH) {
			ps->bail = true;
			return;
		}
		parse_alt(ps, &it->set, &it->nullable, &it->exact, &it->sh);
		ps->depth--;
		if (ps->bail)
			return;
		if (*ps->p != ')') {
			ps->bail = true;
			return;
		}
		ps->p++;
		if (assertion) {
			struct req need;

			req_copy(&need, &it->sh.need);

			set_clear(&it->set);
			shape_clear(&it->sh);
			/* What a positive look-ahead checks lies at or after
			 * this place. */
			if (lookahead)
				req_copy(&it->sh.need, &need);
			it->exact = false;
			it->zero_width = true;
			it->nullable = true;
			/* a repeated assertion is still one, unless it may be
			 * skipped */
			if (quantifier(ps, &min0, &max1, &maxn) && min0)
				it->sh.need.has = false;
			return;
		}
	} else if (c == '\\') {
		int k;
		char ec = ps->p[1];

		ps->p++;
		k = escape(ps, &cp);
		if (k == 0)
			return;
		if (k == 3) {
			it->zero_width = true;
			it->nullable = true;
			it->keep_out = ec == 'K';
			return;
		}
		if (k == 2) {
			it->set.any = true;
			/* back-references, subroutine calls and \X: any length */
			it->sh.maxw = (ec >= '0' && ec <= '9') || ec == 'g' || ec == 'k' || ec == 'X' ?
			    WIDTH_INF : 4;
		} else {
			char u[4];

			it->sh.maxw = utf8_encode((uint32_t)cp, u);
			set_add(&it->set, u, it->sh.maxw);
			it->exact = true;
			atom_req(it);
		}
	} else if (c == '*' || c == '+' || c == '?' || c == '{') {
		ps->bail = true; /* a quantifier with nothing before it */
		return;
	} else {
		char u[4];

		cp = get_utf8(&ps->p);
		it->sh.maxw = utf8_encode((uint32_t)cp, u);
		set_add(&it->set, u, it->sh.maxw);
		it->exact = true;
		atom_req(it);
	}
	if (quantifier(ps, &min0, &max1, &maxn)) {
		it->opt_exact = it->exact && min0 && max1 && !it->zero_width && !it->set.any;
		it->plus_exact = it->exact && !min0 && !it->zero_width && !it->set.any;
		it->exact = false;
		if (min0) {
			it->nullable = true;
			it->sh.req.has = false;
			it->sh.need.has = false;
		}
		if (maxn == ULONG_MAX || (it->sh.maxw != 0 && maxn > WIDTH_INF / it->sh.maxw))
			it->sh.maxw = it->sh.maxw ? WIDTH_INF : 0;
		else
			it->sh.maxw *= maxn;
	}
}

/*
 * A sequence of items up to '|', ')' or the end.  *exact: the sequence is
 * nothing but exact items, so its strings are its whole text.
 */
/* A run of `items` exact items ended: as one string set, a candidate for
 * the sequence's req and need (a single item was one already). */
static void
run_end(struct shape *sh, const struct set *run, size_t off, size_t items)
{
	unsigned long w;

	if (items < 2 || run->n == 0)
		return;
	w = set_weight(run);
	req_consider(&sh->need, run, 0, w);
	if (off != WIDTH_INF)
		req_consider(&sh->req, run, off, w);
}

static void
parse_seq(struct parser *ps, struct set *out, bool *nullable, bool *exact, struct shape *sh)
{
	struct set ext, run;
	size_t run_off = 0, run_items = 0;
	bool extending = false, determined = false, all_exact = true, cut = false;
	size_t items = 0;

	set_clear(out);
	shape_clear(sh);
	while (!ps->bail && *ps->p && *ps->p != '|' && *ps->p != ')') {
		struct item it;

		parse_item(ps, &it);
		items++;
		if (it.sh.need.has)
			req_consider(&sh->need, &it.sh.need.set, 0, it.sh.need.w);
		/* Runs of exact items are strings too (主要负责 is rarer than
		 * any of its characters); zero-width items do not break them. */
		if (it.exact && !it.nullable && !it.zero_width && !it.set.any) {
			if (run_items == 0 || !set_concat(&run, &it.set)) {
				run_end(sh, &run, run_off, run_items);
				set_copy(&run, &it.set);
				run_off = sh->maxw;
				run_items = 0;
			}
			run_items++;
		} else if (!it.zero_width) {
			run_end(sh, &run, run_off, run_items);
			run_items = 0;
		}
		/* The item starts at most sh->maxw bytes into the sequence. */
		if (it.sh.req.has && sh->maxw != WIDTH_INF)
			req_consider(&sh->req, &it.sh.req.set, width_add(sh->maxw, it.sh.req.off),
			    it.sh.req.w);
		sh->maxw = width_add(sh->maxw, it.sh.maxw);
		if (!(it.exact && !it.nullable && !it.zero_width))
			all_exact = false;
		if (ps->bail || determined)
			continue;
		if (it.zero_width) {
			/* \K moves the reported start only: the strings go on. */
			if (it.keep_out)
				continue;
			if (extending) {
				cut |= set_union_starts(out, &ext);
				extending = false;
				determined = true;
			} else if (it.set.line_start) {
				cut |= set_union_starts(out, &it.set);
				determined = true;
			}
			continue;
		}
		if (extending) {
			/* An optional exact item branches each string: with it
			 * and without. */
			if (it.opt_exact && set_concat_optional(&ext, &it.set))
				continue;
			/* x+: one x, then the strings end. */
			if (it.plus_exact && set_concat(&ext, &it.set)) {
				cut |= set_union_starts(out, &ext);
				extending = false;
				determined = true;
				all_exact = false;
				continue;
			}
			if (!(it.exact && !it.nullable && set_concat(&ext, &it.set))) {
				cut |= set_union_starts(out, &ext);
				extending = false;
				determined = true;
				all_exact = false;
			}
			continue;
		}
		if (it.nullable) {
			cut |= set_union_starts(out, &it.set);
			continue;
		}
		if (it.exact && !it.set.any) {
			set_copy(&ext, &it.set);
			extending = true;
			continue;
		}
		cut |= set_union_starts(out, &it.set);
		determined = true;
	}
	if (extending) {
		cut |= set_union_starts(out, &ext);
		determined = true;
	}
	run_end(sh, &run, run_off, run_items);
	*nullable = !determined;
	*exact = all_exact && !cut && items > 0 && determined && !out->any && !out->line_start;
}

/*
 * A req whose set is too big to join another's: each string replaced by
 * its rarest character, which a match holds at most `off` + (that
 * character's place in the string) bytes after its start.
 */
static void
req_reduce(struct req *r)
{
	struct set f;
	size_t i, far = 0;

	set_clear(&f);
	for (i = 0; i < r->set.n; i++) {
		const char *p = r->set.v[i].s, *e = p + r->set.v[i].len, *best = p;
		unsigned long least = ULONG_MAX;
		size_t k;

		while (p < e) {
			const char *c = p;
			unsigned long fr = freq_of((uint32_t)get_utf8_in(&p, e));

			if (fr < least) {
				least = fr;
				best = c;
			}
		}
		k = utf8_seq_len((unsigned char)*best);
		set_add(&f, best, k);
		if ((size_t)(best - r->set.v[i].s) > far)
			far = (size_t)(best - r->set.v[i].s);
	}
	set_copy(&r->set, &f);
	r->off = width_add(r->off, far);
	r->w = set_weight(&f);
}

/* acc := acc or b, alternatives (first: b is the first branch): what both
 * require is the union of their sets, at the farther offset; when the
 * union is too big, the union of their rarest characters (req_reduce). */
static void
req_alternative(struct req *acc, const struct req *b, bool first)
{
	struct req u, y;

	if (first) {
		req_copy(acc, b);
		return;
	}
	if (!acc->has)
		return;
	if (!b->has) {
		acc->has = false;
		return;
	}
	req_copy(&u, acc);
	req_copy(&y, b);
	set_union(&u.set, &y.set);
	if (u.set.any && !acc->set.any && !y.set.any) {
		req_copy(&u, acc);
		req_reduce(&u);
		req_reduce(&y);
		set_union(&u.set, &y.set);
	}
	if (y.off > u.off)
		u.off = y.off;
	u.w += y.w;
	if (u.set.any || u.set.line_start || u.off == WIDTH_INF)
		u.has = false;
	req_copy(acc, &u);
}

static void
parse_alt(struct parser *ps, struct set *out, bool *nullable, bool *exact, struct shape *sh)
{
	bool first = true;

	set_clear(out);
	shape_clear(sh);
	*nullable = false;
	*exact = true;
	for (;;) {
		struct set s;
		struct shape bs;
		bool n, x;

		parse_seq(ps, &s, &n, &x, &bs);
		if (ps->bail)
			return;
		if (set_union_starts(out, &s) || !x)
			*exact = false;
		if (n)
			*nullable = true;
		if (bs.maxw > sh->maxw)
			sh->maxw = bs.maxw;
		/* Every branch must hold one of the strings: the union. */
		req_alternative(&sh->need, &bs.need, first);
		req_alternative(&sh->req, &bs.req, first);
		first = false;
		if (*ps->p != '|')
			return;
		ps->p++;
	}
}

/* Drop literals that have a shorter member as a prefix: they add nothing. */
static void
minimise(struct set *s)
{
	size_t i, j, o = 0;

	for (i = 0; i < s->n; i++) {
		bool covered = false;

		for (j = 0; j < s->n && !covered; j++)
			covered = j != i && s->v[j].len <= s->v[i].len &&
			    s->v[j].s[s->v[j].len - 1] == s->v[i].s[s->v[j].len - 1] &&
			    memcmp(s->v[j].s, s->v[i].s, s->v[j].len) == 0 &&
			    (s->v[j].len < s->v[i].len || j < i);
		if (!covered)
			s->v[o++] = s->v[i];
	}
	s->n = o;
}

/*
 * How common a byte is in Chinese report text, by its role: log2 of its
 * frequency per million bytes in the sample reports of examples/ (0: not
 * seen).  A continuation byte is counted as the second or the third byte of
 * a three-byte sequence; their frequencies differ (0x80 is the second byte
 * of 。、“” and is everywhere).
 */
static const unsigned char freq_ascii[128] = {
	0,0,0,0,0,0,0,0,0,0,11,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
	9,0,0,0,0,9,0,0,5,5,8,7,9,4,7,0,11,11,11,10,9,9,8,8,9,8,4,0,4,0,4,0,
	0,0,4,0,0,0,0,4,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,0,4,0,5,
	4,4,0,0,0,0,0,0,0,6,0,4,0,6,0,0,4,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
};
static const unsigned char freq_lead[64] = {
	0,0,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
	0,0,11,13,15,16,16,15,15,14,0,0,0,0,0,13,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
};
static const unsigned char freq_second[64] = {
	14,11,10,11,9,13,11,12,12,11,13,7,13,11,12,12,12,9,11,8,13,11,11,11,11,9,11,12,12,12,9,11,
	10,13,11,8,12,9,11,12,10,7,8,10,10,12,13,12,11,11,12,13,11,9,8,12,13,12,13,13,14,13,12,12,
};
static const unsigned char freq_third[64] = {
	12,13,13,11,12,11,12,12,12,12,11,12,14,12,10,11,11,12,9,11,11,13,11,11,11,10,12,12,13,12,12,11,
	12,12,10,12,11,13,11,12,13,9,10,9,12,11,12,12,11,10,11,12,11,10,12,9,10,12,13,13,11,11,12,13,
};

/* How common byte i of literal l is (see the tables above). */
static int
byte_commonness(const struct literal *l, size_t i)
{
	unsigned char c = (unsigned char)l->s[i];
	size_t lead = i;

	if (c < 0x80)
		return freq_ascii[c];
	if (c >= 0xC0)
		return freq_lead[c - 0xC0];
	while (lead > 0 && ((unsigned char)l->s[lead] & 0xC0) == 0x80)
		lead--;
	if ((unsigned char)l->s[lead] >= 0xE0 && (unsigned char)l->s[lead] < 0xF0 && i - lead == 1)
		return freq_second[c - 0x80];
	return freq_third[c - 0x80];
}

/* The byte to look for: the least common one (the last of equals). */
static unsigned char
rarest_byte(const struct literal *l)
{
	size_t i, best = 0;

	for (i = 1; i < l->len; i++)
		if (byte_commonness(l, i) <= byte_commonness(l, best))
			best = i;
	return (unsigned char)best;
}

/*
 * The end of the top-level branch that p is in: the next | at depth 0, or
 * the pattern's end; NULL at a ) with no (, or at something not
 * understood (\Q, a POSIX class).
 */
static const char *
branch_end(const char *p)
{
	int depth = 0;

	for (; *p; p++) {
		if (*p == '\\') {
			if (p[1] == 'Q' || p[1] == '\0')
				return NULL;
			p++;
		} else if (*p == '[') {
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			for (; *p && *p != ']'; p++) {
				if (*p == '\\' && p[1] != '\0')
					p++;
				else if (*p == '[' && p[1] == ':')
					return NULL;
			}
			if (*p == '\0')
				return NULL;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			if (depth-- == 0)
				return NULL;
		} else if (*p == '|' && depth == 0) {
			break;
		}
	}
	return depth == 0 ? p : NULL;
}

/*
 * The ASCII bytes listed by a branch's leading negative look-behind of one
 * class, (?<![...]) or (?<!\d), into set (bit per byte); the class may hold plain
 * ASCII characters, ranges of them, \d (its ASCII digits suffice) and
 * escaped punctuation; other characters are left out, which only makes the
 * set smaller.  *p is left after the branch.  False: no such look-behind,
 * or something not understood (then the set stays empty).
 */
static bool
branch_not_after(const char **pp, unsigned char set[16])
{
	const char *p = *pp;
	unsigned char got[16] = {0};
	int prev = -1; /* -1 none, -2 non-ASCII, else ASCII */
	bool ok = false;

	if (strncmp(p, "(?<!\\d)", 7) == 0) {
		int d;

		for (d = '0'; d <= '9'; d++)
			got[d / 8] |= (unsigned char)(1u << (d % 8));
		ok = true;
		p += 7;
	} else if (strncmp(p, "(?<![", 5) == 0 && p[5] != '^' && p[5] != ']') {
		p += 5;
		for (;;) {
			int c = (unsigned char)*p;

			if (c == '\0' || (c == '[' && p[1] == ':'))
				return false;
			if (c == ']')
				break;
			if (c == '\\') {
				c = (unsigned char)p[1];
				if (c == 'd') {
					int d;

					for (d = '0'; d <= '9'; d++)
						got[d / 8] |= (unsigned char)(1u << (d % 8));
					prev = -1;
					p += 2;
					continue;
				}
				if (c == '\0' || is_alnum((char)c) || c >= 0x80)
					return false;
				p++;
			} else if (c == '-' && prev != -1 && p[1] != ']') {
				int hi = (unsigned char)p[1], d;

				if (prev == -2) {
					/* A range of non-ASCII characters: left out. */
					if (hi < 0x80)
						return false;
					prev = -1;
					p += 1 + utf8_seq_len((unsigned char)hi);
					continue;
				}
				if (hi == '\\' || hi >= 0x80 || hi < prev)
					return false;
				for (d = prev; d <= hi; d++)
					got[d / 8] |= (unsigned char)(1u << (d % 8));
				prev = -1;
				p += 2;
				continue;
			}
			if (c < 0x80) {
				got[c / 8] |= (unsigned char)(1u << (c % 8));
				prev = c;
				p++;
			} else {
				prev = -2;
				p += utf8_seq_len((unsigned char)c);
			}
		}
		if (p[1] == ')') {
			ok = true;
			p += 2;
		}
	}
	p = branch_end(p);
	if (p == NULL || !ok)
		return false;
	memcpy(set, got, sizeof got);
	*pp = p;
	return true;
}

/* not_after of a pattern: the bytes listed by every top-level branch. */
static void
not_after(const char *pattern, unsigned char out[16])
{
	const char *p = pattern, *q;
	unsigned char one[16];
	size_t i;

	memset(out, 0, 16);
	/* Inline options ((?i), (?x), ...) could change what a class means. */
	for (q = pattern; (q = strstr(q, "(?")) != NULL; q += 2)
		if (is_alnum(q[2]) || q[2] == '^' || q[2] == '-' || q[2] == '#')
			return;
	if (strstr(pattern, "(*") != NULL)
		return;
	memset(out, 0xFF, 16);
	for (;;) {
		if (!branch_not_after(&p, one)) {
			memset(out, 0, 16);
			return;
		}
		for (i = 0; i < 16; i++)
			out[i] &= one[i];
		if (*p != '|')
			return;
		p++;
	}
}

/* The starts of a parsed pattern (s: its start set): false when unknown. */
static bool
starts_of(const char *pattern, struct set *s, bool nullable, struct litset *out)
{
	size_t i;

	if (nullable || s->any || (s->n == 0 && !s->line_start))
		return false;
	minimise(s);
	out->line_start = s->line_start;
	out->skip_lines = false;
	memset(out->skip_stop, 0, sizeof out->skip_stop);
	out->skip_stop_cjk = false;
	out->nskip_go = 0;
	out->skip_anchored = false;
	not_after(pattern, out->not_after);
	out->n = s->n;
	for (i = 0; i < s->n; i++) {
		out->v[i] = s->v[i];
		out->v[i].rare = rarest_byte(&out->v[i]);
	}
	return true;
}

static bool
plain_starts(const char *pattern, struct litset *out)
{
	struct parser ps = {pattern, false, 0};
	struct set s;
	struct shape sh;
	bool nullable, exact;

	parse_alt(&ps, &s, &nullable, &exact, &sh);
	if (ps.bail || *ps.p != '\0')
		return false;
	return starts_of(pattern, &s, nullable, out);
}

/* Escapes that never match a line end: \d \w \h \S \N and escaped
 * punctuation; inside a class, \N is not allowed. */
#define ESCAPES_OK "dwhSN.-_~/?#@$&*+=%:()[]{}|^!<>,;'\"\\ "
#define CLASS_ESCAPES_OK "dwhS.-_~/?#@$&*+=%:()[]{}|^!<>,;'\"\\ "

/* \p{..} names whose characters are never a line end. */
static bool
prop_without_newline(const char *name, size_t n)
{
	static const char *const ok[] = {
		"Han", "Script=Han", "sc=Han", "L", "Lu", "Ll", "Lo", "Lm", "Lt", "N", "Nd",
		"P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(ok); i++)
		if (strlen(ok[i]) == n && memcmp(ok[i], name, n) == 0)
			return true;
	return false;
}

/* What a skip branch may consume: ASCII bytes (a bit each), and whether
 * any non-ASCII character other than a Han one. */
struct consumable {
	unsigned char ascii[16];
	bool other;
	/* the CJK punctuation (literal_cjk_punct) named, when not `other` */
	size_t ngo;
	uint32_t go[4];
};

bool
literal_cjk_punct(uint32_t cp)
{
	return (cp >= 0x3001 && cp <= 0x3003) || (cp >= 0x3008 && cp <= 0x3011) ||
	    (cp >= 0x3014 && cp <= 0x301F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
	    (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0x2010 && cp <= 0x2027);
}

static void
eat(struct consumable *cs, unsigned lo, unsigned hi)
{
	unsigned c;

	for (c = lo; c <= hi && c < 0x80; c++)
		cs->ascii[c / 8] |= (unsigned char)(1u << (c % 8));
}

/* Han script, as far as this needs to know (ideographs, radicals, 々〇). */
static bool
is_han(unsigned long cp)
{
	return (cp >= 0x2E80 && cp <= 0x2FDF) || cp == 0x3005 || cp == 0x3007 ||
	    (cp >= 0x3021 && cp <= 0x3029) || (cp >= 0x3038 && cp <= 0x303B) ||
	    (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* A character a skip branch names (literally or in a class): what it adds. */
static void
eat_char(struct consumable *cs, unsigned long cp)
{
	size_t i;

	if (cp < 0x80) {
		eat(cs, (unsigned)cp, (unsigned)cp);
		return;
	}
	/* Only CJK punctuation can be a restart place (restart_point in
	 * regex.c): the others need no record. */
	if (is_han(cp) || !literal_cjk_punct((uint32_t)cp))
		return;
	for (i = 0; i < cs->ngo; i++)
		if (cs->go[i] == cp)
			return;
	if (cs->ngo == ARRAY_LEN(cs->go))
		cs->other = true;
	else
		cs->go[cs->ngo++] = (uint32_t)cp;
}

/* After the backslash of \x{hhh} or \xhh at p: the code point, the bytes
 * read into *n; false for anything else. */
static bool
hex_escape(const char *p, unsigned long *cp, size_t *n)
{
	unsigned long v = 0;
	size_t k = 1;
	int h, digits = 0;

	if (*p != 'x')
		return false;
	if (p[1] == '{') {
		for (k = 2; (h = hexval(p[k])) >= 0 && digits < 8; k++, digits++)
			v = v * 16 + (unsigned long)h;
		if (p[k] != '}' || digits == 0)
			return false;
		k++;
	} else {
		for (; digits < 2 && (h = hexval(p[k])) >= 0; k++, digits++)
			v = v * 16 + (unsigned long)h;
	}
	if (v > 0x10FFFF)
		return false;
	*cp = v;
	*n = k;
	return true;
}

/* An escape \e (in ESCAPES_OK, or \p{name}): what it may consume. */
static void
eat_escape(struct consumable *cs, char e, const char *name, size_t n)
{
	switch (e) {
	case 'd':
		eat(cs, '0', '9');
		cs->other = true; /* UCP: other scripts' digits */
		return;
	case 'w':
		eat(cs, '0', '9');
		eat(cs, 'A', 'Z');
		eat(cs, 'a', 'z');
		eat(cs, '_', '_');
		cs->other = true;
		return;
	case 'h':
		eat(cs, ' ', ' ');
		eat(cs, '\t', '\t');
		cs->other = true;
		return;
	case 'S': case 'N':
		eat(cs, 0, 0x7F);
		cs->other = true;
		return;
	case 'p':
		if (!((n == 3 && memcmp(name, "Han", 3) == 0) ||
		    (n == 10 && memcmp(name, "Script=Han", 10) == 0) ||
		    (n == 6 && memcmp(name, "sc=Han", 6) == 0))) {
			eat(cs, 0, 0x7F);
			cs->other = true;
		}
		return;
	default:
		eat(cs, (unsigned char)e, (unsigned char)e);
		return;
	}
}

/*
 * Whether the pattern text p[0..n) can only match text without CR or LF
 * (conservative: false for anything not clearly so), and into *cs what it
 * may consume (a superset).  Look-arounds may look across a line end;
 * what they consume is never part of a match.
 */
static bool
line_local(const char *p, size_t n, struct consumable *cs)
{
	const char *end = p + n;

	while (p < end) {
		char c = *p;

		if (c == '\n' || c == '\r')
			return false;
		if (c == '\\') {
			char e = p[1];
			unsigned long xc;
			size_t xn;

			if (e == 't') {
				eat(cs, '\t', '\t');
				p += 2;
				continue;
			}
			if (hex_escape(p + 1, &xc, &xn)) {
				if (xc == '\n' || xc == '\r')
					return false;
				eat_char(cs, xc);
				p += 1 + xn;
				continue;
			}
			if (e == '\0' || strchr(ESCAPES_OK, e) == NULL) {
				if (e != 'p' || p[2] != '{')
					return false;
				{
					const char *q = memchr(p + 3, '}', (size_t)(end - (p + 3)));

					if (q == NULL || !prop_without_newline(p + 3, (size_t)(q - (p + 3))))
						return false;
					eat_escape(cs, 'p', p + 3, (size_t)(q - (p + 3)));
					p = q + 1;
					continue;
				}
			}
			eat_escape(cs, e, NULL, 0);
			p += 2;
			continue;
		}
		if (c == '[') {
			/* A class: plain characters, escaped punctuation, \d \w
			 * \h \S, \p{..} as above, ranges from a character above
			 * CR (so they cannot reach LF or CR). */
			bool prev_ok = false;
			unsigned long prev = 0;

			p++;
			if (*p == '^')
				return false;
			if (*p == ']') {
				eat(cs, ']', ']');
				p++;
			}
			while (p < end && *p != ']') {
				if (*p == '\n' || *p == '\r' || (*p == '[' && p[1] == ':'))
					return false;
				if (*p == '-' && p[1] != ']') {
					const char *q = p + 1;
					unsigned long hi;

					if (!prev_ok)
						return false;
					if (*q == '\\') {
						if (q[1] == '\0' || is_alnum(q[1]))
							return false;
						hi = (unsigned char)q[1];
						p = q + 2;
					} else {
						hi = get_utf8(&q);
						p = q;
					}
					if (hi < prev)
						return false;
					if (prev < 0x80)
						eat(cs, (unsigned)prev, hi < 0x80 ? (unsigned)hi : 0x7F);
					if (hi >= 0x80 && !((prev >= 0x4E00 && hi <= 0x9FFF) ||
					    (prev >= 0x3400 && hi <= 0x4DBF)))
						cs->other = true;
					prev_ok = false;
					continue;
				}
				if (*p == '\\') {
					char e = p[1];
					unsigned long xc;
					size_t xn;

					if (e == 't' || hex_escape(p + 1, &xc, &xn)) {
						if (e == 't') {
							xc = '\t';
							xn = 1;
						}
						if (xc == '\n' || xc == '\r')
							return false;
						eat_char(cs, xc);
						prev_ok = xc > '\r';
						prev = xc;
						p += 1 + xn;
						continue;
					}
					if (e == 'p' && p[2] == '{') {
						const char *q = memchr(p + 3, '}', (size_t)(end - (p + 3)));

						if (q == NULL ||
						    !prop_without_newline(p + 3, (size_t)(q - (p + 3))))
							return false;
						eat_escape(cs, 'p', p + 3, (size_t)(q - (p + 3)));
						p = q + 1;
						prev_ok = false;
						continue;
					}
					if (e == '\0' || strchr(CLASS_ESCAPES_OK, e) == NULL)
						return false;
					eat_escape(cs, e, NULL, 0);
					prev_ok = !is_alnum(e);
					prev = (unsigned char)e;
					p += 2;
					continue;
				}
				{
					const char *q = p;

					prev = get_utf8(&q);
					prev_ok = prev > '\r';
					eat_char(cs, prev);
					p = q;
				}
			}
			if (p >= end)
				return false;
			p++;
			continue;
		}
		if (c == '(') {
			/* Groups and look-arounds are fine; inline options,
			 * verbs, recursion, comments and references are not. */
			if (p[1] == '*')
				return false;
			if (p[1] == '?' && !(p[2] == ':' || p[2] == '=' || p[2] == '!' || p[2] == '|' ||
			    (p[2] == '<' && (p[3] == '=' || p[3] == '!'))))
				return false;
			p++;
			continue;
		}
		if (c == ')' || c == '|' || c == '?' || c == '*' || c == '+' || c == '^' || c == '$') {
			p++;
			continue;
		}
		if (c == '.') {
			eat(cs, 0, 0x7F);
			cs->other = true;
			p++;
			continue;
		}
		{
			const char *q = p;

			eat_char(cs, get_utf8(&q));
			p = q;
		}
	}
	return true;
}

/* The branch p[0..n) ends in (*SKIP)(*FAIL): the length before that, or 0. */
static size_t
skip_fail_body(const char *p, size_t n)
{
	static const char *const tails[] = {"(*SKIP)(*FAIL)", "(*SKIP)(*F)"};
	size_t i;

	for (i = 0; i < ARRAY_LEN(tails); i++) {
		size_t t = strlen(tails[i]);

		if (n > t && memcmp(p + n - t, tails[i], t) == 0)
			return n - t;
	}
	return 0;
}

/*
 * A pattern that opens with (?x) (PCRE2's extended mode: white space and
 * # comments outside classes ignored), as the same pattern without the
 * option: that white space and those comments taken out, so that a list
 * written one entry per line with its source in a comment gets the
 * prefilters its plain form would.  NULL where this reading could be
 * wrong, and the pattern gets no prefilter: \Q, (?# and any other inline
 * option or named group, white space or a comment right after an escape
 * (\x4 2 is not \x42, \1 2 not \12) or inside braces ({1, 3} is no
 * quantifier), and the non-ASCII white space extended mode also ignores
 * with UTF (U+0085, U+200E, U+200F, U+2028, U+2029).
 */
static char *
unextend(const char *pattern)
{
	const char *p = pattern + 4;
	struct buf b = {0};
	bool in_class = false, after_escape = false;
	int braces = 0;

	buf_puts(&b, "");
	while (*p) {
		const unsigned char c = (unsigned char)*p;

		if (c == 0xC2 && (unsigned char)p[1] == 0x85)
			goto no;
		if (c == 0xE2 && (unsigned char)p[1] == 0x80 &&
		    ((unsigned char)p[2] == 0x8E || (unsigned char)p[2] == 0x8F ||
		    (unsigned char)p[2] == 0xA8 || (unsigned char)p[2] == 0xA9))
			goto no;
		if (c == '\\') {
			if (p[1] == '\0' || p[1] == 'Q' || p[1] == 'E')
				goto no;
			buf_append(&b, p, 2);
			p += 2;
			after_escape = !in_class;
			continue;
		}
		if (in_class) {
			/* White space and # are themselves here. */
			if (c == '[' && p[1] == ':') {
				const char *e = strstr(p + 2, ":]");

				if (e == NULL)
					goto no;
				buf_append(&b, p, (size_t)(e + 2 - p));
				p = e + 2;
				continue;
			}
			if (c == ']')
				in_class = false;
			buf_putc(&b, (char)c);
			p++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
		    c == '#') {
			if (after_escape || braces > 0)
				goto no;
			if (c == '#')
				while (*p != '\0' && *p != '\n' && *p != '\r')
					p++;
			else
				p++;
			continue;
		}
		/* An escape may go on with letters and digits (\x41, \12). */
		after_escape = after_escape && is_alnum((char)c);
		if (c == '(' && p[1] == '?' &&
		    (is_alnum(p[2]) || p[2] == '#' || p[2] == '^' || p[2] == '-' || p[2] == '\'' ||
		    (p[2] == '<' && p[3] != '=' && p[3] != '!')))
			goto no;
		if (c == '[') {
			in_class = true;
			buf_putc(&b, '[');
			p++;
			if (*p == '^')
				buf_putc(&b, *p++);
			if (*p == ']')
				buf_putc(&b, *p++);
			continue;
		}
		if (c == '{')
			braces++;
		else if (c == '}' && braces > 0)
			braces--;
		buf_putc(&b, (char)c);
		p++;
	}
	if (in_class)
		goto no;
	return buf_steal(&b);
no:
	buf_free(&b);
	return NULL;
}

/* Whether the pattern opens with (?x) (see unextend). */
static bool
extended(const char *pattern)
{
	return strncmp(pattern, "(?x)", 4) == 0;
}

bool
literal_starts(const char *pattern, struct litset *out)
{
	const char *p = pattern;
	struct buf rest = {0};
	struct consumable cs;
	bool skips = false, anchored = true, ok;
	size_t i;

	if (extended(pattern)) {
		char *plain = unextend(pattern);

		ok = plain != NULL && literal_starts(plain, out);
		free(plain);
		return ok;
	}
	if (strstr(pattern, "(*") == NULL)
		return plain_starts(pattern, out);
	/* Top-level branches X(*SKIP)(*FAIL) never match: they move the
	 * search past X (a URL, say).  When no such X can span a line end,
	 * the other branches give the starts, and a start is confirmed by a
	 * search from the start of its line (regex.c). */
	buf_puts(&rest, "");
	memset(&cs, 0, sizeof cs);
	for (;;) {
		const char *e = branch_end(p);
		size_t n, body;

		if (e == NULL)
			goto no;
		n = (size_t)(e - p);
		body = skip_fail_body(p, n);
		if (body > 0) {
			if (!line_local(p, body, &cs))
				goto no;
			skips = true;
			if (*p != '^')
				anchored = false;
		} else {
			/* An empty branch matches everywhere. */
			if (n == 0)
				goto no;
			/* Other verbs: plain_starts knows (*FAIL) and (*ACCEPT). */
			if (rest.len)
				buf_putc(&rest, '|');
			buf_append(&rest, p, n);
		}
		if (*e != '|')
			break;
		p = e + 1;
	}
	if (!skips) {
		buf_free(&rest);
		return plain_starts(pattern, out);
	}
	if (rest.len == 0)
		goto no;
	ok = plain_starts(rest.data, out);
	buf_free(&rest);
	if (ok) {
		out->skip_lines = true;
		/* Where no skip branch's match can be: a line end, an ASCII
		 * byte none consumes, CJK punctuation when they consume no
		 * non-Han character. */
		for (i = 0; i < 16; i++)
			out->skip_stop[i] = (unsigned char)~cs.ascii[i];
		out->skip_stop['\n' / 8] |= (unsigned char)(1u << ('\n' % 8));
		out->skip_stop['\r' / 8] |= (unsigned char)(1u << ('\r' % 8));
		out->skip_stop_cjk = !cs.other;
		out->nskip_go = cs.other ? 0 : (unsigned char)cs.ngo;
		for (i = 0; i < cs.ngo; i++)
			out->skip_go[i] = cs.go[i];
		out->skip_anchored = anchored;
	}
	return ok;
no:
	buf_free(&rest);
	return false;
}

bool
litset_of_chars(const char *chars, struct litset *out)
{
	struct set s;
	const char *p = chars;
	size_t i;

	memset(&s, 0, sizeof s);
	memset(out, 0, sizeof *out);
	while (*p) {
		size_t k = utf8_seq_len((unsigned char)*p), j;

		for (j = 1; j < k; j++)
			if (p[j] == '\0')
				return false;
		set_add(&s, p, k);
		if (s.any)
			return false;
		p += k;
	}
	out->n = s.n;
	for (i = 0; i < s.n; i++) {
		out->v[i] = s.v[i];
		out->v[i].rare = rarest_byte(&out->v[i]);
	}
	return true;
}

/* A req's set as a litset (minimised, rare bytes chosen). */
static void
litset_of_req(struct req *r, struct litset *out)
{
	size_t i;

	minimise(&r->set);
	memset(out, 0, sizeof *out);
	out->n = r->set.n;
	for (i = 0; i < out->n; i++) {
		out->v[i] = r->set.v[i];
		out->v[i].rare = rarest_byte(&out->v[i]);
	}
}

/* The requirements of a parsed pattern. */
static void
reqs_of(struct shape *sh, struct litreq *out)
{
	out->near = out->any = false;
	if (sh->req.has && sh->req.off <= REQ_MAX_OFF && sh->req.set.n > 0) {
		litset_of_req(&sh->req, &out->near_set);
		out->near_off = sh->req.off;
		out->near = true;
	}
	if (sh->need.has && sh->need.set.n > 0) {
		litset_of_req(&sh->need, &out->any_set);
		out->any = true;
	}
}

void
literal_required(const char *pattern, struct litreq *out)
{
	struct litset unused;

	(void)literal_analyse(pattern, &unused, out);
}

bool
literal_analyse(const char *pattern, struct litset *starts, struct litreq *req)
{
	struct parser ps = {pattern, false, 0};
	struct set s;
	struct shape sh;
	bool nullable, exact;

	req->near = req->any = false;
	if (extended(pattern)) {
		char *plain = unextend(pattern);
		bool have = plain != NULL && literal_analyse(plain, starts, req);

		free(plain);
		return have;
	}
	/* Verbs: the skip-branch reading of literal_starts; no requirements. */
	if (strstr(pattern, "(*") != NULL)
		return literal_starts(pattern, starts);
	parse_alt(&ps, &s, &nullable, &exact, &sh);
	if (ps.bail || *ps.p != '\0')
		return false;
	reqs_of(&sh, req);
	return starts_of(pattern, &s, nullable, starts);
}

struct litset *
litset_dup(const struct litset *s)
{
	size_t n = s->n < LIT_MAX ? s->n : LIT_MAX;
	size_t size = offsetof(struct litset, v) + n * sizeof s->v[0];
	struct litset *d = xmalloc(size);

	memcpy(d, s, size);
	return d;
}
