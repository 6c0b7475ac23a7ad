/* SPDX-License-Identifier: MIT */
/** \file server.c
 * \brief The language server: messages, documents, settings, answers
 *        (see server.h).
 */
#include "server.h"

#include "cjsonlib.h"
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../catalogue.h"
#include "../check.h"
#include "../fix.h"
#include "position.h"
#include "../pack.h"
#include "../regex.h"
#include "../utf8.h"
#include "../util.h"
#include "../report/escape.h"

/* JSON-RPC and LSP error codes. */
#define ERR_PARSE (-32700)
#define ERR_INVALID_REQUEST (-32600)
#define ERR_NO_METHOD (-32601)
#define ERR_PARAMS (-32602)
#define ERR_NOT_INITIALIZED (-32002)

/* Rules explained in one hover at most. */
#define HOVER_MAX_RULES 8

/* A config (or none: key "") with its packs loaded and settings resolved. */
struct env {
	char *key;                 /* the nearest config file, or "" */
	char *stamp;               /* sizes, mtimes, inodes of the config and packs */
	struct configs *cs;
	struct ruleset *rs;
	const char **packs;
	size_t npacks;
	const struct lint_settings *ls;
	struct rule_view view;
	enum severity *sevs;
	char *error;               /* the config or a pack is broken: why */
	char *err_uri;             /* where its diagnostic was published (or NULL) */
};

/* An open document: its text at its latest version, and the lint of it. */
struct ldoc {
	char *uri;
	char *path;                /* file path (NULL: not a file: URI) */
	char *name;                /* the name it is linted under */
	long version;
	struct document *buf;      /* the client's text, for positions */
	bool dirty;                /* changed since linted */
	long long due;             /* when to lint it (ms, monotonic) */
	bool linted;
	struct lint_result res;    /* of the text at `version` */
	size_t shift;              /* bytes the decoder dropped at the start (a BOM) */
	struct env *env;           /* the env res was linted with */
};

struct server {
	const struct lsp_params *p;
	const struct lsp_io *io;
	struct lsp_reader *rd;
	struct regex_scratch *sc;
	enum column_unit unit;
	bool initialized, shutdown, exited, write_failed;
	bool hover_markdown, dyn_watch, doc_changes;
	struct ldoc **docs;
	size_t ndocs;
	struct env **envs;
	size_t nenvs;
};

static void
logf_(const struct server *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
logf_(const struct server *s, const char *fmt, ...)
{
	va_list ap;
	struct buf b = {0};

	if (!s->p->log)
		return;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	say("lsp: %s", b.data ? b.data : "");
	buf_free(&b);
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- JSON helpers ---- */

static void *
json_alloc(size_t n)
{
	return xmalloc(n ? n : 1);
}

static cJSON *
jget(const cJSON *o, const char *key)
{
	return cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
}

static const char *
jstr(const cJSON *o, const char *key)
{
	const cJSON *v = jget(o, key);

	return v != NULL && cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A non-negative integer member (LSP positions, versions): false if absent
 * or not one. */
static bool
jint(const cJSON *o, const char *key, long *out)
{
	const cJSON *v = jget(o, key);

	if (v == NULL || !cJSON_IsNumber(v) || !(v->valuedouble >= 0) ||
	    v->valuedouble > 2147483647.0)
		return false;
	*out = (long)v->valuedouble;
	return true;
}

/* Whether the string array `arr` holds s. */
static bool
jhas(const cJSON *arr, const char *s)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, arr)
		if (cJSON_IsString(e) && strcmp(e->valuestring, s) == 0)
			return true;
	return false;
}

/* Deepest nesting of arrays and objects in the JSON text (strings skipped);
 * stops counting past `limit`. */
static size_t
json_depth(const char *s, size_t n, size_t limit)
{
	size_t i, d = 0, max = 0;
	bool str = false;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				str = false;
			continue;
		}
		if (c == '"') {
			str = true;
		} else if (c == '[' || c == '{') {
			if (++d > max && (max = d) > limit)
				return max;
		} else if ((c == ']' || c == '}') && d > 0) {
			d--;
		}
	}
	return max;
}

static void
send_json(struct server *s, cJSON *msg)
{
	char *text;

	cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
	text = cJSON_PrintUnformatted(msg);
	if (text == NULL)
		fatal("out of memory");
	if (!s->write_failed && lsp_write_frame(s->io, text, strlen(text)) != 0) {
		/* The client is gone: stop (nothing can be answered any more). */
		s->write_failed = true;
	}
	free(text);
	cJSON_Delete(msg);
}

static void
reply(struct server *s, const cJSON *id, cJSON *result)
{
	cJSON *m = cJSON_CreateObject();

	cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull());
	cJSON_AddItemToObject(m, "result", result ? result : cJSON_CreateNull());
	send_json(s, m);
}

static void
reply_error(struct server *s, const cJSON *id, int code, const char *msg)
{
	cJSON *m = cJSON_CreateObject(), *e = cJSON_CreateObject();

	cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull());
	cJSON_AddNumberToObject(e, "code", code);
	cJSON_AddStringToObject(e, "message", msg);
	cJSON_AddItemToObject(m, "error", e);
	send_json(s, m);
}

static void
notify(struct server *s, const char *method, cJSON *params)
{
	cJSON *m = cJSON_CreateObject();

	cJSON_AddStringToObject(m, "method", method);
	cJSON_AddItemToObject(m, "params", params);
	send_json(s, m);
}

static void
show_message(struct server *s, int type, const char *text)
{
	cJSON *p = cJSON_CreateObject();

	cJSON_AddNumberToObject(p, "type", type);
	cJSON_AddStringToObject(p, "message", text);
	notify(s, "window/showMessage", p);
}

/* ---- positions ---- */

static cJSON *
json_pos(const struct document *d, size_t off, enum column_unit unit)
{
	cJSON *p = cJSON_CreateObject();
	size_t line, ch;

	lsp_position(d, off, unit, &line, &ch);
	cJSON_AddNumberToObject(p, "line", (double)line);
	cJSON_AddNumberToObject(p, "character", (double)ch);
	return p;
}

static cJSON *
json_range(const struct document *d, size_t a, size_t b, enum column_unit unit)
{
	cJSON *r = cJSON_CreateObject();

	cJSON_AddItemToObject(r, "start", json_pos(d, a, unit));
	cJSON_AddItemToObject(r, "end", json_pos(d, b, unit));
	return r;
}

