/* SPDX-License-Identifier: MIT */
/** \file sarif.c
 * \brief `--format sarif`: one SARIF 2.1.0 log for the whole run.
 *
 * SARIF columns are 1-based and counted either in UTF-16 code units or in
 * code points, and the run says which (`columnKind`, always written).  So:
 * --column-unit utf16 gives "utf16CodeUnits", char gives
 * "unicodeCodePoints"; display and byte have no SARIF equivalent — the
 * default (display, not asked for) is converted to code points, an explicit
 * --column-unit display|byte or --column-origin 0 is refused (exit 2).
 *
 * tool.driver.rules[] lists every loaded rule (and the built-in ones) with
 * short and full descriptions, help (explanation, source, examples) and
 * the default level; results point at them by ruleId and ruleIndex.  URIs
 * are relative to %SRCROOT% (the current directory), given in
 * originalUriBaseIds.  partialFingerprints carries the baseline
 * fingerprint (rule + text + neighbourhood), which survives edits elsewhere
 * in the file.  Safe fixes become `fixes`.
 *
 * A finding in a .docx (positions in the text gwlint extracted, as
 * --dump-text prints it) adds SARIF's own places for source text: the
 * region's `snippet` (the finding's text, when it lies on one line) and a
 * `contextRegion` with its `snippet`, about twenty characters of the
 * paragraph each side (report.h, report_origin); the paragraph number
 * and story, which SARIF has no property for, go in the location's
 * `properties` bag.  Its safe fixes are not given as `fixes` (their
 * regions are in the extracted text: applied to the .docx they would
 * break it).  Text input gets none of this.
 *
 * When the current directory cannot be named (getcwd fails: deeper than
 * the kernel returns, or removed), %SRCROOT% gets no uri: relative paths
 * stay relative to it and the consumer supplies the root (GitHub's upload
 * does), rather than a wrong "file:///".
 *
 * tool.driver.informationUri is GWLINT_INFORMATION_URI, by default
 * "man:gwlint(1)": the manual page installed with the tool, the one
 * documentation every installed copy has (gwlint has no web site; a
 * file: URI would name a path on the machine that made the log).  A build
 * for a published copy can define it as that copy's web page.
 */
#include "formats.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../baseline.h"
#include "../check.h"
#include "../util.h"
#include "escape.h"

#ifndef GWLINT_VERSION
#define GWLINT_VERSION "0.1.0"
#endif
#ifndef GWLINT_INFORMATION_URI
#define GWLINT_INFORMATION_URI "man:gwlint(1)"
#endif

struct sarif {
	size_t nresults;
	char *cwd;      /* the current directory, or NULL if it cannot be named */
};

