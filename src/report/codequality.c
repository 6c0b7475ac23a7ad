/* SPDX-License-Identifier: MIT */
/** \file codequality.c
 * \brief `--format codequality`: GitLab Code Quality (Code Climate) JSON.
 *
 * One JSON array for the run, one object per finding:
 *
 *     {"type":"issue","check_name":RULE,"description":MESSAGE,
 *      "categories":["Style"],"severity":S,"fingerprint":HEX32,
 *      "location":{"path":P,"lines":{"begin":L,"end":L2}}}
 *
 * severity: error → "major", warning → "minor", info → "info" (GitLab's
 * scale is info < minor < major < critical < blocker; gwlint has nothing
 * above error, and a report's error is not a crash or a security hole, so
 * critical and blocker are not used).
 *
 * location.path is the path in its escaped form (escape.h), relative:
 * leading "./" is dropped and an absolute path under the current directory
 * made relative to it, since GitLab matches it against the repository.
 *
 * fingerprint (32 hex digits) identifies the finding across runs, as GitLab
 * needs to tell new findings from old ones in a merge request: it hashes
 * the path above, the baseline fingerprint (rule, the text found and its
 * neighbourhood; not the line number, so lines added above do not change
 * it) and, for findings equal in all of these, their rank in the file.  So
 * it is unique in a run: the same finding in two files, or twice in one
 * file, gets two fingerprints.
 */
#include "formats.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../baseline.h"
#include "../util.h"
#include "escape.h"

struct codequality {
	size_t n;
	char *cwd;   /* the current directory, or NULL */
};

static void
begin(struct report_ctx *ctx)
{
	struct codequality *q = xcalloc(1, sizeof *q);

	q->cwd = report_cwd();
	ctx->state = q;
	fputc('[', ctx->out);
}

static const char *
cq_severity(enum severity s)
{
	return s == SEV_ERROR ? "major" : s == SEV_WARNING ? "minor" : "info";
}

/* The path as GitLab wants it: relative, escaped form. */
static char *
cq_path(const struct codequality *q, const char *path)
{
	size_t n = q->cwd ? strlen(q->cwd) : 0;

	if (n == 1 && path[0] == '/')
		path++; /* run from "/" */
	else if (n > 1 && strncmp(path, q->cwd, n) == 0 && path[n] == '/')
		path += n + 1;
	while (path[0] == '.' && path[1] == '/') {
		path += 2;
		while (path[0] == '/')
			path++;
	}
	return path_escaped(path);
}

struct fp_rank {
	uint64_t fp;
	size_t i;
};

static int
cmp_fp_rank(const void *pa, const void *pb)
{
	const struct fp_rank *a = pa, *b = pb;

	if (a->fp != b->fp)
		return a->fp < b->fp ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

static void
file(struct report_ctx *ctx, const struct document *doc, const struct findings *fs)
{
	struct codequality *q = ctx->state;
	size_t i, n = findings_count(fs);
	char *path;
	struct fp_rank *r;
	size_t *rank;

	if (n == 0)
		return;
	path = cq_path(q, doc_path(doc));
	/* The rank of each finding among those with its baseline fingerprint. */
	r = xcalloc(n, sizeof *r);
	rank = xcalloc(n, sizeof *rank);
	for (i = 0; i < n; i++) {
		const struct finding fv = findings_get(fs, i);

		r[i].fp = finding_fingerprint(doc, &fv);
		r[i].i = i;
	}
	qsort(r, n, sizeof *r, cmp_fp_rank);
	for (i = 0; i < n; i++)
		rank[r[i].i] = i > 0 && r[i - 1].fp == r[i].fp ? rank[r[i - 1].i] + 1 : 0;
	for (i = 0; i < n; i++) {
		const struct finding fv = findings_get(fs, i), *f = &fv;
		size_t line, col, eline, ecol;
		char key[64];
		uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL;
		int kl;

		report_position(ctx, doc, f->start, &line, &col);
		/* The end line is that of the finding's last byte. */
		report_position(ctx, doc, f->end > f->start ? f->end - 1 : f->start, &eline, &ecol);
		kl = snprintf(key, sizeof key, "%016" PRIx64 ":%zu", finding_fingerprint(doc, f),
		    rank[i]);
		h1 = fnv_bytes(fnv_bytes(fnv_bytes(h1, "gwlint-cq-1", 12), path, strlen(path) + 1), key, (size_t)kl);
		h2 = fnv_bytes(fnv_bytes(fnv_bytes(h2, "gwlint-cq-2", 12), key, (size_t)kl), path, strlen(path) + 1);
		fputs(q->n++ ? ",\n" : "\n", ctx->out);
		fputs("{\"type\":\"issue\",\"check_name\":", ctx->out);
		put_json_str(ctx->out, f->rule);
		fputs(",\"description\":", ctx->out);
		put_json_str(ctx->out, f->message);
		fprintf(ctx->out, ",\"categories\":[\"Style\"],\"severity\":\"%s\","
		    "\"fingerprint\":\"%016" PRIx64 "%016" PRIx64 "\",\"location\":{\"path\":",
		    cq_severity(f->sev), h1, h2);
		put_json_str(ctx->out, path);
		fprintf(ctx->out, ",\"lines\":{\"begin\":%zu,\"end\":%zu}}}", line,
		    eline < line ? line : eline);
	}
	free(r);
	free(rank);
	free(path);
}

static void
end(struct report_ctx *ctx)
{
	struct codequality *q = ctx->state;

	fputs("\n]\n", ctx->out);
	free(q->cwd);
	free(q);
	ctx->state = NULL;
}

const struct formatter format_codequality = {
	.name = "codequality",
	.begin = begin,
	.file = file,
	.end = end,
};