/* An LSP position as a byte offset of the client's text (false: malformed). */
static bool
pos_offset(const struct server *s, const struct ldoc *d, const cJSON *pos, size_t *off)
{
	long line, ch;

	if (!jint(pos, "line", &line) || !jint(pos, "character", &ch))
		return false;
	*off = lsp_offset(d->buf, (size_t)line, (size_t)ch, s->unit);
	return true;
}

/* A finding's span in the client's text. */
static void
finding_span(const struct ldoc *d, const struct finding *f, size_t *a, size_t *b)
{
	size_t len = doc_len(d->buf);

	*a = doc_to_source(d->res.doc, f->start, false) + d->shift;
	*b = f->end > f->start ? doc_to_source(d->res.doc, f->end, true) + d->shift : *a;
	if (*a > len)
		*a = len;
	if (*b > len)
		*b = len;
	if (*b < *a)
		*b = *a;
}

/* ---- settings: configs and packs ---- */

/* The nearest config file above `path` (a file path; NULL: the current
 * folder's), or --config: the env's key ("" when there is none). */
static char *
config_key(const struct server *s, const char *path)
{
	char *dir, *slash;

	if (s->p->config)
		return xstrdup(s->p->config);
	if (path == NULL || (slash = strrchr(path, '/')) == NULL) {
		dir = getcwd(NULL, 0);
		if (dir == NULL)
			return xstrdup("");
	} else {
		dir = xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
	}
	for (;;) {
		static const char *const names[] = {CONFIG_NAME, CONFIG_NAME_ALT};
		size_t i;
		struct stat st;

		for (i = 0; i < 2; i++) {
			char *cand = xasprintf("%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/",
			    names[i]);

			if (stat(cand, &st) == 0) {
				free(dir);
				return cand;
			}
			free(cand);
		}
		slash = strrchr(dir, '/');
		if (slash == NULL || strcmp(dir, "/") == 0)
			break;
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	free(dir);
	return xstrdup("");
}

static void
stamp_path(struct buf *b, const char *p, bool walk)
{
	struct stat st;

	if (stat(p, &st) != 0) {
		buf_printf(b, "%s|-\n", p);
		return;
	}
	buf_printf(b, "%s|%lld.%09ld|%lld|%llu\n", p, (long long)st.st_mtim.tv_sec,
	    (long)st.st_mtim.tv_nsec, (long long)st.st_size, (unsigned long long)st.st_ino);
	if (walk && S_ISDIR(st.st_mode)) {
		DIR *dp = opendir(p);
		struct dirent *de;

		while (dp && (de = readdir(dp)) != NULL) {
			size_t n = strlen(de->d_name);

			if (n > 5 && (strcmp(de->d_name + n - 5, ".yaml") == 0 ||
			    strcmp(de->d_name + n - 4, ".yml") == 0)) {
				char *f = xasprintf("%s/%s", p, de->d_name);

				stamp_path(b, f, false);
				free(f);
			}
		}
		if (dp)
			closedir(dp);
	}
}

/* What must not change for an env to stay valid: its config file and
 * every pack (a folder of packs: each *.yaml in it). */
static char *
env_stamp(const char *key, const char *const *packs, size_t n)
{
	struct buf b = {0};
	size_t i;

	if (*key)
		stamp_path(&b, key, false);
	for (i = 0; i < n; i++)
		stamp_path(&b, packs[i], true);
	buf_putc(&b, '\n');
	return buf_steal(&b);
}

static char *
path_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = {0};
	char *abs = NULL;
	const char *p;

	if (path[0] != '/') {
		char *cwd = getcwd(NULL, 0);

		abs = xasprintf("%s/%s", cwd ? cwd : "", path);
		free(cwd);
		path = abs;
	}
	buf_puts(&b, "file://");
	for (p = path; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("/-._~", c) != NULL || c >= 0x80) {
			buf_putc(&b, (char)c);
		} else {
			buf_putc(&b, '%');
			buf_putc(&b, hex[c >> 4]);
			buf_putc(&b, hex[c & 15]);
		}
	}
	free(abs);
	return buf_steal(&b);
}

static void
publish_raw(struct server *s, const char *uri, const long *version, cJSON *diags)
{
	cJSON *p = cJSON_CreateObject();

	cJSON_AddStringToObject(p, "uri", uri);
	if (version)
		cJSON_AddNumberToObject(p, "version", (double)*version);
	cJSON_AddItemToObject(p, "diagnostics", diags);
	notify(s, "textDocument/publishDiagnostics", p);
}

/* "FILE:LINE:COL: message" (the first of a PACK_ERR_SEP list): false when
 * the error names no position. */
static bool
error_place(const char *err, char **file, long *line, long *col, const char **msg)
{
	const char *p, *end = strchr(err, PACK_ERR_SEP);

	if (end == NULL)
		end = err + strlen(err);
	for (p = err; p < end; p++) {
		const char *q = p + 1;
		char *e1, *e2;
		long l, c;

		if (*p != ':' || !(*q >= '0' && *q <= '9'))
			continue;
		l = strtol(q, &e1, 10);
		if (*e1 != ':' || !(e1[1] >= '0' && e1[1] <= '9'))
			continue;
		c = strtol(e1 + 1, &e2, 10);
		if (e2[0] != ':' || e2[1] != ' ' || p == err)
			continue;
		*file = xstrndup(err, (size_t)(p - err));
		*line = l > 0 ? l - 1 : 0;
		*col = c > 0 ? c - 1 : 0;
		*msg = e2 + 2;
		return true;
	}
	return false;
}

/* A broken env: one diagnostic at the error's place (the config or pack
 * file) and the whole message as window/showMessage. */
