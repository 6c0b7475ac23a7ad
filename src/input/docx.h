/* SPDX-License-Identifier: MIT */
/** \file docx.h
 * \brief A .docx package (bytes in memory) → its paragraphs as UTF-8 lines.
 *
 * The reader opens the zip from memory (libzip), parses each part it needs
 * with expat (namespace-aware: elements are matched by namespace URI and
 * local name, Transitional and Strict, never by prefix) and returns one
 * paragraph per `w:p`: the body in document order (a table cell's and a
 * text box's paragraphs each their own, after the host paragraph), then the
 * footnotes, then the endnotes.  Automatic numbering (numbering.xml through
 * the paragraph's or its style's w:numPr) is rendered at the start of the
 * paragraph's text; `label_len` says how many bytes of it.
 *
 * A paragraph's text never holds a line end: w:br becomes a space, w:tab a
 * TAB, w:noBreakHyphen U+2011, w:sym its character; field results are kept,
 * w:instrText never; w:ins kept, w:del dropped; mc:AlternateContent read
 * once (its mc:Choice, else its mc:Fallback).
 *
 * Every bound is in `struct docx_limits`: the inflated size of each part and
 * of all parts read, the number of zip entries, of paragraphs, the bytes of
 * one paragraph and the XML nesting depth.  A DOCTYPE is refused.  Nothing
 * here reads a global or prints: an error comes back as a message.
 */
#ifndef GWLINT_DOCX_H
#define GWLINT_DOCX_H

#include <stddef.h>
#include <stdint.h>

/** Where a paragraph lives. */
enum docx_story {
	DOCX_BODY = 0,
	DOCX_TABLE,      /**< a table cell (at any nesting) in the body */
	DOCX_TEXTBOX,    /**< a text box / shape's txbxContent */
	DOCX_FOOTNOTE,
	DOCX_ENDNOTE,
	DOCX_STORY__COUNT
};

/** "body", "table", "textbox", "footnote", "endnote". */
const char *docx_story_name(enum docx_story s);

struct docx_limits {
	size_t max_part;      /**< inflated bytes of one part */
	size_t max_total;     /**< inflated bytes of all parts read */
	size_t max_entries;   /**< zip entries */
	size_t max_paras;     /**< paragraphs */
	size_t max_para;      /**< bytes of one paragraph's text */
	unsigned max_depth;   /**< XML element nesting */
};

/** The defaults gwlint uses (generous for any real report): 64 MiB a part,
 *  256 MiB over the parts read, 10,000 zip entries, 1,000,000 paragraphs,
 *  8 MiB of text in one paragraph, elements nested 256 deep. */
void docx_limits_default(struct docx_limits *lim);

/** A run of a paragraph: a byte span of its text and the run's
 *  properties: for a body run, its entry in the layout's run table
 *  (docx_layout.h: docx_layout_run()); 0 = none recorded (not the body,
 *  or the layout's runs of the paragraph could not be paired with these). */
struct docx_run {
	size_t start, len;
	uint32_t props;
};

struct docx_para {
	const char *text;       /**< UTF-8, numbering label first, no line end */
	size_t len;
	size_t label_len;       /**< bytes of rendered automatic numbering (with the
	                             w:suff TAB or space after it) */
	enum docx_story story;
	size_t number;          /**< 1-based, in reading order over all stories */
	const char *style;      /**< w:pStyle's w:val, or NULL */
	const struct docx_run *runs;
	size_t nruns;
};

struct docx;

/**
 * Read a package.  \return 0 with *out set, or -1 with *err a message
 * (malloc'd, no "gwlint:" prefix, naming the part and, for XML, the line
 * and column in it, e.g. "word/document.xml:3:10: a DOCTYPE is refused").
 */
int docx_read(const unsigned char *data, size_t len, const struct docx_limits *lim,
    struct docx **out, char **err);
size_t docx_para_count(const struct docx *d);
const struct docx_para *docx_para_at(const struct docx *d, size_t i);
void docx_free(struct docx *d);

struct docx_layout;
/** The package's layout (docx_layout.h: sections, footers, effective
 *  paragraph and run properties of the body), or NULL when it could not
 *  be read. */
const struct docx_layout *docx_layout(const struct docx *d);

/*
 * The source map (for --annotate, src/cli/annotate.h): where each byte of a
 * paragraph's text sits in the inflated XML of its part, so a writer can
 * splice markup at exactly those characters.  Offsets are byte offsets in
 * the part's XML as stored in the package (expat's byte indexes).
 */

/** A piece of a paragraph's text and the XML it came from. */
struct docx_seg {
	size_t start, len;      /**< bytes of the paragraph's text */
	size_t xml, xml_len;    /**< TEXT: the character data (an entity or a
	                             line end: one piece); ELEM: the element */
	size_t run;             /**< the enclosing w:r start tag, or DOCX_NOPOS */
	size_t rpr, rpr_len;    /**< that run's w:rPr element (rpr_len 0: none) */
	size_t t_tag, t_tag_len;/**< TEXT: the enclosing w:t start tag */
	unsigned char elem;     /**< 0: character data of a w:t; 1: an element
	                             (w:tab, w:br, w:cr, w:sym, w:noBreakHyphen ...) */
	unsigned char exact;    /**< TEXT: text byte i is XML byte xml + i */
};

#define DOCX_NOPOS ((size_t)-1)

/** A paragraph's place in its part. */
struct docx_pmap {
	unsigned part;          /**< docx_part_name() index */
	size_t p_tag, p_tag_len;/**< the w:p start tag (ends in "/>": empty) */
	size_t content;         /**< where run-level markup may go: after the
	                             w:pPr, else after the start tag; DOCX_NOPOS
	                             for an empty <w:p/> */
	const struct docx_seg *segs;  /**< in text order */
	size_t nsegs;
};

/** Paragraph i's source map, or NULL. */
const struct docx_pmap *docx_para_map(const struct docx *d, size_t i);
/** The story parts read (document, footnotes, endnotes), by index. */
size_t docx_part_count(const struct docx *d);
const char *docx_part_name(const struct docx *d, size_t i);

#endif
