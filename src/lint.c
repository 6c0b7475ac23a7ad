/* SPDX-License-Identifier: MIT */
/** \file lint.c
 * \brief The pipeline for one file.
 */
#include "lint.h"

#include <string.h>

#include "check.h"
#include "util.h"

/* The pipeline after decode(); `failed`: a forced encoding did not fit. */
static void
lint_decoded(struct ruleset *rs, const struct lint_settings *ls, const char *path,
    struct decoded dec, bool failed, struct regex_scratch *sc, struct lint_result *out)
{
	struct check_ctx ctx;
	struct vars vars;
	size_t i;
	bool year_missing = false;

	memset(out, 0, sizeof *out);
	out->findings = findings_new();
	if (failed) {
		/* No converter for a forced encoding: the UTF-8 reading is
		 * linted and the failure reported at the start. */
		findings_add(out->findings, 0, 0, RULE_INPUT_ENCODING, SEV_ERROR,
		    xasprintf("cannot decode %s here (no iconv converter); read as UTF-8 "
		    "instead", encoding_label(ls->encoding)), NULL);
	}
	out->enc = dec.enc;
	out->bom = dec.bom;
	if (dec.binary && !ls->binary) {
		out->binary = true;
		decoded_free(&dec);
		return;
	}
	for (i = 0; i < dec.nbad; i++) {
		const struct decode_bad *b = &dec.bad[i];
		char *msg;

		if (b->kind == BAD_NUL)
			msg = xasprintf("NUL character%s in the text (%zu at file offset %zu), "
			    "read as U+001A; the rest of the file is still checked",
			    b->len == 1 ? "" : "s", b->len, b->in_offset);
		else
			msg = xasprintf("invalid %s (%zu byte%s at file offset %zu); "
			    "the rest of the file is still checked", encoding_label(dec.enc),
			    b->in_len, b->in_len == 1 ? "" : "s", b->in_offset);
		findings_add(out->findings, b->offset, b->offset + b->len,
		    RULE_INPUT_ENCODING, SEV_ERROR, msg, NULL);
	}
	out->nbad = dec.nbad;
	free(dec.bad);
	out->doc = doc_new(path, dec.text, dec.len);
	out->ol = outline_build(out->doc);

	vars.report_year = ls->year ? ls->year : outline_report_year(out->ol);
	vars.issuer = ls->issuer ? ls->issuer : outline_issuer(out->ol);
	out->report_year = vars.report_year;

	ctx.doc = out->doc;
	ctx.ol = out->ol;
	ctx.vars = &vars;
	ctx.scratch = sc;
	ctx.out = out->findings;
	ctx.cache = NULL;
	ctx.issuer_type = ls->issuer_type;
	regex_scratch_doc(sc, doc_text(out->doc), doc_len(out->doc));
	for (i = 0; i < ruleset_count(rs); i++) {
		struct rule *r = ruleset_rule(rs, i);

		if (ls->enabled ? !ls->enabled[i] : !r->enabled)
			continue;
		if ((r->vars & VAR_YEAR) && vars.report_year == 0) {
			year_missing = true;
			continue;
		}
		regex_scratch_rule(sc);
		r->kind->run(r, &ctx);
	}
	check_cache_free(&ctx);
	regex_scratch_doc(sc, NULL, 0);
	if (year_missing) {
		size_t n;
		const struct span *sp = outline_scope(out->ol, SCOPE_TITLE, &n);
		size_t at = n ? sp[0].start : 0;

		findings_add(out->findings, at, at, RULE_YEAR_UNKNOWN, SEV_INFO,
		    xstrdup("report year unknown (no year in the title or the opening "
		    "sentence): rules that depend on it were skipped; use --year"), NULL);
	}
	findings_sort(out->findings);
}

void
lint_bytes(struct ruleset *rs, const struct lint_settings *ls, const char *path,
    const unsigned char *data, size_t len, struct regex_scratch *sc,
    struct lint_result *out)
{
	struct decoded dec;
	int rc = decode(data, len, ls->encoding, &dec);

	lint_decoded(rs, ls, path, dec, rc != 0, sc, out);
}

void
lint_owned(struct ruleset *rs, const struct lint_settings *ls, const char *path,
    unsigned char *data, size_t len, struct regex_scratch *sc, struct lint_result *out)
{
	struct decoded dec;
	int rc = decode_owned(data, len, ls->encoding, &dec);

	lint_decoded(rs, ls, path, dec, rc != 0, sc, out);
}

void
lint_result_free(struct lint_result *res)
{
	findings_free(res->findings);
	outline_free(res->ol);
	doc_free(res->doc);
	memset(res, 0, sizeof *res);
}