static void
env_report(struct server *s, struct env *e)
{
	char *file = NULL, *shown = xstrdup(e->error), *c;
	long line, col;
	const char *msg;

	for (c = shown; *c; c++)
		if (*c == PACK_ERR_SEP)
			*c = '\n';
	if (error_place(e->error, &file, &line, &col, &msg)) {
		cJSON *diags = cJSON_CreateArray(), *d = cJSON_CreateObject(), *r, *p;
		const char *sep = strchr(msg, PACK_ERR_SEP);

		r = cJSON_CreateObject();
		p = cJSON_CreateObject();
		cJSON_AddNumberToObject(p, "line", (double)line);
		cJSON_AddNumberToObject(p, "character", (double)col);
		cJSON_AddItemToObject(r, "start", p);
		cJSON_AddItemToObject(r, "end", cJSON_Duplicate(p, 1));
		cJSON_AddItemToObject(d, "range", r);
		cJSON_AddNumberToObject(d, "severity", 1);
		cJSON_AddStringToObject(d, "source", "gwlint");
		{
			char *m = sep ? xstrndup(msg, (size_t)(sep - msg)) : xstrdup(msg);

			cJSON_AddStringToObject(d, "message", m);
			free(m);
		}
		cJSON_AddItemToArray(diags, d);
		e->err_uri = path_uri(file);
		publish_raw(s, e->err_uri, NULL, diags);
		free(file);
	}
	{
		char *m = xasprintf("gwlint: the settings cannot be loaded; files are not "
		    "linted until this is fixed:\n%s", shown);

		show_message(s, 1, m);
		free(m);
	}
	free(shown);
}

static struct rule *
check_id(struct ruleset *rs, const char *id, const char *what, char **err)
{
	struct rule *r = ruleset_find(rs, id);

	if (r == NULL && *err == NULL)
		*err = xasprintf("%s: unknown rule '%s'", what, id);
	return r;
}

/* Load what governs `path` (its config key `key`): as the command line
 * does (main.c), the command line's packs then the config's, the trust
 * model's withheld fixes, and configs_resolve. */
static struct env *
env_build(struct server *s, const char *key, const char *path)
{
	const struct lsp_params *p = s->p;
	struct env *e = xcalloc(1, sizeof *e);
	struct config *c = NULL;
	char *err = NULL;
	size_t i, k, n = p->npacks;

	e->key = xstrdup(key);
	e->cs = configs_new(p->config, s->unit, 1);
	e->packs = xcalloc(n ? n : 1, sizeof *e->packs);
	for (i = 0; i < n; i++)
		e->packs[i] = p->packs[i];
	if (configs_set_trust(e->cs, p->trust_config, p->allow, p->nallow, &err) != 0 ||
	    configs_lookup(e->cs, path ? path : "-", &c, &err) != 0)
		goto fail;
	configs_packs(e->cs, &e->packs, &n);
	e->rs = ruleset_load(e->packs, n, p->npacks, s->unit, 1, &err);
	if (e->rs == NULL)
		goto fail;
	for (i = 0; i < ruleset_count(e->rs); i++) {
		struct rule *r = ruleset_rule(e->rs, i);
		bool cli = p->fix_config_packs;

		for (k = 0; k < p->npacks && !cli; k++)
			cli = rule_from_pack(r, p->packs[k]);
		r->fix_withheld = !cli;
	}
	for (i = 0; i < p->cli.ndisable; i++)
		check_id(e->rs, p->cli.disable[i], "--disable", &err);
	for (i = 0; i < p->cli.nenable; i++)
		check_id(e->rs, p->cli.enable[i], "--enable", &err);
	for (i = 0; i < p->cli.nsev; i++)
		check_id(e->rs, p->cli.sev[i].id, "--severity", &err);
	if (err != NULL || configs_resolve(e->cs, e->rs, &p->base, &p->cli, &err) != 0)
		goto fail;
	e->ls = config_settings(e->cs, c);
	e->sevs = xcalloc(ruleset_count(e->rs) + 1, sizeof *e->sevs);
	for (i = 0; i < ruleset_count(e->rs); i++)
		e->sevs[i] = config_severity(e->cs, c, e->rs, i);
	e->view.enabled = e->ls->enabled;
	e->view.sev = e->sevs;
	e->npacks = n;
	e->stamp = env_stamp(key, e->packs, n);
	return e;
fail:
	e->error = err ? err : xstrdup("configuration error");
	e->npacks = n;
	e->stamp = env_stamp(key, e->packs, n);
	env_report(s, e);
	return e;
}

static void
doc_forget(struct ldoc *d)
{
	if (d->linted)
		lint_result_free(&d->res);
	memset(&d->res, 0, sizeof d->res);
	d->linted = false;
	d->env = NULL;
}

/* Free env i; documents linted with it lose their results (their rule ids
 * are the env's) and are linted again. */
static void
env_drop(struct server *s, size_t i)
{
	struct env *e = s->envs[i];
	size_t k;

	for (k = 0; k < s->ndocs; k++)
		if (s->docs[k]->env == e) {
			doc_forget(s->docs[k]);
			s->docs[k]->dirty = true;
		}
	if (e->err_uri)
		publish_raw(s, e->err_uri, NULL, cJSON_CreateArray());
	free(e->key);
	free(e->stamp);
	free(e->error);
	free(e->err_uri);
	free(e->sevs);
	ruleset_free(e->rs);
	configs_free(e->cs);
	free(e->packs);
	free(e);
	s->envs[i] = s->envs[--s->nenvs];
}

/* The env of a document, loaded again when its config or a pack changed. */
static struct env *
env_for(struct server *s, const struct ldoc *d)
{
	char *key = config_key(s, d->path);
	struct env *e;
	size_t i;

	for (i = 0; i < s->nenvs; i++) {
		struct env *old = s->envs[i];
		char *st;

		if (strcmp(old->key, key) != 0)
			continue;
		st = env_stamp(key, old->packs, old->npacks);
		if (strcmp(st, old->stamp) == 0) {
			free(st);
			free(key);
			return old;
		}
		free(st);
		logf_(s, "%s or a pack changed: loading the settings again", *key ? key :
		    "a pack");
		env_drop(s, i);
		break;
	}
	e = env_build(s, key, d->path);
	s->envs = xrealloc(s->envs, (s->nenvs + 1) * sizeof *s->envs);
	s->envs[s->nenvs++] = e;
	free(key);
	return e;
}

/* ---- diagnostics ---- */

static int
lsp_severity(enum severity sev)
{
	return sev == SEV_ERROR ? 1 : sev == SEV_WARNING ? 2 : 3;
}

/* Whether a finding's fix is one --fix could apply on its own: it changes
 * something and neither it nor the span holds a line end. */
