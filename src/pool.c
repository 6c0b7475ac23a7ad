/* SPDX-License-Identifier: MIT */
/** \file pool.c
 * \brief The jobs of a run: workers lint, the calling thread prints in order.
 */
#define _GNU_SOURCE /* fopencookie */
#include "pool.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "fix.h"
#include "input/extract.h"
#include "util.h"
#include "walk.h"
#include "report/escape.h"

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

struct job {
	const char *path;      /* "-" for stdin */
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
	struct pool_opts o;
	/* Workers format each file's findings themselves when the format
	 * keeps no state across files and nothing else must see the findings
	 * in order (a baseline): the printing thread then only writes. */
	bool render;
	const struct formatter *fmt;
	const struct report_ctx *rc;
	struct job *jobs;
	size_t njobs, cap, next;
	size_t waiting;        /* the job the printing thread waits for */
	size_t head;           /* every job before it is printed */
	size_t held;           /* bytes held by finished, unprinted jobs */
	size_t nblocked;       /* workers waiting for room (see hold_room) */
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
 * --fix / --fix-dry-run for one file: j->res becomes the result for the
 * corrected text when the fixes are applied (or would be, for a dry run).
 */
static void
fix_job(struct pool *p, struct job *j, const char *shown, const unsigned char *data,
    size_t len, struct regex_scratch *sc, struct fix_target *ft)
{
	struct lint_result fixed;
	struct fix_stats st;
	struct md_fix md = {0, 0, false, false};
	char *err = NULL;
	size_t left;

	if (j->nofix) {
		j->note = xasprintf("%s: not fixed: %s", shown, j->nofix);
		j->fix_failed = p->o.fix;
		return;
	}
	if (j->res.format == INPUT_DOCX) {
		j->note = xasprintf("%s: not fixed: a Word document (.docx): gwlint does not "
		    "rewrite .docx files; make the changes in Word or WPS (the findings say "
		    "where: gwlint --dump-text %s shows the lines)", shown, shown);
		j->fix_failed = p->o.fix;
		return;
	}
	j->withheld = withheld_fixes(p->rs, j->res.findings);
	if (j->res.nbad > 0) {
		j->note = xasprintf("%s: not fixed: the file has invalid byte sequences", shown);
		j->fix_failed = p->o.fix;
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
	/* A Markdown file: the fixes go to its source (fix_markdown), which is
	 * what is shown and written (doc_source: the text itself otherwise). */
	if (doc_has_source(j->res.doc) &&
	    fix_markdown(p->rs, j->ls, shown, &j->res, sc, &fixed, &md) != 0) {
		j->note = xasprintf("%s: not fixed: %s", shown, md.markup ?
		    "an edit would change what the Markdown markup around it means" :
		    md.added ? "the fixes that can be applied without touching Markdown "
		    "markup would add a finding" :
		    "every fix would touch Markdown markup");
		return;
	}
	if (p->o.fix_dry_run) {
		fix_diff(&j->diff, shown, doc_text(doc_source(j->res.doc)),
		    doc_len(doc_source(j->res.doc)), doc_text(doc_source(fixed.doc)),
		    doc_len(doc_source(fixed.doc)));
	} else if (fix_write(ft, shown, data, len, doc_text(doc_source(j->res.doc)),
	    doc_len(doc_source(j->res.doc)), j->res.enc, j->res.bom,
	    doc_text(doc_source(fixed.doc)), doc_len(doc_source(fixed.doc)), &err) != 0) {
		j->note = err;
		j->fix_failed = true;
		lint_result_free(&fixed);
		return;
	}
	left = findings_count(fixed.findings);
	if (md.skipped)
		j->note = xasprintf("%s: %s the fixes on %zu line%s; %zu line%s not fixed (an "
		    "edit there would touch Markdown markup); %zu finding%s left (%zu with "
		    "no safe fix)", shown, p->o.fix_dry_run ? "would apply" : "applied", md.lines,
		    md.lines == 1 ? "" : "s", md.skipped, md.skipped == 1 ? "" : "s", left,
		    left == 1 ? "" : "s", unfixable(fixed.findings));
	else
		j->note = xasprintf("%s: %s %zu fix%s; %zu finding%s left (%zu with no safe "
		    "fix)%s", shown, p->o.fix_dry_run ? "would apply" : "applied", st.applied,
		    st.applied == 1 ? "" : "es", left, left == 1 ? "" : "s",
		    unfixable(fixed.findings), st.withheld ? "; some fixes withheld (applying "
		    "them would add a finding)" : "");
	lint_result_free(&j->res);
	j->res = fixed;
}

/* The name a job's file is shown under: its path, or for standard input
 * the --stdin-filename (else "<stdin>"). */
static const char *
job_name(const struct pool *p, const struct job *j)
{
	if (strcmp(j->path, "-") != 0)
		return j->path;
	return p->o.stdin_filename ? p->o.stdin_filename : "<stdin>";
}

static void
run_job(struct pool *p, struct job *j, struct regex_scratch *sc)
{
	unsigned char *data;
	size_t len;
	int rc;
	const char *shown = job_name(p, j);
	struct fix_target *ft = NULL;

	if (j->doc != DOC_NONE)
		return;
	if (strcmp(j->path, "-") == 0) {
		rc = read_stream(0, &data, &len);
	} else if (p->o.fix && !j->nofix) {
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
	{
		enum doc_kind k = doc_kind_of_bytes(data, len);

		if (!extract_reads(k)) {
			j->doc = k;
			fix_close(ft);
			free(data);
			return;
		}
	}
	if (p->o.fix || p->o.fix_dry_run) {
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

static bool
keep_quiet(struct finding *f, void *arg)
{
	const enum severity *fail_on = arg;

	return *fail_on != SEV_NONE && f->sev >= *fail_on;
}

/*
 * After linting: the baseline (recorded with
 * --write-baseline, or filtered out), --quiet, --fail-on; then the file's
 * output through rc.  bl and blout are NULL when workers call it.
 */
static void
finish_job(const struct pool *p, struct job *j, const struct report_ctx *rc,
    struct baseline *bl, struct baseline_out *blout)
{
	struct findings *fs = j->res.findings;

	if (blout)
		baseline_write(blout, j->res.doc, fs);
	if (bl)
		baseline_filter(bl, j->res.doc, fs);
	if (p->o.quiet)
		findings_filter(fs, keep_quiet, (void *)&p->o.fail_on);
	if (p->o.fail_on != SEV_NONE && findings_worst(fs) >= p->o.fail_on)
		j->failing = true;
	if (p->o.fix_dry_run) {
		if (j->diff.len && p->o.tty)
			put_text_block(rc->out, j->diff.data, j->diff.len);
		else if (j->diff.len)
			fwrite(j->diff.data, 1, j->diff.len, rc->out);
	} else if (p->fmt->file_facts) {
		p->fmt->file_facts((struct report_ctx *)rc, j->res.doc, fs, &j->res.facts);
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
	return doc_len(j->res.doc) + findings_bytes(j->res.findings) +
	    (doc_has_source(j->res.doc) ? doc_len(doc_source(j->res.doc)) : 0);
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

/*
 * A file that was not linted: an error (the run exits 2) unless
 * --skip-unreadable makes it a notice.  -q does not hide the error.
 */
static void
not_linted(const struct pool *p, const char *path, const char *what, struct pool_totals *t)
{
	fflush(stdout);
	if (p->o.skip_unreadable) {
		t->nskipped++;
		if (!p->o.quiet)
			say("%s: skipped: %s", path, what);
	} else {
		say("%s: not linted: %s", path, what);
		t->unlinted = true;
	}
}

struct pool *
pool_new(struct ruleset *rs, const struct pool_opts *o, size_t njobs)
{
	struct pool *p = xcalloc(1, sizeof *p);

	p->rs = rs;
	p->o = *o;
	p->jobs = xcalloc(njobs ? njobs : 1, sizeof *p->jobs);
	p->cap = njobs;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	pthread_cond_init(&p->room, NULL);
	return p;
}

void
pool_add(struct pool *p, const char *path, bool walked, enum doc_kind doc,
    const char *nofix, const struct lint_settings *ls)
{
	struct job *j;

	if (p->njobs >= p->cap)
		fatal("internal error: more files than the pool was made for");
	j = &p->jobs[p->njobs++];
	j->path = path;
	j->walked = walked;
	j->doc = doc;
	j->nofix = nofix;
	j->ls = ls;
}

void
pool_run(struct pool *p, const struct formatter *fmt, struct report_ctx *rc,
    struct baseline *bl, struct baseline_out *blout, struct pool_totals *t)
{
	pthread_t *threads = NULL;
	size_t i, nthreads = p->o.threads;

	memset(t, 0, sizeof *t);
	p->fmt = fmt;
	p->rc = rc;
	if (nthreads > p->njobs)
		nthreads = p->njobs;
	p->render = nthreads > 1 && fmt->per_file && bl == NULL && blout == NULL;
	if (nthreads > 1) {
		threads = xcalloc(nthreads, sizeof *threads);
		for (i = 0; i < nthreads; i++)
			if (pthread_create(&threads[i], NULL, worker, p) != 0)
				fatal("cannot start a thread");
	}
	{
		struct regex_scratch *sc = nthreads > 1 ? NULL : regex_scratch_new();

		for (i = 0; i < p->njobs; i++) {
			struct job *j = &p->jobs[i];

			if (nthreads > 1) {
				pthread_mutex_lock(&p->lock);
				/* Every job before j is printed: its memory is free
				 * and j may go straight to stdout. */
				p->head = i;
				if (i > 0) {
					p->held -= p->jobs[i - 1].held;
					if (p->nblocked)
						pthread_cond_broadcast(&p->room);
				}
				if (!j->done) {
					/* Sleep until a batch is ready rather than once
					 * per file: each wake-up costs a context switch
					 * on a CPU the workers need.  Not while a
					 * worker waits for room. */
					size_t last = i + PRINT_BATCH - 1 < p->njobs ?
					    i + PRINT_BATCH - 1 : p->njobs - 1;

					p->waiting = last;
					while (!p->jobs[last].done && p->nblocked == 0)
						pthread_cond_wait(&p->cond, &p->lock);
					/* cppcheck-suppress redundantAssignment ; the workers read it while we wait */
					p->waiting = i;
					while (!j->done)
						pthread_cond_wait(&p->cond, &p->lock);
					/* cppcheck-suppress redundantAssignment ; the workers read it while we wait */
					p->waiting = (size_t)-1;
				}
				pthread_mutex_unlock(&p->lock);
			} else {
				run_job(p, j, sc);
			}
			if (j->skipped) {
				fflush(stdout);
				say("%s: skipped (a %s, not a regular file)",
				    j->path, j->skipped);
			} else if (j->err) {
				fflush(stdout);
				if (j->err == EFBIG)
					say("%s: not read: larger than 1 GiB",
					    job_name(p, j));
				else
					say("%s: %s", job_name(p, j), strerror(j->err));
				t->io_error = true;
			} else if (j->doc != DOC_NONE) {
				char *what = doc_kind_advice(j->doc, job_name(p, j));

				not_linted(p, job_name(p, j), what, t);
				free(what);
			} else if (j->res.error) {
				/* A reader's message (a broken .docx ...). */
				fflush(stdout);
				if (p->o.skip_unreadable) {
					t->nskipped++;
					if (!p->o.quiet)
						say("%s: skipped: %s", job_name(p, j), j->res.error);
				} else {
					say("%s: %s", job_name(p, j), j->res.error);
					t->unlinted = true;
				}
			} else if (j->res.binary) {
				not_linted(p, job_name(p, j), "a binary file (NUL bytes); use --binary to lint "
				    "it as text, or --encoding utf-16le (utf-16be) for UTF-16 "
				    "without a BOM", t);
			} else if (j->rendered) {
				if (!j->streamed)
					fwrite(j->out, 1, j->outlen, stdout);
				t->nlinted++;
			} else if (j->res.doc) {
				finish_job(p, j, rc, bl, blout);
				t->nlinted++;
			}
			if (j->failing)
				t->failing = true;
			t->withheld += j->withheld;
			free(j->out);
			if (j->note) {
				fflush(stdout);
				say("%s", j->note);
				if (j->fix_failed)
					t->io_error = true;
			}
			free(j->note);
			buf_free(&j->diff);
			lint_result_free(&j->res);
		}
		regex_scratch_free(sc);
	}
	for (i = 0; threads && i < nthreads; i++)
		pthread_join(threads[i], NULL);
	free(threads);
}

void
pool_free(struct pool *p)
{
	if (p == NULL)
		return;
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->cond);
	pthread_cond_destroy(&p->room);
	free(p->jobs);
	free(p);
}
