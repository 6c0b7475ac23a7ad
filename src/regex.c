/* SPDX-License-Identifier: MIT */
/** \file regex.c
 * \brief PCRE2 wrapper: compile once, cache per variable values, match with
 *        limits.
 */
#include "regex.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Limits that keep a pathological pattern from hanging a run. */
#define MATCH_CALLS_MAX 2000000u
#define DEPTH_MAX 20000u

static const char *const var_names[] = {"report_year", "next_year", "prev_year", "issuer"};

static unsigned
var_bit(size_t i)
{
	return i == 3 ? VAR_ISSUER : VAR_YEAR;
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

struct variant {
	int year;
	char *issuer;
	pcre2_code *code;
};

struct regex {
	char *pattern;
	unsigned vars;
	pcre2_code *code;          /* when vars == 0 */
	pthread_mutex_t lock;
	struct variant *var;
	size_t nvar, capvar;
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

static pcre2_code *
compile(const char *pat, char **err, size_t *err_off)
{
	pcre2_compile_context *cc = compile_ctx();
	int ec;
	PCRE2_SIZE off;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE, &ec, &off, cc);

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
	/* JIT is an optimisation: a machine without it still matches. */
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	return code;
}

struct regex *
regex_new(const char *pattern, char **err, size_t *err_off)
{
	struct regex *re;
	pcre2_code *code;
	unsigned bits = vars_used(pattern);

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
	} else {
		code = compile(pattern, err, err_off);
		if (code == NULL)
			return NULL;
	}
	re = xcalloc(1, sizeof *re);
	re->pattern = xstrdup(pattern);
	re->vars = bits;
	re->code = code;
	pthread_mutex_init(&re->lock, NULL);
	return re;
}

void
regex_free(struct regex *re)
{
	size_t i;

	if (re == NULL)
		return;
	pcre2_code_free(re->code);
	for (i = 0; i < re->nvar; i++) {
		pcre2_code_free(re->var[i].code);
		free(re->var[i].issuer);
	}
	free(re->var);
	free(re->pattern);
	pthread_mutex_destroy(&re->lock);
	free(re);
}

unsigned
regex_vars(const struct regex *re)
{
	return re->vars;
}

const pcre2_code *
regex_code(struct regex *re, const struct vars *v)
{
	const pcre2_code *code = NULL;
	const char *issuer = (re->vars & VAR_ISSUER) ? v->issuer : "";
	int year = (re->vars & VAR_YEAR) ? v->report_year : 0;
	size_t i;

	if (re->vars == 0)
		return re->code;
	if ((re->vars & VAR_YEAR) && v->report_year == 0)
		return NULL;
	pthread_mutex_lock(&re->lock);
	for (i = 0; i < re->nvar; i++)
		if (re->var[i].year == year && strcmp(re->var[i].issuer, issuer) == 0) {
			code = re->var[i].code;
			break;
		}
	if (code == NULL) {
		char *x = vars_expand(re->pattern, v, true, NULL);
		pcre2_code *c = compile(x, NULL, NULL);

		free(x);
		if (c != NULL) {
			re->var = xgrow(re->var, &re->capvar, re->nvar + 1, sizeof *re->var);
			re->var[re->nvar].year = year;
			re->var[re->nvar].issuer = xstrdup(issuer);
			re->var[re->nvar].code = c;
			re->nvar++;
			code = c;
		}
	}
	pthread_mutex_unlock(&re->lock);
	return code;
}

struct regex_scratch {
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_jit_stack *js;
};

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
	pcre2_jit_stack_assign(sc->mc, NULL, sc->js);
	return sc;
}

void
regex_scratch_free(struct regex_scratch *sc)
{
	if (sc == NULL)
		return;
	pcre2_match_data_free(sc->md);
	pcre2_match_context_free(sc->mc);
	pcre2_jit_stack_free(sc->js);
	free(sc);
}

enum match_result
regex_next(const pcre2_code *code, struct regex_scratch *sc, const char *subj,
    size_t len, size_t from)
{
	int rc = pcre2_match(code, (PCRE2_SPTR)subj, len, from, PCRE2_NO_UTF_CHECK,
	    sc->md, sc->mc);

	if (rc > 0)
		return MATCH_FOUND;
	if (rc == 0)
		return MATCH_FOUND; /* ovector too small: groups beyond 32 unset */
	if (rc == PCRE2_ERROR_NOMATCH)
		return MATCH_NONE;
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT)
		return MATCH_LIMIT;
	return MATCH_ERROR;
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

char *
template_expand(const char *t, const struct regex_scratch *sc, const char *subj,
    const struct vars *v)
{
	struct buf b = {0};
	char *out;
	size_t i = 0;

	buf_puts(&b, "");
	while (t[i]) {
		if (t[i] == '$' && t[i + 1] == '$') {
			buf_putc(&b, '$');
			i += 2;
		} else if (t[i] == '$' && (t[i + 1] >= '0' && t[i + 1] <= '9')) {
			size_t s, e;

			if (sc && regex_group(sc, (unsigned)(t[i + 1] - '0'), &s, &e))
				buf_append(&b, subj + s, e - s);
			i += 2;
		} else if (t[i] == '$' && t[i + 1] == '{') {
			unsigned g = 0;
			size_t j = i + 2, s, e;

			while (t[j] >= '0' && t[j] <= '9' && g < 1000)
				g = g * 10 + (unsigned)(t[j++] - '0');
			if (t[j] == '}') {
				if (sc && regex_group(sc, g, &s, &e))
					buf_append(&b, subj + s, e - s);
				i = j + 1;
			} else {
				buf_putc(&b, t[i++]);
			}
		} else {
			buf_putc(&b, t[i++]);
		}
	}
	out = vars_used(b.data) ? vars_expand(b.data, v, false, NULL) : NULL;
	if (out) {
		buf_free(&b);
		return out;
	}
	return buf_steal(&b);
}