static bool
fix_usable(const struct ldoc *d, const struct finding *f)
{
	const char *t = doc_text(d->res.doc);
	size_t n;

	if (f->fix == NULL || f->end < f->start || f->end > doc_len(d->res.doc))
		return false;
	n = strlen(f->fix);
	if (memchr(f->fix, '\n', n) || memchr(f->fix, '\r', n) ||
	    memchr(t + f->start, '\n', f->end - f->start) ||
	    memchr(t + f->start, '\r', f->end - f->start))
		return false;
	if (n == f->end - f->start && memcmp(t + f->start, f->fix, n) == 0)
		return false;
	/* Read from another form (Markdown): only where the span's source
	 * bytes are its text (no markup, entity or escape inside), as
	 * fix_markdown requires of --fix. */
	if (doc_has_source(d->res.doc)) {
		const struct document *src = doc_source(d->res.doc);
		size_t a = doc_to_source(d->res.doc, f->start, false);
		size_t b = f->end > f->start ? doc_to_source(d->res.doc, f->end, true) : a;

		if (b < a || b > doc_len(src) || b - a != f->end - f->start ||
		    memcmp(doc_text(src) + a, t + f->start, b - a) != 0)
			return false;
	}
	return true;
}

static cJSON *
diagnostic(const struct server *s, const struct ldoc *d, const struct finding *f)
{
	cJSON *j = cJSON_CreateObject();
	size_t a, b;

	finding_span(d, f, &a, &b);
	cJSON_AddItemToObject(j, "range", json_range(d->buf, a, b, s->unit));
	cJSON_AddNumberToObject(j, "severity", lsp_severity(f->sev));
	cJSON_AddStringToObject(j, "code", f->rule);
	cJSON_AddStringToObject(j, "source", "gwlint");
	cJSON_AddStringToObject(j, "message", f->message);
	if (fix_usable(d, f)) {
		cJSON *data = cJSON_CreateObject();

		cJSON_AddStringToObject(data, "fix", f->fix);
		cJSON_AddItemToObject(j, "data", data);
	}
	return j;
}

static void
publish(struct server *s, struct ldoc *d)
{
	cJSON *diags = cJSON_CreateArray();
	size_t i;

	if (d->linted && d->res.findings) {
		for (i = 0; i < findings_count(d->res.findings); i++) {
			struct finding f = findings_get(d->res.findings, i);

			cJSON_AddItemToArray(diags, diagnostic(s, d, &f));
		}
	} else if (d->linted && d->res.doc == NULL) {
		cJSON *j = cJSON_CreateObject();

		cJSON_AddItemToObject(j, "range", json_range(d->buf, 0, 0, s->unit));
		cJSON_AddNumberToObject(j, "severity", 1);
		cJSON_AddStringToObject(j, "source", "gwlint");
		cJSON_AddStringToObject(j, "message", d->res.error ? d->res.error :
		    "not linted: the text looks binary (NUL characters)");
		cJSON_AddItemToArray(diags, j);
	}
	publish_raw(s, d->uri, &d->version, diags);
}

static struct lint_settings
buffer_settings(const struct env *e)
{
	struct lint_settings ls = *e->ls;

	/* The client's text is UTF-8 (it came as JSON). */
	ls.encoding = ENC_UTF8;
	return ls;
}

