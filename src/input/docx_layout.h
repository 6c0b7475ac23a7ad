/* SPDX-License-Identifier: MIT */
/** \file docx_layout.h
 * \brief The layout of a .docx (GB/T 9704 checks): sections (paper,
 *        margins, grid, footers), settings, and the effective paragraph and
 *        run properties of each body paragraph after Word's cascade.
 *
 * Read with docx_read() (docx.h: docx_layout()) in the same read of the
 * package: the text reader feeds it the XML events of styles and the main
 * part (docx_layout_feed_*), and it reads settings, theme, fontTable and
 * the footers the sections name from the open archive, each found through
 * the main part's relationships (docx_package.h) and bounded by the
 * reader's struct docx_limits.  Elements are matched by namespace URI
 * (Transitional or Strict) and local name; measures may be universal
 * ("37mm", "16pt").  A part that is missing leaves its values unset; a
 * part that cannot be read leaves the layout absent (NULL), never fails
 * the text reading.
 *
 * Body paragraphs are the paragraphs of story DOCX_BODY, in the same order
 * as docx.h gives them: the k-th body paragraph here is the k-th paragraph
 * of story DOCX_BODY there.  Runs are the runs with visible text.
 *
 * Cascade: docDefaults → the paragraph style's w:basedOn chain (root
 * first; cycle-safe, at most 32 deep) → the run's character style chain →
 * direct w:pPr / w:rPr.  A level naming w:eastAsiaTheme takes the theme's
 * font (theme1.xml a:minorFont / a:majorFont a:ea, empty → its
 * `script="Hans"` font); a level naming only w:eastAsia takes that name.
 */
#ifndef GWLINT_DOCX_LAYOUT_H
#define GWLINT_DOCX_LAYOUT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "docx.h"

/** A number the document does not set. */
#define DOCX_UNSET LONG_MIN

enum docx_grid { DOCX_GRID_NONE = 0, DOCX_GRID_LINES, DOCX_GRID_LINES_CHARS,
	DOCX_GRID_SNAP_CHARS };
enum docx_footer_type { DOCX_FTR_DEFAULT = 0, DOCX_FTR_EVEN, DOCX_FTR_FIRST, DOCX_FTR__COUNT };

/** Effective run properties (NULL / DOCX_UNSET: not set anywhere). */
struct docx_rprops {
	const char *east_asia;  /**< resolved East Asian font name (theme fonts resolved) */
	const char *ascii;      /**< w:ascii */
	long sz;                /**< half-points */
	const char *color;      /**< w:color/@w:val */
	const char *highlight;  /**< w:highlight/@w:val */
	const char *shd;        /**< w:shd/@w:fill */
};

/** Effective paragraph properties. */
struct docx_pprops {
	const char *jc;
	long first_line_chars, first_line;  /**< w:ind (hundredths of a char; twips) */
	long left, right, left_chars, right_chars;
	long line;                          /**< w:spacing/@w:line */
	const char *line_rule;              /**< w:spacing/@w:lineRule */
};

struct docx_lrun {
	size_t bytes;            /**< UTF-8 bytes of its w:t text */
	struct docx_rprops rp;
};

struct docx_lpara {
	struct docx_pprops pp;
	struct docx_rprops rp;   /**< the paragraph style's run properties (no run) */
	const struct docx_lrun *runs;
	size_t nruns;
	size_t section;          /**< index of its section */
};

struct docx_footer {
	bool present;            /**< the section names one of this type */
	bool has_page;           /**< a PAGE field in it */
	const char *text;        /**< text of the paragraph with the PAGE field (field results kept), else of all */
	struct docx_pprops pp;   /**< that paragraph's */
	struct docx_rprops rp;   /**< its first run's (the field result's when there is one),
	                              after the cascade: its paragraph style, its character style */
};

struct docx_section {
	long pg_w, pg_h;
	bool landscape;          /**< w:orient="landscape" */
	long top, bottom, left, right, gutter, footer;
	enum docx_grid grid;
	long line_pitch, char_space;
	bool title_pg;
	struct docx_footer footers[DOCX_FTR__COUNT];  /**< a type the section does not name: the previous section's */
	size_t first_para;       /**< its first body paragraph (0-based) */
	size_t npara;
};

struct docx_layout;

/** Read the layout of a package on its own (a second pass: the fuzzers and
 *  unit tests call it). NULL when no layout can be read. */
struct docx_layout *docx_layout_read(const unsigned char *data, size_t len,
    const struct docx_limits *lim);

/* One read of the package for both passes: the text reader (docx.c) feeds
 * the XML events of the parts both read (styles, the main part) to the
 * layout as it parses them, then hands over its open archive for the
 * parts only the layout reads (settings, theme, fontTable, footers).  The
 * result is the same as docx_layout_read()'s. */
enum docx_layout_part { DOCX_LAYOUT_NONE, DOCX_LAYOUT_STYLES, DOCX_LAYOUT_MAIN };
struct docx_layout_feed;
struct zip;
struct docx_layout_feed *docx_layout_feed_new(const struct docx_limits *lim);
/** The part whose events follow (NONE: the events that follow are not the layout's). */
void docx_layout_feed_part(struct docx_layout_feed *f, enum docx_layout_part part);
/** expat's events (names as XML_ParserCreateNS(NULL, '\x01') gives them). */
void docx_layout_feed_start(struct docx_layout_feed *f, const char *name, const char **atts);
void docx_layout_feed_end(struct docx_layout_feed *f, const char *name);
void docx_layout_feed_chars(struct docx_layout_feed *f, const char *t, int n);
/** Read the rest from the open archive; frees f.  NULL when no layout can be read. */
struct docx_layout *docx_layout_feed_finish(struct docx_layout_feed *f, struct zip *za);
/** Free a feed not finished (the text reading failed). */
void docx_layout_feed_free(struct docx_layout_feed *f);
void docx_layout_free(struct docx_layout *l);

bool docx_layout_even_odd(const struct docx_layout *l);     /**< settings w:evenAndOddHeaders */
bool docx_layout_mirror(const struct docx_layout *l);       /**< settings w:mirrorMargins */
/** The Normal font size (docDefaults + the default paragraph style), half-points; DOCX_UNSET. */
long docx_layout_normal_sz(const struct docx_layout *l);
size_t docx_layout_section_count(const struct docx_layout *l);
const struct docx_section *docx_layout_section(const struct docx_layout *l, size_t i);
size_t docx_layout_para_count(const struct docx_layout *l);
const struct docx_lpara *docx_layout_para(const struct docx_layout *l, size_t i);
/** The id (1-based, for struct docx_run.props) of run `run` of body
 *  paragraph `para`; 0 when there is none. */
uint32_t docx_layout_run_id(const struct docx_layout *l, size_t para, size_t run);
/** The run of that id, or NULL (0 or out of range). */
const struct docx_lrun *docx_layout_run(const struct docx_layout *l, uint32_t id);
/** fontTable.xml's w:altName of font `name`, or NULL. */
const char *docx_layout_alt_name(const struct docx_layout *l, const char *name);

#endif
