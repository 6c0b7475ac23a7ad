/* SPDX-License-Identifier: MIT */
/** \file lint.c
 * \brief The pipeline for one file.
 */
#include "lint.h"

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "engine.h"
#include "overlap.h"
#include "input/markdown.h"
#include "util.h"

/* Engine rule `id` (engine.h) if it runs under ls, else NULL. */
static const struct rule *
engine_rule(struct ruleset *rs, const struct lint_settings *ls, const char *id)
{
	struct rule *r = ruleset_find(rs, id);
	size_t i;

	if (r == NULL)
		return NULL;
	i = (size_t)(r - ruleset_rule(rs, 0));
	return !ls->enabled || ls->enabled[i] ? r : NULL;
}

/* A finding of engine message m (if its rule r runs). */
static void
engine_add(struct findings *out, struct ruleset *rs, const struct lint_settings *ls,
    const struct rule *r, size_t start, size_t end, enum engine_msg m,
    const char *const *args, size_t nargs)
{
	enum severity user;

	if (r == NULL)
		return;
	user = ls->sev ? ls->sev[r - ruleset_rule(rs, 0)] : SEV_NONE;
	findings_add(out, start, end, r->id, check_severity(r, user, SEV_NONE),
	    engine_message(m, args, nargs), NULL);
}

static const char *const content_rules[CONTENT__COUNT] = {
	"section-achievements", "section-shortcomings", "shortcomings-causes",
	"responsibility-content", "section-next-year-plan", "next-year-plan-year"
};

const char *
content_item_rule(enum content_item c)
{
	return content_rules[c];
}

static bool
has_finding(const struct findings *fs, const char *id)
{
	size_t i;

	for (i = 0; i < findings_count(fs); i++)
		if (strcmp(findings_get(fs, i).rule, id) == 0)
			return true;
	return false;
}