/* Lint the document's current text and publish the diagnostics. */
static void
doc_lint(struct server *s, struct ldoc *d)
{
	struct env *e = env_for(s, d);
	struct lint_settings ls;

	doc_forget(d);
	d->dirty = false;
	if (e->error) {
		publish(s, d);
		return;
	}
	ls = buffer_settings(e);
	lint_bytes(e->rs, &ls, d->name, (const unsigned char *)doc_text(d->buf),
	    doc_len(d->buf), s->sc, &d->res);
	d->linted = true;
	d->env = e;
	d->shift = d->res.bom && doc_len(d->buf) >= 3 &&
	    memcmp(doc_text(d->buf), "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	publish(s, d);
}

/* Make sure d's results are of its current text (a request about it). */
static bool
doc_current(struct server *s, struct ldoc *d)
{
	if (d->dirty || !d->linted)
		doc_lint(s, d);
	return d->linted && d->res.doc != NULL && d->res.findings != NULL;
}

/* ---- documents ---- */

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The file path of a file: URI (percent-decoded), or NULL. */
static char *
uri_path(const char *uri)
{
	struct buf b = {0};
	const char *p;

	if (strncmp(uri, "file://", 7) != 0)
		return NULL;
	p = uri + 7;
	if (*p != '/') {
		/* file://host/path: a host other than localhost is not ours. */
		if (strncmp(p, "localhost/", 10) != 0)
			return NULL;
		p += 9;
	}
	for (; *p && *p != '?' && *p != '#'; p++) {
		if (*p == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
			char c = (char)(hexval(p[1]) * 16 + hexval(p[2]));

			if (c == '\0') {
				buf_free(&b);
				return NULL;
			}
			buf_putc(&b, c);
			p += 2;
		} else {
			buf_putc(&b, *p);
		}
	}
	return buf_steal(&b);
}

static struct ldoc *
doc_find(const struct server *s, const char *uri, size_t *at)
{
	size_t i;

	for (i = 0; uri && i < s->ndocs; i++)
		if (strcmp(s->docs[i]->uri, uri) == 0) {
			if (at)
				*at = i;
			return s->docs[i];
		}
	return NULL;
}

/* Text as the client holds it: invalid UTF-8 (which JSON cannot carry,
 * but cJSON passes through) becomes U+FFFD, as a client decoding it would
 * show it. */
static char *
clean_text(const char *t, size_t n, size_t *out_len)
{
	struct buf b = {0};
	size_t i = 0;

	while (i < n) {
		size_t ok = utf8_valid_prefix((const unsigned char *)t + i, n - i);

		buf_append(&b, t + i, ok);
		i += ok;
		if (i < n) {
			buf_puts(&b, "\xef\xbf\xbd");
			i++;
		}
	}
	if (b.data == NULL)
		buf_puts(&b, "");
	*out_len = b.len;
	return buf_steal(&b);
}

static void
doc_set_text(struct ldoc *d, const char *t, size_t n)
{
	size_t len;
	char *text = clean_text(t, n, &len);

	doc_forget(d);
	if (d->buf)
		doc_free(d->buf);
	d->buf = doc_new(d->name, text, len);
}

static void
doc_close(struct server *s, size_t i)
{
	struct ldoc *d = s->docs[i];

	doc_forget(d);
	if (d->buf)
		doc_free(d->buf);
	free(d->uri);
	free(d->path);
	free(d->name);
	free(d);
	s->docs[i] = s->docs[--s->ndocs];
}

static void
did_open(struct server *s, const cJSON *params)
{
	const cJSON *td = jget(params, "textDocument");
	const char *uri = jstr(td, "uri"), *text = jstr(td, "text"), *slash;
	struct ldoc *d;
	long version = 0;
	size_t at;

	if (uri == NULL || text == NULL) {
		logf_(s, "textDocument/didOpen without uri or text: ignored");
		return;
	}
	if (doc_find(s, uri, &at))
		doc_close(s, at);
	d = xcalloc(1, sizeof *d);
	d->uri = xstrdup(uri);
	d->path = uri_path(uri);
	slash = strrchr(d->path ? d->path : uri, '/');
	d->name = xstrdup(d->path ? d->path : slash ? slash + 1 : uri);
	if (jint(td, "version", &version))
		d->version = version;
	doc_set_text(d, text, strlen(text));
	s->docs = xrealloc(s->docs, (s->ndocs + 1) * sizeof *s->docs);
	s->docs[s->ndocs++] = d;
	d->dirty = true;
	d->due = now_ms();
}

/* A change with a range (incremental sync, which gwlint does not ask for
 * but takes): splice it into the current text. */
static void
apply_range_change(struct server *s, struct ldoc *d, const cJSON *range, const char *text)
{
	size_t a, b, n = strlen(text);
	struct buf nb = {0};

	if (!pos_offset(s, d, jget(range, "start"), &a) ||
	    !pos_offset(s, d, jget(range, "end"), &b)) {
		logf_(s, "didChange: a malformed range: ignored");
		return;
	}
	if (b < a)
		b = a;
	buf_append(&nb, doc_text(d->buf), a);
	buf_append(&nb, text, n);
	buf_append(&nb, doc_text(d->buf) + b, doc_len(d->buf) - b);
	if (nb.data == NULL)
		buf_puts(&nb, "");
	doc_set_text(d, nb.data, nb.len);
	buf_free(&nb);
}

static void
did_change(struct server *s, const cJSON *params)
{
	const cJSON *td = jget(params, "textDocument"), *ch;
	struct ldoc *d = doc_find(s, jstr(td, "uri"), NULL);
	long version;
	bool any = false;

	if (d == NULL) {
		logf_(s, "textDocument/didChange for a document not open: ignored");
		return;
	}
	if (jint(td, "version", &version)) {
		if (version <= d->version && d->version != 0) {
			logf_(s, "didChange: version %ld is not newer than %ld: dropped", version,
			    d->version);
			return;
		}
		d->version = version;
	}
	cJSON_ArrayForEach(ch, jget(params, "contentChanges")) {
		const char *text = jstr(ch, "text");

		if (text == NULL)
			continue;
		if (jget(ch, "range"))
			apply_range_change(s, d, jget(ch, "range"), text);
		else
			doc_set_text(d, text, strlen(text));
		any = true;
	}
	if (any) {
		d->dirty = true;
		d->due = now_ms() + s->p->debounce_ms;
	}
}

static void
did_save(struct server *s, const cJSON *params)
{
	const cJSON *td = jget(params, "textDocument");
	struct ldoc *d = doc_find(s, jstr(td, "uri"), NULL);
	const char *text = jstr(params, "text");

	if (d == NULL)
		return;
	if (text)
		doc_set_text(d, text, strlen(text));
	d->dirty = true;
	d->due = now_ms();
}

static void
did_close(struct server *s, const cJSON *params)
{
	const char *uri = jstr(jget(params, "textDocument"), "uri");
	size_t at;

	if (doc_find(s, uri, &at) == NULL)
		return;
	publish_raw(s, uri, NULL, cJSON_CreateArray());
	doc_close(s, at);
}

/* Settings files changed (the client watches them): load everything again
 * and lint every open document now. */
static void
settings_changed(struct server *s)
{
	size_t i;

	while (s->nenvs > 0)
		env_drop(s, s->nenvs - 1);
	for (i = 0; i < s->ndocs; i++) {
		s->docs[i]->dirty = true;
		s->docs[i]->due = now_ms();
	}
}

/* ---- requests ---- */

static void
initialize(struct server *s, const cJSON *id, const cJSON *params)
{
	const cJSON *caps = jget(params, "capabilities");
	const cJSON *encs = jget(jget(caps, "general"), "positionEncodings");
	const cJSON *cformat = jget(jget(jget(caps, "textDocument"), "hover"), "contentFormat");
	const cJSON *e;
	cJSON *res = cJSON_CreateObject(), *sc = cJSON_CreateObject(), *sync, *ca, *kinds, *info;
	bool clangd = false;

	/* clangd's older extension (offsetEncoding) where the 3.17 list is absent. */
	if (!cJSON_IsArray(encs) && cJSON_IsArray(jget(caps, "offsetEncoding"))) {
		encs = jget(caps, "offsetEncoding");
		clangd = true;
	}
	s->unit = jhas(encs, "utf-8") ? COL_BYTE : jhas(encs, "utf-32") ? COL_CHAR : COL_UTF16;
	s->hover_markdown = false;
	cJSON_ArrayForEach(e, cformat) {
		if (cJSON_IsString(e) && (strcmp(e->valuestring, "markdown") == 0 ||
		    strcmp(e->valuestring, "plaintext") == 0)) {
			s->hover_markdown = strcmp(e->valuestring, "markdown") == 0;
			break;
		}
	}
	if (!cJSON_IsArray(cformat))
		s->hover_markdown = true;
	s->dyn_watch = cJSON_IsTrue(jget(jget(jget(caps, "workspace"), "didChangeWatchedFiles"),
	    "dynamicRegistration"));
	s->doc_changes = cJSON_IsTrue(jget(jget(jget(caps, "workspace"), "workspaceEdit"),
	    "documentChanges"));

	cJSON_AddStringToObject(sc, "positionEncoding", s->unit == COL_BYTE ? "utf-8" :
	    s->unit == COL_CHAR ? "utf-32" : "utf-16");
	sync = cJSON_CreateObject();
	cJSON_AddBoolToObject(sync, "openClose", 1);
	cJSON_AddNumberToObject(sync, "change", 1);
	{
		cJSON *save = cJSON_CreateObject();

		cJSON_AddBoolToObject(save, "includeText", 0);
		cJSON_AddItemToObject(sync, "save", save);
	}
	cJSON_AddItemToObject(sc, "textDocumentSync", sync);
	ca = cJSON_CreateObject();
	kinds = cJSON_CreateArray();
	cJSON_AddItemToArray(kinds, cJSON_CreateString("quickfix"));
	cJSON_AddItemToArray(kinds, cJSON_CreateString("source.fixAll.gwlint"));
	cJSON_AddItemToObject(ca, "codeActionKinds", kinds);
	cJSON_AddItemToObject(sc, "codeActionProvider", ca);
	cJSON_AddBoolToObject(sc, "hoverProvider", 1);
	cJSON_AddItemToObject(res, "capabilities", sc);
	if (clangd)
		cJSON_AddStringToObject(res, "offsetEncoding", s->unit == COL_BYTE ? "utf-8" :
		    s->unit == COL_CHAR ? "utf-32" : "utf-16");
	info = cJSON_CreateObject();
	cJSON_AddStringToObject(info, "name", "gwlint");
#ifdef GWLINT_VERSION
	cJSON_AddStringToObject(info, "version", GWLINT_VERSION);
#endif
	cJSON_AddItemToObject(res, "serverInfo", info);
	s->initialized = true;
	reply(s, id, res);
}

/* After `initialized`: watch the config and pack files, where the client
 * can be asked to (dynamic registration). */
static void
register_watchers(struct server *s)
{
	static const char *const globs[] = {"**/" CONFIG_NAME, "**/" CONFIG_NAME_ALT,
	    "**/*.yaml"};
	cJSON *m, *p, *regs, *reg, *opts, *w;
	size_t i;

	if (!s->dyn_watch)
		return;
	m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "id", "gwlint-register-watchers");
	cJSON_AddStringToObject(m, "method", "client/registerCapability");
	p = cJSON_CreateObject();
	regs = cJSON_CreateArray();
	reg = cJSON_CreateObject();
	cJSON_AddStringToObject(reg, "id", "gwlint-settings-files");
	cJSON_AddStringToObject(reg, "method", "workspace/didChangeWatchedFiles");
	opts = cJSON_CreateObject();
	w = cJSON_CreateArray();
	for (i = 0; i < sizeof globs / sizeof globs[0]; i++) {
		cJSON *g = cJSON_CreateObject();

		cJSON_AddStringToObject(g, "globPattern", globs[i]);
		cJSON_AddItemToArray(w, g);
	}
	cJSON_AddItemToObject(opts, "watchers", w);
	cJSON_AddItemToObject(reg, "registerOptions", opts);
	cJSON_AddItemToArray(regs, reg);
	cJSON_AddItemToObject(p, "registrations", regs);
	cJSON_AddItemToObject(m, "params", p);
	send_json(s, m);
}

