/* SPDX-License-Identifier: MIT */
/** \file scan.c
 * \brief Running one regex over the spans of a scope.
 */
#include "kinds.h"

#include <stdio.h>
#include <stdlib.h>

#include "../document.h"
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
	const pcre2_code *code = regex_code(re, ctx->vars);
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
				from = e + 1;
				while (from < len && ((unsigned char)subj[from] & 0xC0) == 0x80)
					from++;
			}
		}
	}
	return true;
}
