/* SPDX-License-Identifier: MIT */
/** \file main.c
 * \brief The command line: options, rule packs, files, output, exit status.
 */
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline.h"
#include "catalogue.h"
#include "config.h"
#include "fix.h"
#include "lint.h"
#include "options.h"
#include "pack.h"
#include "report.h"
#include "util.h"
#include "walk.h"
#include "report/escape.h"

#ifndef GWLINT_DATADIR
#define GWLINT_DATADIR "/usr/local/share/gwlint"
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

static void
apply_rule_options(struct ruleset *rs)
{
	size_t i;

	for (i = 0; i < opt.ndisable; i++)
		need_rule(rs, opt.disable[i], "--disable")->enabled = false;
	for (i = 0; i < opt.nenable; i++)
		need_rule(rs, opt.enable[i], "--enable")->enabled = true;
	for (i = 0; i < opt.nsev; i++)
		need_rule(rs, opt.sev[i].id, "--severity")->sev = opt.sev[i].sev;
}

/* --dump-outline FILE: the outline as JSON, for tests and pack writers. */
static int
dump_outline(const char *path)
{
	unsigned char *data;
	size_t len;
	struct decoded dec;
	struct document *doc;
	struct outline *ol;
	struct buf b = {0};
	enum doc_kind kind;
	int rc = strcmp(path, "-") == 0 ? read_stream(0, &data, &len) : read_file(path, &data, &len);

	if (rc != 0) {
		say("%s: %s", path, strerror(errno));
		return 2;
	}
	if ((kind = doc_kind_of_bytes(data, len)) != DOC_NONE) {
		char *what = doc_kind_advice(kind, path);

		say("%s: not read: %s", path, what);
		free(what);
		free(data);
		return 2;
	}
	decode(data, len, opt.encoding, &dec);
	free(data);
	free(dec.bad);
	doc = doc_new(path, dec.text, dec.len);
	ol = outline_build(doc);
	outline_dump_json(ol, &b);
	fputs(b.data, stdout);
	buf_free(&b);
	outline_free(ol);
	doc_free(doc);
	return 0;
}

/* Files the printing thread lets the workers finish before it wakes. */
#define PRINT_BATCH 16

/* The most bytes that files finished but not yet printed may hold in all
 * (formatted output, or text and findings for the printing thread to
 * format); past it a worker waits, or writes straight to stdout once its
 * file is the next to print.  With W workers, peak memory is about a
 * constant plus this plus W files' text and findings, whatever the number
 * of files (README, Input and reliability: Memory). */
#ifndef PRINT_HOLD_MAX /* a test build may make it small (README, Memory) */
#define PRINT_HOLD_MAX ((size_t)16 << 20)
#endif

/* ---- linting, possibly in parallel, printed in order ---- */

struct job {
	char *path;            /* "-" for stdin */
	struct config *cfg;    /* the config governing it, or NULL */
	const struct lint_settings *ls;
	bool walked;           /* found by recursion: regular files only */
	struct lint_result res;
	int err;               /* errno of a failed read, or 0 */
	const char *skipped;   /* not a regular file: what it is */
	enum doc_kind doc;     /* a document gwlint cannot lint (not read as text) */
	const char *nofix;     /* why --fix must not rewrite it, or NULL */
	bool done;
	struct buf diff;       /* --fix-dry-run: the unified diff */
	char *note;            /* --fix / --fix-dry-run: what happened (stderr) */
	bool fix_failed;       /* a file that should have been fixed was not */
	size_t withheld;       /* findings whose fix was withheld (trust) */
	bool failing;          /* a finding at or above --fail-on */
	bool rendered;         /* output already in `out` (a worker formatted it) */
	bool streamed;         /* output already written to stdout by its worker */
	char *out;             /* that output */
	size_t outlen;
	size_t held;           /* bytes it counts in pool.held until printed */
};

struct pool {
	struct ruleset *rs;
	/* Workers format each file's findings themselves when the format
	 * keeps no state across files and nothing else must see the findings
	 * in order (a baseline): the printing thread then only writes. */
	bool render;
	const struct formatter *fmt;
	const struct report_ctx *rc;
	struct configs *cs;
	struct job *jobs;
	size_t njobs, next;
	size_t waiting;        /* the job the printing thread waits for */
	size_t head;           /* every job before it is printed */
	size_t held;           /* bytes held by finished, unprinted jobs */
	size_t nblocked;       /* workers waiting for room (see hold_room) */
	bool tty;              /* stdout is a terminal: --fix-dry-run escapes the
	                        * document's controls (a pipe gets the exact
	                        * diff, for patch) */
	pthread_mutex_t lock;
	pthread_cond_t cond;   /* the printing thread waits on it */
	pthread_cond_t room;   /* workers wait on it for head or held to move */
};

