/* SPDX-License-Identifier: MIT */
/** \file document.h
 * \brief One report in memory: its text, line index and paragraphs.
 *
 * The document owns its text (handed over by doc_new) and its path copy.
 * Lines end at LF, CRLF or a lone CR; a line's span never includes its line
 * end.  A paragraph is a run of non-blank lines (a blank line holds nothing
 * but spaces, tabs and U+3000).  Offsets are bytes into the text.
 */
#ifndef GWLINT_DOCUMENT_H
#define GWLINT_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct document;

enum column_unit {
	COL_DISPLAY = 0, /**< terminal cells: East Asian wide = 2, tab to next 8 */
	COL_BYTE,        /**< UTF-8 bytes (Vim %c, clang) */
	COL_CHAR,        /**< code points */
	COL_UTF16,       /**< UTF-16 code units (LSP, VS Code) */
	COL__COUNT
};

/** Take ownership of `text` (len bytes, NUL-terminated) and index it. */
struct document *doc_new(const char *path, char *text, size_t len);
void doc_free(struct document *doc);

struct text_origin; /* input/extract.h */
/** Where each line came from (a .docx's paragraphs): taken over, freed
 *  with the document; NULL (the default) for text. */
void doc_set_origin(struct document *doc, struct text_origin *o);
const struct text_origin *doc_origin(const struct document *doc);

const char *doc_path(const struct document *doc);
const char *doc_text(const struct document *doc);
size_t doc_len(const struct document *doc);

size_t doc_line_count(const struct document *doc);
/** 0-based line holding byte `off` (an offset at a line end belongs to that line). */
size_t doc_line_of(const struct document *doc, size_t off);
/** Start and end (line end excluded) of 0-based line `line`. */
void doc_line_span(const struct document *doc, size_t line, size_t *start, size_t *end);
/** Whether the line holds only white space (ASCII blanks, U+3000, NBSP). */
bool doc_line_blank(const struct document *doc, size_t line);

size_t doc_para_count(const struct document *doc);
/** First and last 0-based line of paragraph `i`. */
void doc_para_lines(const struct document *doc, size_t i, size_t *first, size_t *last);

/**
 * 0-based column of byte `off` within its line, counted in `unit`.  It
 * remembers its last answer (in the document), so calls in increasing
 * offset order cost the distance between them; one document must not be
 * asked from two threads at once.
 */
size_t doc_column(const struct document *doc, size_t off, enum column_unit unit);
/** Width in `unit` of the text [start, end) (no line ends inside). */
size_t text_width(const char *s, size_t start, size_t end, size_t col0, enum column_unit unit);

/** Code points text_width measures without utf8proc (two cells wide, one code
 *  point, one UTF-16 unit): Han U+4E00..9FFF, U+3000..3029, U+FF01..FF60. */
bool doc_wide_fast(int32_t cp);

/**
 * One piece of a text → source map: text bytes [t, t + tlen) came from
 * source bytes [s, s + slen).  A copy (`copy`) has tlen == slen and equal
 * bytes; otherwise the piece maps as a whole (an entity, an escape, a line
 * end, or text whose place could not be found: slen 0).
 */
struct doc_seg {
	size_t t, tlen, s, slen;
	bool copy;
};

/**
 * Give `doc` its source: `src` (a document of the source bytes, taken
 * over) and `segs` (n pieces, taken over; sorted, covering every text byte
 * once, in increasing text and source order).
 */
void doc_set_source(struct document *doc, struct document *src, struct doc_seg *segs,
    size_t n);
/** The source document, or doc itself when it has none. */
const struct document *doc_source(const struct document *doc);
/** Whether doc was read from another form (it has a source map). */
bool doc_has_source(const struct document *doc);
/** The map (NULL, *n = 0 without a source). */
const struct doc_seg *doc_segs(const struct document *doc, size_t *n);
/**
 * Source offset of text offset `off`: as the start of a span (`end` false:
 * where the byte at off came from) or as the exclusive end of one (`end`
 * true: just after where the byte before off came from).  Identity without
 * a source.
 */
size_t doc_to_source(const struct document *doc, size_t off, bool end);
/** Text offset of source offset `soff`: the first text byte that comes from
 *  soff or later (the text's length if none).  Identity without a source. */
size_t doc_from_source(const struct document *doc, size_t soff);

const char *column_unit_name(enum column_unit u);
bool column_unit_parse(const char *s, enum column_unit *out);

#endif
