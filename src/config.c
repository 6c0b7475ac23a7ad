/* SPDX-License-Identifier: MIT */
/** \file config.c
 * \brief `.gwlint.yaml`: lookup, loading, and the per-config rule settings.
 *
 * A config is read like a rule pack: one libyaml pass builds the positioned
 * tree (yamltree.h), the tree is validated against the config's key tables
 * (every error reported, each with its position), and libcyaml loads the
 * validated file.  Rule ids are checked once the packs are loaded
 * (configs_resolve), again reporting every unknown or repeated id.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <dirent.h>
#include <fnmatch.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cyamllib.h"
#include <utf8proc.h>

#include "decode.h"
#include "report/escape.h"
#include "util.h"
#include "yamltree.h"

/* ---- schema ---- */

struct config_vars {
	unsigned report_year;
	char *issuer;
	char *issuer_type;
};

struct config_def {
	char **enable;
	unsigned enable_count;
	char **disable;
	unsigned disable_count;
	struct config_vars *variables;
	char **packs;
	unsigned packs_count;
	char **include;
	unsigned include_count;
	char **exclude;
	unsigned exclude_count;
};

static const cyaml_schema_value_t string_entry = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, CYAML_UNLIMITED),
};

#define STR_LIST(key, m) CYAML_FIELD_SEQUENCE(key, CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, \
	struct config_def, m, &string_entry, 0, CYAML_UNLIMITED)

static const cyaml_schema_field_t vars_fields[] = {
	CYAML_FIELD_UINT("report_year", CYAML_FLAG_OPTIONAL, struct config_vars, report_year),
	CYAML_FIELD_STRING_PTR("issuer", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct config_vars, issuer, 1, CYAML_UNLIMITED),
	CYAML_FIELD_STRING_PTR("issuer_type", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct config_vars, issuer_type, 1, CYAML_UNLIMITED),
	CYAML_FIELD_END
};

static const cyaml_schema_field_t config_fields[] = {
	STR_LIST("enable", enable),
	STR_LIST("disable", disable),
	/* rule id → level: free keys, read from the position index. */
	CYAML_FIELD_IGNORE("severity", CYAML_FLAG_OPTIONAL),
	CYAML_FIELD_MAPPING_PTR("variables", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct config_def, variables, vars_fields),
	STR_LIST("packs", packs),
	STR_LIST("include", include),
	STR_LIST("exclude", exclude),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t config_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct config_def, config_fields),
};

/* ---- the key tables the tree is validated against ---- */

/* What a key's value must be. */
enum cval {
	CV_IDS,              /* a sequence of rule ids */
	CV_PATHS,            /* a sequence of pack paths */
	CV_GLOBS,            /* a sequence of globs */
	CV_SEVMAP,           /* rule id → level (or empty) */
	CV_VARS,             /* the variables mapping */
	CV_YEAR,             /* a year, 1900..2999, unquoted */
	CV_STR,              /* a non-empty string */
	CV_ISSUER_TYPE,      /* government | department */
};

struct ckey {
	const char *name;
	enum cval type;
};

static const struct ckey top_table[] = {
	{"enable", CV_IDS}, {"disable", CV_IDS}, {"severity", CV_SEVMAP},
	{"variables", CV_VARS}, {"packs", CV_PATHS}, {"include", CV_GLOBS},
	{"exclude", CV_GLOBS}, {NULL, CV_STR}
};
static const struct ckey var_table[] = {
	{"report_year", CV_YEAR}, {"issuer", CV_STR}, {"issuer_type", CV_ISSUER_TYPE},
	{NULL, CV_STR}
};

/* The names of a table, NULL-terminated, in `names` (room for 8). */
static const char *const *
table_names(const struct ckey *t, const char **names)
{
	size_t i;

	for (i = 0; i < 7 && t[i].name; i++)
		names[i] = t[i].name;
	names[i] = NULL;
	return names;
}

