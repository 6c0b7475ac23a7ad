/* SPDX-License-Identifier: MIT */
/** \file main.c
 * \brief The command line: options, rule packs, files, output, exit status.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline.h"
#include "catalogue.h"
#include "config.h"
#include "input/extract.h"
#include "lint.h"
#include "options.h"
#include "pack.h"
#include "pool.h"
#include "report.h"
#include "util.h"
#include "walk.h"
#include "lsp/server.h"
#include "report/escape.h"
#include "cli/annotate.h"

#ifndef GWLINT_DATADIR
#define GWLINT_DATADIR "/usr/local/share/gwlint"
#endif

/*
 * Whether the lint run frees the rule set before it exits.  Its thousands
 * of blocks (patterns, JIT code, prefilters) go back with the process
 * anyway, and freeing them one by one cost 0.39 M instructions, 1.6 % of
 * one report's run (issue 14).  Builds with AddressSanitizer free it, so
 * that the leak checker still checks who owns what.
 */
#if defined(__SANITIZE_ADDRESS__)
#define FREE_RULES_AT_EXIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FREE_RULES_AT_EXIT 1
#endif
#endif
#ifndef FREE_RULES_AT_EXIT
#define FREE_RULES_AT_EXIT 0
#endif

/* ---- rule packs ---- */

static bool
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * The packs when no --rules is given: a binary of the build tree
 * (SRC/build/gwlint, SRC/build/san/gwlint, where SRC has src/main.c and
 * rules/) takes SRC/rules; else an installed binary takes
 * bin/../share/gwlint/rules, so a copied PREFIX keeps working; else the
 * compiled-in GWLINT_DATADIR.  No other rules/ near the binary is taken.
 */
static char *
default_rules_dir(void)
{
	static const char *const tails[] = {"/build", "/build/san"};
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash, *cand, *marker;
	size_t i, len, tl;

	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			len = strlen(exe);
			for (i = 0; i < sizeof tails / sizeof tails[0]; i++) {
				tl = strlen(tails[i]);
				if (len < tl || strcmp(exe + len - tl, tails[i]) != 0)
					continue;
				cand = xasprintf("%.*s/rules", (int)(len - tl), exe);
				marker = xasprintf("%.*s/src/main.c", (int)(len - tl), exe);
				if (is_dir(cand) && access(marker, F_OK) == 0) {
					free(marker);
					return cand;
				}
				free(marker);
				free(cand);
			}
			slash = strrchr(exe, '/');
			if (slash != NULL) {
				cand = xasprintf("%.*s/share/gwlint/rules", (int)(slash - exe), exe);
				if (is_dir(cand))
					return cand;
				free(cand);
			}
		}
	}
	return xstrdup(GWLINT_DATADIR "/rules");
}

static struct rule *
need_rule(struct ruleset *rs, const char *id, const char *what)
{
	struct rule *r = ruleset_find(rs, id);

	if (r == NULL) {
		char *dym = catalogue_did_you_mean(rs, id);

		if (*dym)
			say("%s: unknown rule '%s' (%s)", what, id, dym);
		else
			say("%s: unknown rule '%s'", what, id);
		free(dym);
		exit(2);
	}
	return r;
}

/* The rule ids the command line names must exist (configs_resolve applies
 * them; the rules themselves are never changed). */
static void
check_rule_options(struct ruleset *rs)
{
	size_t i;

	for (i = 0; i < opt.ndisable; i++)
		need_rule(rs, opt.disable[i], "--disable");
	for (i = 0; i < opt.nenable; i++)
		need_rule(rs, opt.enable[i], "--enable");
	for (i = 0; i < opt.nsev; i++)
		need_rule(rs, opt.sev[i].id, "--severity");
}

/* An error list (packs, configs: PACK_ERR_SEP-separated), one line each. */
static void
say_errors(const char *err)
{
	const char *e = err ? err : "configuration error", *sep;

	while ((sep = strchr(e, PACK_ERR_SEP)) != NULL) {
		say("%.*s", (int)(sep - e), e);
		e = sep + 1;
	}
	say("%s", e);
}

/* Every config's settings, resolved once from the packs' defaults, the
 * config and the command line (configs_resolve): the one place the parsed
 * options become lint settings, for linting and --dump-outline alike. */
