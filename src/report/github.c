/* SPDX-License-Identifier: MIT */
/** \file github.c
 * \brief `--format github`: GitHub Actions workflow commands.
 *
 *     ::error file=P,line=L,endLine=L2,col=C,endColumn=C2,title=RULE::MESSAGE
 *
 * info becomes ::notice.  col and endColumn are left out when the finding
 * spans lines (the toolkit ignores them then).  Property values escape
 * % CR LF : , and the message escapes % CR LF, as actions/toolkit does.
 *
 * GitHub keeps only 10 annotations of each kind per step; when a run has
 * more than 10 findings, the full list follows in gcc form (plain log
 * lines, which GitHub shows as they are), after a line that says so.
 */
#include "formats.h"

#include <stdlib.h>

#include "../util.h"
#include "escape.h"

#define GITHUB_SHOWN 10

struct github {
	FILE *mem;      /* the findings in gcc form */
	char *data;
	size_t len, n;
};

static void
begin(struct report_ctx *ctx)
{
	struct github *g = xcalloc(1, sizeof *g);

	g->mem = open_memstream(&g->data, &g->len);
	if (g->mem == NULL)
		fatal("out of memory");
	ctx->state = g;
}

static const char *
command(enum severity s)
{
	switch (s) {
	case SEV_ERROR: return "error";
	case SEV_WARNING: return "warning";
	default: return "notice";
	}
}

static void
file(struct report_ctx *ctx, const struct document *doc, const struct findings *fs)
{
	struct github *g = ctx->state;
	size_t i, n = findings_count(fs);

	for (i = 0; i < n; i++) {
		const struct finding fv = findings_get(fs, i), *f = &fv;
		size_t line, col, eline, ecol;

		report_span(ctx, doc, f, &line, &col, &eline, &ecol);
		fprintf(ctx->out, "::%s file=", command(f->sev));
		put_gh_prop(ctx->out, doc_path(doc));
		fprintf(ctx->out, ",line=%zu,endLine=%zu", line, eline);
		if (line == eline)
			fprintf(ctx->out, ",col=%zu,endColumn=%zu", col, ecol);
		fputs(",title=", ctx->out);
		put_gh_prop(ctx->out, f->rule);
		fputs("::", ctx->out);
		put_gh_data(ctx->out, f->message);
		fprintf(ctx->out, " [%s]\n", f->rule);
		fprintf(g->mem, "%s:%zu:%zu: %s: ", doc_path(doc), line, col, severity_name(f->sev));
		put_gh_data(g->mem, f->message);
		fprintf(g->mem, " [%s]\n", f->rule);
		g->n++;
	}
}

static void
end(struct report_ctx *ctx)
{
	struct github *g = ctx->state;

	fclose(g->mem);
	if (g->n > GITHUB_SHOWN) {
		fprintf(ctx->out, "gwlint: %zu findings; GitHub shows only %d annotations of each "
		    "kind per step, so here is the full list:\n", g->n, GITHUB_SHOWN);
		fwrite(g->data, 1, g->len, ctx->out);
	}
	free(g->data);
	free(g);
	ctx->state = NULL;
}

const struct formatter format_github = {
	.name = "github",
	.begin = begin,
	.file = file,
	.end = end,
};