/* Count the findings that have no fix. */
static size_t
unfixable(const struct findings *fs)
{
	size_t i, n = 0;

	for (i = 0; i < findings_count(fs); i++)
		if (findings_get(fs, i).fix == NULL)
			n++;
	return n;
}

/* Findings of rules whose fixes the trust model withholds. */
static size_t
withheld_fixes(struct ruleset *rs, const struct findings *fs)
{
	size_t i, n = 0;

	for (i = 0; i < findings_count(fs); i++) {
		const struct rule *r = ruleset_find(rs, findings_get(fs, i).rule);

		if (r && r->fix_withheld && r->fix)
			n++;
	}
	return n;
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

/*
 * --fix / --fix-dry-run for one file: j->res becomes the result for the
 * corrected text when the fixes are applied (or would be, for a dry run).
 */
static void
fix_job(struct pool *p, struct job *j, const char *shown, const unsigned char *data,
    size_t len, struct regex_scratch *sc, struct fix_target *ft)
{
	struct lint_result fixed;
	struct fix_stats st;
	char *err = NULL;
	size_t left;

	if (j->nofix) {
		j->note = xasprintf("%s: not fixed: %s", shown, j->nofix);
		j->fix_failed = opt.fix;
		return;
	}
	j->withheld = withheld_fixes(p->rs, j->res.findings);
	if (j->res.nbad > 0) {
		j->note = xasprintf("%s: not fixed: the file has invalid byte sequences", shown);
		j->fix_failed = opt.fix;
		return;
	}
	if (fix_apply(p->rs, j->ls, shown, &j->res, sc, &fixed, &st) != 0) {
		if (st.grew) {
			j->note = xasprintf("%s: not fixed: the fixes would make the text more "
			    "than %d times as long (a fix that inserts text at every pass?)",
			    shown, FIX_GROWTH_FACTOR);
			j->fix_failed = true;
		} else if (!st.settled) {
			j->note = xasprintf("%s: not fixed: the fixes did not settle after %d "
			    "passes", shown, FIX_MAX_PASSES);
			j->fix_failed = true;
		} else if (st.withheld) {
			j->note = xasprintf("%s: not fixed: %zu fix%s withheld (applying %s would "
			    "add a finding)", shown, st.withheld, st.withheld == 1 ? "" : "es",
			    st.withheld == 1 ? "it" : "them");
		}
		return;
	}
	if (opt.fix_dry_run) {
		fix_diff(&j->diff, shown, doc_text(j->res.doc), doc_len(j->res.doc),
		    doc_text(fixed.doc), doc_len(fixed.doc));
	} else if (fix_write(ft, shown, data, len, doc_text(j->res.doc), doc_len(j->res.doc),
	    j->res.enc, j->res.bom, doc_text(fixed.doc), doc_len(fixed.doc), &err) != 0) {
		j->note = err;
		j->fix_failed = true;
		lint_result_free(&fixed);
		return;
	}
	left = findings_count(fixed.findings);
	j->note = xasprintf("%s: %s %zu fix%s; %zu finding%s left (%zu with no safe fix)%s",
	    shown, opt.fix_dry_run ? "would apply" : "applied", st.applied,
	    st.applied == 1 ? "" : "es", left, left == 1 ? "" : "s", unfixable(fixed.findings),
	    st.withheld ? "; some fixes withheld (applying them would add a finding)" : "");
	lint_result_free(&j->res);
	j->res = fixed;
}

/* The name a job's file is shown under: its path, or for standard input
 * the --stdin-filename (else "<stdin>"). */
static const char *
job_name(const struct job *j)
{
	if (strcmp(j->path, "-") != 0)
		return j->path;
	return opt.stdin_filename ? opt.stdin_filename : "<stdin>";
}

static void
run_job(struct pool *p, struct job *j, struct regex_scratch *sc)
{
	unsigned char *data;
	size_t len;
	int rc;
	const char *shown = job_name(j);
	struct fix_target *ft = NULL;

	if (j->doc != DOC_NONE)
		return;
	if (strcmp(j->path, "-") == 0) {
		rc = read_stream(0, &data, &len);
	} else if (opt.fix && !j->nofix) {
		/* Opened (and locked) by the fixer, which refuses what it must
		 * not rewrite before anything is read.  A file the walk rules
		 * out (j->nofix) is read and linted as without --fix, and
		 * fix_job says why it was not fixed. */
		char *ferr;

		ft = fix_open(j->path, &ferr);
		if (ft == NULL) {
			j->note = ferr;
			j->fix_failed = true;
			return;
		}
		rc = pread_all(fix_target_fd(ft), READ_MAX, &data, &len);
	} else if (j->walked) {
		rc = read_regular_capped(j->path, READ_MAX, &data, &len, &j->skipped);
		if (rc == -2)
			return;
	} else {
		rc = read_file(j->path, &data, &len);
	}
	if (rc != 0) {
		j->err = errno ? errno : EIO;
		fix_close(ft);
		return;
	}
	if ((j->doc = doc_kind_of_bytes(data, len)) != DOC_NONE) {
		fix_close(ft);
		free(data);
		return;
	}
	if (opt.fix || opt.fix_dry_run) {
		/* The fixes need the bytes as read: lint a copy. */
		lint_bytes(p->rs, j->ls, shown, data, len, sc, &j->res);
		if (j->res.doc)
			fix_job(p, j, shown, data, len, sc, ft);
		fix_close(ft);
		free(data);
	} else {
		lint_owned(p->rs, j->ls, shown, data, len, sc, &j->res);
	}
}

/* The config's severities over the findings of one file. */
struct sev_arg {
	struct configs *cs;
	struct config *cfg;
	struct ruleset *rs;
};

static bool
keep_resev(struct finding *f, void *argp)
{
	struct sev_arg *a = argp;
	struct rule *r = ruleset_find(a->rs, f->rule);

	if (r && r->id == f->rule)
		f->sev = config_severity(a->cs, a->cfg, (size_t)(r - ruleset_rule(a->rs, 0)));
	return true;
}

static bool
keep_quiet(struct finding *f, void *arg)
{
	(void)arg;
	return opt.fail_on != SEV_NONE && f->sev >= opt.fail_on;
}

/*
 * After linting: the config's severities, the baseline (recorded with
 * --write-baseline, or filtered out), --quiet, --fail-on; then the file's
 * output through rc.  bl and blout are NULL when workers call it.
 */
static void
finish_job(const struct pool *p, struct job *j, const struct report_ctx *rc,
    struct baseline *bl, struct baseline_out *blout)
{
	struct findings *fs = j->res.findings;

	if (j->cfg) {
		struct sev_arg sa = {p->cs, j->cfg, p->rs};

		findings_filter(fs, keep_resev, &sa);
	}
	if (blout)
		baseline_write(blout, j->res.doc, fs);
	if (bl)
		baseline_filter(bl, j->res.doc, fs);
	if (opt.quiet)
		findings_filter(fs, keep_quiet, NULL);
	if (opt.fail_on != SEV_NONE && findings_worst(fs) >= opt.fail_on)
		j->failing = true;
	if (opt.fix_dry_run) {
		if (j->diff.len && p->tty)
			put_text_block(rc->out, j->diff.data, j->diff.len);
		else if (j->diff.len)
			fwrite(j->diff.data, 1, j->diff.len, rc->out);
	} else {
		p->fmt->file((struct report_ctx *)rc, j->res.doc, fs);
	}
}

/*
 * Wait (with p->lock held) until job j may hold n more bytes: the total
 * held stays under PRINT_HOLD_MAX, or j is the next to print (it never
 * waits, so the printing thread always gets on).  Returns whether j is
 * the next to print.
 */
static bool
hold_room(struct pool *p, const struct job *j, size_t n)
{
	size_t idx = (size_t)(j - p->jobs);

	while (idx != p->head && p->held + n > PRINT_HOLD_MAX) {
		p->nblocked++;
		/* The printing thread may be waiting for a whole batch. */
		pthread_cond_signal(&p->cond);
		pthread_cond_wait(&p->room, &p->lock);
		p->nblocked--;
	}
	return idx == p->head;
}

/* Where a worker's formatter writes: memory while there is room and the
 * file is not the next to print, then straight to stdout. */
struct sink {
	struct pool *p;
	struct job *j;
	struct buf b;
	bool streaming;
};

static ssize_t
sink_write(void *cookie, const char *data, size_t n)
{
	struct sink *s = cookie;

	if (!s->streaming) {
		bool head;

		pthread_mutex_lock(&s->p->lock);
		head = hold_room(s->p, s->j, n);
		if (head)
			s->p->held -= s->b.len;
		else
			s->p->held += n;
		pthread_mutex_unlock(&s->p->lock);
		if (!head) {
			buf_append(&s->b, data, n);
			return (ssize_t)n;
		}
		/* Every file before this one is printed, and the printing
		 * thread writes nothing until this one is done. */
		s->streaming = true;
		if (s->b.len)
			fwrite(s->b.data, 1, s->b.len, stdout);
		buf_free(&s->b);
	}
	/* A write error shows in ferror(stdout), checked at the end. */
	fwrite(data, 1, n, stdout);
	return (ssize_t)n;
}

/* finish_job on a worker: the output goes to j->out, or to stdout. */
static void
render_job(struct pool *p, struct job *j)
{
	struct report_ctx rc = *p->rc;
	struct sink s = {p, j, {0}, false};
	cookie_io_functions_t io = {NULL, sink_write, NULL, NULL};

	if (!j->res.doc || j->res.binary)
		return;
	rc.out = fopencookie(&s, "w", io);
	if (rc.out == NULL)
		fatal("out of memory");
	finish_job(p, j, &rc, NULL, NULL);
	if (fclose(rc.out) != 0)
		fatal("out of memory");
	j->rendered = true;
	j->streamed = s.streaming;
	j->outlen = s.b.len;
	j->out = buf_steal(&s.b);
	j->held = j->outlen;
	lint_result_free(&j->res);
}

/* What a linted file holds until the printing thread formats it. */
static size_t
job_weight(const struct job *j)
{
	if (!j->res.doc)
		return 0;
	return doc_len(j->res.doc) + findings_bytes(j->res.findings);
}

static void *
worker(void *arg)
{
	struct pool *p = arg;
	struct regex_scratch *sc = regex_scratch_new();

	for (;;) {
		struct job *j;

		pthread_mutex_lock(&p->lock);
		/* Finished files hold more than the limit (the next to print
		 * may pass it): let the printing thread catch up before
		 * reading another.  Nothing is held once every job taken is
		 * printed, so this never waits for a job not yet taken. */
		while (p->held > PRINT_HOLD_MAX && p->next < p->njobs) {
			p->nblocked++;
			pthread_cond_signal(&p->cond);
			pthread_cond_wait(&p->room, &p->lock);
			p->nblocked--;
		}
		if (p->next >= p->njobs) {
			pthread_mutex_unlock(&p->lock);
			break;
		}
		j = &p->jobs[p->next++];
		pthread_mutex_unlock(&p->lock);
		run_job(p, j, sc);
		if (p->render)
			render_job(p, j);
		pthread_mutex_lock(&p->lock);
		if (!p->render) {
			/* The printing thread formats it: wait for room. */
			size_t w = job_weight(j);

			hold_room(p, j, w);
			j->held = w;
			p->held += w;
		}
		j->done = true;
		/* Wake the printer only for the job it waits on: it prints
		 * every finished job after that one in the same turn. */
		if ((size_t)(j - p->jobs) == p->waiting)
			pthread_cond_signal(&p->cond);
		pthread_mutex_unlock(&p->lock);
	}
	regex_scratch_free(sc);
	return NULL;
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

/*
 * A file that was not linted: an error (the run exits 2) unless
 * --skip-unreadable makes it a notice.  -q does not hide the error.
 */
static void
not_linted(const char *path, const char *what, size_t *nskipped, bool *unlinted)
{
	fflush(stdout);
	if (opt.skip_unreadable) {
		(*nskipped)++;
		if (!opt.quiet)
			say("%s: skipped: %s", path, what);
	} else {
		say("%s: not linted: %s", path, what);
		*unlinted = true;
	}
}

int
main(int argc, char **argv)
{
	struct ruleset *rs = NULL;
	char *err = NULL, *defdir = NULL;
	const struct formatter *fmt;
	struct report_ctx rc = {0};
	struct filelist files = {0};
	struct pool p;
	struct configs *cs;
	struct config *cat_cfg = NULL;  /* --list-rules, --explain, --print-config */
	struct baseline *bl = NULL;
	struct lint_settings base = {0};
	struct baseline_out *blout = NULL;
	pthread_t *threads = NULL;
	size_t i, nthreads, npacks, withheld = 0;
	const char **packs = NULL;
	bool io_error = false, failing = false, unlinted = false;
	size_t nlinted = 0, nskipped = 0;
	int status = 2;

	options_parse(argc, argv);
	if (opt.dump_outline) {
		int drc = dump_outline(opt.dump_outline);

		options_free();
		return drc;
	}
	fmt = formatter_find(opt.format);
	rc.out = stdout;
	rc.unit = opt.unit;
	rc.origin = opt.origin;
	rc.unit_explicit = opt.unit_set;
	rc.origin_explicit = opt.origin_set;
	rc.show_source = opt.show_source;
	rc.csv_bom = !opt.no_csv_bom;
	rc.color = want_color();
	if (fmt->prepare) {
		const char *msg = fmt->prepare(&rc);

		if (msg) {
			say("%s", msg);
			options_free();
			return 2;
		}
	}
	cs = configs_new(opt.config, opt.unit, opt.origin);
	memset(&p, 0, sizeof p);
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
	p.jobs = xcalloc(files.n ? files.n : 1, sizeof *p.jobs);
	p.njobs = files.n;
	for (i = 0; i < files.n; i++) {
		const char *where = files.v[i].path;

		if (strcmp(where, "-") == 0 && opt.stdin_filename)
			where = opt.stdin_filename;
		p.jobs[i].path = files.v[i].path;
		p.jobs[i].walked = files.v[i].walked;
		p.jobs[i].doc = files.v[i].doc;
		if ((opt.fix || opt.fix_dry_run) && strcmp(where, "-") != 0)
			p.jobs[i].nofix = walk_fix_refusal(files.v[i].path);
		if (configs_lookup(cs, where, &p.jobs[i].cfg, &err) != 0)
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
	rs = ruleset_load(packs, npacks, opt.unit, opt.origin, &err);
	if (rs)
		withhold_fixes(rs, packs, opt.nrules ? opt.nrules : 1);
	if (rs == NULL)
		goto config_error;
	rc.rules = rs;
	apply_rule_options(rs);
	base.year = opt.year;
	base.encoding = opt.encoding;
	base.binary = opt.binary;
	if (configs_resolve(cs, rs, &base, &err) != 0)
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
			sevs[i] = cat_cfg ? config_severity(cs, cat_cfg, i) : ruleset_rule(rs, i)->sev;
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
	for (i = 0; i < p.njobs; i++)
		p.jobs[i].ls = config_settings(cs, p.jobs[i].cfg);
	if (opt.baseline && (bl = baseline_load(opt.baseline, &err)) == NULL)
		goto config_error;
	if (opt.write_baseline &&
	    (blout = baseline_create(opt.write_baseline, &err)) == NULL)
		goto config_error;

	p.rs = rs;
	p.tty = isatty(1);
	p.fmt = fmt;
	p.rc = &rc;
	p.cs = cs;
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.cond, NULL);
	pthread_cond_init(&p.room, NULL);
	if (fmt->begin)
		fmt->begin(&rc);

	nthreads = (size_t)opt.jobs;
	if (nthreads > files.n)
		nthreads = files.n;
	p.render = nthreads > 1 && fmt->per_file && bl == NULL && blout == NULL;
	if (nthreads > 1) {
		threads = xcalloc(nthreads, sizeof *threads);
		for (i = 0; i < nthreads; i++)
			if (pthread_create(&threads[i], NULL, worker, &p) != 0)
				fatal("cannot start a thread");
	}
	{
		struct regex_scratch *sc = nthreads > 1 ? NULL : regex_scratch_new();

		for (i = 0; i < p.njobs; i++) {
			struct job *j = &p.jobs[i];

			if (nthreads > 1) {
				pthread_mutex_lock(&p.lock);
				/* Every job before j is printed: its memory is free
				 * and j may go straight to stdout. */
				p.head = i;
				if (i > 0) {
					p.held -= p.jobs[i - 1].held;
					if (p.nblocked)
						pthread_cond_broadcast(&p.room);
				}
				if (!j->done) {
					/* Sleep until a batch is ready rather than once
					 * per file: each wake-up costs a context switch
					 * on a CPU the workers need.  Not while a
					 * worker waits for room. */
					size_t last = i + PRINT_BATCH - 1 < p.njobs ?
					    i + PRINT_BATCH - 1 : p.njobs - 1;

					p.waiting = last;
					while (!p.jobs[last].done && p.nblocked == 0)
						pthread_cond_wait(&p.cond, &p.lock);
					/* cppcheck-suppress redundantAssignment ; the workers read it while we wait */
					p.waiting = i;
					while (!j->done)
						pthread_cond_wait(&p.cond, &p.lock);
					/* cppcheck-suppress redundantAssignment ; the workers read it while we wait */
					p.waiting = (size_t)-1;
				}
				pthread_mutex_unlock(&p.lock);
			} else {
				run_job(&p, j, sc);
			}
			if (j->skipped) {
				fflush(stdout);
				say("%s: skipped (a %s, not a regular file)",
				    j->path, j->skipped);
			} else if (j->err) {
				fflush(stdout);
				if (j->err == EFBIG)
					say("%s: not read: larger than 1 GiB",
					    job_name(j));
				else
					say("%s: %s", job_name(j), strerror(j->err));
				io_error = true;
			} else if (j->doc != DOC_NONE) {
				char *what = doc_kind_advice(j->doc, job_name(j));

				not_linted(job_name(j), what, &nskipped, &unlinted);
				free(what);
			} else if (j->res.binary) {
				not_linted(job_name(j), "a binary file (NUL bytes); use --binary to lint "
				    "it as text, or --encoding utf-16le (utf-16be) for UTF-16 "
				    "without a BOM", &nskipped, &unlinted);
			} else if (j->rendered) {
				if (!j->streamed)
					fwrite(j->out, 1, j->outlen, stdout);
				nlinted++;
			} else if (j->res.doc) {
				finish_job(&p, j, &rc, bl, blout);
				nlinted++;
			}
			if (j->failing)
				failing = true;
			withheld += j->withheld;
			free(j->out);
			if (j->note) {
				fflush(stdout);
				say("%s", j->note);
				if (j->fix_failed)
					io_error = true;
			}
			free(j->note);
			buf_free(&j->diff);
			lint_result_free(&j->res);
		}
		regex_scratch_free(sc);
	}
	for (i = 0; threads && i < nthreads; i++)
		pthread_join(threads[i], NULL);
	if (withheld) {
		fflush(stdout);
		say("%zu fix%s from packs that a config named %s withheld; "
		    "to apply them, add --fix-from-config-packs", withheld,
		    withheld == 1 ? "" : "es", withheld == 1 ? "was" : "were");
	}
	if (fmt->end)
		fmt->end(&rc);
	fflush(stdout);
	if (ferror(stdout)) {
		say("error writing output");
		io_error = true;
	}
	pthread_mutex_destroy(&p.lock);
	pthread_cond_destroy(&p.cond);
	pthread_cond_destroy(&p.room);
	if (blout) {
		if (baseline_commit(blout, &err) != 0) {
			say("%s", err);
			io_error = true;
		}
		blout = NULL;
		/* Every finding is now known: the run succeeds. */
		failing = false;
	}
	status = io_error || unlinted ? 2 : failing ? 1 : 0;
	if (nlinted == 0 && status != 2) {
		/* Nothing checked must never look like all clean. */
		if (nskipped)
			say("no file was linted: %zu skipped (cannot be "
			    "read as text)", nskipped);
		else if (files.excluded)
			say("no file was linted: the %zu file%s found %s "
			    "excluded by the config's include/exclude", files.excluded,
			    files.excluded == 1 ? "" : "s", files.excluded == 1 ? "is" : "are");
		else
			say("no file was linted: no *.txt file in the "
			    "paths given");
		status = 2;
	}
	goto out;

config_error:
	{
		/* A pack can have many errors: one line each (pack.h). */
		const char *e = err ? err : "configuration error", *sep;

		while ((sep = strchr(e, PACK_ERR_SEP)) != NULL) {
			say("%.*s", (int)(sep - e), e);
			e = sep + 1;
		}
		say("%s", e);
	}
	status = 2;
out:
	baseline_discard(blout);
	free(err);
	free(threads);
	fl_free(&files);
	free(p.jobs);
	baseline_free(bl);
	free(packs);
	ruleset_free(rs);
	configs_free(cs);
	free(defdir);
	options_free();
	return status;
}
