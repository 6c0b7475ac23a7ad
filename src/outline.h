/* SPDX-License-Identifier: MIT */
/** \file outline.h
 * \brief The shape of a 公文 report: title block, 文号, 主送, headings,
 *        body, 落款 and 成文日期, report year and issuer.
 *
 * Built once per document by outline_build and read by every rule.  The
 * outline borrows the document (which must outlive it) and owns everything
 * else.  Headings are plain data; everything else goes through accessors.
 *
 * The outline is built from the body story alone.  A document with an
 * origin map (a .docx) marks each line outside the body story (table cell,
 * text box, footnote, endnote) ROLE_ASIDE: such a line is never a title,
 * 文号, 主送, heading, 落款, date or 附注, never ends a section or the opening
 * paragraph, and structural scans step over it as if it were not there (it
 * is not a blank line either, so it splits nothing).  Its text is still
 * the rules' text: it is in SCOPE_TEXT and in SCOPE_BODY (a table of
 * figures in a section is that section's content), not in SCOPE_OPENING.
 * Rules that compare neighbouring body lines by role (paragraph.c) see an
 * aside line as a boundary, not ROLE_BODY: no 断行 or unnumbered-heading
 * inference across a table (a 数据来源 line after it is no heading).
 * Text input has no origin map and no aside lines.
 */
#ifndef GWLINT_OUTLINE_H
#define GWLINT_OUTLINE_H

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct document;
struct outline;

/** What a line is, as far as the outline can tell. */
enum line_role {
	ROLE_BLANK = 0,
	ROLE_TITLE,     /**< part of the title block (issuer lines included) */
	ROLE_DOCNUM,    /**< the 发文字号 line */
	ROLE_RECIPIENT, /**< the 主送 line */
	ROLE_HEADING,   /**< starts with a heading ordinal */
	ROLE_BODY,
	ROLE_SIGNER,    /**< 落款 issuer line */
	ROLE_DATE,      /**< 成文日期 line */
	ROLE_FUZHU,     /**< 附注 such as （此件公开发布） */
	ROLE_ASIDE,     /**< a .docx line outside the body story: a table cell, a
	                     text box, a footnote or an endnote paragraph */
	ROLE__COUNT
};

/** A text region a rule can be limited to (SPEC §4 `scope`). */
enum scope {
	SCOPE_TEXT = 0, /**< the whole text */
	SCOPE_TITLE,
	SCOPE_DOCNUM,
	SCOPE_RECIPIENT,
	SCOPE_HEADING,  /**< heading text of every level (ordinal included) */
	SCOPE_HEADING1,
	SCOPE_HEADING2,
	SCOPE_HEADING3,
	SCOPE_HEADING4,
	SCOPE_BODY,     /**< body lines, the body after a run-in heading, and
	                     aside lines (ROLE_ASIDE: their text is content) */
	SCOPE_CLOSING,  /**< 落款, date and 附注 lines */
	SCOPE_DATE,
	SCOPE_OPENING,  /**< the opening paragraph, before the first heading
	                     (body lines only: aside lines neither belong to it
	                     nor end it) */
	SCOPE__COUNT
};

/** A heading.  Offsets are bytes into the document text. */
struct heading {
	size_t line;       /**< 0-based line */
	size_t start;      /**< first byte of the ordinal */
	size_t ord_end;    /**< end of the ordinal token (after 、 . ） ...) */
	size_t text_end;   /**< end of the heading text: the line end, or just
	                        after the first 。！？ of a run-in heading */
	size_t line_end;   /**< end of the line */
	int level;         /**< 1..4: 一、 （一） 1. （1） */
	int value;         /**< the ordinal's number, 1-based */
	bool form_ok;      /**< the ordinal is in its GB/T 9704 form */
	bool run_in;       /**< body text follows on the same line */
	int parent;        /**< index of the enclosing heading, or -1 */
};

struct span {
	size_t start, end;
};

