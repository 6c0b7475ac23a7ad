/* SPDX-License-Identifier: MIT */
/** \file regex.c
 * \brief PCRE2 wrapper: compile once, cache per variable values, match with
 *        limits.
 */
#include "regex.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "patcache.h"
#include "literals.h"
#include "prescan.h"
#include "utf8.h"
#include "util.h"

/* Limits that keep a pathological pattern from hanging a run.  PCRE2's
 * match limit counts the steps of one start position; a search tries many,
 * so the work of a rule in a document has a budget of its own (see
 * regex_scratch_rule).  Each start position may use the document's share,
 * RULE_WORK / (WORK_SCANS x bytes), kept between START_STEPS_MIN and
 * MATCH_CALLS_MAX; a rule may use BUDGET_SCANS x bytes x that share, or
 * BUDGET_SCANS / WORK_SCANS x RULE_WORK if that is more. */
#define MATCH_CALLS_MAX 2000000u
#define DEPTH_MAX 20000u
#define HEAP_KIB_MAX (64u * 1024u)
#define RULE_WORK ((uint64_t)200000000u)
#define WORK_SCANS 8u
#define BUDGET_SCANS 32u
#define START_STEPS_MIN 1000u

/* When a regex's searches move from PCRE2's interpreter to its JIT (see
 * match_engines): once they have been offered JIT_AFTER_WORK start
 * positions, each search counting JIT_SEARCH_WORK more for its own cost. */
#define JIT_AFTER_WORK 4096u
#define JIT_SEARCH_WORK 64u

static const char *const var_names[] = {"report_year", "next_year", "prev_year", "issuer"};

static unsigned
var_bit(size_t i)
{
	return i == 3 ? VAR_ISSUER : VAR_YEAR;
}

/* Length of a variable reference at p[0..avail) ("{report_year}"), and its
 * index (which may be NULL). */
static size_t
var_len_at(const char *p, size_t avail, size_t *which)
{
	size_t i;

	if (avail == 0 || *p != '{')
		return 0;
	for (i = 0; i < ARRAY_LEN(var_names); i++) {
		size_t n = strlen(var_names[i]);

		if (n + 2 <= avail && strncmp(p + 1, var_names[i], n) == 0 && p[n + 1] == '}') {
			if (which)
				*which = i;
			return n + 2;
		}
	}
	return 0;
}

/* Length of a variable reference at p ("{report_year}"), and its index. */
static size_t
var_at(const char *p, size_t *which)
{
	size_t i;

	if (*p != '{')
		return 0;
	for (i = 0; i < ARRAY_LEN(var_names); i++) {
		size_t n = strlen(var_names[i]);

		if (strncmp(p + 1, var_names[i], n) == 0 && p[n + 1] == '}') {
			*which = i;
			return n + 2;
		}
	}
	return 0;
}

unsigned
vars_used(const char *t)
{
	unsigned bits = 0;
	size_t w;

	for (; *t; t++)
		if (var_at(t, &w))
			bits |= var_bit(w);
	return bits;
}

char *
vars_expand(const char *t, const struct vars *v, bool quote, size_t *map_off)
{
	struct buf b = {0};
	size_t i = 0, want = map_off ? *map_off : 0;
	bool mapped = false;

	buf_puts(&b, "");
	while (t[i]) {
		size_t w, n = var_at(t + i, &w);

		if (map_off && !mapped && b.len >= want) {
			*map_off = i;
			mapped = true;
		}
		if (n == 0) {
			buf_putc(&b, t[i++]);
			continue;
		}
		switch (w) {
		case 0: buf_printf(&b, "%d", v->report_year); break;
		case 1: buf_printf(&b, "%d", v->report_year + 1); break;
		case 2: buf_printf(&b, "%d", v->report_year - 1); break;
		default:
			if (quote) {
				const char *q;
				/* \Q...\E, with any \E inside split out. */
				buf_puts(&b, "\\Q");
				for (q = v->issuer; *q; q++) {
					if (q[0] == '\\' && q[1] == 'E') {
						buf_puts(&b, "\\E\\\\E\\Q");
						q++;
					} else {
						buf_putc(&b, *q);
					}
				}
				buf_puts(&b, "\\E");
			} else {
				buf_puts(&b, v->issuer);
			}
			break;
		}
		if (map_off && !mapped && b.len > want) {
			*map_off = i;
			mapped = true;
		}
		i += n;
	}
	if (map_off && !mapped)
		*map_off = i;
	return buf_steal(&b);
}

struct regex {
	char *pattern;
	unsigned vars;
	pcre2_code *code;          /* when vars == 0; never JIT-compiled itself */
	bool want_jit;             /* searches may move to a JIT-compiled copy */
	/* Work done on first use, not at start-up (a rule set has many
	 * patterns that one report never needs): a bundled pattern's code,
	 * decoded from `bundled` (code_of), the prefilter, at the first
	 * regex_search, and the JIT copy, once its searches have done enough
	 * (match_engines).  Done once, under `lock`; the flags are set
	 * (release) when it is. */
	const unsigned char *bundled; /* patcache_code, or NULL: code compiled */
	pthread_mutex_t lock;
	atomic_bool code_ready;
	atomic_bool pf_ready;
	atomic_bool jit_ready;
	pcre2_code *jcode;         /* the JIT-compiled copy, or NULL (no JIT here) */
	/* Start positions offered to its searches, each search counted
	 * JIT_SEARCH_WORK more, until the JIT copy is made (match_engines). */
	atomic_size_t work;
	/* Prefilter (vars == 0 only): every match starts with one of `lits`;
	 * each place a literal occurs is tried with a search from there that
	 * may start nowhere else (an offset limit), or, when
	 * lits->skip_lines, from the start of its line.  `req` (or NULL):
	 * every match contains one of its literals, starting at most req_off
	 * bytes after the match's start: the search from req_off bytes before
	 * an occurrence, limited to start no later than it, finds them. */
	struct litset *lits;
	struct litset *req;
	size_t req_off;
	/* req's strings are expected far fewer than the starts (by their
	 * characters' frequencies): the starts are not listed at all in a
	 * document, every search goes by req (search_window). */
	bool req_first;
	/* (or NULL) one of these occurs at or after every match's start: a
	 * subject without one from `from` on has no match. */
	struct litset *need;
	/* PCRE2's own search never starts a match between a CR and an LF
	 * (after its start offset) when the pattern has no explicit CR or LF,
	 * or when it only matches at line starts: neither may a prefiltered
	 * search. */
	bool no_crlf_start;
};

static pcre2_compile_context *
compile_ctx(void)
{
	pcre2_compile_context *cc = pcre2_compile_context_create(NULL);

	if (cc == NULL)
		fatal("out of memory");
	pcre2_set_newline(cc, PCRE2_NEWLINE_ANYCRLF);
	return cc;
}

/* The options every pattern is compiled with: every pattern may be
 * searched with an offset limit (the prefiltered searches try a candidate
 * as a search from it limited to start there). */
#define COMPILE_OPTIONS (PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE | PCRE2_NEVER_BACKSLASH_C | \
	PCRE2_USE_OFFSET_LIMIT)

