/* SPDX-License-Identifier: MIT */
/** \file prescan.c
 * \brief The shared candidate pass (see prescan.h).
 */
#include "prescan.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* A literal that starts with code point cp: literal `lit` of set `set`. */
struct entry {
	uint32_t cp;
	uint32_t set;
	uint32_t lit;
	/* The literal's bytes after its first character: `tail` of them,
	 * the first four (at most) as a word and a mask over it. */
	uint32_t word, mask;
	uint32_t tail;
};

/* A distinct literal set (a copy, a block of its own: the array of sets
 * then grows without copying the sets, 1 KB each) and its candidate list. */
struct set {
	struct litset *ls;
	uint32_t *v;
	size_t n, cap, cursor;
};

/* A registered key: its set, and the document in which that was checked. */
struct key {
	const void *key;   /* NULL: empty */
	size_t set;
	unsigned long gen;
};

/* Where the entries of one first code point are: ent[first .. first+count). */
struct cpslot {
	uint32_t cp;       /* UINT32_MAX: empty */
	uint32_t first, count;
};

enum doc_state { DOC_NONE, DOC_PENDING, DOC_DONE, DOC_GAVE_UP };

/* Where each character of the current document starts, grouped by
 * character (CI_BUCKETS groups by a hash of its first three bytes at
 * most; ascending offsets in each):
 * made at the second set fill_one lists in a document (the first
 * document meets most sets after its pass), so that each literal's places
 * are found among those of its first character instead of by a memchr
 * over the whole text.  Only for documents of up to CI_MAX_DOC bytes. */
#define CI_BUCKETS 1024u
#define CI_MAX_DOC (1u << 20)

struct charindex {
	uint32_t start[CI_BUCKETS + 1]; /* group g is pos[start[g] .. start[g + 1]) */
	uint32_t *pos;
	size_t cap;             /* entries pos has room for */
	unsigned long gen;      /* the document it is for (0: none) */
};

/* Sets kept before the registry starts afresh (regexes come and go only
 * when a caller loads rule sets again and again, as the fuzzers do). */
#define MAX_SETS 256

struct prescan {
	struct set *sets;
	size_t nsets, capsets;
	struct key *keys;                    /* open addressing; kcap a power of two */
	size_t nkeys, kcap;

	/* The tables, rebuilt when a set is added. */
	unsigned char first_bmp[0x10000 / 8]; /* BMP code points some literal starts with */
	bool astral;                         /* ... and whether one starts above the BMP */
	struct entry *ent;
	size_t nent;
	struct cpslot *cps;
	size_t cpcap;                        /* power of two */
	size_t *line_sets;                   /* sets with a ^ branch */
	size_t nline;

	/* The current document. */
	const unsigned char *text;
	size_t len;
	unsigned long gen;                   /* counts documents */
	enum doc_state state;
	size_t total;                        /* entries over all lists */
	bool full;                           /* MAX_SETS reached: start afresh */
	bool stale;                          /* sets added since the tables were built */
	struct charindex *ci;                /* or NULL: not made yet */
	unsigned long fill_gen;              /* the document fills counts sets of */
	unsigned fills;                      /* sets fill_one listed in it */
};

struct prescan *
prescan_new(void)
{
	return xcalloc(1, sizeof(struct prescan));
}

static void
forget_all(struct prescan *ps)
{
	size_t i;

	for (i = 0; i < ps->nsets; i++) {
		free(ps->sets[i].ls);
		free(ps->sets[i].v);
	}
	ps->nsets = 0;
	ps->nkeys = 0;
	if (ps->kcap)
		memset(ps->keys, 0, ps->kcap * sizeof *ps->keys);
}

void
prescan_free(struct prescan *ps)
{
	if (ps == NULL)
		return;
	forget_all(ps);
	free(ps->sets);
	free(ps->keys);
	free(ps->ent);
	free(ps->cps);
	free(ps->line_sets);
	if (ps->ci != NULL)
		free(ps->ci->pos);
	free(ps->ci);
	free(ps);
}

static size_t
ptr_hash(const void *p, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15u;

	return (size_t)(h >> 32) & (cap - 1);
}

