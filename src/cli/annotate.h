/* SPDX-License-Identifier: MIT */
/** \file annotate.h
 * \brief --annotate OUT FILE: a copy of a .docx with each finding as a Word
 *        comment (批注), and with --annotate-fixes each safe fix proposed as
 *        a tracked change.  The stage after the formatter's data: the same
 *        findings (rule, message, fix) --format json prints, plus the rule's
 *        cited clause (`source`).
 *
 * How the copy is made (the original is never written):
 *  - the package is read again with the .docx reader, whose source map
 *    (docx.h, struct docx_pmap) says which XML bytes of which story part
 *    each character of the linted text came from;
 *  - each finding becomes w:commentRangeStart / w:commentRangeEnd and a run
 *    holding w:commentReference, spliced into the part at those bytes; a
 *    run that a span starts or ends inside is split in two, each half with
 *    the run's start tag and w:rPr copied (its formatting kept);
 *  - word/comments.xml is created (with its content type and relationship)
 *    or extended (its comments, ids and bytes kept; new ids above every id
 *    in the parts touched);
 *  - every other zip entry is copied as it is; the copy's entries have a
 *    fixed time, comments a fixed date (or --report-date), author gwlint:
 *    the same input and findings give the same bytes.
 *
 * Anchors: a finding on characters anchors on exactly them; a finding of
 * length 0 (a missing section: the rules give the place it was expected, a
 * layout finding: its section's first paragraph) is a comment at that point;
 * a finding that lies wholly in a paragraph's automatic numbering (text
 * rendered from numbering.xml, in no w:t) anchors on the paragraph's first
 * run, and one that starts in it starts at the paragraph's first character;
 * a span over several paragraphs is cut at the end of its first paragraph
 * unless both ends lie in the same part and story.  An empty paragraph
 * written <w:p/> is opened to hold its comment.
 *
 * Tracked changes (--annotate-fixes): a fix whose span lies in one piece of
 * one w:t (no entity inside), or an insertion at a character boundary of
 * one, becomes w:del (the old text as w:delText) + w:ins (the fix), author
 * gwlint; fixes that overlap another fix or another comment's boundary, or
 * cross runs, are left to the comment's text ("建议改为 ...").
 */
#ifndef GWLINT_CLI_ANNOTATE_H
#define GWLINT_CLI_ANNOTATE_H

#include <stdbool.h>
#include <stddef.h>

#include "../finding.h"
#include "../input/docx.h"
#include "../report.h"

/** The comment date when no --report-date is given (fixed: deterministic). */
#define ANNOTATE_FIXED_DATE "2000-01-01"

struct annotate_opts {
	const char *out;       /**< OUT.docx */
	const char *date;      /**< "YYYY-MM-DD", or NULL: ANNOTATE_FIXED_DATE */
	bool fixes;            /**< --annotate-fixes */
};

/** One finding to annotate: the same data the formats print. */
struct annotate_item {
	size_t start, end;     /**< bytes of the linted text (paragraphs joined by LF) */
	const char *rule;
	enum severity sev;
	const char *message;
	const char *clause;    /**< the rule's `source`, or NULL */
	const char *fix;       /**< replacement for [start, end), or NULL */
};

struct annotate_stats {
	size_t comments;       /**< comments added */
	size_t changes;        /**< fixes proposed as tracked changes */
};

/**
 * Annotate the package `data` (len bytes): the text the reader extracts
 * from it must be `text` (tlen bytes, NULL: not checked).  \return 0 with
 * *out (malloc'd, *outlen bytes) the annotated package, or -1 with *err a
 * message (malloc'd, no "gwlint:" prefix).
 */
int annotate_bytes(const unsigned char *data, size_t len, const struct docx_limits *lim,
    const char *text, size_t tlen, const struct annotate_item *items, size_t nitems,
    const struct annotate_opts *o, unsigned char **out, size_t *outlen,
    struct annotate_stats *st, char **err);

/**
 * Before linting: refuse an output that is the input (same name, or the
 * same file by device and inode) or a folder.  0, or -1 with *err.
 */
int annotate_check_paths(const char *out, const char *in, char **err);

/** Whether s is a date YYYY-MM-DD (a real one). */
bool annotate_date_ok(const char *s);

/**
 * The formatter that writes the copy: report_ctx.state must point to a
 * struct annotate_run (below).  It writes nothing on stdout.
 */
extern const struct formatter format_annotate;

struct annotate_run {
	struct annotate_opts o;
	int status;            /**< 0, or 2 after a "gwlint: ..." message */
	bool done;             /**< a copy was written */
	bool quiet;
	struct annotate_stats st;
};

#endif