static pcre2_code *
compile(const char *pat, char **err, size_t *err_off)
{
	pcre2_compile_context *cc = compile_ctx();
	int ec;
	PCRE2_SIZE off;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, COMPILE_OPTIONS,
	    &ec, &off, cc);

	pcre2_compile_context_free(cc);
	if (code == NULL) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(ec, msg, sizeof msg);
		if (err)
			*err = xstrdup((const char *)msg);
		if (err_off)
			*err_off = (size_t)off;
		return NULL;
	}
	return code;
}

/*
 * A bundled pattern's code, decoded from what packgen serialized
 * (patcache.h).  regex_new took it only when this PCRE2 reads it (the
 * version and sizes it was made with), so the text compiled with this
 * PCRE2 version when gwlint was built: it compiles now, and leaving it to
 * the first use moves no error.  Made with other options than
 * COMPILE_OPTIONS (a generated file older than this code), it is compiled
 * from the text instead.
 */
static pcre2_code *
decode_bundled(const unsigned char *bytes, const char *pattern)
{
	pcre2_code *code = NULL;
	uint32_t opts = 0, nl = 0;
	char *err = NULL;

	if (pcre2_serialize_decode(&code, 1, bytes, NULL) == 1 &&
	    pcre2_pattern_info(code, PCRE2_INFO_ARGOPTIONS, &opts) == 0 && opts == COMPILE_OPTIONS &&
	    pcre2_pattern_info(code, PCRE2_INFO_NEWLINE, &nl) == 0 && nl == PCRE2_NEWLINE_ANYCRLF)
		return code;
	pcre2_code_free(code);
	code = compile(pattern, &err, NULL);
	if (code == NULL)
		fatal("a bundled pattern no longer compiles (%s): %s", err, pattern);
	return code;
}

/* re->code, decoded first if it is a bundled pattern's (any thread; not
 * under re->lock). */
static pcre2_code *
code_of(struct regex *re)
{
	if (re->bundled == NULL || atomic_load_explicit(&re->code_ready, memory_order_acquire))
		return re->code;
	pthread_mutex_lock(&re->lock);
	if (!atomic_load_explicit(&re->code_ready, memory_order_relaxed)) {
		re->code = decode_bundled(re->bundled, re->pattern);
		atomic_store_explicit(&re->code_ready, true, memory_order_release);
	}
	pthread_mutex_unlock(&re->lock);
	return re->code;
}

/* Set up the literal prefilters of a pattern without variables, if it has
 * them (once, by prefilter_ready). */
static void
prefilter_init(struct regex *re)
{
	struct litset ls;
	struct litreq lr;
	bool have;

	if (re->vars != 0)
		return;
	/* A bundled pattern's analysis was done at build time (patcache.h). */
	if (!patcache_find(re->pattern, &have, &ls, &lr))
		have = literal_analyse(re->pattern, &ls, &lr);
	/* Where the starts say little (a ^ branch, or none known, or they
	 * are far commoner than a needed string), whether a subject holds a
	 * needed string at all decides most searches. */
	if (lr.any && (!have || ls.line_start ||
	    8 * litset_weight(&lr.any_set) <= litset_weight(&ls))) {
		re->need = litset_dup(&lr.any_set);
	}
	if (!have)
		return;
	re->lits = litset_dup(&ls);
	{
		uint32_t cr = 1, fct = 0;

		(void)pcre2_pattern_info(re->code, PCRE2_INFO_HASCRORLF, &cr);
		(void)pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTCODETYPE, &fct);
		re->no_crlf_start = cr == 0 || fct == 2;
	}
	if (!ls.skip_lines && lr.near && lr.near_off > 0) {
		re->req = litset_dup(&lr.near_set);
		re->req_off = lr.near_off;
		re->req_first = 8 * litset_weight(re->req) <= litset_weight(re->lits);
	}
}

/*
 * A start-of-pattern option ((*NO_JIT), (*LIMIT_MATCH=...), (*UTF),
 * (*CRLF)...: an upper-case name that is not a backtracking verb) at the
 * very start of the pattern (the only place PCRE2 reads them): 0, else -1.
 * Packs may not change how gwlint matches (limits, JIT, newlines, Unicode).
 */
static long
start_option(const char *p)
{
	static const char *const verbs[] = {"ACCEPT", "FAIL", "F", "COMMIT", "PRUNE", "SKIP",
		"THEN", "MARK"};
	size_t n, v;

	if (p[0] != '(' || p[1] != '*')
		return -1;
	for (n = 0; (p[2 + n] >= 'A' && p[2 + n] <= 'Z') || p[2 + n] == '_' ||
	    (p[2 + n] >= '0' && p[2 + n] <= '9'); n++)
		;
	if (n == 0)
		return -1; /* (*:NAME) a mark, (*pla: an assertion... */
	for (v = 0; v < ARRAY_LEN(verbs); v++)
		if (strlen(verbs[v]) == n && strncmp(p + 2, verbs[v], n) == 0)
			return -1;
	return 0;
}

struct regex *
regex_new(const char *pattern, char **err, size_t *err_off)
{
	return regex_new_jit(pattern, true, err, err_off);
}

struct regex *
regex_new_jit(const char *pattern, bool jit, char **err, size_t *err_off)
{
	struct regex *re;
	pcre2_code *code;
	const unsigned char *bundled = NULL;
	size_t nbundled = 0;
	unsigned bits = vars_used(pattern);
	long opt = start_option(pattern);

	if (opt >= 0) {
		if (err)
			*err = xstrdup("start-of-pattern options such as (*NO_JIT), (*LIMIT_MATCH=n), "
			    "(*UTF) or (*CRLF) are not allowed in packs");
		if (err_off)
			*err_off = (size_t)opt;
		return NULL;
	}
	if (bits) {
		struct vars sample = {2000, "机关"};
		size_t off = 0;
		char *x = vars_expand(pattern, &sample, true, NULL);

		code = compile(x, err, &off);
		if (code == NULL) {
			char *y;

			/* Map the offset in the expansion back to the pattern. */
			y = vars_expand(pattern, &sample, true, &off);
			free(y);
			if (err_off)
				*err_off = off;
			free(x);
			return NULL;
		}
		free(x);
		pcre2_code_free(code);
		code = NULL;
	} else if ((bundled = patcache_code(pattern, &nbundled)) != NULL &&
	    pcre2_serialize_get_number_of_codes(patcache_first_code()) == 1) {
		/* Decoded at its first use (code_of).  The PCRE2 in use accepts
		 * the build's codes: asked of the first, whose header is every
		 * code's, so that the pages of the codes a run never uses are
		 * not read (each page first touched costs about 5 us here). */
		code = NULL;
	} else {
		bundled = NULL;
		code = compile(pattern, err, err_off);
		if (code == NULL)
			return NULL;
	}
	re = xcalloc(1, sizeof *re);
	re->pattern = xstrdup(pattern);
	re->vars = bits;
	re->code = code;
	re->bundled = bundled;
	re->want_jit = jit && bits == 0;
	pthread_mutex_init(&re->lock, NULL);
	atomic_init(&re->code_ready, bundled == NULL);
	atomic_init(&re->pf_ready, false);
	atomic_init(&re->jit_ready, false);
	atomic_init(&re->work, 0);
	return re;
}

