/* SPDX-License-Identifier: MIT */
/** \file junit.c
 * \brief `--format junit`: JUnit XML for CI servers (GitLab, Jenkins).
 *
 * One <testsuite> per file; in it one <testcase> per rule that found
 * something (classname = the path, name = the rule id) with one <failure>
 * whose body lists the findings as "path:line:col: severity: message
 * [rule]" lines (GitLab shows only the body); a clean file has one passing
 * testcase named "gwlint".  The totals go on <testsuites>, so the suites
 * are kept in memory until the end.
 */
#include "formats.h"

#include <stdlib.h>
#include <string.h>

#include "../util.h"
#include "escape.h"

struct junit {
	FILE *mem;
	char *data;
	size_t len;
	size_t tests, failures;
};

static void
begin(struct report_ctx *ctx)
{
	struct junit *j = xcalloc(1, sizeof *j);

	j->mem = open_memstream(&j->data, &j->len);
	if (j->mem == NULL)
		fatal("out of memory");
	ctx->state = j;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
file(struct report_ctx *ctx, const struct document *doc, const struct findings *fs)
{
	struct junit *j = ctx->state;
	size_t i, k, n = findings_count(fs), nrules = 0;
	const char **rules = xcalloc(n ? n : 1, sizeof *rules);
	FILE *o = j->mem;

	for (i = 0; i < n; i++) {
		const char *r = findings_get(fs, i).rule;

		for (k = 0; k < nrules && strcmp(rules[k], r) != 0; k++)
			;
		if (k == nrules)
			rules[nrules++] = r;
	}
	qsort(rules, nrules, sizeof *rules, cmp_str);
	fputs("<testsuite name=\"", o);
	put_xml_path(o, doc_path(doc));
	fprintf(o, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\">\n",
	    nrules ? nrules : 1, nrules);
	if (nrules == 0) {
		fputs("<testcase classname=\"", o);
		put_xml_path(o, doc_path(doc));
		fputs("\" name=\"gwlint\"/>\n", o);
		j->tests++;
	}
	for (k = 0; k < nrules; k++) {
		size_t count = 0;
		enum severity worst = SEV_NONE;

		for (i = 0; i < n; i++) {
			const struct finding fv = findings_get(fs, i), *f = &fv;

			if (strcmp(f->rule, rules[k]) == 0) {
				count++;
				if (f->sev > worst)
					worst = f->sev;
			}
		}
		fputs("<testcase classname=\"", o);
		put_xml_path(o, doc_path(doc));
		fputs("\" name=\"", o);
		put_xml(o, rules[k]);
		fprintf(o, "\">\n<failure type=\"%s\" message=\"%zu finding%s of ", severity_name(worst),
		    count, count == 1 ? "" : "s");
		put_xml(o, rules[k]);
		fputs("\">", o);
		for (i = 0; i < n; i++) {
			const struct finding fv = findings_get(fs, i), *f = &fv;
			size_t line, col;
			struct buf s = {0};

			if (strcmp(f->rule, rules[k]) != 0)
				continue;
			report_position(ctx, doc, f->start, &line, &col);
			/* One line per finding, as gcc prints it (path escaped,
			 * the message on one line). */
			buf_path(&s, doc_path(doc));
			buf_printf(&s, ":%zu:%zu: %s: ", line, col, severity_name(f->sev));
			buf_text_line(&s, f->message);
			buf_printf(&s, " [%s]\n", f->rule);
			put_xml_text(o, s.data);
			buf_free(&s);
		}
		fputs("</failure>\n</testcase>\n", o);
		j->tests++;
		j->failures++;
	}
	fputs("</testsuite>\n", o);
	free(rules);
}

static void
end(struct report_ctx *ctx)
{
	struct junit *j = ctx->state;

	fclose(j->mem);
	fprintf(ctx->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites name=\"gwlint\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n",
	    j->tests, j->failures);
	fwrite(j->data, 1, j->len, ctx->out);
	fputs("</testsuites>\n", ctx->out);
	free(j->data);
	free(j);
	ctx->state = NULL;
}

const struct formatter format_junit = {
	.name = "junit",
	.begin = begin,
	.file = file,
	.end = end,
};