static size_t
cp_hash(uint32_t cp, size_t cap)
{
	return (size_t)((cp * 2654435761u) >> 8) & (cap - 1);
}

static struct key *
find_key(const struct prescan *ps, const void *key)
{
	size_t h;

	if (ps->kcap == 0)
		return NULL;
	for (h = ptr_hash(key, ps->kcap); ps->keys[h].key != NULL; h = (h + 1) & (ps->kcap - 1))
		if (ps->keys[h].key == key)
			return &ps->keys[h];
	return NULL;
}

static struct key *
add_key(struct prescan *ps, const void *key)
{
	size_t h;

	if (2 * (ps->nkeys + 1) > ps->kcap) {
		size_t old = ps->kcap, i;
		struct key *ok = ps->keys;

		ps->kcap = old ? 2 * old : 32;
		ps->keys = xcalloc(ps->kcap, sizeof *ps->keys);
		for (i = 0; i < old; i++)
			if (ok[i].key != NULL) {
				for (h = ptr_hash(ok[i].key, ps->kcap); ps->keys[h].key != NULL;
				    h = (h + 1) & (ps->kcap - 1))
					;
				ps->keys[h] = ok[i];
			}
		free(ok);
	}
	for (h = ptr_hash(key, ps->kcap); ps->keys[h].key != NULL; h = (h + 1) & (ps->kcap - 1))
		;
	ps->keys[h].key = key;
	ps->nkeys++;
	return &ps->keys[h];
}

/* Whether two literal sets list the same starts (not_after aside). */
static bool
same_starts(const struct litset *a, const struct litset *b)
{
	size_t i;

	if (a->n != b->n || a->line_start != b->line_start)
		return false;
	for (i = 0; i < a->n; i++)
		if (a->v[i].len != b->v[i].len || memcmp(a->v[i].s, b->v[i].s, a->v[i].len) != 0)
			return false;
	return true;
}

/* Code point of the UTF-8 sequence s[0..n) (the first character of a literal). */
static uint32_t
first_cp(const unsigned char *s, size_t n, size_t *k)
{
	size_t len = utf8_seq_len(s[0]), i;
	uint32_t cp;

	if (len == 1 || len > n) {
		*k = 1;
		return s[0];
	}
	cp = s[0] & (0xFFu >> (len + 1));
	for (i = 1; i < len; i++)
		cp = (cp << 6) | (s[i] & 0x3Fu);
	*k = len;
	return cp;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->cp != y->cp)
		return x->cp < y->cp ? -1 : 1;
	if (x->set != y->set)
		return x->set < y->set ? -1 : 1;
	return x->lit < y->lit ? -1 : x->lit > y->lit;
}

/* Rebuild the first-character tables from every registered literal set
 * (before a pass, when sets were added since the last). */