bool
regex_serialize(const char *pattern, unsigned char **bytes, size_t *len)
{
	pcre2_code *code;
	const pcre2_code *list[1];
	uint8_t *b = NULL;
	PCRE2_SIZE n = 0;
	int32_t rc;

	if (vars_used(pattern) != 0 || start_option(pattern) >= 0 ||
	    (code = compile(pattern, NULL, NULL)) == NULL)
		return false;
	list[0] = code;
	rc = pcre2_serialize_encode(list, 1, &b, &n, NULL);
	pcre2_code_free(code);
	if (rc != 1)
		fatal("out of memory");
	*bytes = xmalloc(n);
	memcpy(*bytes, b, n);
	*len = n;
	pcre2_serialize_free(b);
	return true;
}

void
regex_free(struct regex *re)
{
	if (re == NULL)
		return;
	pcre2_code_free(re->code);
	pcre2_code_free(re->jcode);
	pthread_mutex_destroy(&re->lock);
	free(re->lits);
	free(re->req);
	free(re->need);
	free(re->pattern);
	free(re);
}

unsigned
regex_vars(const struct regex *re)
{
	return re->vars;
}

/* The prefilter of re, set up on first use (any thread). */
static void
prefilter_ready(struct regex *re)
{
	if (atomic_load_explicit(&re->pf_ready, memory_order_acquire))
		return;
	(void)code_of(re);
	pthread_mutex_lock(&re->lock);
	if (!atomic_load_explicit(&re->pf_ready, memory_order_relaxed)) {
		prefilter_init(re);
		atomic_store_explicit(&re->pf_ready, true, memory_order_release);
	}
	pthread_mutex_unlock(&re->lock);
}

/* re's JIT-compiled copy, made now if it is not yet, or NULL when PCRE2
 * cannot JIT-compile it here.  (A copy, so that re->code is never changed
 * while another thread may be matching it.) */
static const pcre2_code *
jit_copy(struct regex *re)
{
	if (!atomic_load_explicit(&re->jit_ready, memory_order_acquire)) {
		pcre2_code *code = code_of(re);

		pthread_mutex_lock(&re->lock);
		if (!atomic_load_explicit(&re->jit_ready, memory_order_relaxed)) {
			pcre2_code *c = pcre2_code_copy(code);
			size_t jitsize = 0;

			if (c != NULL && pcre2_jit_compile(c, PCRE2_JIT_COMPLETE) == 0 &&
			    pcre2_pattern_info(c, PCRE2_INFO_JITSIZE, &jitsize) == 0 && jitsize > 0)
				re->jcode = c;
			else
				pcre2_code_free(c);
			atomic_store_explicit(&re->jit_ready, true, memory_order_release);
		}
		pthread_mutex_unlock(&re->lock);
	}
	return re->jcode;
}

/* A pattern with variables compiled for one set of values, kept by a
 * scratch: `pattern` (a copy of the regex's) tells a regex that took a
 * freed one's address from it. */
struct variant {
	const struct regex *re;
	char *pattern;
	unsigned vars;
	int year;
	char *issuer;
	pcre2_code *code;
	uint64_t used;             /* clock of its last use */
};

/* Variants a scratch keeps, at least: those of other values than a
 * document's are dropped, least recently used first, past this many. */
#define VARIANTS_KEPT 32u

struct regex_scratch {
	/* The variants this thread compiled (regex_code). */
	struct variant *var;
	size_t nvar, capvar;
	uint64_t var_clock;
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_jit_stack *js;
	/* regex_search's memory of one scan: where each literal of `pf_re`
	 * (and, last, the line start) next occurs in pf_subj[0..pf_len) at or
	 * after pf_from; a min-heap of the ones that still occur. */
	const struct regex *pf_re;
	const char *pf_subj;
	size_t pf_len, pf_from;
	size_t pf_next[LIT_MAX + 1];
	unsigned char pf_heap[LIT_MAX + 1];
	size_t pf_nheap;
	/* The document being linted (regex_scratch_doc) and the candidate
	 * lists of its one shared pass. */
	const char *doc;
	size_t doclen;
	struct prescan *ps;
	bool no_prescan;           /* GWLINT_NO_PRESCAN is set */
	unsigned long docgen;      /* counts regex_scratch_doc calls */
	/* regex_scratch_next_literal's last key and its slot in document docgen */
	const void *nl_key;
	int nl_slot;
	unsigned long nl_gen;
	/* The work budget of the rule being run in this document: steps of
	 * PCRE2's matcher, counted as (start positions a search may have
	 * tried) x (the limit of each). */
	uint32_t per_start;        /* match limit of one start position */
	uint64_t rule_work;        /* a rule's budget in this document */
	uint64_t work_left;        /* what the current rule has left */
};

static void regex_scratch_budget(struct regex_scratch *sc, const char *text, size_t len);

struct regex_scratch *
regex_scratch_new(void)
{
	struct regex_scratch *sc = xcalloc(1, sizeof *sc);

	sc->md = pcre2_match_data_create(32, NULL);
	sc->mc = pcre2_match_context_create(NULL);
	sc->js = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
	if (sc->md == NULL || sc->mc == NULL || sc->js == NULL)
		fatal("out of memory");
	pcre2_set_match_limit(sc->mc, MATCH_CALLS_MAX);
	pcre2_set_depth_limit(sc->mc, DEPTH_MAX);
	/* The interpreter's backtracking frames (big with many groups); JIT
	 * has its own stack, at most 512 KiB. */
	pcre2_set_heap_limit(sc->mc, HEAP_KIB_MAX);
	regex_scratch_budget(sc, NULL, 0);
	pcre2_jit_stack_assign(sc->mc, NULL, sc->js);
	sc->ps = prescan_new();
	/* For tests and bug reports: every search done the slower way. */
	sc->no_prescan = getenv("GWLINT_NO_PRESCAN") != NULL && *getenv("GWLINT_NO_PRESCAN") != '\0';
	return sc;
}

void
regex_scratch_free(struct regex_scratch *sc)
{
	size_t i;

	if (sc == NULL)
		return;
	for (i = 0; i < sc->nvar; i++) {
		pcre2_code_free(sc->var[i].code);
		free(sc->var[i].pattern);
		free(sc->var[i].issuer);
	}
	free(sc->var);
	pcre2_match_data_free(sc->md);
	pcre2_match_context_free(sc->mc);
	pcre2_jit_stack_free(sc->js);
	prescan_free(sc->ps);
	free(sc);
}

/* Whether variant e was compiled for the values v (of the variables its
 * pattern mentions). */
static bool
variant_for(const struct variant *e, const struct vars *v)
{
	return (!(e->vars & VAR_YEAR) || e->year == v->report_year) &&
	    (!(e->vars & VAR_ISSUER) || strcmp(e->issuer, v->issuer) == 0);
}

