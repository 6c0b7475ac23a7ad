/* SPDX-License-Identifier: MIT */
/** \file options.h
 * \brief The command line, parsed once into the one global: `opt`.
 */
#ifndef GWLINT_OPTIONS_H
#define GWLINT_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "decode.h"
#include "document.h"
#include "finding.h"
#include "lint.h"

enum color_mode { COLOR_AUTO = 0, COLOR_ALWAYS, COLOR_NEVER };

struct options {
	const char **rules;          /**< --rules, in order */
	size_t nrules;
	int year;                    /**< --year (0: from the report) */
	const char *format;          /**< --format */
	enum column_unit unit;
	int origin;
	bool unit_set, origin_set;   /**< given on the command line */
	bool show_source;
	bool no_csv_bom;             /**< --no-csv-bom */
	bool quiet;                  /**< --quiet: only findings at or above --fail-on */
	const char *config;          /**< --config FILE */
	const char *baseline;        /**< --baseline FILE */
	const char *write_baseline;  /**< --write-baseline FILE */
	enum severity fail_on;       /**< SEV_NONE means never */
	const char **enable, **disable;
	size_t nenable, ndisable;
	struct sev_override *sev;
	size_t nsev;
	bool list_rules;
	bool init;                   /**< --init: write a .gwlint.yaml here */
	const char *print_config;    /**< --print-config FILE */
	bool fix;                    /**< --fix: rewrite files with the safe fixes */
	bool fix_dry_run;            /**< --fix-dry-run: print them as a diff */
	const char *explain;
	const char *dump_outline;    /**< --dump-outline FILE */
	const char *dump_text;       /**< --dump-text FILE */
	const char *annotate;        /**< --annotate OUT: the annotated copy of the .docx */
	bool annotate_fixes;         /**< --annotate-fixes: safe fixes as tracked changes */
	const char *report_date;     /**< --report-date YYYY-MM-DD: the html page's date, the comments' date (NULL: none / a fixed date) */
	const char *stdin_filename;
	int jobs;
	enum color_mode color;
	enum encoding encoding;
	bool binary;
	bool skip_unreadable;        /**< --skip-unreadable: files not linted are notices */
	bool trust_config;           /**< --trust-config: use found configs whoever owns them */
	const char **allow_packs;    /**< --allow-packs DIR: where config packs may also lie */
	size_t nallow_packs;
	bool fix_config_packs;       /**< --fix-from-config-packs */
	bool lsp;                    /**< --lsp (--stdio): serve LSP on stdin/stdout */
	const char **paths;          /**< operands */
	size_t npaths;
};

/** The parsed options: the program's only global mutable state. */
extern struct options opt;

/**
 * Parse argv into opt.  --help and --version print and exit 0; a usage
 * error prints "gwlint: ..." and exits 2.
 */
void options_parse(int argc, char **argv);
/** Release what options_parse allocated. */
void options_free(void);

#endif
