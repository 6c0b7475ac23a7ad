/* SPDX-License-Identifier: MIT */
/** \file markdown.h
 * \brief A Markdown file (decoded UTF-8) → the text the rules see, with a
 *        map back to the Markdown source.
 *
 * The source is parsed by cmark (CommonMark) and its tree walked: the text
 * of headings, paragraphs (in lists and block quotes too) and code blocks is
 * kept; emphasis, strong, code spans and links are reduced to their text;
 * images, raw HTML, thematic breaks and the markup itself (`#`, `>`, list
 * bullets, `*`, `_`, backticks, link destinations, escapes' backslashes) are
 * dropped.  An ordered list item keeps its typed number ("1." of `1. 完善`
 * gives "1.完善"), as a report's ordinal is content.
 *
 * Line model: line N of the text is line N of the source.  Each source line
 * gives one text line (empty for a line of markup only), ended by "\n" when
 * the source line has a line end, so a heading `## 一、…` on line 5 is the
 * line "一、…" on line 5, and the outline decides its level from its
 * ordinal, as for a .txt.  (A last source line without a line end that
 * gives no text, such as a closing fence, is then no line of the text: a
 * document has no empty last line without a line end.)
 *
 * Map: each text byte comes from a copy of a source byte on the same line,
 * or from an entity or escape (mapped as a whole), or from a line end.  The
 * place of each piece of text is found in its own source line (cmark's
 * inline positions are used as hints only, and checked); a piece whose
 * place is not found within its line maps to an empty span at the point
 * reached in that line, never past it.
 *
 * Nothing here reads a global or prints.
 */
#ifndef GWLINT_MARKDOWN_H
#define GWLINT_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "../document.h"
#include "../util.h"

/**
 * The document of a Markdown source: its text as above, carrying the
 * source (`src`, len bytes, NUL-terminated, taken over; decoded text with
 * no NUL before its end) and the map (doc_source, doc_to_source).
 */
struct document *md_document(const char *path, char *src, size_t len);

/** Whether a file name is Markdown's (.md, .markdown, .mdown, .mkd, .mkdn;
 *  any case; the last component of a path). */
bool md_name(const char *path);

/** How many bytes of a file md_report_like reads. */
#define MD_HEAD_BYTES 4096

/**
 * Whether a Markdown file found by a folder walk is a report (README
 * states the rule): its name does not start with README, CHANGELOG,
 * CONTRIBUTING, LICENSE or CODE_OF_CONDUCT (any case), and one of its
 * first five non-blank lines (of `head`, its first bytes, decoded as gwlint
 * decodes a file) holds 报告 or 情况.
 */
bool md_report_like(const char *name, const unsigned char *head, size_t n);

/** What md_fix_source did. */
struct md_fix {
	size_t lines;        /**< lines whose edits were applied */
	size_t skipped;      /**< lines whose edits were not (they touch markup) */
	bool markup;         /**< (fix_markdown) the result did not read back as the
	                          fixed text: an edit changed what markup means */
	bool added;          /**< (fix_markdown) the result has a finding more */
};

/**
 * Carry the text edits that turn doc's text into `fixed` (same number of
 * lines: fixes never add or remove a line end) over to doc's source (doc a
 * Markdown document), into *src_out; *text_out gets the text that source
 * should read as.  On each line the edit is the span between the common
 * start and end of the old and new line; it is applied when it replaces
 * source bytes that are a plain copy of the text (one contiguous run, no
 * markup inside) or inserts next to one; otherwise the line keeps its old
 * text and source and counts in st->skipped.  Markup bytes are never
 * changed.  The caller checks that *src_out reads back as *text_out (an
 * edit next to markup can change what the markup means).
 */
void md_fix_source(const struct document *doc, const char *fixed, size_t flen,
    struct buf *src_out, struct buf *text_out, struct md_fix *st);

#endif