static void
cli_settings(struct lint_settings *base, struct cli_rules *cli)
{
	memset(base, 0, sizeof *base);
	base->year = opt.year;
	base->encoding = opt.encoding;
	base->binary = opt.binary;
	memset(cli, 0, sizeof *cli);
	cli->enable = opt.enable;
	cli->nenable = opt.nenable;
	cli->disable = opt.disable;
	cli->ndisable = opt.ndisable;
	cli->sev = opt.sev;
	cli->nsev = opt.nsev;
}

static int
resolve_settings(struct configs *cs, struct ruleset *rs, char **err)
{
	struct lint_settings base;
	struct cli_rules cli;

	cli_settings(&base, &cli);
	return configs_resolve(cs, rs, &base, &cli, err);
}

/* --lsp: the server gets the command line's packs and settings as values
 * (cli_settings, as resolve_settings uses them) and resolves each
 * document's config with configs_resolve, as a lint run does. */
static int
run_lsp(void)
{
	struct lsp_params lp;
	struct lsp_fd_io fds = {0, 1};
	struct lsp_io io;
	char *defdir = opt.nrules ? NULL : default_rules_dir();
	const char *def[1];
	int status;

	memset(&lp, 0, sizeof lp);
	def[0] = defdir;
	lp.packs = opt.nrules ? opt.rules : def;
	lp.npacks = opt.nrules ? opt.nrules : 1;
	lp.config = opt.config;
	lp.trust_config = opt.trust_config;
	lp.allow = opt.allow_packs;
	lp.nallow = opt.nallow_packs;
	lp.fix_config_packs = opt.fix_config_packs;
	cli_settings(&lp.base, &lp.cli);
	lp.debounce_ms = 100;
	lp.max_frame = LSP_FRAME_MAX;
	lp.log = true;
	/* A client that goes away must not kill the server mid-write. */
	signal(SIGPIPE, SIG_IGN);
	lsp_fd_io_init(&io, &fds);
	status = lsp_serve(&lp, &io);
	free(defdir);
	return status;
}

/* --dump-outline FILE: the outline as JSON, for tests and pack writers,
 * under the settings linting FILE would use: its config (found as for
 * linting, or --config) and its packs, --year, --encoding.  The issuer
 * type, report year and issuer are the ones the rules see. */
static int
dump_outline(const char *path)
{
	char *err = NULL, *defdir = opt.nrules ? NULL : default_rules_dir();
	const char **packs;
	const char *where = strcmp(path, "-") == 0 && opt.stdin_filename ? opt.stdin_filename :
	    path;
	struct configs *cs = configs_new(opt.config, opt.unit, opt.origin);
	struct config *c = NULL;
	struct ruleset *rs = NULL;
	const struct lint_settings *ls;
	struct outline_given given;
	size_t i, npacks = opt.nrules ? opt.nrules : 1;
	struct document *doc;
	struct outline *ol;
	struct buf b = {0};
	enum issuer_type itype;
	struct extract_opts eo = {ENC_AUTO, NULL};
	int status = 2;

	packs = xcalloc(npacks, sizeof *packs);
	for (i = 0; i < opt.nrules; i++)
		packs[i] = opt.rules[i];
	if (opt.nrules == 0)
		packs[0] = defdir;
	if (configs_set_trust(cs, opt.trust_config, opt.allow_packs, opt.nallow_packs, &err) != 0 ||
	    configs_lookup(cs, where, &c, &err) != 0) {
		say_errors(err);
		goto out;
	}
	configs_packs(cs, &packs, &npacks);
	rs = ruleset_load(packs, npacks, opt.nrules ? opt.nrules : 1, opt.unit, opt.origin, &err);
	if (rs == NULL) {
		say_errors(err);
		goto out;
	}
	check_rule_options(rs);
	if (resolve_settings(cs, rs, &err) != 0) {
		say_errors(err);
		goto out;
	}
	ls = config_settings(cs, c);
	eo.encoding = ls->encoding;
	if ((status = extract_file(path, &eo, &doc)) != 0)
		goto out;
	ol = outline_build(doc);
	/* As the date rules decide it (checks/date.c): the config's
	 * issuer_type, else the packs' lexicon over the report's issuers. */
	itype = ls->issuer_type ? (strcmp(ls->issuer_type, "department") == 0 ?
	    ISSUER_DEPARTMENT : ISSUER_GOVERNMENT) : date_issuer_type(rs, doc, ol);
	given.year = ls->year;
	given.issuer = ls->issuer;
	outline_dump_json(ol, itype, &given, &b);
	fputs(b.data, stdout);
	buf_free(&b);
	outline_free(ol);
	doc_free(doc);
	status = 0;
out:
	free(err);
	ruleset_free(rs);
	configs_free(cs);
	free(packs);
	free(defdir);
	return status;
}

