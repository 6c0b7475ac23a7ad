/* SPDX-License-Identifier: MIT */
/** \file report.c
 * \brief The formatter table and position helper.
 */
#include "report.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/extract.h"
#include "report/formats.h"
#include "util.h"

static const struct formatter *const formatters[] = {
	&format_gcc,
	&format_json,
	&format_sarif,
	&format_github,
	&format_checkstyle,
	&format_junit,
	&format_csv,
	&format_summary,
	&format_codequality,
	&format_html,
	NULL
};

char *
report_cwd(void)
{
	size_t cap = PATH_MAX;

	for (;;) {
		char *d = xmalloc(cap);

		/* glibc may answer "(unreachable)/…": not a usable name. */
		if (getcwd(d, cap) != NULL && d[0] == '/')
			return d;
		free(d);
		if (errno != ERANGE || cap >= ((size_t)1 << 20))
			return NULL;
		cap *= 2;
	}
}

const struct formatter *
formatter_find(const char *name)
{
	size_t i;

	for (i = 0; formatters[i]; i++)
		if (strcmp(formatters[i]->name, name) == 0)
			return formatters[i];
	return NULL;
}

const char *
formatter_names(void)
{
	static char names[256];
	size_t i;

	if (names[0] == '\0')
		for (i = 0; formatters[i]; i++) {
			if (i)
				strncat(names, ", ", sizeof names - strlen(names) - 1);
			strncat(names, formatters[i]->name, sizeof names - strlen(names) - 1);
		}
	return names;
}

/* Line and column of source offset soff in doc's source. */
static void
source_position(const struct report_ctx *ctx, const struct document *doc, size_t soff,
    size_t *line, size_t *col)
{
	const struct document *src = doc_source(doc);

	*line = doc_line_of(src, soff) + 1;
	*col = doc_column(src, soff, ctx->unit) + (size_t)ctx->origin;
}

void
report_position(const struct report_ctx *ctx, const struct document *doc, size_t off,
    size_t *line, size_t *col)
{
	source_position(ctx, doc, doc_to_source(doc, off, false), line, col);
}

void
report_bytes(const struct document *doc, const struct finding *f, size_t *start, size_t *end)
{
	*start = doc_to_source(doc, f->start, false);
	*end = f->end > f->start ? doc_to_source(doc, f->end, true) : *start;
	if (*end < *start)
		*end = *start;
}

void
report_span(const struct report_ctx *ctx, const struct document *doc, const struct finding *f,
    size_t *line, size_t *col, size_t *end_line, size_t *end_col)
{
	size_t s, e;

	report_bytes(doc, f, &s, &e);
	source_position(ctx, doc, s, line, col);
	source_position(ctx, doc, e, end_line, end_col);
}

bool
report_origin(const struct document *doc, const struct finding *f, struct report_origin *o)
{
	const struct text_origin *org = doc_origin(doc);
	const struct line_origin *lo;
	const char *t = doc_text(doc);
	size_t line, a, b, s, e, cs, ce, k;

	if (org == NULL)
		return false;
	line = doc_line_of(doc, f->start);
	lo = text_origin_line(org, line);
	if (lo == NULL)
		return false;
	doc_line_span(doc, line, &a, &b);
	a += lo->label_len < b - a ? lo->label_len : b - a;
	s = f->start < a ? a : f->start > b ? b : f->start;
	e = f->end < s ? s : f->end > b ? b : f->end;
	for (cs = s, k = 0; cs > a && k < REPORT_CONTEXT_CHARS; k++)
		cs = utf8_back(t, a, cs - 1);
	for (ce = e, k = 0; ce < b && k < REPORT_CONTEXT_CHARS; k++)
		ce = utf8_fwd(t, ce, b);
	o->paragraph = lo->paragraph;
	o->story = docx_story_name(lo->story);
	o->ctx_start = cs;
	o->ctx_end = ce;
	o->start = s;
	o->end = e;
	o->offset = utf8_count(t + cs, s - cs);
	o->length = utf8_count(t + s, e - s);
	return true;
}
