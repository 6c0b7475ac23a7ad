/* SPDX-License-Identifier: MIT */
/** \file options.c
 * \brief getopt_long over the option table of SPEC §2.
 */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "report/escape.h"
#include "cli/annotate.h"
#include "util.h"

#ifndef GWLINT_VERSION
#define GWLINT_VERSION "0.1.0"
#endif

struct options opt;

enum {
	OPT_RULES = 256, OPT_YEAR, OPT_FORMAT, OPT_UNIT, OPT_ORIGIN, OPT_SHOW_SOURCE,
	OPT_NO_CSV_BOM,
	OPT_FAIL_ON, OPT_ENABLE, OPT_DISABLE, OPT_SEVERITY, OPT_LIST_RULES, OPT_EXPLAIN,
	OPT_STDIN_FILENAME, OPT_DUMP_OUTLINE, OPT_COLOR, OPT_ENCODING, OPT_BINARY,
	OPT_FIX, OPT_FIX_DRY_RUN, OPT_CONFIG, OPT_BASELINE, OPT_WRITE_BASELINE,
	OPT_SKIP_UNREADABLE,
	OPT_TRUST_CONFIG, OPT_ALLOW_PACKS, OPT_FIX_CONFIG_PACKS,
	OPT_INIT, OPT_PRINT_CONFIG,
	OPT_DUMP_TEXT,
	OPT_ANNOTATE, OPT_ANNOTATE_FIXES, OPT_REPORT_DATE,
	OPT_LSP,
};