/* --dump-text FILE: the text gwlint lints for FILE, line by line
 * (extract.h); --format json: as data. */
static int
dump_text(const char *path)
{
	struct extract_opts eo = {opt.encoding, NULL};
	struct document *doc;
	int rc = extract_file(path, &eo, &doc);

	if (rc != 0)
		return rc;
	extract_dump_text(doc, strcmp(opt.format, "json") == 0, stdout);
	doc_free(doc);
	fflush(stdout);
	if (ferror(stdout)) {
		say("error writing output");
		return 2;
	}
	return 0;
}

/*
 * Trust: with --fix or --fix-dry-run, only the packs named on the command
 * line (or the bundled ones), the first ncli of `packs`, supply fixes,
 * unless --fix-from-config-packs.
 */
static void
withhold_fixes(struct ruleset *rs, const char *const *packs, size_t ncli)
{
	size_t i, k;

	if (!(opt.fix || opt.fix_dry_run) || opt.fix_config_packs)
		return;
	for (i = 0; i < ruleset_count(rs); i++) {
		struct rule *r = ruleset_rule(rs, i);
		bool cli = false;

		for (k = 0; k < ncli && !cli; k++)
			cli = rule_from_pack(r, packs[k]);
		r->fix_withheld = !cli;
	}
}


static bool
want_color(void)
{
	const char *nc = getenv("NO_COLOR");

	if (opt.color == COLOR_ALWAYS)
		return true;
	if (opt.color == COLOR_NEVER || (nc && *nc))
		return false;
	return isatty(1);
}