static void
rebuild(struct prescan *ps)
{
	size_t i, j, n = 0, distinct = 0;

	for (i = 0; i < ps->nsets; i++)
		n += ps->sets[i].ls->n;
	free(ps->ent);
	ps->ent = n ? xcalloc(n, sizeof *ps->ent) : NULL;
	ps->nent = 0;
	memset(ps->first_bmp, 0, sizeof ps->first_bmp);
	ps->astral = false;
	free(ps->line_sets);
	ps->line_sets = xcalloc(ps->nsets ? ps->nsets : 1, sizeof *ps->line_sets);
	ps->nline = 0;
	for (i = 0; i < ps->nsets; i++) {
		const struct litset *ls = ps->sets[i].ls;

		if (ls->line_start)
			ps->line_sets[ps->nline++] = i;
		for (j = 0; j < ls->n; j++) {
			size_t k;
			uint32_t cp = first_cp((const unsigned char *)ls->v[j].s, ls->v[j].len, &k);
			struct entry *e = &ps->ent[ps->nent++];

			e->cp = cp;
			e->set = (uint32_t)i;
			e->lit = (uint32_t)j;
			e->tail = (uint32_t)(ls->v[j].len - k);
			{
				unsigned char w[4] = {0}, m[4] = {0};
				size_t t = e->tail < 4 ? e->tail : 4;

				memcpy(w, ls->v[j].s + k, t);
				memset(m, 0xFF, t);
				memcpy(&e->word, w, 4);
				memcpy(&e->mask, m, 4);
			}
			if (cp < 0x10000)
				ps->first_bmp[cp >> 3] |= (unsigned char)(1u << (cp & 7));
			else
				ps->astral = true;
		}
	}
	/* Line ends are found by the scan too: the next line starts there. */
	if (ps->nline) {
		ps->first_bmp['\n' >> 3] |= (unsigned char)(1u << ('\n' & 7));
		ps->first_bmp['\r' >> 3] |= (unsigned char)(1u << ('\r' & 7));
	}
	if (ps->nent > 1)
		qsort(ps->ent, ps->nent, sizeof *ps->ent, entry_cmp);
	for (i = 0; i < ps->nent; i++)
		if (i == 0 || ps->ent[i].cp != ps->ent[i - 1].cp)
			distinct++;
	free(ps->cps);
	for (ps->cpcap = 16; ps->cpcap < 4 * distinct; ps->cpcap *= 2)
		;
	ps->cps = xcalloc(ps->cpcap, sizeof *ps->cps);
	for (i = 0; i < ps->cpcap; i++)
		ps->cps[i].cp = UINT32_MAX;
	for (i = 0; i < ps->nent; i = j) {
		size_t h = cp_hash(ps->ent[i].cp, ps->cpcap);

		for (j = i; j < ps->nent && ps->ent[j].cp == ps->ent[i].cp; j++)
			;
		while (ps->cps[h].cp != UINT32_MAX)
			h = (h + 1) & (ps->cpcap - 1);
		ps->cps[h].cp = ps->ent[i].cp;
		ps->cps[h].first = (uint32_t)i;
		ps->cps[h].count = (uint32_t)(j - i);
	}
}

/* Append offset `at` to a set's list; false when over the budget. */
static bool
push(struct prescan *ps, size_t set, size_t at)
{
	struct set *l = &ps->sets[set];

	if (l->n && l->v[l->n - 1] == at)
		return true;
	if (ps->total == PRESCAN_MAX_CANDS)
		return false;
	if (l->n == l->cap)
		l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = (uint32_t)at;
	ps->total++;
	return true;
}

/* The literals that begin with cp, compared at text offset `at`. */
static bool
hit(struct prescan *ps, uint32_t cp, size_t at, size_t k)
{
	size_t h = cp_hash(cp, ps->cpcap), i;
	const struct cpslot *c;
	uint32_t next4 = 0;

	while (ps->cps[h].cp != cp) {
		if (ps->cps[h].cp == UINT32_MAX)
			return true;
		h = (h + 1) & (ps->cpcap - 1);
	}
	c = &ps->cps[h];
	/* The four bytes after the character, when the text has them. */
	if (ps->len - at - k >= 4)
		memcpy(&next4, ps->text + at + k, 4);
	for (i = c->first; i < (size_t)c->first + c->count; i++) {
		const struct entry *e = &ps->ent[i];

		if (e->tail > 0) {
			const struct literal *l = &ps->sets[e->set].ls->v[e->lit];

			if (e->tail > ps->len - at - k)
				continue;
			if (ps->len - at - k >= 4) {
				if ((next4 & e->mask) != e->word || (e->tail > 4 &&
				    memcmp(ps->text + at + k + 4, l->s + k + 4, e->tail - 4) != 0))
					continue;
			} else if (memcmp(ps->text + at + k, l->s + k, e->tail) != 0) {
				continue;
			}
		}
		if (!push(ps, e->set, at))
			return false;
	}
	return true;
}

/* Bytes scanned before the places found in them are handled. */
#define CHUNK 4096

/* Handle a place the scan found: literals starting there, and a line start
 * after a line end. */
static bool
handle(struct prescan *ps, size_t at)
{
	const unsigned char *t = ps->text;
	size_t k, s;
	uint32_t cp = first_cp(t + at, ps->len - at, &k);

	if (!hit(ps, cp, at, k))
		return false;
	if ((cp == '\n' || cp == '\r') && at + 1 < ps->len)
		for (s = 0; s < ps->nline; s++)
			if (!push(ps, ps->line_sets[s], at + 1))
				return false;
	return true;
}