static const struct ckey *
table_find(const struct ckey *t, const char *name)
{
	for (; t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

/* ---- data ---- */

struct sev_entry {
	const char *id;      /* borrowed from the tree */
	enum severity sev;
	const struct ynode *key;
};

struct config {
	char *file;          /* as shown in messages */
	char *dir;           /* absolute, resolved */
	struct ysource src;  /* text, kept for errors found later */
	struct buf errs;     /* its errors (YTREE_ERR_SEP-separated) */
	size_t nerr;
	struct ynode *root;  /* the positioned tree (NULL: empty) */
	struct config_def *def;
	char **packs;        /* resolved pack paths */
	size_t npacks;
	struct sev_entry *sev;
	size_t nsev;
	bool *enabled;
	enum severity *sevs;
	struct lint_settings ls;
	bool ignored;        /* not trusted: as if absent (see the trust model) */
};

struct configs {
	char *forced;
	enum column_unit unit;
	int origin;
	char cwd[PATH_MAX];
	struct config **v;
	size_t n, cap;
	struct config none;  /* files without a config */
	/* The last lookup's directory (as written in the path) and result:
	 * files come directory by directory, and each lookup costs a
	 * realpath and a stat per parent directory. */
	char *last_dir;
	struct config *last;
	/* The trust model (configs_set_trust). */
	bool trust_found;    /* --trust-config */
	char **allow;        /* --allow-packs, resolved */
	size_t nallow;
};

/* libcyaml's log: never kept nor read (after the validation, a libcyaml
 * error is an internal error, reported as such). */
static void
cy_log(cyaml_log_t level, void *ctx, const char *fmt, va_list ap)
{
	(void)level;
	(void)ctx;
	(void)fmt;
	(void)ap;
}

static cyaml_config_t *
cy_config(cyaml_config_t *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->log_level = CYAML_LOG_ERROR;
	cfg->log_fn = cy_log;
	cfg->mem_fn = cyaml_mem;
	cfg->flags = CYAML_CFG_NO_ALIAS;
	return cfg;
}

struct configs *
configs_new(const char *forced, enum column_unit unit, int origin)
{
	struct configs *cs = xcalloc(1, sizeof *cs);

	cs->forced = forced ? xstrdup(forced) : NULL;
	cs->unit = unit;
	cs->origin = origin;
	if (getcwd(cs->cwd, sizeof cs->cwd) == NULL)
		strcpy(cs->cwd, ".");
	return cs;
}

static void
config_free(struct config *c)
{
	cyaml_config_t cfg;
	size_t i;

	if (c->def)
		cyaml_free(cy_config(&cfg), &config_schema, c->def, 0);
	ytree_free(c->root);
	buf_free(&c->errs);
	free((char *)c->src.text);
	for (i = 0; i < c->npacks; i++)
		free(c->packs[i]);
	free(c->packs);
	free(c->sev);
	free(c->enabled);
	free(c->sevs);
	free(c->file);
	free(c->dir);
}

void
configs_free(struct configs *cs)
{
	size_t i;

	if (cs == NULL)
		return;
	for (i = 0; i < cs->n; i++) {
		config_free(cs->v[i]);
		free(cs->v[i]);
	}
	free(cs->v);
	free(cs->none.enabled);
	free(cs->none.sevs);
	free(cs->forced);
	free(cs->last_dir);
	for (i = 0; i < cs->nallow; i++)
		free(cs->allow[i]);
	free(cs->allow);
	free(cs);
}

/* "abs" shown relative to the current directory when it is below it. */
static char *
display_path(const struct configs *cs, const char *abs)
{
	size_t n = strlen(cs->cwd);

	if (strncmp(abs, cs->cwd, n) == 0 && abs[n] == '/' && n > 1)
		return xstrdup(abs + n + 1);
	return xstrdup(abs);
}

static bool
is_file(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* ---- trust (see config.h: the trust model) ---- */

int
configs_set_trust(struct configs *cs, bool trust_found, const char *const *allow, size_t nallow,
    char **err)
{
	size_t i;

	*err = NULL;
	cs->trust_found = trust_found;
	for (i = 0; i < nallow; i++) {
		char *real = realpath(allow[i], NULL);

		if (real == NULL) {
			*err = xasprintf("--allow-packs %s: %s", allow[i], strerror(errno));
			return -1;
		}
		cs->allow = xrealloc(cs->allow, (cs->nallow + 1) * sizeof *cs->allow);
		cs->allow[cs->nallow++] = real;
	}
	return 0;
}

static char *
user_name(uid_t uid)
{
	const struct passwd *pw = getpwuid(uid);

	return pw ? xstrdup(pw->pw_name) : xasprintf("uid %u", (unsigned)uid);
}

/* Why folder `dir` does not keep others out: NULL if it does. */
static char *
distrust_dir(const char *dir, uid_t me)
{
	struct stat st;

	if (stat(dir, &st) != 0)
		return NULL;
	if (st.st_uid != me && st.st_uid != 0) {
		char *who = user_name(st.st_uid), *why;

		why = xasprintf("its folder %s is owned by another user (%s)", dir, who);
		free(who);
		return why;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH))
		return xasprintf("its folder %s can be written by others (mode %04o)", dir,
		    (unsigned)(st.st_mode & 07777));
	return NULL;
}

/*
 * Why the config or pack at `path` is not trusted, NULL if it is: it is
 * owned by a user other than us or root or writable by group or others,
 * or the folder it was found in (or, for a symbolic link, the folder of
 * its target) is owned by another user or writable by group or others.
 */
static char *
distrust(const char *path)
{
	uid_t me = geteuid();
	struct stat st;
	char *real = realpath(path, NULL), *why = NULL, *d;
	const char *slash;

	if (real == NULL || stat(real, &st) != 0) {
		free(real);
		return NULL; /* the file's own error comes later */
	}
	if (st.st_uid != me && st.st_uid != 0) {
		char *who = user_name(st.st_uid);

		why = xasprintf("it is owned by another user (%s)", who);
		free(who);
	} else if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		why = xasprintf("it can be written by others (mode %04o)",
		    (unsigned)(st.st_mode & 07777));
	}
	if (why == NULL) {
		slash = strrchr(path, '/');
		d = slash == NULL ? xstrdup(".") :
		    xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
		why = distrust_dir(d, me);
		free(d);
	}
	if (why == NULL) {
		slash = strrchr(real, '/');
		d = xstrndup(real, slash == real ? 1 : (size_t)(slash - real));
		why = distrust_dir(d, me);
		free(d);
	}
	free(real);
	return why;
}

/* Whether the resolved path `real` is `dir` or below it. */
static bool
below(const char *real, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return true;
	return strncmp(real, dir, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

static bool
allowed_root(const struct configs *cs, const struct config *c, const char *real)
{
	size_t i;

	if (below(real, c->dir))
		return true;
	for (i = 0; i < cs->nallow; i++)
		if (below(real, cs->allow[i]))
			return true;
	return false;
}

/*
 * A folder of packs (resolved: real): the first pack in it that a link
 * takes out of the allowed folders, resolved, in a new string; else NULL.
 * The same files as ruleset_load() reads: *.yaml and *.yml, not hidden.
 */
static char *
folder_escape(const struct configs *cs, const struct config *c, const char *real)
{
	DIR *dir = opendir(real);
	struct dirent *de;
	char *out = NULL;

	if (dir == NULL)
		return NULL;
	while (out == NULL && (de = readdir(dir)) != NULL) {
		size_t n = strlen(de->d_name);
		char *f, *r;

		if (de->d_name[0] == '.' || !((n > 5 && strcmp(de->d_name + n - 5, ".yaml") == 0) ||
		    (n > 4 && strcmp(de->d_name + n - 4, ".yml") == 0)))
			continue;
		f = xasprintf("%s/%s", real, de->d_name);
		r = realpath(f, NULL);
		if (r != NULL && !allowed_root(cs, c, r))
			out = r;
		else
			free(r);
		free(f);
	}
	closedir(dir);
	return out;
}

/*
 * A folder of packs at abs: why one of its packs is not trusted (see
 * distrust()), with that pack's path in *file; NULL if every one is.
 */
static char *
folder_distrust(const char *abs, char **file)
{
	DIR *dir = opendir(abs);
	struct dirent *de;
	char *why = NULL;

	*file = NULL;
	if (dir == NULL)
		return NULL;
	while (why == NULL && (de = readdir(dir)) != NULL) {
		size_t n = strlen(de->d_name);
		char *f;

		if (de->d_name[0] == '.' || !((n > 5 && strcmp(de->d_name + n - 5, ".yaml") == 0) ||
		    (n > 4 && strcmp(de->d_name + n - 4, ".yml") == 0)))
			continue;
		f = xasprintf("%s/%s", abs, de->d_name);
		if ((why = distrust(f)) != NULL)
			*file = f;
		else
			free(f);
	}
	closedir(dir);
	return why;
}

static void cfail(struct config *c, const struct ynode *y, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* An error of config c at node y (NULL: the file's start). */
static void
cfail(struct config *c, const struct ynode *y, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	yfail_atv(&c->src, y ? y->line : 0, y ? y->col : 0, fmt, ap);
	va_end(ap);
}

/*
 * Pack `p` (at `abs`) of config c, named at node y: it must lie in the
 * config's tree (after resolving links and ..) or below an --allow-packs
 * folder, else a positioned error (-1).  A pack we do not trust makes the
 * whole config ignored, with a notice (1).  0: the pack is fine.
 */
static int
pack_allowed(struct configs *cs, struct config *c, const char *p, const char *abs,
    const struct ynode *y)
{
	char *real = realpath(abs, NULL), *why, *out;
	bool ok;

	if (real == NULL) {
		cfail(c, y, "pack '%s': %s", p,
		    strerror(errno));
		return -1;
	}
	ok = allowed_root(cs, c, real);
	if (ok && (out = folder_escape(cs, c, real)) != NULL) {
		/* A folder in the tree holding a link to a pack outside it. */
		cfail(c, y,
		    "pack '%s': %s is outside the config's folder %s (a link in the folder); a "
		    "config's packs stay in its tree unless --allow-packs DIR allows more", p, out,
		    c->dir);
		free(out);
		free(real);
		return -1;
	}
	if (!ok) {
		bool same = strcmp(p, real) == 0;

		cfail(c, y,
		    "pack '%s'%s%s%s is outside the config's folder %s; a config's packs stay "
		    "in its tree unless --allow-packs DIR allows more", p, same ? "" : " (",
		    same ? "" : real, same ? "" : ")", c->dir);
		free(real);
		return -1;
	}
	free(real);
	if (cs->forced || cs->trust_found)
		return 0;
	{
		/* The pack itself, or (a folder of packs) the first pack in it
		 * that is not trusted. */
		char *inner = NULL, *shown;

		if ((why = distrust(abs)) == NULL &&
		    (why = folder_distrust(abs, &inner)) == NULL)
			return 0;
		shown = display_path(cs, inner ? inner : abs);
		say("%s: not used: its pack %s: %s; trust it with "
		    "--trust-config or --config %s", c->file, shown, why, c->file);
		free(shown);
		free(inner);
		free(why);
	}
	c->ignored = true;
	return 1;
}

/* The errors of the config being loaded (every one, up to the cap). */
static int
fail(struct config *c, char **err)
{
	if (c->nerr == 0) {
		*err = xasprintf("%s: cannot load the config", c->file);
		return -1;
	}
	yerr_close(&c->errs, c->nerr);
	*err = xstrdup(c->errs.data);
	return -1;
}

/* Entry k of the top-level list `key`, or NULL. */
static const struct ynode *
entry(const struct config *c, const char *key, size_t k)
{
	const struct ynode *l = ymap_get(c->root, key);

	return l && l->type == 'q' && k < l->n ? l->kids[k] : NULL;
}

/* "FILE:LINE:COL" of node y, for "first given at ...". */
static char *
where(const struct config *c, const struct ynode *y)
{
	char *pos = text_position(c->src.text, c->src.len, y->line, y->col, c->src.unit,
	    c->src.origin), *at = xasprintf("%s:%s", c->file, pos);

	free(pos);
	return at;
}

/* ---- validation of the whole file, before libcyaml reads it ---- */

/*
 * Configs are UTF-8: the first byte that is not part of a valid UTF-8
 * sequence is an error at its position (line, and the column of the valid
 * text before it), with a hint when the whole file reads as another
 * encoding (GB18030 or UTF-16, as an editor on Chinese Windows saves it).
 */
static int
check_utf8(struct config *c)
{
	const unsigned char *t = (const unsigned char *)c->src.text;
	size_t i = 0, len = c->src.len, line = 0, lstart = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(t + i, (utf8proc_ssize_t)(len - i), &cp);
		struct decoded dec;
		const char *hint = "";

		if (k > 0) {
			if (t[i] == '\n' || (t[i] == '\r' && (i + 1 >= len || t[i + 1] != '\n'))) {
				line++;
				lstart = i + 1;
			}
			i += (size_t)k;
			continue;
		}
		memset(&dec, 0, sizeof dec);
		if (decode(t, len, ENC_AUTO, &dec) == 0 && dec.nbad == 0 &&
		    (dec.enc == ENC_GB18030 || dec.enc == ENC_UTF16LE || dec.enc == ENC_UTF16BE))
			hint = dec.enc == ENC_GB18030 ? "; this one looks like GB18030/GBK: "
			    "save it as UTF-8" : "; this one looks like UTF-16: save it as UTF-8";
		yfail_at(&c->src, line, utf8_count(c->src.text + lstart, i - lstart),
		    "byte 0x%02X is not UTF-8: a config file must be UTF-8%s", t[i], hint);
		decoded_free(&dec);
		return -1;
	}
	return 0;
}

static bool
quoted(const struct ynode *y)
{
	return y->style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	    y->style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
}

/* An empty value (`key:`, `~`, `null`): "not given". */
static bool
is_null(const struct ynode *y)
{
	return y->type == 's' && !quoted(y) &&
	    (y->value[0] == '\0' || strcmp(y->value, "~") == 0 || strcmp(y->value, "null") == 0 ||
	    strcmp(y->value, "Null") == 0 || strcmp(y->value, "NULL") == 0);
}

static const char *
kind_noun(const struct ynode *y)
{
	if (is_null(y))
		return "empty";
	if (y->type == 's' && y->value[0] == '\0')
		return "an empty string";
	return ynode_noun(y);
}

/* w with '-' and ' ' as '_', lower case (for suggestions only). */
static char *
key_norm(const char *w)
{
	char *n = xstrdup(w), *p;

	for (p = n; *p; p++)
		if (*p == '-' || *p == ' ')
			*p = '_';
		else if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return n;
}

/* The key of table t nearest to w: within edit distance 2 of its normal
 * form, or a part of a key (year → report_year), or NULL. */
static const char *
near_key(const char *w, const struct ckey *t)
{
	const char *names[8];
	char *n = key_norm(w);
	const char *best = ytree_nearest(n, table_names(t, names));
	size_t i;

	for (i = 0; best == NULL && t[i].name; i++)
		if (strlen(n) >= 4 && strstr(t[i].name, n))
			best = t[i].name;
	free(n);
	return best;
}

/* "unknown key 'year' (did you mean 'report_year' under 'variables'?)" */
static void
unknown_key(struct config *c, const struct ynode *k, bool top)
{
	/* "variables.report_year" written as one key: judge its last part. */
	const char *dot = strrchr(k->value, '.'), *w = dot && dot[1] ? dot + 1 : k->value;
	const char *here = near_key(w, top ? top_table : var_table);
	const char *there = here ? NULL : near_key(w, top ? var_table : top_table);

	if (here)
		cfail(c, k, "unknown key '%s' (did you mean '%s'?)", k->value, here);
	else if (there && top)
		cfail(c, k, "unknown key '%s' (did you mean '%s' under 'variables'?)", k->value,
		    there);
	else if (there)
		cfail(c, k, "unknown key '%s' under 'variables' (did you mean '%s' at the top "
		    "level?)", k->value, there);
	else
		cfail(c, k, "unknown key '%s' (keys: %s)", k->value,
		    top ? "enable, disable, severity, variables, packs, include, exclude" :
		    "report_year, issuer, issuer_type");
}

static void
shape_error(struct config *c, const struct ynode *v, const char *name, const char *want,
    const char *hint)
{
	cfail(c, v, "'%s' should be %s, not %s%s", name, want, kind_noun(v), hint);
}

/* The entries of list `name` (of type t): non-empty strings. */
static void
check_entries(struct config *c, const struct ynode *l, const char *name, enum cval t)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct ynode *y = l->kids[i];

		if (y->type != 's' || is_null(y) || y->value[0] == '\0')
			cfail(c, y, "each entry of '%s' should be %s, not %s", name,
			    t == CV_IDS ? "a rule id" : t == CV_PATHS ? "a pack path" : "a glob",
			    kind_noun(y));
		else if (strlen(y->value) != y->len)
			cfail(c, y, "each entry of '%s' must not hold a NUL character", name);
	}
}

static void
check_year(struct config *c, const struct ynode *y)
{
	const char *v = y->value;
	size_t i;
	unsigned long n = 0;

	if (y->type != 's' || is_null(y) || quoted(y)) {
		shape_error(c, y, "report_year", "a year from 1900 to 2999 (a number such as 2023)",
		    y->type == 's' && quoted(y) ? " (write it without quotes)" : "");
		return;
	}
	for (i = 0; v[i] >= '0' && v[i] <= '9' && i < 9; i++)
		n = n * 10 + (unsigned long)(v[i] - '0');
	if (v[i] != '\0' || i == 0)
		cfail(c, y, "'report_year' should be a year from 1900 to 2999 (a number such as "
		    "2023), not '%s'", v);
	else if (n < 1900 || n > 2999)
		cfail(c, y, "'report_year' should be a year from 1900 to 2999, not %s", v);
}

/* Whether pair i of mapping m repeats an earlier key (first: ymap_first's
 * answer); if so, it is reported, and to be skipped. */
static bool
repeated(struct config *c, const struct ynode *m, const size_t *first, size_t i)
{
	char *at;

	if (first[i] == i)
		return false;
	at = where(c, m->kids[2 * first[i]]);
	cfail(c, m->kids[2 * i], "duplicate key '%s' (first given at %s)", m->kids[2 * i]->value,
	    at);
	free(at);
	return true;
}

static void check_map(struct config *c, const struct ynode *m, const struct ckey *table);

/* The value v of key k, whose table entry is t. */
static void
check_value(struct config *c, const struct ynode *k, const struct ynode *v,
    const struct ckey *t)
{
	size_t i;

	switch (t->type) {
	case CV_IDS:
	case CV_PATHS:
	case CV_GLOBS:
		if (v->type != 'q')
			shape_error(c, v, t->name, "a sequence",
			    v->type == 's' && !is_null(v) ? " (write [x] for one entry)" : "");
		else
			check_entries(c, v, t->name, t->type);
		return;
	case CV_SEVMAP: {
		size_t *first;

		if (is_null(v))
			return;
		if (v->type != 'm') {
			shape_error(c, v, "severity", "a mapping of rule id to level (error, "
			    "warning, info)", v->type == 'q' ?
			    " (write 'rule-id: level' lines, without '- ')" : "");
			return;
		}
		first = ymap_first(v);
		for (i = 0; i + 1 < v->n; i += 2) {
			const struct ynode *id = v->kids[i], *lv = v->kids[i + 1];
			enum severity sev;

			if (repeated(c, v, first, i / 2))
				continue;
			if (lv->type != 's')
				cfail(c, lv, "the severity of rule '%s' should be error, warning or "
				    "info, not %s", id->value, kind_noun(lv));
			else if (!severity_parse(lv->value, &sev))
				cfail(c, lv, "invalid severity '%s' for rule '%s' (expected error, "
				    "warning or info)", lv->value, id->value);
		}
		free(first);
		return;
	}
	case CV_VARS:
		if (v->type != 'm')
			shape_error(c, v, "variables", "a mapping (report_year, issuer, issuer_type)",
			    "");
		else
			check_map(c, v, var_table);
		return;
	case CV_YEAR:
		check_year(c, v);
		return;
	case CV_STR:
	case CV_ISSUER_TYPE:
		if (v->type != 's' || is_null(v) || v->value[0] == '\0')
			shape_error(c, v, k->value, "a string", "");
		else if (strlen(v->value) != v->len)
			cfail(c, v, "'%s' must not hold a NUL character", k->value);
		else if (t->type == CV_ISSUER_TYPE && strcmp(v->value, "government") != 0 &&
		    strcmp(v->value, "department") != 0)
			cfail(c, v, "invalid issuer_type '%s' (expected government or department)",
			    v->value);
		return;
	}
}

/* Every key of mapping m (the top level, or variables) against its table. */
static void
check_map(struct config *c, const struct ynode *m, const struct ckey *table)
{
	size_t i, *first = ymap_first(m);

	for (i = 0; i + 1 < m->n; i += 2) {
		const struct ynode *k = m->kids[i];
		const struct ckey *t = table_find(table, k->value);

		if (repeated(c, m, first, i / 2))
			continue;
		if (t == NULL)
			unknown_key(c, k, table == top_table);
		else
			check_value(c, k, m->kids[i + 1], t);
	}
	free(first);
}

/*
 * Every key known, every value of the right shape and type, no key twice
 * in a mapping: checked over the tree, every error reported in document
 * order, before libcyaml reads the file.  *empty: the file holds no
 * settings (only comments, or null).
 */
static void
validate(struct config *c, bool *empty)
{
	const struct ynode *r = c->root;

	*empty = r == NULL || is_null(r);
	if (*empty)
		return;
	if (r->type != 'm') {
		cfail(c, r, "a config file should be a mapping (enable, disable, severity, "
		    "variables, packs, include, exclude), not %s", kind_noun(r));
		return;
	}
	check_map(c, r, top_table);
}

/* Extra pack i (c->def->packs[i]), relative to the config's directory:
 * 0 fine (appended to c->packs), 1 the config is ignored, -1 an error. */
static int
check_pack(struct configs *cs, struct config *c, size_t i)
{
	const char *p = c->def->packs[i];
	char *abs = p[0] == '/' ? xstrdup(p) : xasprintf("%s/%s", c->dir, p);
	const struct ynode *y = entry(c, "packs", i);
	struct stat st;
	int rc;

	if (stat(abs, &st) != 0) {
		cfail(c, y, "pack '%s': %s", p, strerror(errno));
		free(abs);
		return -1;
	}
	if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		cfail(c, y, "pack '%s': a %s, not a regular file or a folder of packs", p,
		    file_type(st.st_mode));
		free(abs);
		return -1;
	}
	rc = pack_allowed(cs, c, p, abs, y);
	if (rc == 0) {
		c->packs = xrealloc(c->packs, (c->npacks + 1) * sizeof *c->packs);
		c->packs[c->npacks++] = display_path(cs, abs);
	}
	free(abs);
	return rc;
}

static int
load(struct configs *cs, const char *file, char *dir, struct config **out, char **err)
{
	struct config *c = xcalloc(1, sizeof *c);
	unsigned char *data;
	size_t len, i;
	cyaml_config_t cfg;
	cyaml_err_t cerr;
	const struct ynode *sv;
	bool empty, failed;

	c->file = xstrdup(file);
	c->dir = dir;
	cs->v = xgrow(cs->v, &cs->cap, cs->n + 1, sizeof *cs->v);
	cs->v[cs->n++] = c;
	{
		/* Regular files only, never blocking, at most CONFIG_READ_MAX. */
		const char *what = NULL;
		int rc = read_regular_capped(file, CONFIG_READ_MAX, &data, &len, &what);

		if (rc != 0) {
			*err = read_error(file, "config", rc, what, CONFIG_READ_MAX);
			return -1;
		}
	}
	c->src.file = c->file;
	c->src.text = (const char *)data;
	c->src.len = len;
	c->src.unit = cs->unit;
	c->src.origin = cs->origin;
	c->src.errs = &c->errs;
	c->src.nerr = &c->nerr;
	if (check_utf8(c) != 0)
		return fail(c, err);
	c->root = ytree_parse(&c->src, "config file", &failed);
	if (failed)
		return fail(c, err);
	validate(c, &empty);
	if (c->nerr)
		return fail(c, err);
	if (empty) { /* an empty config is a valid one */
		*out = c;
		return 0;
	}
	cerr = cyaml_load_data(data, len, cy_config(&cfg), &config_schema,
	    (cyaml_data_t **)&c->def, NULL);
	if (cerr != CYAML_OK) {
		/* validate() let through what libcyaml refuses: our bug. */
		cfail(c, NULL, "internal error: libcyaml could not load the validated config (%s)",
		    cyaml_strerror(cerr));
		return fail(c, err);
	}
	/* severity: rule id → level (validate() checked the shapes and levels). */
	sv = ymap_get(c->root, "severity");
	for (i = 0; sv && sv->type == 'm' && i + 1 < sv->n; i += 2) {
		enum severity s;

		if (!severity_parse(sv->kids[i + 1]->value, &s))
			continue;   /* not reached: validated */
		c->sev = xrealloc(c->sev, (c->nsev + 1) * sizeof *c->sev);
		c->sev[c->nsev].id = sv->kids[i]->value;
		c->sev[c->nsev].sev = s;
		c->sev[c->nsev].key = sv->kids[i];
		c->nsev++;
	}
	/* Extra packs: every one checked (an untrusted one ignores the config). */
	for (i = 0; c->def && i < c->def->packs_count; i++)
		if (check_pack(cs, c, i) == 1)
			break;
	if (c->nerr)
		return fail(c, err);
	*out = c;
	return 0;
}

static int lookup(struct configs *cs, const char *path, struct config **out, char **err);

int
configs_lookup(struct configs *cs, const char *path, struct config **out, char **err)
{
	const char *slash = strrchr(path, '/');
	char *d = strcmp(path, "-") == 0 || slash == NULL ? xstrdup(".") :
	    xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
	int rc;

	if (!cs->forced && cs->last_dir && strcmp(cs->last_dir, d) == 0) {
		free(d);
		*out = cs->last;
		*err = NULL;
		return 0;
	}
	rc = lookup(cs, path, out, err);
	if (rc == 0 && !cs->forced) {
		free(cs->last_dir);
		cs->last_dir = d;
		cs->last = *out;
	} else {
		free(d);
	}
	return rc;
}

/*
 * A config file `cand` met in folder `dir` while walking upward: the one
 * already loaded from there, else loaded now, unless we do not trust it
 * (a notice; *out stays NULL, and the walk goes on upward).
 */
static int
found(struct configs *cs, const char *cand, const char *dir, struct config **out, char **err)
{
	size_t i;
	char *file, *why;
	int rc;

	*out = NULL;
	for (i = 0; i < cs->n; i++)
		if (strcmp(cs->v[i]->dir, dir) == 0) {
			if (!cs->v[i]->ignored)
				*out = cs->v[i];
			return 0;
		}
	file = display_path(cs, cand);
	why = cs->trust_found ? NULL : distrust(cand);
	if (why) {
		struct config *c = xcalloc(1, sizeof *c);

		say("%s: not used: %s; trust it with --trust-config or "
		    "--config %s", file, why, file);
		free(why);
		c->file = file;
		c->dir = xstrdup(dir);
		c->ignored = true;
		cs->v = xgrow(cs->v, &cs->cap, cs->n + 1, sizeof *cs->v);
		cs->v[cs->n++] = c;
		return 0;
	}
	rc = load(cs, file, xstrdup(dir), out, err);
	free(file);
	if (rc == 0 && *out && (*out)->ignored)
		*out = NULL;
	return rc;
}

static int
lookup(struct configs *cs, const char *path, struct config **out, char **err)
{
	char dirbuf[PATH_MAX], *dir, *slash;

	*out = NULL;
	*err = NULL;
	if (cs->forced) {
		if (cs->n) {
			*out = cs->v[0];
			return 0;
		}
		{
			char *abs = realpath(cs->forced, NULL);

			if (abs == NULL) {
				*err = xasprintf("%s: %s", cs->forced, strerror(errno));
				return -1;
			}
			slash = strrchr(abs, '/');
			dir = xstrndup(abs, slash && slash != abs ? (size_t)(slash - abs) : 1);
			free(abs);
			return load(cs, cs->forced, dir, out, err);
		}
	}
	/* The directory holding path (the current one for stdin). */
	if (strcmp(path, "-") == 0) {
		strcpy(dirbuf, ".");
	} else {
		slash = strrchr(path, '/');
		if (slash == NULL)
			strcpy(dirbuf, ".");
		else if (slash == path)
			strcpy(dirbuf, "/");
		else
			snprintf(dirbuf, sizeof dirbuf, "%.*s", (int)(slash - path), path);
	}
	dir = realpath(dirbuf, NULL);
	if (dir == NULL)
		return 0; /* the file's own error comes later */
	for (;;) {
		const char *sep = strcmp(dir, "/") ? "/" : "";
		char *cand = xasprintf("%s%s" CONFIG_NAME, dir, sep);
		char *alt = xasprintf("%s%s" CONFIG_NAME_ALT, dir, sep);
		bool has_cand = is_file(cand), has_alt = is_file(alt);

		if (has_cand && has_alt) {
			char *a = display_path(cs, cand), *b = display_path(cs, alt);

			*err = xasprintf("%s and %s: two configs in one folder; keep one of them",
			    a, b);
			free(a);
			free(b);
			free(cand);
			free(alt);
			free(dir);
			return -1;
		}
		if (!has_cand) {
			free(cand);
			cand = alt;
		} else {
			free(alt);
		}
		if (has_cand || has_alt) {
			int rc = found(cs, cand, dir, out, err);

			free(cand);
			if (rc != 0 || *out) {
				free(dir);
				return rc;
			}
		} else {
			free(cand);
		}
		if (strcmp(dir, "/") == 0)
			break;
		slash = strrchr(dir, '/');
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	free(dir);
	return 0;
}

void
configs_packs(const struct configs *cs, const char ***list, size_t *n)
{
	size_t i, j, k;

	for (i = 0; i < cs->n; i++)
		for (j = 0; !cs->v[i]->ignored && j < cs->v[i]->npacks; j++) {
			const char *p = cs->v[i]->packs[j];
			bool seen = false;

			for (k = 0; k < *n && !seen; k++)
				seen = strcmp((*list)[k], p) == 0;
			if (seen)
				continue;
			*list = xrealloc(*list, (*n + 1) * sizeof **list);
			(*list)[(*n)++] = p;
		}
}

bool
rule_from_pack(const struct rule *r, const char *p)
{
	size_t n = strlen(p);

	return strcmp(r->file, p) == 0 || (strncmp(r->file, p, n) == 0 && r->file[n] == '/');
}

static bool
from_any_config(const struct configs *cs, const struct rule *r)
{
	size_t i, j;

	for (i = 0; i < cs->n; i++)
		for (j = 0; !cs->v[i]->ignored && j < cs->v[i]->npacks; j++)
			if (rule_from_pack(r, cs->v[i]->packs[j]))
				return true;
	return false;
}

/* Index of rule `id`, or a positioned "unknown rule" error. */
static int
rule_index(struct config *c, struct ruleset *rs, const char *id, const struct ynode *y,
    size_t *out)
{
	struct rule *r = ruleset_find(rs, id);
	size_t i, n = ruleset_count(rs);
	const char **ids;
	const char *sug;

	if (r) {
		*out = (size_t)(r - ruleset_rule(rs, 0));
		return 0;
	}
	ids = xcalloc(n + 1, sizeof *ids);
	for (i = 0; i < n; i++)
		ids[i] = ruleset_rule(rs, i)->id;
	sug = ytree_nearest(id, ids);
	if (sug)
		cfail(c, y, "unknown rule '%s' (did you mean '%s'?)", id, sug);
	else
		cfail(c, y, "unknown rule '%s'", id);
	free(ids);
	return -1;
}

/* The command line over a config's choices (or the packs' defaults). */
static void
apply_cli(struct ruleset *rs, const struct cli_rules *cli, bool *enabled,
    enum severity *sevs)
{
	size_t i;
	struct rule *r;

	for (i = 0; i < cli->ndisable; i++)
		if ((r = ruleset_find(rs, cli->disable[i])) != NULL)
			enabled[r - ruleset_rule(rs, 0)] = false;
	for (i = 0; i < cli->nenable; i++)
		if ((r = ruleset_find(rs, cli->enable[i])) != NULL)
			enabled[r - ruleset_rule(rs, 0)] = true;
	for (i = 0; i < cli->nsev; i++)
		if ((r = ruleset_find(rs, cli->sev[i].id)) != NULL)
			sevs[r - ruleset_rule(rs, 0)] = cli->sev[i].sev;
}

/* Config c's settings; its errors (unknown and repeated rule ids, every
 * one) go to c->errs. */
static void
resolve(struct configs *cs, struct config *c, struct ruleset *rs,
    const struct lint_settings *base, const struct cli_rules *cli)
{
	size_t i, j, k, n = ruleset_count(rs);
	const struct config_def *d = c->def;
	const struct ynode **named;

	c->enabled = xcalloc(n ? n : 1, sizeof *c->enabled);
	c->sevs = xcalloc(n ? n : 1, sizeof *c->sevs);
	for (i = 0; i < n; i++) {
		const struct rule *r = ruleset_rule(rs, i);
		bool mine = false;

		for (j = 0; j < c->npacks && !mine; j++)
			mine = rule_from_pack(r, c->packs[j]);
		c->enabled[i] = mine || !from_any_config(cs, r);
		c->sevs[i] = SEV_NONE; /* the kind's grade, else the default */
	}
	/* Where each rule was named by disable / enable, so that a rule named
	 * twice, or both enabled and disabled, is an error. */
	named = xcalloc(n ? 2 * n : 1, sizeof *named);
	for (i = 0; d && i < d->disable_count + d->enable_count; i++) {
		bool en = i >= d->disable_count;
		size_t e = en ? i - d->disable_count : i;
		const struct ynode *y = entry(c, en ? "enable" : "disable", e);
		const struct ynode *f;

		if (rule_index(c, rs, en ? d->enable[e] : d->disable[e], y, &k) != 0)
			continue;
		if ((f = named[2 * k + en]) != NULL || (en && (f = named[2 * k]) != NULL)) {
			char *at = where(c, f);

			if (named[2 * k + en])
				cfail(c, y, "rule '%s' is named twice in '%s' (first at %s)",
				    ruleset_rule(rs, k)->id, en ? "enable" : "disable", at);
			else
				cfail(c, y, "rule '%s' is both enabled and disabled (disabled at %s)",
				    ruleset_rule(rs, k)->id, at);
			free(at);
			continue;
		}
		named[2 * k + en] = y;
		c->enabled[k] = en;
	}
	free(named);
	/* (at the rule id: the key) */
	for (i = 0; i < c->nsev; i++)
		if (rule_index(c, rs, c->sev[i].id, c->sev[i].key, &k) == 0)
			c->sevs[k] = c->sev[i].sev;
	apply_cli(rs, cli, c->enabled, c->sevs);
	c->ls = *base;
	c->ls.enabled = c->enabled;
	c->ls.sev = c->sevs;
	if (d && d->variables) {
		/* base->year is --year, which wins. */
		if (!base->year && d->variables->report_year)
			c->ls.year = (int)d->variables->report_year;
		c->ls.issuer = d->variables->issuer;
		c->ls.issuer_type = d->variables->issuer_type;
	}
}

int
configs_resolve(struct configs *cs, struct ruleset *rs, const struct lint_settings *base,
    const struct cli_rules *cli, char **err)
{
	size_t i, n = ruleset_count(rs);

	*err = NULL;
	/* Files without a config: the packs' defaults and the command line;
	 * a config's own packs apply to its files only. */
	cs->none.enabled = xcalloc(n ? n : 1, sizeof *cs->none.enabled);
	cs->none.sevs = xcalloc(n ? n : 1, sizeof *cs->none.sevs);
	for (i = 0; i < n; i++)
		cs->none.enabled[i] = true;
	apply_cli(rs, cli, cs->none.enabled, cs->none.sevs);
	for (i = 0; i < n; i++)
		if (from_any_config(cs, ruleset_rule(rs, i)))
			cs->none.enabled[i] = false;
	cs->none.ls = *base;
	cs->none.ls.enabled = cs->none.enabled;
	cs->none.ls.sev = cs->none.sevs;
	for (i = 0; i < cs->n; i++)
		if (!cs->v[i]->ignored)
			resolve(cs, cs->v[i], rs, base, cli);
	/* Every config's errors, each config's capped. */
	for (i = 0; i < cs->n; i++)
		if (!cs->v[i]->ignored && cs->v[i]->nerr) {
			char *e = NULL;

			fail(cs->v[i], &e);
			if (*err) {
				char *both = xasprintf("%s%c%s", *err, YTREE_ERR_SEP, e);

				free(*err);
				free(e);
				e = both;
			}
			*err = e;
		}
	return *err ? -1 : 0;
}

const struct lint_settings *
config_settings(const struct configs *cs, const struct config *c)
{
	return c ? &c->ls : &cs->none.ls;
}

enum severity
config_severity(const struct configs *cs, const struct config *c, struct ruleset *rs,
    size_t i)
{
	return check_severity(ruleset_rule(rs, i), config_settings(cs, c)->sev[i], SEV_NONE);
}

/* A glob without '/' matches any one component; with '/', the path from
 * the config's directory or a leading part of it (a directory). */
static bool
glob_match(const char *glob, const char *rel)
{
	if (strchr(glob, '/') == NULL) {
		const char *p = rel;

		for (;;) {
			const char *e = strchr(p, '/');
			char *comp = e ? xstrndup(p, (size_t)(e - p)) : xstrdup(p);
			bool m = fnmatch(glob, comp, 0) == 0;

			free(comp);
			if (m)
				return true;
			if (e == NULL)
				return false;
			p = e + 1;
		}
	}
	{
		const char *g = glob[0] == '/' ? glob + 1 : glob;
		const char *p;

		if (fnmatch(g, rel, 0) == 0)
			return true;
		for (p = strchr(rel, '/'); p; p = strchr(p + 1, '/')) {
			char *head = xstrndup(rel, (size_t)(p - rel));
			bool m = fnmatch(g, head, FNM_PATHNAME) == 0;

			free(head);
			if (m)
				return true;
		}
	}
	return false;
}

/* config_wants for a resolved absolute path. */
static bool
wants_abs(const struct config *c, const char *abs)
{
	const char *rel;
	size_t i, n;
	bool want;

	n = strlen(c->dir);
	rel = strncmp(abs, c->dir, n) == 0 && abs[n] == '/' ? abs + n + 1 :
	    strcmp(c->dir, "/") == 0 ? abs + 1 : abs;
	want = c->def->include_count == 0;
	for (i = 0; i < c->def->include_count && !want; i++)
		want = glob_match(c->def->include[i], rel);
	for (i = 0; i < c->def->exclude_count && want; i++)
		want = !glob_match(c->def->exclude[i], rel);
	return want;
}

bool
config_wants(const struct config *c, const char *path)
{
	char *abs;
	bool want;

	if (c == NULL || c->def == NULL || (c->def->include_count == 0 && c->def->exclude_count == 0))
		return true;
	abs = realpath(path, NULL);
	if (abs == NULL)
		return true;
	want = wants_abs(c, abs);
	free(abs);
	return want;
}

/* config_wants for a file that need not exist yet (its folder does). */
static bool
wants_maybe(const struct config *c, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir, *rdir, *abs;
	bool want;

	if (c == NULL || c->def == NULL || (c->def->include_count == 0 && c->def->exclude_count == 0))
		return true;
	if ((abs = realpath(path, NULL)) == NULL) {
		dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
		rdir = realpath(dir, NULL);
		free(dir);
		if (rdir == NULL)
			return true;
		abs = xasprintf("%s/%s", strcmp(rdir, "/") ? rdir : "", slash ? slash + 1 : path);
		free(rdir);
	}
	want = wants_abs(c, abs);
	free(abs);
	return want;
}

/* ---- --print-config ---- */

/* A value in the text form: a path in its escaped form, other text on one
 * line with its controls escaped (a config's values are not trusted). */
static void
put_value(FILE *out, const char *key, const char *v, bool path)
{
	fprintf(out, "%s: ", key);
	if (path)
		put_path(out, v);
	else
		put_text_line(out, v);
	fputc('\n', out);
}

static void
print_list(FILE *out, bool json, const char *key, char *const *v, size_t n, bool path)
{
	size_t i;

	if (json) {
		fprintf(out, ",\n  \"%s\": [", key);
		for (i = 0; i < n; i++) {
			fputs(i ? ", " : "", out);
			put_json_str(out, v[i]);
		}
		fputs("]", out);
		return;
	}
	if (n == 0)
		fprintf(out, "%s: none\n", key);
	for (i = 0; i < n; i++)
		put_value(out, key, v[i], path);
}

static void
print_str(FILE *out, bool json, const char *key, const char *v, bool path)
{
	if (json) {
		fprintf(out, ",\n  \"%s\": ", key);
		if (v)
			put_json_str(out, v);
		else
			fputs("null", out);
	} else if (v) {
		put_value(out, key, v, path);
	} else {
		fprintf(out, "%s: none\n", key);
	}
}

void
config_print(const struct configs *cs, const struct config *c, struct ruleset *rs,
    const char *file, const char *const *packs, size_t npacks, bool year_from_cli,
    FILE *out, bool json)
{
	const struct lint_settings *ls = config_settings(cs, c);
	const struct config_def *d = c ? c->def : NULL;
	const char *from = ls->year == 0 ? "report" : year_from_cli ? "command line" : "config";
	char **pv = xcalloc(npacks + 1, sizeof *pv);
	size_t i, n = ruleset_count(rs), np = 0;

	/* The command line's packs, then this config's own (configs_packs
	 * appended every config's; only this one's apply to the file). */
	for (i = 0; i < npacks; i++) {
		bool other = false;
		size_t j, k;

		for (j = 0; j < cs->n && !other; j++)
			for (k = 0; k < cs->v[j]->npacks && !other; k++)
				other = cs->v[j] != c && strcmp(cs->v[j]->packs[k], packs[i]) == 0;
		if (!other)
			pv[np++] = (char *)packs[i];
	}
	if (json) {
		fputs("{\n  \"file\": ", out);
		put_json_str(out, file);
	} else {
		put_value(out, "file", file, true);
	}
	print_str(out, json, "config", c ? c->file : NULL, true);
	if (json) {
		if (ls->year)
			fprintf(out, ",\n  \"report_year\": %d", ls->year);
		else
			fputs(",\n  \"report_year\": null", out);
		fprintf(out, ",\n  \"report_year_from\": \"%s\"", from);
	} else if (ls->year) {
		fprintf(out, "report_year: %d (from the %s)\n", ls->year, from);
	} else {
		fputs("report_year: from each report (its title, else its opening \"YYYY年\")\n", out);
	}
	print_str(out, json, "issuer", ls->issuer, false);
	print_str(out, json, "issuer_type", ls->issuer_type, false);
	print_list(out, json, json ? "packs" : "pack", pv, np, true);
	print_list(out, json, "include", d ? d->include : NULL, d ? d->include_count : 0, false);
	print_list(out, json, "exclude", d ? d->exclude : NULL, d ? d->exclude_count : 0, false);
	if (json)
		fprintf(out, ",\n  \"walk\": %s,\n  \"rules\": [", wants_maybe(c, file) ? "true" : "false");
	else
		fprintf(out, "walk: %s\n", wants_maybe(c, file) ? "linted" : "excluded");
	for (i = 0; i < n; i++) {
		const struct rule *r = ruleset_rule(rs, i);
		enum severity sev = config_severity(cs, c, rs, i);

		if (json) {
			fputs(i ? ",\n    {\"id\": " : "\n    {\"id\": ", out);
			put_json_str(out, r->id);
			fprintf(out, ", \"severity\": \"%s\", \"enabled\": %s, \"pack\": ",
			    severity_name(sev), ls->enabled[i] ? "true" : "false");
			put_json_str(out, r->pack);
			fputs("}", out);
		} else {
			fprintf(out, "rule: %s %s %s\n", r->id, severity_name(sev),
			    ls->enabled[i] ? "on" : "off");
		}
	}
	if (json)
		fputs(n ? "\n  ]\n}\n" : "]\n}\n", out);
	free(pv);
}

/* ---- --init ---- */

static const char init_head[] =
"# gwlint project config, written by `gwlint --init`.\n"
"#\n"
"# gwlint lints each file under the nearest .gwlint.yaml in its folder or\n"
"# above (configs do not cascade); `gwlint --print-config FILE` shows what\n"
"# applies to FILE.  Every key is optional; the command line wins over this\n"
"# file.  A mistake here stops gwlint with its line and column.  The file\n"
"# must be UTF-8.  See README \"Configuration\" and man gwlint.\n"
"\n"
"# Rules to run that are off by default, and rules not to run (rule ids;\n"
"# `gwlint --list-rules` lists them, `gwlint --explain ID` explains one).\n"
"enable: []\n"
"disable: []\n"
"\n"
"# A rule's severity: error | warning | info.  Uncomment `severity:` and the\n"
"# lines you change.  Every rule, with its default:\n"
"# severity:\n";

static const char init_tail[] =
"\n"
"# Values the rules use.\n"
"# variables:\n"
"#   report_year: 2023            # as --year; default: from each report's title\n"
"#   issuer: 某某市司法局           # the {issuer} variable\n"
"#   issuer_type: department      # government | department\n"
"\n"
"# Extra rule packs, relative to this file; they apply to its files only.\n"
"packs: []\n"
"\n"
"# Files found when a folder is linted (a file named on the command line is\n"
"# always linted): only these, and never these.  fnmatch(3) globs: without\n"
"# '/' a glob matches any one path component, with '/' the path from here.\n"
"# include: [\"reports/*.txt\"]\n"
"exclude: []\n";

int
config_init(struct ruleset *rs, char **err)
{
	struct buf b = {0};
	size_t i, n = ruleset_count(rs), w = 0, off = 0;
	int fd;

	*err = NULL;
	if (is_file(CONFIG_NAME_ALT)) {
		*err = xasprintf("%s: already here; --init writes %s and does not add a second "
		    "config", CONFIG_NAME_ALT, CONFIG_NAME);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (strlen(ruleset_rule(rs, i)->id) > w)
			w = strlen(ruleset_rule(rs, i)->id);
	buf_puts(&b, init_head);
	for (i = 0; i < n; i++) {
		const struct rule *r = ruleset_rule(rs, i);

		/* The packs' defaults (every rule starts on), not this run's options. */
		buf_printf(&b, "#   %s: %-*s # %s\n", r->id, (int)(w - strlen(r->id) + 7),
		    severity_name(r->default_sev), r->pack);
	}
	buf_puts(&b, init_tail);
	/* O_EXCL: never replace a file, nor write through a symbolic link. */
	fd = open(CONFIG_NAME, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0) {
		*err = errno == EEXIST ? xasprintf("%s: already exists; not overwritten", CONFIG_NAME) :
		    xasprintf("%s: %s", CONFIG_NAME, strerror(errno));
		buf_free(&b);
		return -1;
	}
	while (off < b.len) {
		ssize_t k = write(fd, b.data + off, b.len - off);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			*err = xasprintf("%s: %s", CONFIG_NAME, strerror(k < 0 ? errno : EIO));
			close(fd);
			unlink(CONFIG_NAME);
			buf_free(&b);
			return -1;
		}
		off += (size_t)k;
	}
	buf_free(&b);
	if (close(fd) != 0) {
		*err = xasprintf("%s: %s", CONFIG_NAME, strerror(errno));
		unlink(CONFIG_NAME);
		return -1;
	}
	return 0;
}