/* Whether a code action of kind `kind` is wanted by `only` (absent: all). */
static bool
kind_wanted(const cJSON *only, const char *kind)
{
	const cJSON *e;

	if (!cJSON_IsArray(only))
		return true;
	cJSON_ArrayForEach(e, only) {
		size_t n;

		if (!cJSON_IsString(e))
			continue;
		n = strlen(e->valuestring);
		if (strncmp(kind, e->valuestring, n) == 0 && (kind[n] == '\0' || kind[n] == '.'))
			return true;
	}
	return false;
}

static cJSON *
text_edit(const struct server *s, const struct ldoc *d, size_t a, size_t b, const char *text,
    size_t n)
{
	cJSON *e = cJSON_CreateObject();
	char *t = xstrndup(text, n);

	cJSON_AddItemToObject(e, "range", json_range(d->buf, a, b, s->unit));
	cJSON_AddStringToObject(e, "newText", t);
	free(t);
	return e;
}

static cJSON *
workspace_edit(const struct server *s, const struct ldoc *d, cJSON *edits)
{
	cJSON *we = cJSON_CreateObject();

	if (s->doc_changes) {
		cJSON *dc = cJSON_CreateArray(), *tde = cJSON_CreateObject(),
		    *td = cJSON_CreateObject();

		cJSON_AddStringToObject(td, "uri", d->uri);
		cJSON_AddNumberToObject(td, "version", (double)d->version);
		cJSON_AddItemToObject(tde, "textDocument", td);
		cJSON_AddItemToObject(tde, "edits", edits);
		cJSON_AddItemToArray(dc, tde);
		cJSON_AddItemToObject(we, "documentChanges", dc);
	} else {
		cJSON *ch = cJSON_CreateObject();

		cJSON_AddItemToObject(ch, d->uri, edits);
		cJSON_AddItemToObject(we, "changes", ch);
	}
	return we;
}

/* End of the line starting at i (its line end excluded), and where the
 * next line starts. */
static size_t
line_end(const char *t, size_t i, size_t n, size_t *next)
{
	while (i < n && t[i] != '\n' && t[i] != '\r')
		i++;
	*next = i < n ? (t[i] == '\r' && i + 1 < n && t[i + 1] == '\n' ? i + 2 : i + 1) : n;
	return i;
}

/* The edits turning old (the decoded client text) into new: one per line
 * that differs, covering its changed middle. */
static cJSON *
line_edits(const struct server *s, const struct ldoc *d, const char *o, size_t on,
    const char *nw, size_t nn)
{
	cJSON *edits = cJSON_CreateArray();
	size_t oi = 0, ni = 0;

	while (oi < on || ni < nn) {
		size_t onext, nnext, oe = line_end(o, oi, on, &onext), ne = line_end(nw, ni, nn, &nnext);
		size_t pre = 0, suf = 0, ol = oe - oi, nl = ne - ni;

		if (ol != nl || memcmp(o + oi, nw + ni, ol) != 0) {
			while (pre < ol && pre < nl && o[oi + pre] == nw[ni + pre])
				pre++;
			while (pre > 0 && (utf8_is_cont((unsigned char)o[oi + pre]) ||
			    utf8_is_cont((unsigned char)nw[ni + pre])))
				pre--;
			while (suf < ol - pre && suf < nl - pre &&
			    o[oe - 1 - suf] == nw[ne - 1 - suf])
				suf++;
			while (suf > 0 && (utf8_is_cont((unsigned char)o[oe - suf]) ||
			    utf8_is_cont((unsigned char)nw[ne - suf])))
				suf--;
			cJSON_AddItemToArray(edits, text_edit(s, d, oi + pre + d->shift,
			    oe - suf + d->shift, nw + ni + pre, nl - pre - suf));
		}
		if ((onext == oi && oi < on) || (nnext == ni && ni < nn))
			break;
		if (onext - oe != nnext - ne || (onext == on) != (nnext == nn)) {
			/* Line ends differ (never from a fix): replace the rest. */
			cJSON_AddItemToArray(edits, text_edit(s, d, oe + d->shift, on + d->shift,
			    nw + ne, nn - ne));
			break;
		}
		oi = onext;
		ni = nnext;
	}
	return edits;
}

