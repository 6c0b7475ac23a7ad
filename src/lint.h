/* SPDX-License-Identifier: MIT */
/** \file lint.h
 * \brief One file through the pipeline: extract (decode a text, read a
 *        .docx) → document → outline → rules → findings.
 *
 * A lint_result owns its document, outline and findings; lint_result_free
 * releases them.  The rule set and scratch are borrowed.
 */
#ifndef GWLINT_LINT_H
#define GWLINT_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "decode.h"
#include "document.h"
#include "input/extract.h"
#include "finding.h"
#include "outline.h"
#include "pack.h"
#include "regex.h"

/**
 * The mandated contents of an annual report (督察工作规定 年度报告内容), as
 * the audit page's matrix shows them; each is the verdict of one catalogue
 * rule (SPEC §5, fixed ids) on this document: lint_facts_content.
 */
enum content_item {
	CONTENT_ACHIEVEMENTS = 0, /**< 成效: section-achievements */
	CONTENT_SHORTCOMINGS,     /**< 不足: section-shortcomings */
	CONTENT_CAUSES,           /**< 原因: shortcomings-causes (inside 不足) */
	CONTENT_RESPONSIBILITY,   /**< 第一责任人: responsibility-content */
	CONTENT_PLAN,             /**< 下一年度安排: section-next-year-plan */
	CONTENT_PLAN_YEAR,        /**< the plan's year: next-year-plan-year */
	CONTENT__COUNT
};

/** A content item's verdict. */
enum content_mark {
	CONTENT_UNCHECKED = 0, /**< its rule is not loaded, disabled, or needs the unknown year */
	CONTENT_PRESENT,       /**< its rule ran and found nothing missing */
	CONTENT_MISSING        /**< its rule made a finding */
	/* 原因 and the plan's year take the mark of the item they lie in
	 * (不足, 安排) when that one is not present. */
};

/** The 成文日期 against the filing window (date-timing, SPEC §5.1). */
enum window_status {
	WINDOW_UNCHECKED = 0,  /**< date-timing is not loaded or is disabled */
	WINDOW_NO_DATE,        /**< the report has no 成文日期 the outline can read */
	WINDOW_NO_YEAR,        /**< the report year is unknown */
	WINDOW_BAD_DATE,       /**< the date is not a real calendar date */
	WINDOW_IN,             /**< inside the window */
	WINDOW_EARLY,          /**< before it (date-timing made a finding) */
	WINDOW_LATE            /**< after it (date-timing made a finding) */
};

/**
 * What the lint of one file learnt about the report, for formatters that
 * show more than findings (the audit page): the outline's facts as the
 * rules saw them, and the rules' verdicts on the mandated contents.  Made
 * by lint_bytes/lint_owned from the findings before any filter (baseline,
 * --quiet), so it does not change with them.
 */
struct lint_facts {
	char *issuer;              /**< the {issuer} the rules used ("" unknown); owned */
	enum issuer_type issuer_type; /**< as the date rules decide it (config, else lexicon) */
	int report_year;           /**< 0: unknown */
	int date_y, date_m, date_d; /**< the 成文日期 (0: none or unreadable part) */
	enum window_status window;
	enum content_mark content[CONTENT__COUNT];
};

/** The rule id behind a content item (static storage). */
const char *content_item_rule(enum content_item c);

struct lint_result {
	struct document *doc;      /**< NULL when the file was skipped or not read */
	enum input_format format;  /**< how the file was read (text, docx ...) */
	char *error;               /**< why a reader refused the file (doc is NULL) */
	struct outline *ol;
	struct findings *findings;
	enum encoding enc;         /**< encoding the text was decoded from */
	bool bom;
	bool binary;               /**< skipped as binary */
	size_t nbad;               /**< invalid sequences found */
	int report_year;
	struct lint_facts facts;   /**< what the audit page shows (doc != NULL) */
};

/** A severity the user chose for a rule (--severity, a config's `severity:`). */
struct sev_override {
	const char *id;
	enum severity sev;
};

/**
 * Settings that do not change from file to file: one value per config (and
 * one for files without), resolved once by configs_resolve from the packs'
 * defaults, then the config, then the command line.  Nothing else decides
 * whether a rule runs; a finding's severity is decided as check_severity
 * says, from `sev` here and the kind's grade.
 */
struct lint_settings {
	int year;                  /**< --year, 0 if not given */
	enum encoding encoding;    /**< --encoding (ENC_AUTO by default) */
	bool binary;               /**< lint files that look binary */
	/** Read every file as text, a Markdown name too (the fix passes re-lint
	 *  a Markdown file's extracted text). */
	bool as_text;
	/** Per rule index: whether it runs (NULL: every rule runs). */
	const bool *enabled;
	/** Per rule index: the severity the user set for it, SEV_NONE where
	 *  the user set none (the kind's grade or the rule's default then);
	 *  NULL: none set for any rule. */
	const enum severity *sev;
	const char *issuer;        /**< config: issuer name (NULL: from the report) */
	const char *issuer_type;   /**< config: "government" or "department" (NULL: from the report) */
};

/**
 * Lint `len` bytes read from `path`.  Takes ownership of nothing: `data`
 * stays the caller's.  A file no reader can read (a broken .docx) gets
 * out->error and no document.  A Markdown name (md_name: .md, .markdown ...)
 * is read as Markdown unless ls->as_text: the decoded text is the source and
 * the document carries it (src/input/markdown.h).
 */
void lint_bytes(struct ruleset *rs, const struct lint_settings *ls, const char *path,
    const unsigned char *data, size_t len, struct regex_scratch *sc,
    struct lint_result *out);
/**
 * lint_bytes() that takes ownership of `data` (from malloc, room for len + 1
 * bytes, as read_file and read_stream return it): UTF-8 text is linted in
 * place, so a file is in memory once.
 */
void lint_owned(struct ruleset *rs, const struct lint_settings *ls, const char *path,
    unsigned char *data, size_t len, struct regex_scratch *sc, struct lint_result *out);
void lint_result_free(struct lint_result *res);

#endif