/*
 * The pass itself: fill every set's list for the current document.  Each
 * chunk is scanned first, without branching on the bitmap, into a list of
 * the places where a literal may start (or a line ends); those are then
 * handled in order.
 */
static void
run_pass(struct prescan *ps)
{
	const unsigned char *t = ps->text;
	const size_t len = ps->len;
	uint32_t found[CHUNK];
	size_t i = 0, s;

	for (s = 0; s < ps->nsets; s++) {
		ps->sets[s].n = 0;
		ps->sets[s].cursor = 0;
	}
	ps->total = 0;
	ps->state = DOC_GAVE_UP;
	if (ps->stale) {
		rebuild(ps);
		ps->stale = false;
	}
	if (len > 0)
		for (s = 0; s < ps->nline; s++)
			if (!push(ps, ps->line_sets[s], 0))
				return;
	while (i < len) {
		size_t end = len - i > CHUNK ? i + CHUNK : len, nf = 0, f;

		while (i < end) {
			unsigned c = t[i], bit;
			uint32_t cp;
			size_t k;

			if (c < 0x80) {
				cp = c;
				k = 1;
			} else if ((c & 0xF0u) == 0xE0u && len - i >= 3) {
				cp = ((c & 0x0Fu) << 12) | ((t[i + 1] & 0x3Fu) << 6) | (t[i + 2] & 0x3Fu);
				k = 3;
			} else {
				cp = first_cp(t + i, len - i, &k);
				/* A byte that starts no valid sequence (decode()
				 * leaves none) starts no literal. */
				if (k == 1)
					cp = 0x110000;
			}
			bit = cp < 0x10000 ? (ps->first_bmp[cp >> 3] >> (cp & 7)) & 1u :
			    (unsigned)(ps->astral && cp < 0x110000);
			found[nf] = (uint32_t)i;
			nf += bit;
			i += k;
		}
		for (f = 0; f < nf; f++)
			if (!handle(ps, found[f]))
				return;
	}
	ps->state = DOC_DONE;
}

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The first place at or after *at where literal l starts in t[0..len):
 * memchr for its rarest byte, then the rest compared. */
static bool
next_literal(const unsigned char *t, size_t len, const struct literal *l, size_t *at)
{
	const size_t k = l->rare, tail = l->len - k;
	size_t i = *at + k;

	while (i < len && len - i >= tail) {
		const unsigned char *p = memchr(t + i, (unsigned char)l->s[k], len - i - tail + 1);

		if (p == NULL)
			return false;
		i = (size_t)(p - t);
		/* The first byte before the call: most places found by the
		 * rare byte differ there. */
		if (t[i - k] == (unsigned char)l->s[0] && memcmp(t + i - k, l->s, l->len) == 0) {
			*at = i - k;
			return true;
		}
		i++;
	}
	return false;
}

/* The length of the character at t[i] (i < len), stepped as run_pass
 * steps, or 0 for a byte that starts no valid sequence (decode() leaves
 * none), where no literal starts. */
static inline size_t
char_len(const unsigned char *t, size_t len, size_t i)
{
	size_t k;

	if (t[i] < 0x80)
		return 1;
	if ((t[i] & 0xF0u) == 0xE0u && len - i >= 3)
		return 3;
	k = utf8_seq_len(t[i]);
	return k == 1 || k > len - i ? 0 : k;
}

/* The group of a character of k bytes at p: a hash of its first three
 * bytes (at most). */
static inline size_t
ci_group(const unsigned char *p, size_t k)
{
	uint32_t key = p[0];

	if (k > 1)
		key = (key << 16) | ((uint32_t)p[1] << 8) | (k > 2 ? p[2] : 0);
	return (size_t)((key * 2654435761u) >> 22) & (CI_BUCKETS - 1);
}

/* The current document's character index, made now if it is not yet;
 * NULL for a document over CI_MAX_DOC bytes.  One pass counts the
 * characters by group, a second lists them. */
