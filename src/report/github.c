/* SPDX-License-Identifier: MIT */
/** \file github.c
 * \brief `--format github`: GitHub Actions workflow commands.
 *
 *     ::error file=P,line=L,endLine=L2,col=C,endColumn=C2,title=RULE::MESSAGE
 *
 * info becomes ::notice.  col and endColumn are left out when the finding
 * spans lines (the toolkit ignores them then).  Property values escape
 * % CR LF : , and the message escapes % CR LF, as actions/toolkit does.
 */
#include "formats.h"

#include "escape.h"

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
	size_t i, n = findings_count(fs);

	for (i = 0; i < n; i++) {
		const struct finding *f = findings_get(fs, i);
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
	}
}

const struct formatter format_github = {
	.name = "github",
	.file = file,
};