static const struct option longopts[] = {
	{"rules", required_argument, NULL, OPT_RULES},
	{"year", required_argument, NULL, OPT_YEAR},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"column-unit", required_argument, NULL, OPT_UNIT},
	{"column-origin", required_argument, NULL, OPT_ORIGIN},
	{"show-source", no_argument, NULL, OPT_SHOW_SOURCE},
	{"no-csv-bom", no_argument, NULL, OPT_NO_CSV_BOM},
	{"fail-on", required_argument, NULL, OPT_FAIL_ON},
	{"enable", required_argument, NULL, OPT_ENABLE},
	{"disable", required_argument, NULL, OPT_DISABLE},
	{"severity", required_argument, NULL, OPT_SEVERITY},
	{"list-rules", no_argument, NULL, OPT_LIST_RULES},
	{"explain", required_argument, NULL, OPT_EXPLAIN},
	{"fix", no_argument, NULL, OPT_FIX},
	{"fix-dry-run", no_argument, NULL, OPT_FIX_DRY_RUN},
	{"stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME},
	{"dump-outline", required_argument, NULL, OPT_DUMP_OUTLINE},
	{"dump-text", required_argument, NULL, OPT_DUMP_TEXT},
	{"annotate", required_argument, NULL, OPT_ANNOTATE},
	{"annotate-fixes", no_argument, NULL, OPT_ANNOTATE_FIXES},
	{"report-date", required_argument, NULL, OPT_REPORT_DATE},
	{"jobs", required_argument, NULL, 'j'},
	{"color", required_argument, NULL, OPT_COLOR},
	{"encoding", required_argument, NULL, OPT_ENCODING},
	{"binary", no_argument, NULL, OPT_BINARY},
	{"skip-unreadable", no_argument, NULL, OPT_SKIP_UNREADABLE},
	{"config", required_argument, NULL, OPT_CONFIG},
	{"baseline", required_argument, NULL, OPT_BASELINE},
	{"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
	{"trust-config", no_argument, NULL, OPT_TRUST_CONFIG},
	{"allow-packs", required_argument, NULL, OPT_ALLOW_PACKS},
	{"fix-from-config-packs", no_argument, NULL, OPT_FIX_CONFIG_PACKS},
	{"init", no_argument, NULL, OPT_INIT},
	{"print-config", required_argument, NULL, OPT_PRINT_CONFIG},
	{"lsp", no_argument, NULL, OPT_LSP},
	{"stdio", no_argument, NULL, OPT_LSP},
	{"quiet", no_argument, NULL, 'q'},
	{"version", no_argument, NULL, 'V'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static const char usage_text[] =
"Usage: gwlint [options] [path ...]\n"
"Lint Chinese government reports (法治政府建设情况报告) against their rules.\n"
"Paths are files (text or .docx), directories (recursed: *.txt and *.docx in any\n"
"case) or - for stdin.\n"
"\n"
"  --rules DIR|FILE      rule packs to load (repeatable; default: the installed rules/)\n"
"  --config FILE         project config (default: the nearest .gwlint.yaml above each file)\n"
"  --init                write a commented .gwlint.yaml in the current folder\n"
"  --print-config FILE   print the settings that apply to FILE (--format json: as data)\n"
"  --year YYYY           report year (default: from the title, else the opening \"YYYY年\")\n"
"  --format F            output format: %s\n"
"  --column-unit U       display (default; github: utf16, sarif: char) | byte | char | utf16\n"
"  --column-origin N     1 (default) or 0\n"
"  --show-source         print the source line and a caret under each finding\n"
"  --no-csv-bom          --format csv: no UTF-8 byte order mark (default: one, for Excel)\n"
"  --fail-on LEVEL       error (default) | warning | info | never\n"
"  -q, --quiet           print only findings at or above --fail-on, no notices\n"
"  --baseline FILE       do not report (or fail on) the findings recorded in FILE\n"
"  --write-baseline FILE record this run's findings in FILE (then exit 0)\n"
"  --enable ID           run a rule (repeatable)\n"
"  --disable ID          do not run a rule (repeatable)\n"
"  --severity ID=LEVEL   change a rule's severity (repeatable)\n"
"  --list-rules          list every rule as the config leaves it: id, severity, pack,\n"
"                        source (--format json: as data)\n"
"  --explain ID          what a rule checks, why, and examples\n"
"  --fix                 apply the safe fixes in place (atomically); print what is left\n"
"  --fix-dry-run         print the safe fixes as a unified diff; change nothing\n"
"  --trust-config        use found configs and their packs even when another user\n"
"                        owns them or others can write their folder\n"
"  --allow-packs DIR     let configs name packs below DIR too (repeatable)\n"
"  --fix-from-config-packs  let the packs a config names supply fixes too\n"
"  --lsp, --stdio        run as a language server (LSP 3.17) on stdin/stdout: editors\n"
"                        show the findings as you type, with quick fixes and hover\n"
"  --stdin-filename P    name to report for -\n"
"  --dump-outline FILE   print the report's outline (title, headings, closing) as JSON\n"
"  --dump-text FILE      print the text gwlint lints for FILE (a .docx: one line per\n"
"                        paragraph) with line numbers (--format json: as data)\n"
"  --annotate OUT FILE   write a copy of FILE.docx with each finding as a Word comment\n"
"                        (批注) on its characters; FILE is never changed\n"
"  --annotate-fixes      with --annotate: propose each safe fix as a tracked change\n"
"  --report-date DATE    YYYY-MM-DD: the date --format html prints on the page and\n"
"                        --annotate's comments carry (default: none on the page, a\n"
"                        fixed date in comments, so the output is reproducible)\n"
"  -j, --jobs N          lint N files at once (output order is unchanged)\n"
"  --color WHEN          auto (default) | always | never; NO_COLOR is respected\n"
"  --encoding E          auto (default) | utf-8 | gb18030 | utf-16le | utf-16be\n"
"  --binary              lint files that look binary (NUL bytes) as text\n"
"  --skip-unreadable     files that cannot be linted (Word, PDF ...) are notices,\n"
"                        not errors (a run that lints nothing still exits 2)\n"
"  -V, --version         print the version\n"
"  -h, --help            print this help\n"
"\n"
"Exit status: 0 no finding at or above --fail-on; 1 findings at or above it;\n"
"2 usage, config, rule-file or I/O error, a file that could not be linted\n"
"(a Word or PDF file ...), or no file linted at all.  The format does not change it.\n";

static _Noreturn void
usage_error(const char *fmt, ...)
{
	va_list ap;
	struct buf msg = {0};

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	say("%s", msg.data ? msg.data : "");
	say("try 'gwlint --help' for more information");
	buf_free(&msg);
	exit(2);
}

static long
parse_long(const char *opt_name, const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || v < lo || v > hi)
		usage_error("%s: invalid value '%s' (expected %ld..%ld)", opt_name, s, lo, hi);
	return v;
}

/* Whether name[0..end) abbreviates a long option that takes no value and
 * whose getopt value is val. */
static bool
takes_no_value(const char *name, const char *end, int val)
{
	size_t i, n = (size_t)(end - name);

	for (i = 0; longopts[i].name; i++)
		if (strncmp(longopts[i].name, name, n) == 0 && longopts[i].val == val &&
		    longopts[i].has_arg == no_argument)
			return true;
	return false;
}

static const char **
push(const char **list, size_t *n, const char *s)
{
	list = xrealloc(list, (*n + 1) * sizeof *list);
	list[(*n)++] = s;
	return list;
}

void
options_parse(int argc, char **argv)
{
	int c;
	enum severity s;

	memset(&opt, 0, sizeof opt);
	opt.format = "gcc";
	opt.unit = COL_DISPLAY;
	opt.origin = 1;
	opt.fail_on = SEV_ERROR;
	opt.jobs = 1;
	opterr = 0; /* our own messages, starting with "gwlint: " */
	while ((c = getopt_long(argc, argv, ":j:qhV", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_RULES:
			opt.rules = push(opt.rules, &opt.nrules, optarg);
			break;
		case OPT_YEAR:
			opt.year = (int)parse_long("--year", optarg, 1900, 2999);
			break;
		case OPT_FORMAT:
			if (formatter_find(optarg) == NULL)
				usage_error("--format: unknown format '%s' (formats: %s)", optarg,
				    formatter_names());
			opt.format = optarg;
			break;
		case OPT_UNIT:
			if (!column_unit_parse(optarg, &opt.unit))
				usage_error("--column-unit: unknown unit '%s' (display, byte, char, utf16)",
				    optarg);
			opt.unit_set = true;
			break;
		case OPT_ORIGIN:
			opt.origin = (int)parse_long("--column-origin", optarg, 0, 1);
			opt.origin_set = true;
			break;
		case OPT_CONFIG:
			opt.config = optarg;
			break;
		case OPT_BASELINE:
			opt.baseline = optarg;
			break;
		case OPT_WRITE_BASELINE:
			opt.write_baseline = optarg;
			break;
		case OPT_TRUST_CONFIG:
			opt.trust_config = true;
			break;
		case OPT_ALLOW_PACKS:
			opt.allow_packs = push(opt.allow_packs, &opt.nallow_packs, optarg);
			break;
		case OPT_FIX_CONFIG_PACKS:
			opt.fix_config_packs = true;
			break;
		case 'q':
			opt.quiet = true;
			break;
		case OPT_SHOW_SOURCE:
			opt.show_source = true;
			break;
		case OPT_NO_CSV_BOM:
			opt.no_csv_bom = true;
			break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "never") == 0)
				opt.fail_on = SEV_NONE;
			else if (!severity_parse(optarg, &opt.fail_on))
				usage_error("--fail-on: unknown level '%s' (error, warning, info, never)",
				    optarg);
			break;
		case OPT_ENABLE:
			opt.enable = push(opt.enable, &opt.nenable, optarg);
			break;
		case OPT_DISABLE:
			opt.disable = push(opt.disable, &opt.ndisable, optarg);
			break;
		case OPT_SEVERITY: {
			char *eq = strchr(optarg, '=');

			if (eq == NULL || eq == optarg || !severity_parse(eq + 1, &s))
				usage_error("--severity: expected ID=error|warning|info, got '%s'", optarg);
			*eq = '\0';
			opt.sev = xrealloc(opt.sev, (opt.nsev + 1) * sizeof *opt.sev);
			opt.sev[opt.nsev].id = optarg;
			opt.sev[opt.nsev].sev = s;
			opt.nsev++;
			break;
		}
		case OPT_LIST_RULES:
			opt.list_rules = true;
			break;
		case OPT_EXPLAIN:
			opt.explain = optarg;
			break;
		case OPT_FIX:
			opt.fix = true;
			break;
		case OPT_FIX_DRY_RUN:
			opt.fix_dry_run = true;
			break;
		case OPT_DUMP_OUTLINE:
			opt.dump_outline = optarg;
			break;
		case OPT_DUMP_TEXT:
			opt.dump_text = optarg;
			break;
		case OPT_ANNOTATE:
			opt.annotate = optarg;
			break;
		case OPT_ANNOTATE_FIXES:
			opt.annotate_fixes = true;
			break;
		case OPT_REPORT_DATE:
			if (!annotate_date_ok(optarg))
				usage_error("--report-date: expected YYYY-MM-DD, got '%s'", optarg);
			opt.report_date = optarg;
			break;
		case OPT_STDIN_FILENAME:
			opt.stdin_filename = optarg;
			break;
		case 'j':
			opt.jobs = (int)parse_long("--jobs", optarg, 1, 256);
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				opt.color = COLOR_AUTO;
			else if (strcmp(optarg, "always") == 0)
				opt.color = COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				opt.color = COLOR_NEVER;
			else
				usage_error("--color: expected auto, always or never, got '%s'", optarg);
			break;
		case OPT_ENCODING:
			if (!encoding_parse(optarg, &opt.encoding))
				usage_error("--encoding: unknown encoding '%s' (auto, utf-8, gb18030, "
				    "utf-16le, utf-16be)", optarg);
			break;
		case OPT_BINARY:
			opt.binary = true;
			break;
		case OPT_SKIP_UNREADABLE:
			opt.skip_unreadable = true;
			break;
		case OPT_INIT:
			opt.init = true;
			break;
		case OPT_PRINT_CONFIG:
			opt.print_config = optarg;
			break;
		case OPT_LSP:
			opt.lsp = true;
			break;
		case 'V':
			printf("gwlint %s\n", GWLINT_VERSION);
			exit(0);
		case 'h':
			printf(usage_text, formatter_names());
			exit(0);
		case ':':
		default: {
			/* getopt's own messages are off: say it with our prefix. */
			const char *arg = argv[optind - 1], *eq = strchr(arg, '=');

			/* A long option's error leaves optind past it, and optopt is
			 * 0 (unknown) or its value; a short one's optopt is its
			 * letter, and optind may still point at its group. */
			if (strncmp(arg, "--", 2) == 0 && c == ':')
				usage_error("option '%s' needs a value", arg);
			if (strncmp(arg, "--", 2) == 0 && optopt == 0)
				usage_error("unknown or ambiguous option '%s'", arg);
			if (strncmp(arg, "--", 2) == 0 && eq && takes_no_value(arg + 2, eq, optopt))
				usage_error("option '%.*s' takes no value", (int)(eq - arg), arg);
			if (c == ':')
				usage_error("option '-%c' needs a value", optopt);
			usage_error("unknown option '-%c'", optopt);
		}
		}
	}
	for (c = optind; c < argc; c++)
		opt.paths = push(opt.paths, &opt.npaths, argv[c]);
	if (opt.fix && opt.fix_dry_run)
		usage_error("--fix and --fix-dry-run exclude each other");
	if (opt.lsp && opt.npaths > 0)
		usage_error("--lsp takes no paths (the editor sends the documents)");
	for (c = 0; opt.fix && (size_t)c < opt.npaths; c++)
		if (strcmp(opt.paths[c], "-") == 0)
			usage_error("--fix cannot rewrite standard input (use --fix-dry-run)");
	if (opt.annotate_fixes && !opt.annotate)
		usage_error("--annotate-fixes needs --annotate OUT");
	if (opt.annotate && (opt.fix || opt.fix_dry_run))
		usage_error("--annotate writes a copy; it excludes --fix and --fix-dry-run");
	if (opt.annotate && opt.npaths != 1)
		usage_error("--annotate OUT takes exactly one .docx FILE (got %zu)", opt.npaths);
}

void
options_free(void)
{
	free(opt.rules);
	free(opt.enable);
	free(opt.disable);
	free(opt.sev);
	free(opt.paths);
	free(opt.allow_packs);
	memset(&opt, 0, sizeof opt);
}
