/* SPDX-License-Identifier: MIT */
/** \file report.h
 * \brief Output formats: the table of formatters.
 *
 * A formatter turns one file's findings into text.  Line and column are
 * computed here and only here, in the unit and origin the user chose.  A
 * formatter writes to ctx->out and keeps any state it needs in ctx->state.
 */
#ifndef GWLINT_REPORT_H
#define GWLINT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "document.h"
#include "finding.h"
#include "pack.h"

struct report_ctx {
	FILE *out;
	enum column_unit unit;
	int origin;
	bool unit_explicit;   /**< --column-unit was given (not the default) */
	bool origin_explicit; /**< --column-origin was given */
	bool show_source;
	bool color;
	bool csv_bom;         /**< csv: begin with a UTF-8 BOM (not --no-csv-bom) */
	struct ruleset *rules;
	/** The command line (html: the page's header shows it). */
	int argc;
	char *const *argv;
	const char *report_date;  /**< --report-date YYYY-MM-DD, or NULL (html) */
	void *state;
};

struct lint_facts;

struct formatter {
	const char *name;
	/** file() uses no state across files and writes only to ctx->out, so
	 *  a file's output may be made on another thread (into a buffer). */
	bool per_file;
	/** Optional: adjust or refuse ctx's unit/origin; an error message or NULL. */
	const char *(*prepare)(struct report_ctx *ctx);
	void (*begin)(struct report_ctx *ctx);
	void (*file)(struct report_ctx *ctx, const struct document *doc,
	    const struct findings *f);
	void (*end)(struct report_ctx *ctx);
	/** Optional, called instead of file(): the file with what its lint
	 *  learnt of the report (lint.h, struct lint_facts; html). */
	void (*file_facts)(struct report_ctx *ctx, const struct document *doc,
	    const struct findings *f, const struct lint_facts *facts);
};

/**
 * The current directory in a new string, or NULL when getcwd cannot name it
 * (deeper than the kernel answers for, removed, not searchable).
 */
char *report_cwd(void);

const struct formatter *formatter_find(const char *name);
/** Formatter names joined by ", " (static storage). */
const char *formatter_names(void);

/** 1-based line and column (in ctx's unit and origin) of byte `off` of the
 *  text, in the document's source (doc_source) when it has one. */
void report_position(const struct report_ctx *ctx, const struct document *doc, size_t off,
    size_t *line, size_t *col);

/**
 * The byte span of f in the file as read (for a Markdown file, in its
 * source: doc_to_source), end exclusive and never before start.
 */
void report_bytes(const struct document *doc, const struct finding *f, size_t *start,
    size_t *end);

/** Line and column of both ends of f (the end is exclusive). */
void report_span(const struct report_ctx *ctx, const struct document *doc,
    const struct finding *f, size_t *line, size_t *col, size_t *end_line, size_t *end_col);

/** Code points of context on each side of a finding (report_origin). */
#define REPORT_CONTEXT_CHARS 20

/**
 * Where a finding lies in a document read from a .docx, for a Word user's
 * Ctrl+F: its paragraph and story, and a context snippet of its paragraph
 * (REPORT_CONTEXT_CHARS code points each side, never across paragraphs,
 * without the automatic numbering, which Word's search does not see; a
 * finding in the numbering gets the paragraph's start, length 0).
 */
struct report_origin {
	size_t paragraph;
	const char *story;          /**< "body", "table", "textbox", "footnote", "endnote" */
	size_t ctx_start, ctx_end;  /**< the snippet: bytes of the document's text */
	size_t start, end;          /**< the finding clamped into the paragraph's text */
	size_t offset, length;      /**< the finding in the snippet, in code points */
};

/** Fill *o for finding f of doc; false when doc has no origin (text input). */
bool report_origin(const struct document *doc, const struct finding *f, struct report_origin *o);

#endif
