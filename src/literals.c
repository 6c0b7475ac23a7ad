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

#include <string.h>

#include "util.h"

#define MAX_DEPTH 32
#define CLASS_RANGE_MAX 64 /* characters a class range may list */

struct set {
	bool any;
	bool line_start;   /* matches may also start at a line start (^) */
	size_t n;
	struct literal v[LIT_MAX];
};

struct item {
	struct set set;
	bool nullable;
	bool zero_width;
	bool exact;        /* the strings are the item's whole text */
	bool opt_exact;    /* an exact atom made optional (x? or {0,1}): its
	                    * text is one of its strings or nothing */
};

struct parser {
	const char *p;
	bool bail;
	int depth;
};

static void
set_add(struct set *s, const char *str, size_t len)
{
	size_t i;

	if (s->any)
		return;
	if (len == 0 || len > LIT_MAX_LEN) {
		s->any = true;
		return;
	}
	for (i = 0; i < s->n; i++)
		if (s->v[i].len == len && memcmp(s->v[i].s, str, len) == 0)
			return;
	if (s->n == LIT_MAX) {
		s->any = true;
		return;
	}
	s->v[s->n].len = (unsigned char)len;
	memcpy(s->v[s->n].s, str, len);
	s->n++;
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

/* a := a × b (concatenation); false (a unchanged) when it would not fit. */
static bool
set_concat(struct set *a, const struct set *b)
{
	struct set r;
	size_t i, j;

	if (a->any || b->any || a->line_start || b->line_start || a->n * b->n > LIT_MAX)
		return false;
	memset(&r, 0, sizeof r);
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
	*a = r;
	return true;
}

/* a := a ∪ a × b (an optional item after a); false (a unchanged) when it
 * would not fit. */
static bool
set_concat_optional(struct set *a, const struct set *b)
{
	struct set r = *a;

	if (!set_concat(&r, b))
		return false;
	set_union(&r, a);
	if (r.any)
		return false;
	*a = r;
	return true;
}

static size_t
put_utf8(char *out, unsigned long cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Decode the UTF-8 character at *p (pattern text is valid UTF-8). */
static unsigned long
get_utf8(const char **pp)
{
	const unsigned char *p = (const unsigned char *)*pp;
	size_t k = utf8_seq_len(p[0]), i;
	unsigned long cp;

	if (k == 1) {
		*pp += 1;
		return p[0];
	}
	cp = p[0] & (0xFF >> (k + 1));
	for (i = 1; i < k; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*pp += 1;
			return 0xFFFD;
		}
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	*pp += k;
	return cp;
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

	memset(out, 0, sizeof *out);
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
		if (c == '[' && ps->p[1] == ':') {
			const char *q = strstr(ps->p, ":]");

			if (q == NULL) {
				ps->bail = true;
				return;
			}
			ps->p = q + 2;
			out->any = true;
			continue;
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

			set_add(out, u, put_utf8(u, lo));
		}
	}
}

static void parse_alt(struct parser *ps, struct set *out, bool *nullable, bool *exact);

/* A quantifier after an item, if any: sets *min0 when it allows zero. */
static bool
quantifier(struct parser *ps, bool *min0, bool *max1)
{
	char c = *ps->p;

	*max1 = false;
	if (c == '?' || c == '*' || c == '+') {
		*min0 = c != '+';
		*max1 = c == '?';
		ps->p++;
	} else if (c == '{') {
		const char *q = ps->p + 1;
		unsigned long lo = 0;
		int digits = 0;

		while (*q >= '0' && *q <= '9') {
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
			*max1 = q[1] == '1' && q[2] == '}';
			q++;
			while (*q >= '0' && *q <= '9')
				q++;
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
	unsigned long cp;
	bool min0, max1;

	memset(it, 0, sizeof *it);
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
	} else if (c == '[') {
		ps->p++;
		parse_class(ps, &it->set);
		it->exact = !it->set.any;
	} else if (c == '(') {
		bool assertion = false;

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
		parse_alt(ps, &it->set, &it->nullable, &it->exact);
		ps->depth--;
		if (ps->bail)
			return;
		if (*ps->p != ')') {
			ps->bail = true;
			return;
		}
		ps->p++;
		if (assertion) {
			memset(&it->set, 0, sizeof it->set);
			it->exact = false;
			it->zero_width = true;
			it->nullable = true;
			(void)quantifier(ps, &min0, &max1); /* a repeated assertion is still one */
			return;
		}
	} else if (c == '\\') {
		int k;

		ps->p++;
		k = escape(ps, &cp);
		if (k == 0)
			return;
		if (k == 3) {
			it->zero_width = true;
			it->nullable = true;
			return;
		}
		if (k == 2) {
			it->set.any = true;
		} else {
			char u[4];

			set_add(&it->set, u, put_utf8(u, cp));
			it->exact = true;
		}
	} else if (c == '*' || c == '+' || c == '?' || c == '{') {
		ps->bail = true; /* a quantifier with nothing before it */
		return;
	} else {
		char u[4];

		cp = get_utf8(&ps->p);
		set_add(&it->set, u, put_utf8(u, cp));
		it->exact = true;
	}
	if (quantifier(ps, &min0, &max1)) {
		it->opt_exact = it->exact && min0 && max1 && !it->zero_width && !it->set.any;
		it->exact = false;
		if (min0)
			it->nullable = true;
	}
}

/*
 * A sequence of items up to '|', ')' or the end.  *exact: the sequence is
 * nothing but exact items, so its strings are its whole text.
 */
static void
parse_seq(struct parser *ps, struct set *out, bool *nullable, bool *exact)
{
	struct set ext;
	bool extending = false, determined = false, all_exact = true;
	size_t items = 0;

	memset(out, 0, sizeof *out);
	while (!ps->bail && *ps->p && *ps->p != '|' && *ps->p != ')') {
		struct item it;

		parse_item(ps, &it);
		items++;
		if (!(it.exact && !it.nullable && !it.zero_width))
			all_exact = false;
		if (ps->bail || determined)
			continue;
		if (it.zero_width) {
			if (extending) {
				set_union(out, &ext);
				extending = false;
				determined = true;
			} else if (it.set.line_start) {
				set_union(out, &it.set);
				determined = true;
			}
			continue;
		}
		if (extending) {
			/* An optional exact item branches each string: with it
			 * and without. */
			if (it.opt_exact && set_concat_optional(&ext, &it.set))
				continue;
			if (!(it.exact && !it.nullable && set_concat(&ext, &it.set))) {
				set_union(out, &ext);
				extending = false;
				determined = true;
				all_exact = false;
			}
			continue;
		}
		if (it.nullable) {
			set_union(out, &it.set);
			continue;
		}
		if (it.exact && !it.set.any) {
			ext = it.set;
			extending = true;
			continue;
		}
		set_union(out, &it.set);
		determined = true;
	}
	if (extending) {
		set_union(out, &ext);
		determined = true;
	}
	*nullable = !determined;
	*exact = all_exact && items > 0 && determined && !out->any && !out->line_start;
}

static void
parse_alt(struct parser *ps, struct set *out, bool *nullable, bool *exact)
{
	memset(out, 0, sizeof *out);
	*nullable = false;
	*exact = true;
	for (;;) {
		struct set s;
		bool n, x;

		parse_seq(ps, &s, &n, &x);
		if (ps->bail)
			return;
		set_union(out, &s);
		if (n)
			*nullable = true;
		if (!x)
			*exact = false;
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

static bool
plain_starts(const char *pattern, struct litset *out)
{
	struct parser ps = {pattern, false, 0};
	struct set s;
	bool nullable, exact;
	size_t i;

	parse_alt(&ps, &s, &nullable, &exact);
	if (ps.bail || *ps.p != '\0' || nullable || s.any || (s.n == 0 && !s.line_start))
		return false;
	minimise(&s);
	out->line_start = s.line_start;
	out->skip_lines = false;
	not_after(pattern, out->not_after);
	out->n = s.n;
	for (i = 0; i < s.n; i++) {
		out->v[i] = s.v[i];
		out->v[i].rare = rarest_byte(&out->v[i]);
	}
	return true;
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

/*
 * Whether the pattern text p[0..n) can only match text without CR or LF
 * (conservative: false for anything not clearly so).  Look-arounds may
 * look across a line end; what they consume is never part of a match.
 */
static bool
line_local(const char *p, size_t n)
{
	const char *end = p + n;

	while (p < end) {
		char c = *p;

		if (c == '\n' || c == '\r')
			return false;
		if (c == '\\') {
			char e = p[1];

			if (e == '\0' || strchr(ESCAPES_OK, e) == NULL) {
				if (e != 'p' || p[2] != '{')
					return false;
				{
					const char *q = memchr(p + 3, '}', (size_t)(end - (p + 3)));

					if (q == NULL || !prop_without_newline(p + 3, (size_t)(q - (p + 3))))
						return false;
					p = q + 1;
					continue;
				}
			}
			p += 2;
			continue;
		}
		if (c == '[') {
			/* A class: plain characters, escaped punctuation, \d \w
			 * \h \S, \p{..} as above, ranges from a character above
			 * CR (so they cannot reach LF or CR). */
			bool prev_ok = false;

			p++;
			if (*p == '^')
				return false;
			if (*p == ']')
				p++;
			while (p < end && *p != ']') {
				if (*p == '\n' || *p == '\r' || (*p == '[' && p[1] == ':'))
					return false;
				if (*p == '-' && p[1] != ']') {
					if (!prev_ok)
						return false;
					prev_ok = false;
					p++;
					continue;
				}
				if (*p == '\\') {
					char e = p[1];

					if (e == 'p' && p[2] == '{') {
						const char *q = memchr(p + 3, '}', (size_t)(end - (p + 3)));

						if (q == NULL ||
						    !prop_without_newline(p + 3, (size_t)(q - (p + 3))))
							return false;
						p = q + 1;
						prev_ok = false;
						continue;
					}
					if (e == '\0' || strchr(CLASS_ESCAPES_OK, e) == NULL)
						return false;
					prev_ok = !is_alnum(e);
					p += 2;
					continue;
				}
				prev_ok = (unsigned char)*p > '\r';
				p += utf8_seq_len((unsigned char)*p);
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
		}
		p++;
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

bool
literal_starts(const char *pattern, struct litset *out)
{
	const char *p = pattern;
	struct buf rest = {0};
	bool skips = false, ok;

	if (strstr(pattern, "(*") == NULL)
		return plain_starts(pattern, out);
	/* Top-level branches X(*SKIP)(*FAIL) never match: they move the
	 * search past X (a URL, say).  When no such X can span a line end,
	 * the other branches give the starts, and a start is confirmed by a
	 * search from the start of its line (regex.c). */
	buf_puts(&rest, "");
	for (;;) {
		const char *e = branch_end(p);
		size_t n, body;

		if (e == NULL)
			goto no;
		n = (size_t)(e - p);
		body = skip_fail_body(p, n);
		if (body > 0) {
			if (!line_local(p, body))
				goto no;
			skips = true;
		} else {
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
	if (ok)
		out->skip_lines = true;
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