/* Add path, or the files under it, with the config of each. */
static int
add_path(const char *path, struct filelist *files, struct configs *cs, char **err)
{
	struct stat st;
	size_t first = files->n, i, o;
	char *root;
	int walked;

	*err = NULL;
	if (strcmp(path, "-") == 0) {
		fl_add(files, xstrdup(path), false, DOC_NONE);
		return 0;
	}
	if (stat(path, &st) != 0) {
		say("%s: %s", path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		fl_add(files, xstrdup(path), false, DOC_NONE);
		return 0;
	}
	/* Symbolic links found by the walk must resolve inside this folder. */
	root = realpath(path, NULL);
	if (root == NULL) {
		say("%s: %s", path, strerror(errno));
		return 1;
	}
	walked = walk_dir(path, root, files, 0, opt.quiet);
	free(root);
	/* Files met in a directory obey their config's include/exclude. */
	for (i = o = first; i < files->n; i++) {
		struct config *c;

		if (configs_lookup(cs, files->v[i].path, &c, err) != 0) {
			for (; i < files->n; i++)
				free(files->v[i].path);
			files->n = o;
			return -1;
		}
		if (config_wants(c, files->v[i].path)) {
			files->v[o++] = files->v[i];
		} else {
			free(files->v[i].path);
			files->excluded++;
		}
	}
	files->n = o;
	return walked != 0;
}

int
main(int argc, char **argv)
{
	struct ruleset *rs = NULL;
	char *err = NULL, *defdir = NULL;
	const struct formatter *fmt;
	struct report_ctx rc = {0};
	struct filelist files = {0};
	struct pool *p = NULL;
	struct pool_opts po = {0};
	struct pool_totals t;
	struct config **cfgs = NULL;    /* the config of each file, or NULL */
	const char **nofix = NULL;      /* why --fix must not rewrite each file, or NULL */
	struct configs *cs;
	struct config *cat_cfg = NULL;  /* --list-rules, --explain, --print-config */
	struct baseline *bl = NULL;
	struct baseline_out *blout = NULL;
	struct annotate_run ar = {{NULL, NULL, false}, 0, false, false, {0, 0}};
	size_t i, npacks;
	const char **packs = NULL;
	bool io_error = false, failing;
	int status = 2;

	(void)heap_prefault(STARTUP_HEAP);
	options_parse(argc, argv);
	if (opt.lsp) {
		int lrc = run_lsp();

		options_free();
		return lrc;
	}
	if (opt.dump_outline || opt.dump_text) {
		int drc = opt.dump_text ? dump_text(opt.dump_text) : dump_outline(opt.dump_outline);

		options_free();
		return drc;
	}
	fmt = formatter_find(opt.format);
	if (opt.annotate) {
		/* --annotate OUT FILE: the findings go into a copy of FILE (cli/annotate.h) */
		if (annotate_check_paths(opt.annotate, opt.paths[0], &err) != 0) {
			say("%s", err);
			free(err);
			options_free();
			return 2;
		}
		ar.o.out = opt.annotate;
		ar.o.date = opt.report_date;
		ar.o.fixes = opt.annotate_fixes;
		ar.quiet = opt.quiet;
		fmt = &format_annotate;
		rc.state = &ar;
	}
	rc.out = stdout;
	rc.unit = opt.unit;
	rc.origin = opt.origin;
	rc.unit_explicit = opt.unit_set;
	rc.origin_explicit = opt.origin_set;
	rc.show_source = opt.show_source;
	rc.csv_bom = !opt.no_csv_bom;
	rc.color = want_color();
	rc.argc = argc;
	rc.argv = argv;
	rc.report_date = opt.report_date;
	if (fmt->prepare) {
		const char *msg = fmt->prepare(&rc);

		if (msg) {
			say("%s", msg);
			options_free();
			return 2;
		}
	}
	cs = configs_new(opt.config, opt.unit, opt.origin);
	if (configs_set_trust(cs, opt.trust_config, opt.allow_packs, opt.nallow_packs, &err) != 0)
		goto config_error;

	/* Input files and the config of each. */
	if (!opt.list_rules && !opt.explain && !opt.init && !opt.print_config && opt.npaths == 0) {
		say("no input files (give paths, or - for stdin)");
		say("try 'gwlint --help' for more information");
		goto out;
	}
	for (i = 0; i < opt.npaths; i++) {
		int r = add_path(opt.paths[i], &files, cs, &err);

		if (r < 0)
			goto config_error;
		if (r > 0)
			io_error = true;
	}
	cfgs = xcalloc(files.n ? files.n : 1, sizeof *cfgs);
	nofix = xcalloc(files.n ? files.n : 1, sizeof *nofix);
	for (i = 0; i < files.n; i++) {
		const char *where = files.v[i].path;

		if (strcmp(where, "-") == 0 && opt.stdin_filename)
			where = opt.stdin_filename;
		if ((opt.fix || opt.fix_dry_run) && strcmp(where, "-") != 0)
			nofix[i] = walk_fix_refusal(files.v[i].path);
		if (configs_lookup(cs, where, &cfgs[i], &err) != 0)
			goto config_error;
	}
	if (opt.list_rules || opt.explain || opt.print_config) {
		/* The config of the current directory (or --config), or FILE's. */
		if (configs_lookup(cs, opt.print_config ? opt.print_config : "-", &cat_cfg,
		    &err) != 0)
			goto config_error;
	}

	/* Rule packs: the command line's (or the default ones), then the configs'. */
	if (opt.nrules == 0)
		defdir = default_rules_dir();
	npacks = opt.nrules ? opt.nrules : 1;
	packs = xcalloc(npacks, sizeof *packs);
	for (i = 0; i < opt.nrules; i++)
		packs[i] = opt.rules[i];
	if (opt.nrules == 0)
		packs[0] = defdir;
	configs_packs(cs, &packs, &npacks);
	rs = ruleset_load(packs, npacks, opt.nrules ? opt.nrules : 1, opt.unit, opt.origin, &err);
	if (rs)
		withhold_fixes(rs, packs, opt.nrules ? opt.nrules : 1);
	if (rs == NULL)
		goto config_error;
	rc.rules = rs;
	check_rule_options(rs);
	if (resolve_settings(cs, rs, &err) != 0)
		goto config_error;
	if (opt.init) {
		if (config_init(rs, &err) != 0)
			goto config_error;
		if (!opt.quiet)
			say("wrote " CONFIG_NAME " (every setting commented; "
			    "gwlint --print-config FILE shows what applies)");
		status = 0;
		goto out;
	}
	if (opt.list_rules || opt.explain || opt.print_config) {
		size_t nr = ruleset_count(rs);
		enum severity *sevs = xcalloc(nr ? nr : 1, sizeof *sevs);
		struct rule_view view = {config_settings(cs, cat_cfg)->enabled, sevs};

		for (i = 0; i < nr; i++)
			sevs[i] = config_severity(cs, cat_cfg, rs, i);
		if (opt.print_config) {
			config_print(cs, cat_cfg, rs, opt.print_config, packs, npacks, opt.year != 0,
			    stdout, strcmp(opt.format, "json") == 0);
			status = 0;
		} else if (opt.list_rules) {
			catalogue_list(rs, &view, stdout, strcmp(opt.format, "json") == 0);
			status = 0;
		} else {
			status = catalogue_explain(rs, &view, opt.explain, stdout);
		}
		free(sevs);
		fflush(stdout);
		if (ferror(stdout)) {
			say("error writing output");
			status = 2;
		}
		goto out;
	}
	if (opt.baseline && (bl = baseline_load(opt.baseline, &err)) == NULL)
		goto config_error;
	if (opt.write_baseline &&
	    (blout = baseline_create(opt.write_baseline, &err)) == NULL)
		goto config_error;

	po.threads = (size_t)opt.jobs;
	po.fix = opt.fix;
	po.fix_dry_run = opt.fix_dry_run;
	po.quiet = opt.quiet;
	po.skip_unreadable = opt.skip_unreadable;
	po.fail_on = opt.fail_on;
	po.stdin_filename = opt.stdin_filename;
	po.tty = isatty(1);
	p = pool_new(rs, &po, files.n);
	for (i = 0; i < files.n; i++)
		pool_add(p, files.v[i].path, files.v[i].walked, files.v[i].doc, nofix[i],
		    config_settings(cs, cfgs[i]));
	if (fmt->begin)
		fmt->begin(&rc);
	pool_run(p, fmt, &rc, bl, blout, &t);
	io_error = io_error || t.io_error;
	failing = t.failing;
	if (t.withheld) {
		fflush(stdout);
		say("%zu fix%s from packs that a config named %s withheld; "
		    "to apply them, add --fix-from-config-packs", t.withheld,
		    t.withheld == 1 ? "" : "es", t.withheld == 1 ? "was" : "were");
	}
	if (fmt->end)
		fmt->end(&rc);
	fflush(stdout);
	if (ferror(stdout)) {
		say("error writing output");
		io_error = true;
	}
	if (blout) {
		if (baseline_commit(blout, &err) != 0) {
			say("%s", err);
			io_error = true;
		}
		blout = NULL;
		/* Every finding is now known: the run succeeds. */
		failing = false;
	}
	status = io_error || t.unlinted ? 2 : failing ? 1 : 0;
	if (opt.annotate && (ar.status || !ar.done))
		status = 2;
	if (t.nlinted == 0 && status != 2) {
		/* Nothing checked must never look like all clean. */
		if (t.nskipped)
			say("no file was linted: %zu skipped (cannot be "
			    "read as text)", t.nskipped);
		else if (files.excluded)
			say("no file was linted: the %zu file%s found %s "
			    "excluded by the config's include/exclude", files.excluded,
			    files.excluded == 1 ? "" : "s", files.excluded == 1 ? "is" : "are");
		else
			say("no file was linted: no *.txt or *.docx file in the "
			    "paths given");
		status = 2;
	}
	goto out;

config_error:
	/* A pack or a config can have many errors: one line each (pack.h). */
	say_errors(err);
	status = 2;
out:
	baseline_discard(blout);
	free(err);
	pool_free(p);
	free(cfgs);
	free(nofix);
	fl_free(&files);
	baseline_free(bl);
	free(packs);
	if (FREE_RULES_AT_EXIT)
		ruleset_free(rs);
	configs_free(cs);
	free(defdir);
	options_free();
	return status;
}