static const struct charindex *
char_index(struct prescan *ps)
{
	const unsigned char *t = ps->text;
	const size_t len = ps->len;
	uint32_t next[CI_BUCKETS];
	struct charindex *ci = ps->ci;
	size_t i, k, g, n;

	if (len > CI_MAX_DOC)
		return NULL;
	if (ci == NULL)
		ci = ps->ci = xcalloc(1, sizeof *ci);
	if (ci->gen == ps->gen)
		return ci;
	memset(ci->start, 0, sizeof ci->start);
	for (i = 0; i < len; i += k ? k : 1)
		if ((k = char_len(t, len, i)) != 0)
			ci->start[ci_group(t + i, k) + 1]++;
	for (g = 0; g < CI_BUCKETS; g++) {
		ci->start[g + 1] += ci->start[g];
		next[g] = ci->start[g];
	}
	n = ci->start[CI_BUCKETS];
	if (n > ci->cap) {
		free(ci->pos);
		ci->pos = xmalloc(n * sizeof *ci->pos);
		ci->cap = n;
	}
	for (i = 0; i < len; i += k ? k : 1)
		if ((k = char_len(t, len, i)) != 0)
			ci->pos[next[ci_group(t + i, k)]++] = (uint32_t)i;
	ci->gen = ps->gen;
	return ci;
}

/* The first place of byte c in t[at..len), or len. */
static size_t
byte_at_or_after(const unsigned char *t, size_t len, size_t at, unsigned char c)
{
	const unsigned char *p = at < len ? memchr(t + at, c, len - at) : NULL;

	return p ? (size_t)(p - t) : len;
}

/*
 * Append to v[0..*n) (room *cap) the places where literal l starts in
 * t[0..len), found among those of its first character in the index; at
 * most room + 1 of them (more than room: the caller gives up).  False,
 * with nothing appended, when l's first character is not one the index
 * holds (not a whole UTF-8 sequence): the caller searches for it.
 */
static bool
indexed(const struct charindex *ci, const unsigned char *t, size_t len, const struct literal *l,
    uint32_t **v, size_t *n, size_t *cap, size_t room)
{
	const unsigned char *s = (const unsigned char *)l->s;
	size_t k = l->len ? char_len(s, l->len, 0) : 0, g, i;

	if (k == 0)
		return false;
	g = ci_group(s, k);
	for (i = ci->start[g]; i < ci->start[g + 1] && *n <= room; i++) {
		size_t p = ci->pos[i];

		if (len - p >= l->len && t[p] == s[0] && memcmp(t + p, s, l->len) == 0) {
			if (*n == *cap)
				*v = xgrow(*v, cap, *n + 1, sizeof **v);
			(*v)[(*n)++] = (uint32_t)p;
		}
	}
	return true;
}

/*
 * The list of set `set`, added while the current document's pass is done:
 * the places its literals (and, with a ^ branch, lines) start, found by
 * memchr over the text (in UTF-8, a character's bytes match only at a
 * character start), the same list the pass would have made.  The other lists stay as they are: the
 * first document no longer pays one whole pass per set its rules add.
 */