/** How a 成文日期 is written. */
enum date_form {
	DATE_ARABIC = 0, /**< 2024年1月5日 (padded: 2024年01月05日) */
	DATE_HAN,        /**< 二〇二四年一月五日 */
	DATE_ISO,        /**< 2024-01-05, 2024/1/5 */
	DATE_DOT,        /**< 2024.1.5 */
	DATE_OTHER
};

/** The 成文日期, parsed. y, m, d are 0 where they could not be read. */
struct ol_date {
	size_t line, start, end;
	int y, m, d;
	enum date_form form;
	bool padded;       /**< a month or day written with a leading zero */
};

/** Who issued the report, for the filing window (SPEC §5.1). */
enum issuer_type { ISSUER_UNKNOWN = 0, ISSUER_GOVERNMENT, ISSUER_DEPARTMENT };

struct outline *outline_build(const struct document *doc);
void outline_free(struct outline *ol);

enum line_role outline_line_role(const struct outline *ol, size_t line);
const char *line_role_name(enum line_role r);

size_t outline_heading_count(const struct outline *ol);
const struct heading *outline_heading(const struct outline *ol, size_t i);

/** The spans of a scope, in text order; owned by the outline. */
const struct span *outline_scope(const struct outline *ol, enum scope sc, size_t *n);
const char *scope_name(enum scope sc);
bool scope_parse(const char *s, enum scope *out);

/** The title block's lines joined without line ends ("" if none). */
const char *outline_title(const struct outline *ol);
/** Year stated in the title (0: none). */
int outline_title_year(const struct outline *ol);
/** Year opening the first body paragraph, as in "2023年，…", else the year
 *  in its "现将…2022年…情况报告如下" sentence (0: none). */
int outline_opening_year(const struct outline *ol);
/** Report year: the title's, else the opening's (0: unknown). */
int outline_report_year(const struct outline *ol);
/** The issuing organ (机关) from the title block or 落款 ("" if unknown);
 *  issuer lines of a joint report are joined. */
const char *outline_issuer(const struct outline *ol);
/** Number of issuer names (a joint 党委+政府 report has two). */
size_t outline_issuer_count(const struct outline *ol);
const char *outline_issuer_name(const struct outline *ol, size_t i);
/** What one issuer name is: the outline holds no lexicon of organs; the
 *  rules' lexicon decides (date_issuer_type in check.h). */
typedef enum issuer_type (*issuer_classifier)(const char *name, void *arg);
/** Government/party committee vs department: government when any issuer
 *  name is one (a joint report), else department when any is, else unknown;
 *  each name as `classify` says. */
enum issuer_type outline_issuer_type(const struct outline *ol, issuer_classifier classify,
    void *arg);
const char *issuer_type_name(enum issuer_type t);
/** The parsed 成文日期, or NULL. */
const struct ol_date *outline_date(const struct outline *ol);
/** Line of the "现将…报告如下" sentence, or OUTLINE_NONE. */
size_t outline_opening_line(const struct outline *ol);
/** What the settings (config, command line) give the rules over the
 *  report's own answers, for outline_dump_json. */
struct outline_given {
	int year;             /**< the report year (0: the report's) */
	const char *issuer;   /**< the {issuer} value (NULL: the report's) */
};
/** Print the outline as one JSON object (for --dump-outline), with the
 *  issuer type the rules decided, and "report_year" and "issuer" as the
 *  rules see them (`given` over the report's; NULL: the report's). */
void outline_dump_json(const struct outline *ol, enum issuer_type itype,
    const struct outline_given *given, struct buf *out);

/** Line of a header/closing element, or (size_t)-1 when absent. */
size_t outline_docnum_line(const struct outline *ol);
size_t outline_recipient_line(const struct outline *ol);
size_t outline_signer_line(const struct outline *ol);
size_t outline_date_line(const struct outline *ol);
size_t outline_fuzhu_line(const struct outline *ol);

/**
 * Where a finding about something missing should point: the start of the
 * last level-1 heading, else of the first body line, else 0.
 */
size_t outline_anchor(const struct outline *ol);

#define OUTLINE_NONE ((size_t)-1)

#endif