const pcre2_code *
regex_code(struct regex *re, struct regex_scratch *sc, const struct vars *v)
{
	struct variant *e = NULL;
	size_t i;
	char *x;
	pcre2_code *c;

	if (re->vars == 0)
		return code_of(re);
	if ((re->vars & VAR_YEAR) && v->report_year == 0)
		return NULL;
	sc->var_clock++;
	for (i = 0; i < sc->nvar; i++) {
		e = &sc->var[i];
		if (e->re == re && variant_for(e, v) && strcmp(e->pattern, re->pattern) == 0) {
			e->used = sc->var_clock;
			return e->code;
		}
	}
	x = vars_expand(re->pattern, v, true, NULL);
	c = compile(x, NULL, NULL);
	free(x);
	if (c == NULL)
		return NULL;
	/* Room: the least recently used variant of other values than v's
	 * (never one the current document may still be using), once
	 * VARIANTS_KEPT are kept; else one more. */
	e = NULL;
	if (sc->nvar >= VARIANTS_KEPT)
		for (i = 0; i < sc->nvar; i++)
			if (!variant_for(&sc->var[i], v) && (e == NULL || sc->var[i].used < e->used))
				e = &sc->var[i];
	if (e != NULL) {
		pcre2_code_free(e->code);
		free(e->pattern);
		free(e->issuer);
	} else {
		sc->var = xgrow(sc->var, &sc->capvar, sc->nvar + 1, sizeof *sc->var);
		e = &sc->var[sc->nvar++];
	}
	e->re = re;
	e->pattern = xstrdup(re->pattern);
	e->vars = re->vars;
	e->year = (re->vars & VAR_YEAR) ? v->report_year : 0;
	e->issuer = xstrdup((re->vars & VAR_ISSUER) ? v->issuer : "");
	e->code = c;
	e->used = sc->var_clock;
	return c;
}

/* The budget for a document of `len` bytes (see RULE_WORK); with no
 * document (text NULL: unit tests, fuzzers), PCRE2's own limits only. */
static void
regex_scratch_budget(struct regex_scratch *sc, const char *text, size_t len)
{
	uint64_t scans = (uint64_t)WORK_SCANS * ((uint64_t)len + 1);
	uint64_t per = RULE_WORK / scans;

	if (text == NULL) {
		sc->per_start = MATCH_CALLS_MAX;
		sc->rule_work = sc->work_left = UINT64_MAX;
		return;
	}
	if (per < START_STEPS_MIN)
		per = START_STEPS_MIN;
	if (per > MATCH_CALLS_MAX)
		per = MATCH_CALLS_MAX;
	sc->per_start = (uint32_t)per;
	/* A rule may search its text several times over (each scope, the
	 * re-searches of skip branches): BUDGET_SCANS times what one plain
	 * scan of the whole document at the full share would count. */
	sc->rule_work = (BUDGET_SCANS / WORK_SCANS) *
	    (scans * per > RULE_WORK ? scans * per : RULE_WORK);
	sc->work_left = sc->rule_work;
}

void
regex_scratch_rule(struct regex_scratch *sc)
{
	sc->work_left = sc->rule_work;
}

/*
 * Set the match limit for a search from `start` that may start at most
 * `positions` places: false when the rule's budget is spent.  charge()
 * then takes the work off the budget: `tried` start positions at most.
 */
static bool
budget_set(struct regex_scratch *sc)
{
	uint64_t lim = sc->per_start < sc->work_left ? sc->per_start : sc->work_left;

	if (lim == 0)
		return false;
	pcre2_set_match_limit(sc->mc, (uint32_t)lim);
	return true;
}

static void
charge(struct regex_scratch *sc, int rc, size_t start, size_t last)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
	uint64_t tried, cost;

	/* A match: the places up to its start were tried (the ovector's
	 * start is where it was found: \K aside, which only moves it on). */
	if (rc >= 0 && ov[0] >= start && ov[0] <= last)
		last = ov[0];
	tried = (uint64_t)(last - start) + 1;
	cost = tried * sc->per_start;
	if (rc == PCRE2_ERROR_MATCHLIMIT || cost / sc->per_start != tried || cost > sc->work_left)
		sc->work_left = 0;
	else
		sc->work_left -= cost;
}

void
regex_scratch_doc(struct regex_scratch *sc, const char *text, size_t len)
{
	sc->doc = sc->no_prescan ? NULL : text;
	sc->doclen = len;
	sc->docgen++;
	regex_scratch_budget(sc, text, len);
	sc->pf_re = NULL;
	prescan_doc(sc->ps, text, len);
}

/* Whether PCRE2's return code is one of its limits (match, depth, heap,
 * JIT stack). */
static bool
limit_rc(int rc)
{
	return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
}

static enum match_result
match_result_of(int rc)
{
	if (rc >= 0)
		return MATCH_FOUND; /* 0: ovector too small, groups beyond 32 unset */
	if (rc == PCRE2_ERROR_NOMATCH)
		return MATCH_NONE;
	return limit_rc(rc) ? MATCH_LIMIT : MATCH_ERROR;
}

enum match_result
regex_next(const pcre2_code *code, struct regex_scratch *sc, const char *subj,
    size_t len, size_t from)
{
	int rc;

	if (!budget_set(sc))
		return MATCH_LIMIT;
	rc = pcre2_match(code, (PCRE2_SPTR)subj, len, from, PCRE2_NO_UTF_CHECK, sc->md, sc->mc);
	charge(sc, rc, from, len > from ? len : from);
	return match_result_of(rc);
}

/*
 * One PCRE2 match of re's own code in subj[0..len) from `start`, which
 * may start a match at most at `last` (the offset limit in sc's match
 * context, or len); PCRE2's return code, the match in sc->md.
 *
 * Which engine: PCRE2's interpreter is ready at once, while its JIT first
 * makes machine code (about 150,000 instructions and a few fresh pages a
 * pattern: most of the time of a run over one report).  The JIT pays
 * back on a pattern that searches much, so a regex's searches run the
 * interpreter until they have been offered JIT_AFTER_WORK start
 * positions (JIT_SEARCH_WORK more for each search), then its JIT copy.
 * The answer does not depend on which ran: it is the interpreter's,
 * unless the interpreter stops at a limit, then the JIT's (PCRE2's two
 * engines count their limits differently, and a pattern may stop one and
 * not the other); when both stop, the interpreter's error.  So once the
 * JIT runs first, a search it stops is made again by the interpreter,
 * and one the interpreter stops is made again by the JIT.  (Where the two
 * engines give different answers with no limit met, a bug of PCRE2's,
 * the answer is that of the engine that ran: README, Regex engines.)
 */
static int
match_engines(struct regex *re, struct regex_scratch *sc, const char *subj, size_t len,
    size_t start, size_t last)
{
	const pcre2_code *code = code_of(re), *jc = NULL;
	int rc, rj;

	if (re->want_jit) {
		if (atomic_load_explicit(&re->jit_ready, memory_order_acquire)) {
			jc = re->jcode;
		} else {
			size_t w = (last > start ? last - start : 0) + 1 + JIT_SEARCH_WORK;

			if (atomic_fetch_add_explicit(&re->work, w, memory_order_relaxed) + w >=
			    JIT_AFTER_WORK)
				jc = jit_copy(re);
		}
		if (jc != NULL) {
			rj = pcre2_jit_match(jc, (PCRE2_SPTR)subj, len, start, PCRE2_NO_UTF_CHECK,
			    sc->md, sc->mc);
			if (!limit_rc(rj))
				return rj;
		}
	}
	rc = pcre2_match(code, (PCRE2_SPTR)subj, len, start, PCRE2_NO_UTF_CHECK, sc->md, sc->mc);
	if (!limit_rc(rc) || !re->want_jit || jc != NULL || (jc = jit_copy(re)) == NULL)
		return rc;
	rj = pcre2_jit_match(jc, (PCRE2_SPTR)subj, len, start, PCRE2_NO_UTF_CHECK, sc->md, sc->mc);
	return limit_rc(rj) ? rc : rj;
}