static void
fill_one(struct prescan *ps, size_t set)
{
	const struct litset *ls = ps->sets[set].ls;
	const unsigned char *t = ps->text;
	const size_t len = ps->len, room = PRESCAN_MAX_CANDS - ps->total;
	uint32_t *v = NULL;
	size_t n = 0, cap = 0, j, at;
	/* The next LF and CR at or after the last place looked from (len:
	 * none; SIZE_MAX: not looked for yet), each found by memchr once per
	 * place it is passed. */
	size_t lf = SIZE_MAX, cr = SIZE_MAX;
	const struct charindex *ci = NULL;

	/* From the second set a document meets after its pass on, its
	 * characters are indexed once (char_index). */
	if (ps->fill_gen != ps->gen) {
		ps->fill_gen = ps->gen;
		ps->fills = 0;
	}
	if (++ps->fills >= 2)
		ci = char_index(ps);
	for (j = 0; j <= ls->n; j++) {
		at = 0;
		if (j == ls->n) {
			if (!ls->line_start || len == 0)
				break;
			/* A line starts at 0 and after each CR or LF. */
		} else if (ci != NULL && indexed(ci, t, len, &ls->v[j], &v, &n, &cap, room)) {
			if (n > room) {
				free(v);
				ps->state = DOC_GAVE_UP;
				return;
			}
			continue;
		} else if (!next_literal(t, len, &ls->v[j], &at)) {
			continue;
		}
		for (;;) {
			if (n == room) {
				free(v);
				ps->state = DOC_GAVE_UP;
				return;
			}
			if (n == cap)
				v = xgrow(v, &cap, n + 1, sizeof *v);
			v[n++] = (uint32_t)at;
			if (j < ls->n) {
				at++;
				if (!next_literal(t, len, &ls->v[j], &at))
					break;
			} else {
				if (lf == SIZE_MAX || lf < at)
					lf = byte_at_or_after(t, len, at, '\n');
				if (cr == SIZE_MAX || cr < at)
					cr = byte_at_or_after(t, len, at, '\r');
				at = lf < cr ? lf : cr;
				if (at + 1 >= len)
					break;
				at++;
			}
		}
	}
	if (n > 1)
		qsort(v, n, sizeof *v, u32_cmp);
	for (j = 0; j < n; j++)
		if (!push(ps, set, v[j])) {
			ps->state = DOC_GAVE_UP;
			break;
		}
	free(v);
}

void
prescan_doc(struct prescan *ps, const char *text, size_t len)
{
	if (ps->full) {
		forget_all(ps);
		rebuild(ps);
		ps->full = false;
	}
	ps->text = (const unsigned char *)text;
	ps->len = len;
	ps->gen++;
	ps->state = text == NULL ? DOC_NONE : len > PRESCAN_MAX_DOC ? DOC_GAVE_UP : DOC_PENDING;
}

/* The set listing these starts, added (and the current pass redone) if new;
 * (size_t)-1 when there is no room. */
static size_t
set_of(struct prescan *ps, const struct litset *ls)
{
	size_t i;

	for (i = 0; i < ps->nsets; i++)
		if (same_starts(ps->sets[i].ls, ls))
			return i;
	if (ps->nsets == MAX_SETS) {
		/* Full: this key goes without until the next document starts
		 * afresh (slots handed out stay valid for this one). */
		ps->full = true;
		return (size_t)-1;
	}
	ps->sets = xgrow(ps->sets, &ps->capsets, ps->nsets + 1, sizeof *ps->sets);
	memset(&ps->sets[ps->nsets], 0, sizeof ps->sets[0]);
	ps->sets[ps->nsets].ls = litset_dup(ls);
	i = ps->nsets++;
	ps->stale = true; /* the tables are for the next pass */
	if (ps->state == DOC_DONE)
		fill_one(ps, i);
	return i;
}

int
prescan_slot(struct prescan *ps, const void *key, const struct litset *ls)
{
	struct key *k;

	if (ps->state == DOC_NONE || ps->state == DOC_GAVE_UP)
		return -1;
	k = find_key(ps, key);
	/* Once per document, make sure the key still has these literals: a
	 * freed regex's address may be reused by a new one. */
	if (k == NULL || (k->gen != ps->gen && !same_starts(ps->sets[k->set].ls, ls))) {
		size_t set = set_of(ps, ls);

		if (set == (size_t)-1)
			return -1;
		if (k == NULL)
			k = add_key(ps, key);
		k->set = set;
	}
	k->gen = ps->gen;
	if (ps->state == DOC_PENDING)
		run_pass(ps);
	return ps->state == DOC_DONE ? (int)k->set : -1;
}

int
prescan_known_slot(struct prescan *ps, const void *key, const struct litset *ls)
{
	if (ps->state == DOC_NONE || ps->state == DOC_GAVE_UP || find_key(ps, key) == NULL)
		return -1;
	return prescan_slot(ps, key, ls);
}

const uint32_t *
prescan_list(const struct prescan *ps, int slot, size_t *n)
{
	*n = ps->sets[slot].n;
	return ps->sets[slot].v;
}

size_t *
prescan_cursor(struct prescan *ps, int slot)
{
	return &ps->sets[slot].cursor;
}
