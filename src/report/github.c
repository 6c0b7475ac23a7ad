/* SPDX-License-Identifier: MIT */
/** \file github.c
 * \brief `--format github`: GitHub Actions workflow commands.
 *
 *     ::error file=P,line=L,endLine=L2,col=C,endColumn=C2,title=RULE::MESSAGE
 *
 * info becomes ::notice.  col and endColumn are left out when the finding
 * spans lines (the runner rejects them then).  Property values escape
 * % CR LF : , and the message escapes % CR LF, as actions/toolkit does;
 * before that, the path is put in its escaped form and other controls in
 * the message are escaped as text (escape.h), since GitHub's log shows
 * ANSI escape sequences.
 *
 * Columns: GitHub does not document the unit of col=; its web views are
 * JavaScript, which counts UTF-16 code units, so unless --column-unit is
 * given this format counts in utf16 (for CJK text the same as code points;
 * only characters beyond U+FFFF, such as 𠮷, count 2).
 *
 * GitHub keeps only 10 annotations of each kind per step; when a run has
 * more than 10 findings, the full list follows in gcc form (plain log
 * lines, which GitHub shows as they are), after a line that says so.  A
 * path that begins with ':' (after any white space, which the runner
 * skips) is written "./…" there, so that no log line can be read as a
 * workflow command.
 */
#include "formats.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

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
prepare(struct report_ctx *ctx)
{
	if (!ctx->unit_explicit)
		ctx->unit = COL_UTF16;
	return NULL;
}

/* Does p begin with ':' after white space (as .NET's TrimStart sees it)? */
static bool
colon_first(const char *p)
{
	static const char *const ws[] = {"\xc2\xa0", "\xe1\x9a\x80", "\xe2\x80\xaf",
	    "\xe2\x81\x9f", "\xe3\x80\x80", "\xef\xbb\xbf"};
	size_t i;

	for (;;) {
		const unsigned char *u = (const unsigned char *)p;

		if (*p == ' ') {
			p++;
			continue;
		}
		/* U+2000..U+200A */
		if (u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x80 && u[2] <= 0x8A) {
			p += 3;
			continue;
		}
		for (i = 0; i < ARRAY_LEN(ws); i++)
			if (strncmp(p, ws[i], strlen(ws[i])) == 0)
				break;
		if (i == ARRAY_LEN(ws))
			return *p == ':';
		p += strlen(ws[i]);
	}
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
		put_gh_path(ctx->out, doc_path(doc));
		fprintf(ctx->out, ",line=%zu,endLine=%zu", line, eline);
		if (line == eline)
			fprintf(ctx->out, ",col=%zu,endColumn=%zu", col, ecol);
		fputs(",title=", ctx->out);
		put_gh_prop(ctx->out, f->rule);
		fputs("::", ctx->out);
		put_gh_data(ctx->out, f->message);
		fprintf(ctx->out, " [%s]\n", f->rule);
		if (colon_first(doc_path(doc)))
			fputs("./", g->mem);
		put_path(g->mem, doc_path(doc));
		fprintf(g->mem, ":%zu:%zu: %s: ", line, col, severity_name(f->sev));
		put_text_line(g->mem, f->message);
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
	.prepare = prepare,
	.begin = begin,
	.file = file,
	.end = end,
};