/* regex_next() for re's own code: match_engines from `from`. */
static enum match_result
plain_search(struct regex *re, struct regex_scratch *sc, const char *subj, size_t len,
    size_t from)
{
	int rc;

	if (!budget_set(sc))
		return MATCH_LIMIT;
	rc = match_engines(re, sc, subj, len, from, len > from ? len : from);
	charge(sc, rc, from, len > from ? len : from);
	return match_result_of(rc);
}

#define PF_NONE ((size_t)-2)
#define PF_MIN_SUBJECT 256 /* bytes: below this, regex_search is regex_next */

/*
 * First occurrence of literal l in s[from..len), or PF_NONE: memchr for
 * its rarest byte, then compare the rest.
 */
static size_t
find_literal(const char *s, size_t len, size_t from, const struct literal *l)
{
	size_t k = l->rare, i;

	if (from >= len || len - from < l->len)
		return PF_NONE;
	i = from + k;
	while (i + (l->len - k) <= len) {
		const char *p = memchr(s + i, (unsigned char)l->s[k], len - i - (l->len - k) + 1);

		if (p == NULL)
			return PF_NONE;
		i = (size_t)(p - s);
		{
			const char *c = s + i - k;
			size_t j = 0;

			while (j < l->len && c[j] == l->s[j])
				j++;
			if (j == l->len)
				return i - k;
		}
		i++;
	}
	return PF_NONE;
}

/*
 * The first place at or after `from` where ^ may match: the start, or just
 * after a CR or LF (a superset of PCRE2's rule; the attempt there decides).
 */
static size_t
next_line_start(const char *s, size_t len, size_t from)
{
	const char *lf, *cr;
	size_t i;

	if (from == 0)
		return 0;
	i = from - 1;
	if (i >= len)
		return PF_NONE;
	lf = memchr(s + i, '\n', len - i);
	cr = memchr(s + i, '\r', (size_t)((lf ? lf : s + len) - (s + i)));
	if (cr != NULL)
		return (size_t)(cr - s) + 1;
	return lf ? (size_t)(lf - s) + 1 : PF_NONE;
}

/* Next occurrence of entry e of the set (a literal, or n: a line start). */
static size_t
next_of(const struct litset *ls, size_t e, const char *subj, size_t len, size_t from)
{
	return e < ls->n ? find_literal(subj, len, from, &ls->v[e]) :
	    next_line_start(subj, len, from);
}

static void
heap_down(struct regex_scratch *sc, size_t i)
{
	const size_t n = sc->pf_nheap;

	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		unsigned char t;

		if (l < n && sc->pf_next[sc->pf_heap[l]] < sc->pf_next[sc->pf_heap[m]])
			m = l;
		if (r < n && sc->pf_next[sc->pf_heap[r]] < sc->pf_next[sc->pf_heap[m]])
			m = r;
		if (m == i)
			return;
		t = sc->pf_heap[i];
		sc->pf_heap[i] = sc->pf_heap[m];
		sc->pf_heap[m] = t;
		i = m;
	}
}

/* Whether a search from `from` would never start a match at `at`: it
 * lies between a CR and an LF (see no_crlf_start). */
static bool
crlf_inside(const struct regex *re, const char *subj, size_t len, size_t from, size_t at)
{
	return re->no_crlf_start && at > from && at < len && subj[at - 1] == '\r' &&
	    subj[at] == '\n';
}

/* One regex_search call: what an attempt at a candidate needs. */
struct attempt {
	struct regex *re;
	struct regex_scratch *sc;
	const char *subj;
	size_t len, from;
	size_t spent;             /* bytes searched again (skip_lines) */
	/* skip_anchored: the line the last candidate was on, [ln_start,
	 * ln_end) (ln_end: its line end, or len), and how far from its start
	 * it is known to hold no stop (ln_scan), or where its first stop is
	 * (ln_stop, when ln_stopped). */
	bool ln_valid, ln_stopped;
	size_t ln_start, ln_end, ln_scan;
};

/* try_at's answer when confirming candidates costs more than a plain search. */
#define ATTEMPT_GIVE_UP INT_MIN

/*
 * A search of subj[start..] that may start no later than `limit`.  A match
 * found starting between a CR and an LF where the pattern's own search
 * never starts one (crlf_inside) is passed over: with an offset limit,
 * PCRE2 may start one there (fuzz_regex: `^\n`, whose search of the whole
 * subject, JIT or not, starts none there).
 */
static int
search_until(struct attempt *a, size_t start, size_t limit)
{
	struct regex_scratch *sc = a->sc;
	int rc;

	for (;;) {
		size_t s;

		if (!budget_set(sc))
			return PCRE2_ERROR_MATCHLIMIT;
		pcre2_set_offset_limit(sc->mc, limit);
		rc = match_engines(a->re, sc, a->subj, a->len, start, limit > start ? limit : start);
		pcre2_set_offset_limit(sc->mc, PCRE2_UNSET);
		charge(sc, rc, start, limit > start ? limit : start);
		if (rc < 0)
			return rc;
		s = pcre2_get_ovector_pointer(sc->md)[0];
		if (!crlf_inside(a->re, a->subj, a->len, a->from, s))
			return rc;
		if (s >= limit)
			return PCRE2_ERROR_NOMATCH;
		start = s + 1;
	}
}

/* Whether the 3-byte character at p is CJK punctuation that no skip
 * branch of ls consumes (a restart place). */
static bool
cjk_stop(const struct litset *ls, const unsigned char *p)
{
	uint32_t cp;
	size_t i;

	if ((p[0] & 0xF0) != 0xE0)
		return false;
	cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
	if (!literal_cjk_punct(cp))
		return false;
	for (i = 0; i < ls->nskip_go; i++)
		if (ls->skip_go[i] == cp)
			return false;
	return true;
}

/* Whether a skip branch of ls may consume the character at subj[i..]. */
static bool
skip_stop_at(const struct litset *ls, const char *subj, size_t len, size_t i)
{
	unsigned char b = (unsigned char)subj[i];

	if (b < 0x80)
		return (ls->skip_stop[b / 8] >> (b % 8)) & 1;
	return ls->skip_stop_cjk && len - i >= 3 && cjk_stop(ls, (const unsigned char *)subj + i);
}

/*
 * Where a search for a skip_lines pattern may start for the candidate at
 * `at`: just after the last place before it that no skip branch's match
 * can hold (a line end at the latest), or `from`.
 */
static size_t
restart_point(const struct litset *ls, const char *subj, size_t from, size_t at)
{
	size_t i = at;

	while (i > from) {
		unsigned char b = (unsigned char)subj[i - 1];
		size_t c;

		if (b < 0x80) {
			if ((ls->skip_stop[b / 8] >> (b % 8)) & 1)
				return i;
			i--;
			continue;
		}
		c = utf8_back(subj, from, i - 1);
		if (ls->skip_stop_cjk && i - c == 3 && cjk_stop(ls, (const unsigned char *)subj + c))
			return i;
		i = c;
	}
	return i;
}