static bool
calendar_date(int y, int m, int d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

/*
 * The facts of out (lint.h, struct lint_facts), once the rules have run:
 * the content matrix is the verdict of each item's rule (absent, disabled
 * or waiting for the unknown year: unchecked; a finding: missing; else
 * present), 原因 and the plan's year taking the mark of the item they lie
 * in unless it is present (shortcomings-causes looks inside the 不足
 * section, next-year-plan-year at the plan's heading); the window status is date-timing's verdict, early or late by the side
 * of New Year the date falls on (the window spans it).
 */
static void
make_facts(struct ruleset *rs, const struct lint_settings *ls, const struct vars *vars,
    struct regex_scratch *sc, struct lint_result *out)
{
	struct lint_facts *lf = &out->facts;
	const struct ol_date *dt = outline_date(out->ol);
	const struct rule *r;
	size_t c;

	lf->issuer = xstrdup(vars->issuer ? vars->issuer : "");
	lf->report_year = vars->report_year;
	if (ls->issuer_type)
		lf->issuer_type = strcmp(ls->issuer_type, "department") == 0 ? ISSUER_DEPARTMENT :
		    ISSUER_GOVERNMENT;
	else
		lf->issuer_type = date_issuer_type_sc(rs, out->doc, out->ol, sc);
	if (dt) {
		lf->date_y = dt->y;
		lf->date_m = dt->m;
		lf->date_d = dt->d;
	}
	for (c = 0; c < CONTENT__COUNT; c++) {
		r = engine_rule(rs, ls, content_rules[c]);
		if (r == NULL || ((r->vars & VAR_YEAR) && vars->report_year == 0))
			lf->content[c] = CONTENT_UNCHECKED;
		else
			lf->content[c] = has_finding(out->findings, r->id) ? CONTENT_MISSING :
			    CONTENT_PRESENT;
	}
	if (lf->content[CONTENT_SHORTCOMINGS] != CONTENT_PRESENT)
		lf->content[CONTENT_CAUSES] = lf->content[CONTENT_SHORTCOMINGS];
	if (lf->content[CONTENT_PLAN] != CONTENT_PRESENT)
		lf->content[CONTENT_PLAN_YEAR] = lf->content[CONTENT_PLAN];
	r = engine_rule(rs, ls, "date-timing");
	if (r == NULL)
		lf->window = WINDOW_UNCHECKED;
	else if (dt == NULL)
		lf->window = WINDOW_NO_DATE;
	else if (vars->report_year == 0)
		lf->window = WINDOW_NO_YEAR;
	else if (!calendar_date(dt->y, dt->m, dt->d))
		lf->window = WINDOW_BAD_DATE;
	else if (!has_finding(out->findings, r->id))
		lf->window = WINDOW_IN;
	else
		lf->window = dt->y <= vars->report_year ? WINDOW_EARLY : WINDOW_LATE;
}

/* The pipeline after extract(): x's text and origin are taken over;
 * rc and err are extract's answer. */
static void
lint_extracted(struct ruleset *rs, const struct lint_settings *ls, const char *path,
    int rc, struct extracted *x, char *err, struct regex_scratch *sc, struct lint_result *out)
{
	struct check_ctx ctx;
	struct vars vars;
	size_t i;
	bool year_missing = false;
	const struct rule *enc_rule = engine_rule(rs, ls, RULE_INPUT_ENCODING);
	struct decoded dec = x->dec;

	memset(out, 0, sizeof *out);
	out->findings = findings_new();
	out->format = x->format;
	if (rc != 0) {
		out->error = err;
		return;
	}
	if (x->no_converter) {
		/* No converter for a forced encoding: the UTF-8 reading is
		 * linted and the failure reported at the start. */
		const char *args[1] = {encoding_label(ls->encoding)};

		engine_add(out->findings, rs, ls, enc_rule, 0, 0, EMSG_NO_CONVERTER, args, 1);
	}
	out->enc = dec.enc;
	out->bom = dec.bom;
	if (dec.binary && !ls->binary) {
		out->binary = true;
		extracted_free(x);
		return;
	}
	/* A Markdown file: its text as the rules see it, with the map back to
	 * the Markdown source; the decoding's spans below are offsets into
	 * that source, moved into the text (doc_from_source). */
	if (x->format == INPUT_TEXT && !ls->as_text && md_name(path)) {
		out->format = INPUT_MARKDOWN;
		out->doc = md_document(path, dec.text, dec.len);
	} else {
		out->doc = doc_new(path, dec.text, dec.len);
		doc_set_origin(out->doc, x->origin);
	}
	for (i = 0; i < dec.nbad; i++) {
		const struct decode_bad *b = &dec.bad[i];
		size_t at = doc_from_source(out->doc, b->offset);
		size_t to = doc_from_source(out->doc, b->offset + b->len);
		char n[24], off[24];

		snprintf(off, sizeof off, "%zu", b->in_offset);
		if (b->kind == BAD_NUL) {
			const char *args[2] = {n, off};

			snprintf(n, sizeof n, "%zu", b->len);
			engine_add(out->findings, rs, ls, enc_rule, at, to, EMSG_NUL, args, 2);
		} else {
			const char *args[3] = {encoding_label(dec.enc), n, off};

			snprintf(n, sizeof n, "%zu", b->in_len);
			engine_add(out->findings, rs, ls, enc_rule, at, to, EMSG_BAD_BYTES, args, 3);
		}
	}
	out->nbad = dec.nbad;
	free(dec.bad);
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
	ctx.rule_limit = engine_rule(rs, ls, RULE_LIMIT);
	ctx.rules = ruleset_count(rs) ? ruleset_rule(rs, 0) : NULL;
	ctx.user_sev = ls->sev;
	regex_scratch_doc(sc, doc_text(out->doc), doc_len(out->doc));
	for (i = 0; i < ruleset_count(rs); i++) {
		struct rule *r = ruleset_rule(rs, i);

		if (ls->enabled && !ls->enabled[i])
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

		engine_add(out->findings, rs, ls, engine_rule(rs, ls, RULE_YEAR_UNKNOWN), at, at,
		    EMSG_YEAR_UNKNOWN, NULL, 0);
	}
	make_facts(rs, ls, &vars, sc, out);
	findings_sort(out->findings);
	overlap_drop(out->findings, rs);
}

void
lint_bytes(struct ruleset *rs, const struct lint_settings *ls, const char *path,
    const unsigned char *data, size_t len, struct regex_scratch *sc,
    struct lint_result *out)
{
	struct extract_opts eo = {ls->encoding, NULL};
	struct extracted x;
	char *err;
	int rc = extract_bytes(data, len, &eo, &x, &err);

	lint_extracted(rs, ls, path, rc, &x, err, sc, out);
}

void
lint_owned(struct ruleset *rs, const struct lint_settings *ls, const char *path,
    unsigned char *data, size_t len, struct regex_scratch *sc, struct lint_result *out)
{
	struct extract_opts eo = {ls->encoding, NULL};
	struct extracted x;
	char *err;
	int rc = extract_owned(data, len, &eo, &x, &err);

	lint_extracted(rs, ls, path, rc, &x, err, sc, out);
}

void
lint_result_free(struct lint_result *res)
{
	/* cppcheck-suppress ctuuninitvar ; fix.c frees its *cur only once have_cur says it is filled */
	free(res->error);
	free(res->facts.issuer);
	findings_free(res->findings);
	outline_free(res->ol);
	doc_free(res->doc);
	memset(res, 0, sizeof *res);
}