/* source.fixAll.gwlint: what --fix would write (fix_apply, then
 * fix_markdown for Markdown), as edits; NULL when --fix would change
 * nothing or refuse. */
static cJSON *
fix_all(struct server *s, struct ldoc *d)
{
	struct lint_result fixed;
	struct fix_stats st;
	struct md_fix md = {0, 0, false, false};
	struct lint_settings ls = buffer_settings(d->env);
	const struct document *od, *nd;
	cJSON *edits, *a;

	if (d->res.nbad > 0 || d->res.format == INPUT_DOCX)
		return NULL;
	if (fix_apply(d->env->rs, &ls, d->name, &d->res, s->sc, &fixed, &st) != 0)
		return NULL;
	if (doc_has_source(d->res.doc) &&
	    fix_markdown(d->env->rs, &ls, d->name, &d->res, s->sc, &fixed, &md) != 0)
		return NULL;
	od = doc_source(d->res.doc);
	nd = doc_source(fixed.doc);
	edits = line_edits(s, d, doc_text(od), doc_len(od), doc_text(nd), doc_len(nd));
	lint_result_free(&fixed);
	if (cJSON_GetArraySize(edits) == 0) {
		cJSON_Delete(edits);
		return NULL;
	}
	a = cJSON_CreateObject();
	cJSON_AddStringToObject(a, "title", "gwlint: apply every safe fix (as gwlint --fix)");
	cJSON_AddStringToObject(a, "kind", "source.fixAll.gwlint");
	cJSON_AddItemToObject(a, "edit", workspace_edit(s, d, edits));
	return a;
}

static void
code_action(struct server *s, const cJSON *id, const cJSON *params)
{
	struct ldoc *d = doc_find(s, jstr(jget(params, "textDocument"), "uri"), NULL);
	const cJSON *range = jget(params, "range"), *only = jget(jget(params, "context"), "only");
	cJSON *out;
	size_t ra, rb, i;

	if (d == NULL || !pos_offset(s, d, jget(range, "start"), &ra) ||
	    !pos_offset(s, d, jget(range, "end"), &rb)) {
		reply_error(s, id, ERR_PARAMS, "codeAction: an open document and a range expected");
		return;
	}
	out = cJSON_CreateArray();
	if (!doc_current(s, d)) {
		reply(s, id, out);
		return;
	}
	if (rb < ra)
		rb = ra;
	for (i = 0; kind_wanted(only, "quickfix") && i < findings_count(d->res.findings); i++) {
		struct finding f = findings_get(d->res.findings, i);
		cJSON *a, *diags, *edits;
		size_t fa, fb;
		char *title;

		if (!fix_usable(d, &f))
			continue;
		finding_span(d, &f, &fa, &fb);
		if (fa > rb || fb < ra)
			continue;
		a = cJSON_CreateObject();
		title = xasprintf("%s (%s)", f.message, f.rule);
		cJSON_AddStringToObject(a, "title", title);
		free(title);
		cJSON_AddStringToObject(a, "kind", "quickfix");
		diags = cJSON_CreateArray();
		cJSON_AddItemToArray(diags, diagnostic(s, d, &f));
		cJSON_AddItemToObject(a, "diagnostics", diags);
		cJSON_AddBoolToObject(a, "isPreferred", 1);
		edits = cJSON_CreateArray();
		cJSON_AddItemToArray(edits, text_edit(s, d, fa, fb, f.fix, strlen(f.fix)));
		cJSON_AddItemToObject(a, "edit", workspace_edit(s, d, edits));
		cJSON_AddItemToArray(out, a);
	}
	if (kind_wanted(only, "source.fixAll.gwlint")) {
		cJSON *a = fix_all(s, d);

		if (a)
			cJSON_AddItemToArray(out, a);
	}
	reply(s, id, out);
}

static void
hover(struct server *s, const cJSON *id, const cJSON *params)
{
	struct ldoc *d = doc_find(s, jstr(jget(params, "textDocument"), "uri"), NULL);
	const char *seen[HOVER_MAX_RULES];
	size_t off, toff, i, nseen = 0, fa = 0, fb = 0;
	struct buf text = {0};
	cJSON *res, *contents;

	if (d == NULL || !pos_offset(s, d, jget(params, "position"), &off)) {
		reply_error(s, id, ERR_PARAMS, "hover: an open document and a position expected");
		return;
	}
	if (!doc_current(s, d)) {
		reply(s, id, NULL);
		return;
	}
	toff = doc_from_source(d->res.doc, off >= d->shift ? off - d->shift : 0);
	for (i = 0; i < findings_count(d->res.findings) && nseen < HOVER_MAX_RULES; i++) {
		struct finding f = findings_get(d->res.findings, i);
		size_t k;
		char *ex = NULL;
		size_t exn = 0;
		FILE *mf;

		if (!(f.start <= toff && (toff < f.end || (f.start == f.end && toff == f.start))))
			continue;
		for (k = 0; k < nseen && strcmp(seen[k], f.rule) != 0; k++)
			;
		if (k < nseen)
			continue;
		if (nseen == 0)
			finding_span(d, &f, &fa, &fb);
		seen[nseen++] = f.rule;
		mf = open_memstream(&ex, &exn);
		if (mf == NULL)
			fatal("out of memory");
		if (ruleset_find(d->env->rs, f.rule))
			catalogue_explain(d->env->rs, &d->env->view, f.rule, mf);
		else
			fprintf(mf, "%s\n", f.message);
		fclose(mf);
		if (text.len)
			buf_puts(&text, s->hover_markdown ? "\n---\n\n" : "\n\n");
		if (s->hover_markdown)
			buf_printf(&text, "**gwlint `%s`**\n\n```text\n%s```\n", f.rule, ex);
		else
			buf_printf(&text, "gwlint %s\n\n%s", f.rule, ex);
		free(ex);
	}
	if (text.len == 0) {
		reply(s, id, NULL);
		return;
	}
	res = cJSON_CreateObject();
	contents = cJSON_CreateObject();
	cJSON_AddStringToObject(contents, "kind", s->hover_markdown ? "markdown" : "plaintext");
	cJSON_AddStringToObject(contents, "value", text.data);
	cJSON_AddItemToObject(res, "contents", contents);
	cJSON_AddItemToObject(res, "range", json_range(d->buf, fa, fb, s->unit));
	buf_free(&text);
	reply(s, id, res);
}