/* The first CR or LF in s[from..len), or len. */
static size_t
line_end(const char *s, size_t len, size_t from)
{
	const char *lf, *cr;

	if (from >= len)
		return len;
	lf = memchr(s + from, '\n', len - from);
	cr = memchr(s + from, '\r', (size_t)((lf ? lf : s + len) - (s + from)));
	return cr ? (size_t)(cr - s) : lf ? (size_t)(lf - s) : len;
}

/*
 * restart_point for a pattern whose skip branches all start with ^: none
 * starts inside a line, so a candidate is searched for from its line's
 * start (a superset of the places ^ matches: `from` when the line starts
 * before it) when nothing on the line before it stops a skip branch, and
 * on its own otherwise.  The line and its first stop are kept in the
 * attempt: candidates come in order.
 */
static size_t
anchored_start(struct attempt *a, size_t at)
{
	const struct litset *ls = a->re->lits;

	if (!a->ln_valid || at < a->ln_start || at > a->ln_end) {
		size_t s = a->ln_valid && at > a->ln_end ? a->ln_end + 1 : a->from, e;

		if (a->ln_valid && at < a->ln_start)
			s = a->from;
		for (;;) {
			e = line_end(a->subj, a->len, s);
			if (at <= e)
				break;
			s = e + 1;
		}
		a->ln_valid = true;
		a->ln_stopped = false;
		a->ln_start = a->ln_scan = s;
		a->ln_end = e;
	}
	while (!a->ln_stopped && a->ln_scan < at) {
		if (skip_stop_at(ls, a->subj, a->len, a->ln_scan))
			a->ln_stopped = true;
		else
			a->ln_scan += utf8_seq_len((unsigned char)a->subj[a->ln_scan]);
	}
	return a->ln_stopped && a->ln_scan < at ? at : a->ln_start;
}

/* Try the candidate at subj[at..]: a PCRE2 return code, or ATTEMPT_GIVE_UP. */
static int
try_at(struct attempt *a, size_t at)
{
	size_t start = at;

	if (a->re->lits->skip_lines) {
		/* From a place where a plain search from `from` would be in the
		 * same state (restart_point), but starting no later than `at`.
		 * Work beyond a constant times the plain search's is not done. */
		start = a->re->lits->skip_anchored ? anchored_start(a, at) :
		    restart_point(a->re->lits, a->subj, a->from, at);
		if (crlf_inside(a->re, a->subj, a->len, a->from, start))
			start++;
		a->spent += at - start;
		if (a->spent > 4 * (at - a->from) + 8192)
			return ATTEMPT_GIVE_UP;
	}
	return search_until(a, start, at);
}

/* Whether every branch's look-behind fails right after subj[at - 1]. */
static bool
excluded_after(const struct litset *ls, const char *subj, size_t at)
{
	unsigned char b;

	if (at == 0)
		return false;
	b = (unsigned char)subj[at - 1];
	return b < 0x80 && ((ls->not_after[b / 8] >> (b % 8)) & 1);
}

/* The first entry of c[0..n) at or after x, from a cursor k: searches
 * mostly move forward a little; a jump back or far ahead bisects. */
static size_t
seek(const uint32_t *c, size_t n, size_t k, size_t x)
{
	size_t l = 0, r = n;

	if (!((k > 0 && k <= n && c[k - 1] >= x) || k > n || (k + 16 < n && c[k + 16] < x))) {
		while (k < n && c[k] < x)
			k++;
		return k;
	}
	while (l < r) {
		size_t m = l + (r - l) / 2;

		if (c[m] < x)
			l = m + 1;
		else
			r = m;
	}
	return l;
}

/* Entries of c[0..n) in [lo, hi). */
static size_t
count_in(const uint32_t *c, size_t n, size_t lo, size_t hi)
{
	return seek(c, n, n + 1, hi) - seek(c, n, n + 1, lo);
}

/*
 * regex_search over the occurrences of the required literals: each match
 * starts at most req_off bytes before one, so the search from there,
 * limited to starts no later than the occurrence, finds the first match
 * there is; the places before the last occurrence tried are not tried
 * again.
 */
static int
search_window(struct attempt *a, int rslot)
{
	struct regex_scratch *sc = a->sc;
	const struct regex *re = a->re;
	size_t n, *cur = prescan_cursor(sc->ps, rslot), k;
	const uint32_t *c = prescan_list(sc->ps, rslot, &n);
	const size_t base = (size_t)(a->subj - sc->doc), lo = base + a->from, hi = base + a->len;
	size_t done = a->from;
	int rc;

	for (k = seek(c, n, *cur, lo); k < n && c[k] < hi; k++) {
		size_t q = c[k] - base, start = q > re->req_off ? q - re->req_off : 0;

		if (start < done)
			start = done;
		while (start < q && ((unsigned char)a->subj[start] & 0xC0) == 0x80)
			start++;
		if (crlf_inside(re, a->subj, a->len, a->from, start))
			start++;
		rc = search_until(a, start, q);
		if (rc != PCRE2_ERROR_NOMATCH) {
			*cur = k;
			return rc;
		}
		done = q + 1;
	}
	*cur = k;
	return PCRE2_ERROR_NOMATCH;
}

/*
 * regex_search over the document's shared candidate list (prescan.h):
 * subj lies inside the document, slot is the regex's.
 */
static int
search_listed(struct attempt *a, int slot)
{
	struct regex_scratch *sc = a->sc;
	const struct litset *ls = a->re->lits;
	size_t n, *cur = prescan_cursor(sc->ps, slot), k = *cur;
	const uint32_t *c = prescan_list(sc->ps, slot, &n);
	const size_t base = (size_t)(a->subj - sc->doc), lo = base + a->from, hi = base + a->len;
	int rc;

	/* ^ matches at the subject's start, which need not start a line of
	 * the document. */
	if (a->from == 0 && ls->line_start) {
		rc = try_at(a, 0);
		if (rc != PCRE2_ERROR_NOMATCH)
			return rc;
	}
	for (k = seek(c, n, k, lo); k < n && c[k] < hi; k++) {
		size_t at = c[k] - base;

		if (excluded_after(ls, a->subj, at) ||
		    crlf_inside(a->re, a->subj, a->len, a->from, at))
			continue;
		rc = try_at(a, at);
		if (rc != PCRE2_ERROR_NOMATCH) {
			*cur = k;
			return rc;
		}
	}
	*cur = k;
	return PCRE2_ERROR_NOMATCH;
}

/* regex_search with a memchr per literal, for subjects outside a prescanned
 * document: a heap of where each literal next occurs. */