static const char *
level(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

static const char *
prepare(struct report_ctx *ctx)
{
	if (ctx->origin_explicit && ctx->origin != 1)
		return "--format sarif: SARIF columns are 1-based; --column-origin 0 does not apply";
	if (ctx->unit == COL_DISPLAY || ctx->unit == COL_BYTE) {
		if (ctx->unit_explicit)
			return "--format sarif: SARIF counts columns in UTF-16 code units or code "
			    "points; use --column-unit utf16 or char (default: char)";
		ctx->unit = COL_CHAR;
	}
	ctx->origin = 1;
	return NULL;
}

/* First sentence of s (up to and including 。 or ". "), else all of it. */
static void
put_first_sentence(FILE *o, const char *s)
{
	const char *e = strstr(s, "。");
	size_t n = e ? (size_t)(e - s) + strlen("。") : strlen(s);

	put_json_strn(o, s, n);
}

static void
put_rule(FILE *o, const struct rule *r)
{
	struct buf help = {0};

	fputs("{\"id\":", o);
	put_json_str(o, r->id);
	fputs(",\"shortDescription\":{\"text\":", o);
	if (*r->explain)
		put_first_sentence(o, r->explain);
	else
		put_json_str(o, r->id);
	fputs("},\"fullDescription\":{\"text\":", o);
	put_json_str(o, *r->explain ? r->explain : r->id);
	buf_printf(&help, "%s", *r->explain ? r->explain : r->id);
	if (*r->source)
		buf_printf(&help, "\nsource: %s", r->source);
	if (r->ex_fail)
		buf_printf(&help, "\nfails: %s", r->ex_fail);
	if (r->ex_pass)
		buf_printf(&help, "\npasses: %s", r->ex_pass);
	fputs("},\"help\":{\"text\":", o);
	put_json_str(o, help.data);
	fprintf(o, "},\"defaultConfiguration\":{\"level\":\"%s\"},\"properties\":{\"tags\":[",
	    level(r->default_sev));
	put_json_str(o, r->pack);
	fputs("]", o);
	if (*r->source) {
		fputs(",\"source\":", o);
		put_json_str(o, r->source);
	}
	fputs("}}", o);
	buf_free(&help);
}

static void
begin(struct report_ctx *ctx)
{
	struct sarif *s = xcalloc(1, sizeof *s);
	FILE *o = ctx->out;
	size_t i, n = ctx->rules ? ruleset_count(ctx->rules) : 0;

	ctx->state = s;
	s->cwd = report_cwd();
	fputs("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
	    "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"gwlint\",\"version\":\"" GWLINT_VERSION
	    "\",\"semanticVersion\":\"" GWLINT_VERSION "\",\"informationUri\":", o);
	put_json_str(o, GWLINT_INFORMATION_URI);
	fputs(",\"rules\":[\n", o);
	for (i = 0; i < n; i++) {
		/* The engine's rules (input-encoding, ...) are in the set too. */
		put_rule(o, ruleset_rule(ctx->rules, i));
		fputs(i + 1 < n ? ",\n" : "\n", o);
	}
	fputs("]}},\n\"originalUriBaseIds\":{\"%SRCROOT%\":{", o);
	if (s->cwd) {
		fputs("\"uri\":\"file://", o);
		put_uri_path(o, s->cwd);
		fputs(s->cwd[strlen(s->cwd) - 1] == '/' ? "\"" : "/\"", o);
	} else {
		fputs("\"description\":{\"text\":\"The directory gwlint ran in (it could not be "
		    "named).\"}", o);
	}
	fprintf(o, "}},\n\"columnKind\":\"%s\",\n\"results\":[",
	    ctx->unit == COL_UTF16 ? "utf16CodeUnits" : "unicodeCodePoints");
}

static size_t
rule_index(struct report_ctx *ctx, const char *id)
{
	size_t i, n = ctx->rules ? ruleset_count(ctx->rules) : 0;

	for (i = 0; i < n; i++)
		if (strcmp(ruleset_rule(ctx->rules, i)->id, id) == 0)
			return i;
	return (size_t)-1;
}

static void
put_location(FILE *o, const struct sarif *s, const char *path)
{
	size_t n = s->cwd ? strlen(s->cwd) : 0;

	/* "/" as the directory: every absolute path is under it. */
	if (n == 1)
		n = 0;
	fputs("{\"uri\":\"", o);
	if (path[0] != '/') {
		put_uri_path(o, path);
		fputs("\",\"uriBaseId\":\"%SRCROOT%\"}", o);
	} else if (s->cwd && strncmp(path, s->cwd, n) == 0 && path[n] == '/') {
		put_uri_path(o, path + n + 1);
		fputs("\",\"uriBaseId\":\"%SRCROOT%\"}", o);
	} else {
		fputs("file://", o);
		put_uri_path(o, path);
		fputs("\"}", o);
	}
}

static void
put_region(FILE *o, size_t line, size_t col, size_t eline, size_t ecol)
{
	fprintf(o, "{\"startLine\":%zu,\"startColumn\":%zu,\"endLine\":%zu,\"endColumn\":%zu}",
	    line, col, eline, ecol);
}

/*
 * A .docx finding's region with its snippet, then the contextRegion: the
 * context of report_origin, widened over the finding where it starts in
 * the automatic numbering (SARIF wants a proper superset of the region),
 * and left out when the finding runs past its paragraph or the context
 * adds nothing.
 */
static void
put_docx_regions(struct report_ctx *ctx, const struct document *doc, const struct finding *f,
    const struct report_origin *org, size_t line, size_t col, size_t eline, size_t ecol)
{
	FILE *o = ctx->out;
	const char *t = doc_text(doc);
	size_t cl, cc, el, ec;
	size_t cs = f->start < org->ctx_start ? f->start : org->ctx_start, ce = org->ctx_end;

	fprintf(o, "{\"startLine\":%zu,\"startColumn\":%zu,\"endLine\":%zu,\"endColumn\":%zu",
	    line, col, eline, ecol);
	if (org->end == f->end) {
		fputs(",\"snippet\":{\"text\":", o);
		put_json_strn(o, t + f->start, f->end - f->start);
		fputs("}", o);
	}
	fputs("}", o);
	if (org->end != f->end || (cs == f->start && ce == f->end))
		return;
	report_position(ctx, doc, cs, &cl, &cc);
	report_position(ctx, doc, ce, &el, &ec);
	fprintf(o, ",\"contextRegion\":{\"startLine\":%zu,\"startColumn\":%zu,\"endLine\":%zu,"
	    "\"endColumn\":%zu,\"snippet\":{\"text\":", cl, cc, el, ec);
	put_json_strn(o, t + cs, ce - cs);
	fputs("}}", o);
}

static void
file(struct report_ctx *ctx, const struct document *doc, const struct findings *fs)
{
	struct sarif *s = ctx->state;
	FILE *o = ctx->out;
	size_t i, n = findings_count(fs);

	for (i = 0; i < n; i++) {
		const struct finding fv = findings_get(fs, i), *f = &fv;
		size_t line, col, eline, ecol, ri = rule_index(ctx, f->rule);
		struct report_origin org;
		bool docx = report_origin(doc, f, &org);

		report_span(ctx, doc, f, &line, &col, &eline, &ecol);
		fputs(s->nresults++ ? ",\n" : "\n", o);
		fputs("{\"ruleId\":", o);
		put_json_str(o, f->rule);
		if (ri != (size_t)-1)
			fprintf(o, ",\"ruleIndex\":%zu", ri);
		fprintf(o, ",\"level\":\"%s\",\"message\":{\"text\":", level(f->sev));
		put_json_str(o, f->message);
		fputs("},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":", o);
		put_location(o, s, doc_path(doc));
		fputs(",\"region\":", o);
		if (docx)
			put_docx_regions(ctx, doc, f, &org, line, col, eline, ecol);
		else
			put_region(o, line, col, eline, ecol);
		fputs("}", o);
		if (docx)
			fprintf(o, ",\"properties\":{\"paragraph\":%zu,\"story\":\"%s\"}",
			    org.paragraph, org.story);
		fprintf(o, "}],\"partialFingerprints\":{\"gwlintFingerprint/v1\":\"%016" PRIx64 "\"}",
		    finding_fingerprint(doc, f));
		/* A fix's regions are in the text gwlint extracted: a tool
		 * applying them to the .docx itself would break it. */
		if (f->fix && !docx) {
			char *desc = xasprintf("Replace with: %s", f->fix);

			fputs(",\"fixes\":[{\"description\":{\"text\":", o);
			put_json_str(o, desc);
			free(desc);
			fputs("},\"artifactChanges\":[{\"artifactLocation\":", o);
			put_location(o, s, doc_path(doc));
			fputs(",\"replacements\":[{\"deletedRegion\":", o);
			put_region(o, line, col, eline, ecol);
			fputs(",\"insertedContent\":{\"text\":", o);
			put_json_str(o, f->fix);
			fputs("}}]}]}]", o);
		}
		fputs("}", o);
	}
}

static void
end(struct report_ctx *ctx)
{
	struct sarif *s = ctx->state;

	fputs("\n]}]}\n", ctx->out);
	free(s->cwd);
	free(ctx->state);
	ctx->state = NULL;
}

const struct formatter format_sarif = {
	.name = "sarif",
	.prepare = prepare,
	.begin = begin,
	.file = file,
	.end = end,
};
