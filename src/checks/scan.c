/* SPDX-License-Identifier: MIT */
/** \file scan.c
 * \brief Running one regex over the spans of a scope.
 */
#include "kinds.h"

#include <stdio.h>
#include <stdlib.h>

#include "../document.h"
#include "../pack.h"
#include "../utf8.h"
#include "../util.h"

int
scan_compile(const char *pattern, struct regex **re, struct compile_err *e)
{
	char *err = NULL;
	size_t off = (size_t)-1;

	*re = regex_new(pattern, &err, &off);
	if (*re == NULL) {
		e->key = "pattern";
		e->offset = off;
		snprintf(e->msg, sizeof e->msg, "bad regex: %s", err ? err : "?");
		free(err);
		return -1;
	}
	return 0;
}

bool
scan_spans(const struct rule *r, struct regex *re, struct check_ctx *ctx,
    bool (*each)(const struct rule *, struct check_ctx *, const char *, size_t, void *),
    void *arg)
{
	const pcre2_code *code = regex_code(re, ctx->scratch, ctx->vars);
	const char *text = doc_text(ctx->doc);
	const struct span *sp;
	size_t i, n;

	if (code == NULL)
		return true; /* a year it needs is unknown: reported once elsewhere */
	sp = outline_scope(ctx->ol, r->scope, &n);
	for (i = 0; i < n; i++) {
		const char *subj = text + sp[i].start;
		size_t len = sp[i].end - sp[i].start, from = 0;

		while (from <= len) {
			size_t s, e;

			switch (regex_search(re, code, ctx->scratch, subj, len, from)) {
			case MATCH_NONE:
				from = len + 1;
				continue;
			case MATCH_LIMIT:
			case MATCH_ERROR:
				check_limit(ctx, r, sp[i].start + from);
				return false;
			case MATCH_FOUND:
				break;
			}
			if (!each(r, ctx, subj, sp[i].start, arg))
				return false;
			regex_group(ctx->scratch, 0, &s, &e);
			if (e > s) {
				from = e;
			} else {
				/* Empty match: step one character on. */
				from = e < len ? utf8_fwd(subj, e, len) : e + 1;
			}
		}
	}
	return true;
}

int
relist_compile(char **pats, unsigned n, const char *key, bool jit, struct relist *out,
    unsigned *vars, struct compile_err *e)
{
	unsigned i;

	out->v = n ? xcalloc(n, sizeof *out->v) : NULL;
	out->n = 0;
	for (i = 0; i < n; i++) {
		char *err = NULL;
		size_t off = (size_t)-1;
		struct regex *re = regex_new_jit(pats[i], jit, &err, &off);

		if (re == NULL) {
			snprintf(e->keybuf, sizeof e->keybuf, "%s[%u]", key, i);
			e->key = e->keybuf;
			e->offset = off;
			e->value = pats[i];
			snprintf(e->msg, sizeof e->msg, "bad regex: %s", err ? err : "?");
			free(err);
			relist_free(out);
			return -1;
		}
		*vars |= regex_vars(re);
		out->v[out->n++] = re;
	}
	return 0;
}

void
relist_free(struct relist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		regex_free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int
relist_find(const struct relist *l, struct check_ctx *ctx, const char *subj, size_t len,
    size_t from, size_t *ms, size_t *me)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const pcre2_code *code = regex_code(l->v[i], ctx->scratch, ctx->vars);

		if (code == NULL)
			continue;
		switch (regex_search(l->v[i], code, ctx->scratch, subj, len, from)) {
		case MATCH_FOUND:
			regex_group(ctx->scratch, 0, ms, me);
			return 1;
		case MATCH_NONE:
			break;
		default:
			return -1;
		}
	}
	return 0;
}

int
pattern_compile_opt(const char *pat, const char *key, struct regex **re, unsigned *vars,
    struct compile_err *e)
{
	char *err = NULL;
	size_t off = (size_t)-1;

	*re = NULL;
	if (pat == NULL)
		return 0;
	*re = regex_new(pat, &err, &off);
	if (*re == NULL) {
		e->key = key;
		e->offset = off;
		e->value = pat;
		snprintf(e->msg, sizeof e->msg, "bad regex: %s", err ? err : "?");
		free(err);
		return -1;
	}
	*vars |= regex_vars(*re);
	return 0;
}

int
link_id(struct ruleset *rs, const char *id, const char *key, const struct rule **out,
    struct compile_err *e)
{
	const struct rule *r;

	*out = NULL;
	if (id == NULL)
		return 0;
	r = ruleset_find(rs, id);
	if (r == NULL || r->kind != &kind_section) {
		e->key = key;
		snprintf(e->msg, sizeof e->msg, "'%s' is not a rule of kind section in the "
		    "loaded packs", id);
		return -1;
	}
	*out = r;
	return 0;
}

int
link_ids(struct ruleset *rs, char **ids, unsigned n, const char *key,
    const struct rule ***out, size_t *nout, struct compile_err *e)
{
	unsigned i;

	*out = n ? xcalloc(n, sizeof **out) : NULL;
	*nout = n;
	for (i = 0; i < n; i++)
		if (link_id(rs, ids[i], key, &(*out)[i], e) != 0)
			return -1;
	return 0;
}

size_t
missing_anchor(const struct check_ctx *ctx)
{
	return outline_anchor(ctx->ol);
}

void
scan_scope_lines(const struct rule *r, struct check_ctx *ctx,
    void (*each)(const struct rule *, struct check_ctx *, size_t, size_t, size_t, void *),
    void *arg)
{
	const struct span *sp;
	size_t i, ns, nlines = doc_line_count(ctx->doc);

	sp = outline_scope(ctx->ol, r->scope, &ns);
	for (i = 0; i < ns; i++) {
		size_t l = doc_line_of(ctx->doc, sp[i].start);
		size_t last = doc_line_of(ctx->doc, sp[i].end);

		for (; l <= last && l < nlines; l++) {
			size_t a, b;

			doc_line_span(ctx->doc, l, &a, &b);
			if (a < sp[i].start)
				a = sp[i].start;
			if (b > sp[i].end)
				b = sp[i].end;
			if (a < b)
				each(r, ctx, l, a, b, arg);
		}
	}
}