static int
search_heap(struct attempt *a)
{
	struct regex_scratch *sc = a->sc;
	const struct litset *ls = a->re->lits;
	const char *subj = a->subj;
	size_t len = a->len, from = a->from, i;

	/* The remembered positions hold while one scan moves forward. */
	if (sc->pf_re != a->re || sc->pf_subj != subj || sc->pf_len != len ||
	    from <= sc->pf_from) {
		size_t n = ls->n + (ls->line_start ? 1 : 0);

		sc->pf_re = a->re;
		sc->pf_subj = subj;
		sc->pf_len = len;
		sc->pf_nheap = 0;
		for (i = 0; i < n; i++) {
			size_t e = i < ls->n ? i : ls->n;

			sc->pf_next[e] = next_of(ls, e, subj, len, from);
			if (sc->pf_next[e] != PF_NONE)
				sc->pf_heap[sc->pf_nheap++] = (unsigned char)e;
		}
		for (i = sc->pf_nheap / 2; i-- > 0;)
			heap_down(sc, i);
	}
	sc->pf_from = from;
	for (;;) {
		size_t best;
		int rc;

		/* Move the literals left behind on to their next place. */
		while (sc->pf_nheap && sc->pf_next[sc->pf_heap[0]] < from) {
			size_t e = sc->pf_heap[0];

			sc->pf_next[e] = next_of(ls, e, subj, len, from);
			if (sc->pf_next[e] == PF_NONE)
				sc->pf_heap[0] = sc->pf_heap[--sc->pf_nheap];
			heap_down(sc, 0);
		}
		if (sc->pf_nheap == 0)
			return PCRE2_ERROR_NOMATCH;
		best = sc->pf_next[sc->pf_heap[0]];
		if (excluded_after(ls, subj, best) || crlf_inside(a->re, subj, len, a->from, best)) {
			from = best + 1;
			continue;
		}
		rc = try_at(a, best);
		if (rc != PCRE2_ERROR_NOMATCH)
			return rc;
		from = best + 1;
	}
}

/* Entries of a slot's list in the document range [lo, hi). */
static size_t
slot_count(const struct regex_scratch *sc, int slot, size_t lo, size_t hi)
{
	size_t n;
	const uint32_t *c = prescan_list(sc->ps, slot, &n);

	return count_in(c, n, lo, hi);
}

enum match_result
regex_search(struct regex *re, const pcre2_code *code, struct regex_scratch *sc,
    const char *subj, size_t len, size_t from)
{
	struct attempt a = {re, sc, subj, len, from, 0, false, false, 0, 0, 0};
	int rc, slot = -1, nslot;
	bool in_doc = sc->doc != NULL && subj >= sc->doc && len <= sc->doclen &&
	    (size_t)(subj - sc->doc) <= sc->doclen - len;
	size_t base = in_doc ? (size_t)(subj - sc->doc) : 0;

	if (code != code_of(re))
		return regex_next(code, sc, subj, len, from); /* a variant */
	/* Short subjects go to PCRE2 (below): a regex that has only searched
	 * such is not worth reading for its prefilter yet. */
	if (len - from < PF_MIN_SUBJECT && from <= len &&
	    !atomic_load_explicit(&re->pf_ready, memory_order_acquire))
		return plain_search(re, sc, subj, len, from);
	prefilter_ready(re);
	/* No string the pattern needs from `from` on: no match. */
	if (in_doc && re->need != NULL &&
	    (nslot = prescan_slot(sc->ps, re->need, re->need)) >= 0 &&
	    slot_count(sc, nslot, base + from, base + len) == 0)
		return MATCH_NONE;
	if (re->lits == NULL || from >= len)
		return plain_search(re, sc, subj, len, from);
	if (in_doc && re->req_first) {
		int rslot = len - from < PF_MIN_SUBJECT ? prescan_known_slot(sc->ps, re->req, re->req) :
		    prescan_slot(sc->ps, re->req, re->req);

		if (rslot >= 0)
			return match_result_of(search_window(&a, rslot));
		if (len - from < PF_MIN_SUBJECT)
			return plain_search(re, sc, subj, len, from);
	}
	/* A short subject is quicker for PCRE2 alone than for the set-up of
	 * the literal search, or than for adding the regex to the shared
	 * pass; once it is there, its list serves any subject. */
	if (len - from < PF_MIN_SUBJECT) {
		if (!in_doc || (slot = prescan_known_slot(sc->ps, re, re->lits)) < 0)
			return plain_search(re, sc, subj, len, from);
	} else if (in_doc) {
		slot = prescan_slot(sc->ps, re, re->lits);
	}
	if (slot >= 0 && re->req != NULL) {
		/* Where the required literals are fewer than the starts (by
		 * half), search before each of them instead. */
		int rslot = prescan_slot(sc->ps, re->req, re->req);

		if (rslot >= 0 && 2 * slot_count(sc, rslot, base + from, base + len) <
		    slot_count(sc, slot, base + from, base + len))
			return match_result_of(search_window(&a, rslot));
	}
	rc = slot >= 0 ? search_listed(&a, slot) : search_heap(&a);
	if (rc == ATTEMPT_GIVE_UP)
		return plain_search(re, sc, subj, len, from);
	return match_result_of(rc);
}

bool
regex_may_match(struct regex *re, const pcre2_code *code, struct regex_scratch *sc,
    const char *subj, size_t len)
{
	const uint32_t *c;
	size_t n, base;
	int slot, rslot;

	if (code != code_of(re) || sc->doc == NULL || subj < sc->doc || len > sc->doclen ||
	    (size_t)(subj - sc->doc) > sc->doclen - len)
		return true;
	prefilter_ready(re);
	/* A ^ branch matches at any subject's start, listed or not. */
	if (re->lits == NULL || re->lits->line_start)
		return true;
	base = (size_t)(subj - sc->doc);
	if (re->req_first) {
		if ((rslot = prescan_slot(sc->ps, re->req, re->req)) < 0)
			return true;
		c = prescan_list(sc->ps, rslot, &n);
		return count_in(c, n, base, base + len) > 0;
	}
	if ((slot = prescan_slot(sc->ps, re, re->lits)) < 0)
		return true;
	c = prescan_list(sc->ps, slot, &n);
	/* A match holds one of its required literals too: the shorter list. */
	if (re->req != NULL && (rslot = prescan_slot(sc->ps, re->req, re->req)) >= 0) {
		size_t nr;
		const uint32_t *r = prescan_list(sc->ps, rslot, &nr);

		if (nr < n) {
			c = r;
			n = nr;
		}
	}
	return count_in(c, n, base, base + len) > 0;
}

size_t
regex_scratch_next_literal(struct regex_scratch *sc, const void *key, const struct litset *ls,
    const char *text, size_t from, size_t to)
{
	unsigned char first[32] = {0};
	size_t i, j;
	int slot;

	if (from >= to)
		return to;
	if (text == sc->doc && sc->doc != NULL && to <= sc->doclen) {
		/* The same key again in this document: its slot as before. */
		if (sc->nl_key == key && sc->nl_gen == sc->docgen) {
			slot = sc->nl_slot;
		} else {
			slot = prescan_slot(sc->ps, key, ls);
			sc->nl_key = key;
			sc->nl_slot = slot;
			sc->nl_gen = sc->docgen;
		}
	} else {
		slot = -1;
	}
	if (slot >= 0) {
		size_t n, *cur = prescan_cursor(sc->ps, slot);
		const uint32_t *c = prescan_list(sc->ps, slot, &n);

		*cur = seek(c, n, *cur, from);
		return *cur < n && c[*cur] < to ? c[*cur] : to;
	}
	/* Read here: a literal's first byte starts a character (UTF-8), so
	 * each byte may be tried. */
	for (j = 0; j < ls->n; j++)
		first[(unsigned char)ls->v[j].s[0] / 8] |=
		    (unsigned char)(1u << ((unsigned char)ls->v[j].s[0] % 8));
	for (i = from; i < to; i++) {
		unsigned char b = (unsigned char)text[i];

		if (!((first[b / 8] >> (b % 8)) & 1))
			continue;
		for (j = 0; j < ls->n; j++)
			if (ls->v[j].len <= to - i && memcmp(text + i, ls->v[j].s, ls->v[j].len) == 0)
				return i;
	}
	return to;
}

