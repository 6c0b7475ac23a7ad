/* SPDX-License-Identifier: MIT */
/** \file extract.h
 * \brief The input stage: a file's bytes → the UTF-8 text every rule sees,
 *        its format, and where each line of that text comes from.
 *
 * The format is decided by content, never by name: a ZIP holding
 * `[Content_Types].xml` and a `word/` part (walk.h's DOC_DOCX) is a .docx;
 * the rest is text, decoded as decode.h says (UTF-8, BOM, GB18030,
 * UTF-16).  Each reader is one row of the table in extract.c (its format,
 * how it recognises its input, how it reads it), so another format is one
 * more row.
 *
 * A .docx becomes one line per paragraph (docx.h's reading order: body with
 * its tables and text boxes, then footnotes, then endnotes), the lines
 * joined with LF: paragraph i is line i + 1 of the text, and the text ends
 * with a line end only when the last paragraph is empty.  Its origin map
 * gives, for each line, the paragraph number, story, style and the bytes of
 * rendered automatic numbering at the start of the line.  Text input has
 * no origin map: its lines are its own.
 */
#ifndef GWLINT_INPUT_EXTRACT_H
#define GWLINT_INPUT_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../decode.h"
#include "../document.h"
#include "../walk.h"
#include "docx.h"

enum input_format {
	INPUT_TEXT = 0,
	INPUT_DOCX,
	INPUT_MARKDOWN,
	INPUT__COUNT
};

/** "text", "docx", "markdown". */
const char *input_format_name(enum input_format f);

/** Where one line of the extracted text comes from. */
struct line_origin {
	size_t paragraph;       /**< 1-based, in reading order over all stories */
	enum docx_story story;
	const char *style;      /**< paragraph style id, or NULL */
	size_t label_len;       /**< bytes of rendered automatic numbering (line start) */
};

/** The origin of every line of an extracted text (opaque). */
struct text_origin;

enum input_format text_origin_format(const struct text_origin *o);
/** Lines described: one per paragraph (the text may end one line short of
 *  it, when the last paragraph is empty). */
size_t text_origin_count(const struct text_origin *o);
/** 0-based line i's origin, or NULL when o is NULL or i is past the end. */
const struct line_origin *text_origin_line(const struct text_origin *o, size_t i);
/** The .docx the lines come from (paragraphs, runs), or NULL. */
const struct docx *text_origin_docx(const struct text_origin *o);
void text_origin_free(struct text_origin *o);

/** What the readers need to know besides the bytes. */
struct extract_opts {
	enum encoding encoding;           /**< text: --encoding (ENC_AUTO: detect) */
	const struct docx_limits *docx;   /**< NULL: docx_limits_default */
};

struct extracted {
	enum input_format format;
	/** The text (dec.text, dec.len) and, for text input, how it was
	 *  decoded (encoding, BOM, invalid sequences, binary); a reader's
	 *  text is UTF-8 with none of those. */
	struct decoded dec;
	bool no_converter;                /**< text: iconv lacks the forced encoding */
	struct text_origin *origin;       /**< NULL for text input */
};

/**
 * Whether the input stage reads files of this kind (walk.h): text
 * (DOC_NONE) and .docx.  Every other document kind is refused by the
 * caller with doc_kind_advice().
 */
bool extract_reads(enum doc_kind k);

/**
 * Turn `len` bytes into text; data stays the caller's.  \return 0 with
 * *out filled (extracted_free releases it), or -1 with *err a message
 * (allocated, no "gwlint:" prefix: the reader's, positioned in the part,
 * e.g. "word/document.xml:3:10: ...") and *out empty.
 */
int extract_bytes(const unsigned char *data, size_t len, const struct extract_opts *o,
    struct extracted *out, char **err);
/**
 * extract_bytes() that takes over data (from malloc, room for len + 1
 * bytes): UTF-8 text becomes the text in place, so a file is in memory
 * once; data is freed in every other case.
 */
int extract_owned(unsigned char *data, size_t len, const struct extract_opts *o,
    struct extracted *out, char **err);
void extracted_free(struct extracted *x);

/**
 * Read the file `path` ("-": standard input) into a document with its
 * origin, for --dump-text and --dump-outline: 0, or 2 after one line on
 * stderr ("gwlint: PATH: ...": a read error, a document no reader takes
 * with advice, a reader's message).
 */
int extract_file(const char *path, const struct extract_opts *o, struct document **doc);

/**
 * --dump-text: each line of doc's text (every paragraph of a .docx) with
 * its number, as `cat -n` prints it (six columns, a TAB; controls other
 * than TAB escaped as the formats do); json: one object per line (JSON
 * Lines) with line and text, and for a .docx paragraph, story, style and
 * numbering (the rendered automatic numbering at the start of text).
 */
void extract_dump_text(const struct document *doc, bool json, FILE *out);

#endif