/* ---- the message loop ---- */

static void
handle(struct server *s, const char *body, size_t len)
{
	const char *end = NULL, *method;
	cJSON *msg, *id, *params;
	size_t depth = json_depth(body, len, LSP_JSON_DEPTH);

	if (depth > LSP_JSON_DEPTH) {
		logf_(s, "a message nested deeper than %d levels: refused", LSP_JSON_DEPTH);
		reply_error(s, NULL, ERR_PARSE, "JSON nested too deeply");
		return;
	}
	msg = cJSON_ParseWithLengthOpts(body, len, &end, 0);
	if (msg != NULL) {
		while (end && end < body + len && strchr(" \t\r\n", *end) && *end)
			end++;
		if (end == NULL || end != body + len) {
			cJSON_Delete(msg);
			msg = NULL;
		}
	}
	if (msg == NULL) {
		logf_(s, "a message that is not JSON: answered with a parse error");
		reply_error(s, NULL, ERR_PARSE, "parse error: not one JSON value");
		return;
	}
	id = jget(msg, "id");
	if (id && !cJSON_IsNumber(id) && !cJSON_IsString(id))
		id = NULL;
	method = jstr(msg, "method");
	params = jget(msg, "params");
	if (!cJSON_IsObject(msg) || method == NULL) {
		/* A response to our request (registerCapability): nothing to do. */
		if (!(cJSON_IsObject(msg) && id && (jget(msg, "result") || jget(msg, "error"))))
			reply_error(s, id, ERR_INVALID_REQUEST, "invalid request: no method");
		cJSON_Delete(msg);
		return;
	}
	if (strcmp(method, "exit") == 0) {
		s->exited = true;
	} else if (!s->initialized && strcmp(method, "initialize") != 0) {
		if (id)
			reply_error(s, id, ERR_NOT_INITIALIZED, "server not initialized");
	} else if (id == NULL) {
		/* Notifications. */
		if (s->shutdown)
			;
		else if (strcmp(method, "initialized") == 0)
			register_watchers(s);
		else if (strcmp(method, "textDocument/didOpen") == 0)
			did_open(s, params);
		else if (strcmp(method, "textDocument/didChange") == 0)
			did_change(s, params);
		else if (strcmp(method, "textDocument/didSave") == 0)
			did_save(s, params);
		else if (strcmp(method, "textDocument/didClose") == 0)
			did_close(s, params);
		else if (strcmp(method, "workspace/didChangeWatchedFiles") == 0)
			settings_changed(s);
	} else if (strcmp(method, "initialize") == 0) {
		if (s->initialized)
			reply_error(s, id, ERR_INVALID_REQUEST, "initialize was already sent");
		else
			initialize(s, id, params);
	} else if (s->shutdown) {
		reply_error(s, id, ERR_INVALID_REQUEST, "the server is shut down");
	} else if (strcmp(method, "shutdown") == 0) {
		s->shutdown = true;
		reply(s, id, NULL);
	} else if (strcmp(method, "textDocument/codeAction") == 0) {
		code_action(s, id, params);
	} else if (strcmp(method, "textDocument/hover") == 0) {
		hover(s, id, params);
	} else {
		char *m = xasprintf("method not found: %s", method);

		reply_error(s, id, ERR_NO_METHOD, m);
		free(m);
	}
	cJSON_Delete(msg);
}

/* The dirty document due first (NULL: none). */
static struct ldoc *
next_due(const struct server *s)
{
	struct ldoc *best = NULL;
	size_t i;

	for (i = 0; i < s->ndocs; i++)
		if (s->docs[i]->dirty && (best == NULL || s->docs[i]->due < best->due))
			best = s->docs[i];
	return best;
}

int
lsp_serve(const struct lsp_params *p, const struct lsp_io *io)
{
	struct server s;
	cJSON_Hooks hooks = {json_alloc, free};
	int status;

	cJSON_InitHooks(&hooks);
	memset(&s, 0, sizeof s);
	s.p = p;
	s.io = io;
	s.unit = COL_UTF16;
	s.rd = lsp_reader_new(io, p->max_frame ? p->max_frame : LSP_FRAME_MAX);
	s.sc = regex_scratch_new();
	while (!s.exited && !s.write_failed) {
		struct ldoc *d = next_due(&s);
		enum lsp_frame fr;
		char *body;
		size_t len;
		const char *why;

		if (d && !lsp_reader_pending(s.rd)) {
			long long wait = d->due - now_ms();

			if (wait <= 0 || io->wait(io->ctx, (int)(wait > 60000 ? 60000 : wait)) == 0) {
				if (wait <= 0 || d->due <= now_ms())
					doc_lint(&s, d);
				continue;
			}
		}
		fr = lsp_read_frame(s.rd, &body, &len, &why);
		if (fr == LSP_FRAME_EOF) {
			if (why)
				logf_(&s, "%s", why);
			break;
		}
		if (fr != LSP_FRAME_OK) {
			logf_(&s, "%s", why);
			reply_error(&s, NULL, ERR_PARSE, why);
			continue;
		}
		handle(&s, body, len);
		free(body);
	}
	status = s.shutdown ? 0 : 1;
	while (s.ndocs > 0)
		doc_close(&s, s.ndocs - 1);
	/* Leaving: no more messages (a config error's diagnostic stays). */
	s.write_failed = true;
	while (s.nenvs > 0)
		env_drop(&s, s.nenvs - 1);
	free(s.docs);
	free(s.envs);
	regex_scratch_free(s.sc);
	lsp_reader_free(s.rd);
	return status;
}