bool
regex_group(const struct regex_scratch *sc, unsigned g, size_t *start, size_t *end)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);

	if (g >= pcre2_get_ovector_count(sc->md) || ov[2 * g] == PCRE2_UNSET)
		return false;
	*start = (size_t)ov[2 * g];
	*end = (size_t)ov[2 * g + 1];
	return true;
}

#define STR_(x) #x
#define STR(x) STR_(x)
#define TEMPLATE_DEPTH_STR STR(TEMPLATE_MAX_DEPTH)

/* Where a template's groups come from: the last match (sc, subj), or a
 * list of arguments for $1..$9 (args, nargs). */
struct tsource {
	const struct regex_scratch *sc;
	const char *subj;
	const char *const *args;
	size_t nargs;
	const struct vars *v;
};

/* Group g's text for a plain reference `$N` or `${N}` (`brace`); false when
 * it has none (an argument list fills only the plain $1..$9). */
static bool
group_text(const struct tsource *src, unsigned g, bool brace, const char **p, size_t *n)
{
	size_t s, e;

	if (src->sc) {
		if (!regex_group(src->sc, g, &s, &e))
			return false;
		*p = src->subj + s;
		*n = e - s;
		return true;
	}
	if (brace || g == 0 || g > src->nargs || src->args[g - 1] == NULL)
		return false;
	*p = src->args[g - 1];
	*n = strlen(*p);
	return true;
}

/* Template text t[0..n) without `$` constructs: its pack variables are
 * expanded here, in the template's own text only (never in a group's or an
 * argument's text, which is copied as it is). */
static void
put_text(struct buf *b, const char *t, size_t n, const struct vars *v)
{
	size_t i = 0, k, w;

	while (i < n) {
		const char *o = memchr(t + i, '{', n - i);

		if (o == NULL) {
			buf_append(b, t + i, n - i);
			return;
		}
		k = (size_t)(o - t);
		buf_append(b, t + i, k - i);
		i = k;
		w = var_len_at(t + i, n - i, v ? &k : NULL);
		if (w == 0 || v == NULL) {
			buf_putc(b, '{');
			i++;
			continue;
		}
		switch (k) {
		case 0: buf_printf(b, "%d", v->report_year); break;
		case 1: buf_printf(b, "%d", v->report_year + 1); break;
		case 2: buf_printf(b, "%d", v->report_year - 1); break;
		default: buf_puts(b, v->issuer); break;
		}
		i += w;
	}
}

/*
 * Expand t[0..n) into b: $N, ${N}, ${N:+text} (text, itself expanded, when
 * group N took part in the match) and $$.  `depth`: conditionals around
 * this text.  With `check` nothing is written to b and every
 * conditional is entered: the first problem is returned (its offset in
 * *bad), else NULL.  A template that passes template_check expands in
 * time and stack bounded by its length times TEMPLATE_MAX_DEPTH; one that
 * does not still expands, conditionals deeper than that being dropped.
 */
static const char *
expand_into(struct buf *b, const char *t, size_t n, const struct tsource *src,
    unsigned depth, bool check, size_t *bad)
{
	size_t i = 0;

	while (i < n) {
		if (t[i] == '$' && i + 1 < n && t[i + 1] == '$') {
			if (!check)
				buf_putc(b, '$');
			i += 2;
		} else if (t[i] == '$' && i + 1 < n && (t[i + 1] >= '0' && t[i + 1] <= '9')) {
			const char *p;
			size_t len;

			if (!check && group_text(src, (unsigned)(t[i + 1] - '0'), false, &p, &len))
				buf_append(b, p, len);
			i += 2;
		} else if (t[i] == '$' && i + 1 < n && t[i + 1] == '{') {
			unsigned g = 0;
			size_t j = i + 2;

			while (j < n && t[j] >= '0' && t[j] <= '9' && g < 1000)
				g = g * 10 + (unsigned)(t[j++] - '0');
			if (j < n && t[j] == '}') {
				const char *p;
				size_t len;

				if (!check && group_text(src, g, true, &p, &len))
					buf_append(b, p, len);
				i = j + 1;
			} else if (j + 1 < n && t[j] == ':' && t[j + 1] == '+') {
				/* Conditional text up to the matching brace. */
				size_t k = j + 2, depth_b = 1, s, e;

				while (k < n) {
					if (t[k] == '{')
						depth_b++;
					else if (t[k] == '}' && --depth_b == 0)
						break;
					k++;
				}
				if (k >= n) {
					if (check) {
						*bad = i;
						return "a conditional ${N:+...} without its closing brace";
					}
					buf_putc(b, t[i++]);
					continue;
				}
				if (depth + 1 > TEMPLATE_MAX_DEPTH) {
					if (check) {
						*bad = i;
						return "conditionals ${N:+...} nested more than " TEMPLATE_DEPTH_STR " deep";
					}
				} else if (check) {
					const char *why = expand_into(b, t + j + 2, k - (j + 2), src,
					    depth + 1, true, bad);

					if (why) {
						*bad += j + 2;
						return why;
					}
				} else if (src->sc && regex_group(src->sc, g, &s, &e)) {
					expand_into(b, t + j + 2, k - (j + 2), src, depth + 1, false, bad);
				}
				i = k + 1;
			} else {
				if (!check)
					buf_putc(b, t[i]);
				i++;
			}
		} else {
			/* Plain text up to the next $, in one piece. */
			const char *d = memchr(t + i + 1, '$', n - i - 1);
			size_t j = d ? (size_t)(d - t) : n;

			if (!check)
				put_text(b, t + i, j - i, src->v);
			i = j;
		}
	}
	return NULL;
}

const char *
template_check(const char *t, size_t *bad)
{
	struct tsource src = {0};
	struct buf unused = {0}; /* a check writes nothing */

	*bad = 0;
	return expand_into(&unused, t, strlen(t), &src, 0, true, bad);
}

char *
template_expand(const char *t, const struct regex_scratch *sc, const char *subj,
    const struct vars *v)
{
	struct tsource src = {.sc = sc, .subj = subj, .v = v};
	struct buf b = {0};
	size_t bad;

	buf_puts(&b, "");
	expand_into(&b, t, strlen(t), &src, 0, false, &bad);
	return buf_steal(&b);
}

char *
template_expand_args(const char *t, const char *const *args, size_t nargs,
    const struct vars *v)
{
	struct tsource src = {.args = args, .nargs = nargs, .v = v};
	struct buf b = {0};
	size_t bad;

	buf_puts(&b, "");
	expand_into(&b, t, strlen(t), &src, 0, false, &bad);
	return buf_steal(&b);
}
