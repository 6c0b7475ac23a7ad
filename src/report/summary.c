/* SPDX-License-Identifier: MIT */
/** \file summary.c
 * \brief `--format summary`: counts per rule and per file, for audits.
 *
 * Printed at the end, deterministic (rules by id, files in the order
 * linted), no timestamps; paths in their escaped form, sources with
 * controls escaped (escape.h):
 *
 *     rule                        error  warning  info  files  source
 *     file                        error  warning  info
 *     total: ...
 */
#include "formats.h"

#include <stdlib.h>
#include <string.h>

#include "../util.h"
#include "escape.h"

struct rule_row {
	const char *rule;
	size_t n[SEV__COUNT];
	size_t files;
};

struct file_row {
	char *path;
	size_t n[SEV__COUNT];
};

struct summary {
	struct rule_row *rules;
	size_t nrules, caprules;
	struct file_row *files;
	size_t nfiles, capfiles;
};

static void
begin(struct report_ctx *ctx)
{
	ctx->state = xcalloc(1, sizeof(struct summary));
}

static struct rule_row *
rule_row(struct summary *s, const char *rule)
{
	size_t i;

	for (i = 0; i < s->nrules; i++)
		if (strcmp(s->rules[i].rule, rule) == 0)
			return &s->rules[i];
	s->rules = xgrow(s->rules, &s->caprules, s->nrules + 1, sizeof *s->rules);
	memset(&s->rules[s->nrules], 0, sizeof *s->rules);
	s->rules[s->nrules].rule = rule;
	return &s->rules[s->nrules++];
}

static void
file(struct report_ctx *ctx, const struct document *doc, const struct findings *fs)
{
	struct summary *s = ctx->state;
	struct file_row *fr;
	size_t i, k, n = findings_count(fs);

	s->files = xgrow(s->files, &s->capfiles, s->nfiles + 1, sizeof *s->files);
	fr = &s->files[s->nfiles++];
	memset(fr, 0, sizeof *fr);
	fr->path = path_escaped(doc_path(doc));
	for (i = 0; i < n; i++) {
		const struct finding fv = findings_get(fs, i), *f = &fv;
		struct rule_row *rr = rule_row(s, f->rule);
		bool seen = false;

		rr->n[f->sev]++;
		fr->n[f->sev]++;
		/* Count the file once per rule: an earlier finding of this rule? */
		for (k = 0; k < i && !seen; k++)
			seen = strcmp(findings_get(fs, k).rule, f->rule) == 0;
		if (!seen)
			rr->files++;
	}
}

static int
cmp_rule(const void *a, const void *b)
{
	return strcmp(((const struct rule_row *)a)->rule, ((const struct rule_row *)b)->rule);
}

static void
end(struct report_ctx *ctx)
{
	struct summary *s = ctx->state;
	size_t i, tot[SEV__COUNT] = {0}, dirty = 0;
	FILE *o = ctx->out;

	if (s->nrules > 1)
		qsort(s->rules, s->nrules, sizeof *s->rules, cmp_rule);
	fprintf(o, "%-28s %6s %8s %6s %6s  %s\n", "rule", "error", "warning", "info", "files",
	    "source");
	for (i = 0; i < s->nrules; i++) {
		const struct rule_row *r = &s->rules[i];
		const struct rule *def = ctx->rules ? ruleset_find(ctx->rules, r->rule) : NULL;

		fprintf(o, "%-28s %6zu %8zu %6zu %6zu  ", r->rule, r->n[SEV_ERROR],
		    r->n[SEV_WARNING], r->n[SEV_INFO], r->files);
		put_text_line(o, def && *def->source ? def->source : "-");
		fputc('\n', o);
	}
	fprintf(o, "\n%6s %8s %6s  %s\n", "error", "warning", "info", "file");
	for (i = 0; i < s->nfiles; i++) {
		const struct file_row *f = &s->files[i];
		size_t k;

		fprintf(o, "%6zu %8zu %6zu  %s\n", f->n[SEV_ERROR], f->n[SEV_WARNING], f->n[SEV_INFO],
		    f->path);
		for (k = 0; k < SEV__COUNT; k++)
			tot[k] += f->n[k];
		if (f->n[SEV_ERROR] + f->n[SEV_WARNING] + f->n[SEV_INFO])
			dirty++;
		free(f->path);
	}
	fprintf(o, "\ntotal: %zu file%s, %zu with findings; %zu error%s, %zu warning%s, %zu info\n",
	    s->nfiles, s->nfiles == 1 ? "" : "s", dirty, tot[SEV_ERROR],
	    tot[SEV_ERROR] == 1 ? "" : "s", tot[SEV_WARNING], tot[SEV_WARNING] == 1 ? "" : "s",
	    tot[SEV_INFO]);
	free(s->rules);
	free(s->files);
	free(s);
	ctx->state = NULL;
}

const struct formatter format_summary = {
	.name = "summary",
	.begin = begin,
	.file = file,
	.end = end,
};
