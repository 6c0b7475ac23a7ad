/* SPDX-License-Identifier: MIT */
/** \file config.c
 * \brief `.gwlint.yaml`: lookup, loading (libcyaml, positioned errors
 *        through yamlpos), and the per-config rule settings.
 */
#include "config.h"

#include <errno.h>
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
#include <utf8proc.h>

#include "decode.h"
#include "report/escape.h"
#include "util.h"
#include "yamlpos.h"

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

static const char *const top_keys[] = {
	"enable", "disable", "severity", "variables", "packs", "include", "exclude", NULL
};
static const char *const var_keys[] = {"report_year", "issuer", "issuer_type", NULL};

static const char *const *
config_keys_for(const char *path)
{
	if (*path == '\0')
		return top_keys;
	if (strcmp(path, "variables") == 0)
		return var_keys;
	return NULL;
}

/* ---- data ---- */

struct sev_entry {
	const char *id;      /* borrowed from the index */
	enum severity sev;
	const struct ynode *node;
};

struct config {
	char *file;          /* as shown in messages */
	char *dir;           /* absolute, resolved */
	struct ypos ld;      /* text and index, kept for errors found later */
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

static cyaml_config_t *
cy_config(struct ypos_log *lg, cyaml_config_t *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->log_level = CYAML_LOG_ERROR;
	cfg->log_fn = ypos_log_fn;
	cfg->log_ctx = lg;
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
	struct ypos_log lg = {{0}};
	cyaml_config_t cfg;
	size_t i;

	if (c->def)
		cyaml_free(cy_config(&lg, &cfg), &config_schema, c->def, 0);
	buf_free(&lg.text);
	ypos_free(&c->ld);
	free(c->ld.err);
	free((char *)c->ld.text);
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
		ypos_fail_at(&c->ld, y ? y->vline : 0, y ? y->vcol : 0, "pack '%s': %s", p,
		    strerror(errno));
		return -1;
	}
	ok = allowed_root(cs, c, real);
	if (ok && (out = folder_escape(cs, c, real)) != NULL) {
		/* A folder in the tree holding a link to a pack outside it. */
		ypos_fail_at(&c->ld, y ? y->vline : 0, y ? y->vcol : 0,
		    "pack '%s': %s is outside the config's folder %s (a link in the folder); a "
		    "config's packs stay in its tree unless --allow-packs DIR allows more", p, out,
		    c->dir);
		free(out);
		free(real);
		return -1;
	}
	if (!ok) {
		bool same = strcmp(p, real) == 0;

		ypos_fail_at(&c->ld, y ? y->vline : 0, y ? y->vcol : 0,
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

/* Error from the config being loaded: keep the first. */
static int
fail(struct config *c, char **err)
{
	*err = c->ld.err ? xstrdup(c->ld.err) : xasprintf("%s: cannot load the config", c->file);
	return -1;
}

static const struct ynode *
node(const struct config *c, const char *path)
{
	return ypos_find(&c->ld.ix, path, 0);
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
	const unsigned char *t = (const unsigned char *)c->ld.text;
	size_t i = 0, len = c->ld.len, line = 0, lstart = 0;

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
		ypos_fail_at(&c->ld, line, utf8_count(c->ld.text + lstart, i - lstart),
		    "byte 0x%02X is not UTF-8: a config file must be UTF-8%s", t[i], hint);
		decoded_free(&dec);
		return -1;
	}
	return 0;
}

/* An empty value (`key:`, `~`, `null`): "not given". */
static bool
is_null(const struct ynode *y)
{
	return y->kind == 's' && !y->quoted && y->value &&
	    (y->value[0] == '\0' || strcmp(y->value, "~") == 0 || strcmp(y->value, "null") == 0 ||
	    strcmp(y->value, "Null") == 0 || strcmp(y->value, "NULL") == 0);
}

static const char *
kind_noun(const struct ynode *y)
{
	if (is_null(y))
		return "empty";
	if (y->kind == 's' && y->value && y->value[0] == '\0')
		return "an empty string";
	return y->kind == 'm' ? "a mapping" : y->kind == 'q' ? "a sequence" : "a string";
}

static bool
in_list(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(w, *list) == 0)
			return true;
	return false;
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

/* The key of `cands` nearest to w: within edit distance 2 of its normal
 * form, or a part of a key (year → report_year), or NULL. */
static const char *
near_key(const char *w, const char *const *cands)
{
	char *n = key_norm(w);
	const char *best = ypos_nearest(n, cands);
	size_t i;

	for (i = 0; best == NULL && cands[i]; i++)
		if (strlen(n) >= 4 && strstr(cands[i], n))
			best = cands[i];
	free(n);
	return best;
}

/* "unknown key 'year' (did you mean 'report_year' under 'variables'?)" */
static void
unknown_key(struct config *c, const struct ynode *y, bool top)
{
	/* "variables.report_year" written as one key: judge its last part. */
	const char *dot = strrchr(y->key, '.'), *w = dot && dot[1] ? dot + 1 : y->key;
	const char *here = near_key(w, top ? top_keys : var_keys);
	const char *there = here ? NULL : near_key(w, top ? var_keys : top_keys);

	if (here)
		ypos_fail_at(&c->ld, y->kline, y->kcol, "unknown key '%s' (did you mean '%s'?)",
		    y->key, here);
	else if (there && top)
		ypos_fail_at(&c->ld, y->kline, y->kcol,
		    "unknown key '%s' (did you mean '%s' under 'variables'?)", y->key, there);
	else if (there)
		ypos_fail_at(&c->ld, y->kline, y->kcol,
		    "unknown key '%s' under 'variables' (did you mean '%s' at the top level?)",
		    y->key, there);
	else
		ypos_fail_at(&c->ld, y->kline, y->kcol, "unknown key '%s' (keys: %s)", y->key,
		    top ? "enable, disable, severity, variables, packs, include, exclude" :
		    "report_year, issuer, issuer_type");
}

static void
shape_error(struct config *c, const struct ynode *y, const char *name, const char *want,
    const char *hint)
{
	ypos_fail_at(&c->ld, y->vline, y->vcol, "'%s' should be %s, not %s%s", name, want,
	    kind_noun(y), hint);
}

/* The entry node at path "LIST[k]": a non-empty string. */
static int
check_entry(struct config *c, const struct ynode *y, const char *path)
{
	int n = (int)strcspn(path, "[");

	if (y->kind != 's' || is_null(y) || y->value[0] == '\0') {
		ypos_fail_at(&c->ld, y->vline, y->vcol, "each entry of '%.*s' should be %s, not %s",
		    n, path, strncmp(path, "enable[", 7) == 0 || strncmp(path, "disable[", 8) == 0 ?
		    "a rule id" : strncmp(path, "packs[", 6) == 0 ? "a pack path" : "a glob",
		    kind_noun(y));
		return -1;
	}
	return 0;
}

/* Whether y is an entry of a top-level list: "LIST[k]". */
static bool
is_entry(const struct ynode *y)
{
	const char *br = strrchr(y->path, '[');
	size_t i;

	for (i = 0; y->key == NULL && br && top_keys[i]; i++)
		if (strlen(top_keys[i]) == (size_t)(br - y->path) &&
		    strncmp(y->path, top_keys[i], (size_t)(br - y->path)) == 0)
			return true;
	return false;
}

/* Whether y is a key of the top-level mapping `parent` (its path is
 * "parent.key", whatever characters the key holds). */
static bool
child_of(const struct ynode *y, const char *parent)
{
	size_t n = strlen(parent);

	return y->key && strncmp(y->path, parent, n) == 0 && y->path[n] == '.' &&
	    strcmp(y->path + n + 1, y->key) == 0;
}

static int
check_var(struct config *c, const struct ynode *y)
{
	if (strcmp(y->key, "report_year") == 0) {
		const char *v = y->value;
		size_t i;
		unsigned long n = 0;

		if (y->kind != 's' || is_null(y) || y->quoted) {
			shape_error(c, y, "report_year", "a year from 1900 to 2999 (a number such as 2023)",
			    y->quoted ? " (write it without quotes)" : "");
			return -1;
		}
		for (i = 0; v[i] >= '0' && v[i] <= '9' && i < 9; i++)
			n = n * 10 + (unsigned long)(v[i] - '0');
		if (v[i] != '\0' || i == 0) {
			ypos_fail_at(&c->ld, y->vline, y->vcol,
			    "'report_year' should be a year from 1900 to 2999 (a number such as 2023), "
			    "not '%s'", v);
			return -1;
		}
		if (n < 1900 || n > 2999) {
			ypos_fail_at(&c->ld, y->vline, y->vcol,
			    "'report_year' should be a year from 1900 to 2999, not %s", v);
			return -1;
		}
		return 0;
	}
	if (y->kind != 's' || is_null(y) || y->value[0] == '\0') {
		shape_error(c, y, y->key, "a string", "");
		return -1;
	}
	if (strcmp(y->key, "issuer_type") == 0 && strcmp(y->value, "government") != 0 &&
	    strcmp(y->value, "department") != 0) {
		ypos_fail_at(&c->ld, y->vline, y->vcol,
		    "invalid issuer_type '%s' (expected government or department)", y->value);
		return -1;
	}
	return 0;
}

/*
 * Every key known, every value of the right shape and type, no key twice
 * in a mapping: checked over the position index (document order, so the
 * first mistake in the file is the one reported), before libcyaml reads
 * the file.  *empty: the file holds no settings (only comments, or null).
 */
static int
validate(struct config *c, bool *empty)
{
	const struct yindex *ix = &c->ld.ix;
	size_t i;

	*empty = ix->n == 0 || is_null(&ix->v[0]);
	if (*empty)
		return 0;
	if (ix->v[0].kind != 'm') {
		ypos_fail_at(&c->ld, ix->v[0].vline, ix->v[0].vcol,
		    "a config file should be a mapping (enable, disable, severity, variables, "
		    "packs, include, exclude), not %s", kind_noun(&ix->v[0]));
		return -1;
	}
	for (i = 1; i < ix->n; i++) {
		const struct ynode *y = &ix->v[i], *first;

		if (y->key && (first = ypos_find(ix, y->path, 0)) != y && first->key &&
		    strcmp(first->key, y->key) == 0) {
			char *at = text_position(c->ld.text, c->ld.len, first->kline, first->kcol,
			    c->ld.unit, c->ld.origin);

			ypos_fail_at(&c->ld, y->kline, y->kcol,
			    "duplicate key '%s' (first given at %s:%s)", y->key, c->file, at);
			free(at);
			return -1;
		}
		if (y->key && strcmp(y->path, y->key) == 0) {   /* a top-level key */
			if (!in_list(y->key, top_keys)) {
				unknown_key(c, y, true);
				return -1;
			}
			if (strcmp(y->key, "severity") == 0) {
				if (y->kind != 'm' && !is_null(y)) {
					shape_error(c, y, "severity", "a mapping of rule id to level "
					    "(error, warning, info)", y->kind == 'q' ?
					    " (write 'rule-id: level' lines, without '- ')" : "");
					return -1;
				}
			} else if (strcmp(y->key, "variables") == 0) {
				if (y->kind != 'm') {
					shape_error(c, y, "variables", "a mapping (report_year, issuer, "
					    "issuer_type)", "");
					return -1;
				}
			} else if (y->kind != 'q') {
				shape_error(c, y, y->key, "a sequence",
				    y->kind == 's' && !is_null(y) ? " (write [x] for one entry)" : "");
				return -1;
			}
		} else if (is_entry(y)) {                        /* LIST[k] */
			if (check_entry(c, y, y->path))
				return -1;
		} else if (child_of(y, "variables")) {
			if (!in_list(y->key, var_keys)) {
				unknown_key(c, y, false);
				return -1;
			}
			if (check_var(c, y))
				return -1;
		} else if (child_of(y, "severity")) {
			enum severity s;

			if (y->kind != 's' || !severity_parse(y->value, &s)) {
				if (y->kind == 's')
					ypos_fail_at(&c->ld, y->vline, y->vcol,
					    "invalid severity '%s' for rule '%s' (expected error, warning "
					    "or info)", y->value, y->key);
				else
					ypos_fail_at(&c->ld, y->vline, y->vcol,
					    "the severity of rule '%s' should be error, warning or info, "
					    "not %s", y->key, kind_noun(y));
				return -1;
			}
		}
		/* Anything deeper sits under a value already refused above. */
	}
	return 0;
}

static int
load(struct configs *cs, const char *file, char *dir, struct config **out, char **err)
{
	struct config *c = xcalloc(1, sizeof *c);
	unsigned char *data;
	size_t len, i;
	struct ypos_log lg = {{0}};
	cyaml_config_t cfg;
	cyaml_err_t cerr;
	const struct ynode *y;
	bool empty;

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
	c->ld.file = c->file;
	c->ld.text = (const char *)data;
	c->ld.len = len;
	c->ld.unit = cs->unit;
	c->ld.origin = cs->origin;
	c->ld.what = "config file";
	c->ld.root_shape = "a mapping (enable, disable, severity, variables, packs, include, exclude)";
	c->ld.keys_for = config_keys_for;
	if (check_utf8(c) != 0 || ypos_prepass(&c->ld) != 0 || validate(c, &empty) != 0)
		return fail(c, err);
	if (empty) { /* an empty config is a valid one */
		*out = c;
		return 0;
	}
	cerr = cyaml_load_data(data, len, cy_config(&lg, &cfg), &config_schema,
	    (cyaml_data_t **)&c->def, NULL);
	if (cerr != CYAML_OK) {
		/* validate() let through what libcyaml refuses: our bug. */
		ypos_fail_at(&c->ld, 0, 0, "internal error: libcyaml could not load the "
		    "validated config (%s)", cyaml_strerror(cerr));
		buf_free(&lg.text);
		return fail(c, err);
	}
	buf_free(&lg.text);
	/* severity: rule id → level (validate() checked the shapes and levels). */
	for (i = 0; i < c->ld.ix.n; i++) {
		const struct ynode *e = &c->ld.ix.v[i];
		enum severity s;

		if (strncmp(e->path, "severity.", 9) != 0)
			continue;
		if (e->value == NULL || !severity_parse(e->value, &s)) {
			ypos_fail_at(&c->ld, e->vline, e->vcol,
			    "invalid severity '%s' for rule '%s' (expected error, warning or info)",
			    e->value ? e->value : "(not a string)", e->key);
			return fail(c, err);
		}
		c->sev = xrealloc(c->sev, (c->nsev + 1) * sizeof *c->sev);
		c->sev[c->nsev].id = e->key;
		c->sev[c->nsev].sev = s;
		c->sev[c->nsev].node = e;
		c->nsev++;
	}
	/* Extra packs, relative to the config's directory. */
	for (i = 0; c->def && i < c->def->packs_count; i++) {
		const char *p = c->def->packs[i];
		char *abs = p[0] == '/' ? xstrdup(p) : xasprintf("%s/%s", c->dir, p);
		char *path = xasprintf("packs[%zu]", i);
		struct stat st;

		y = node(c, path);
		free(path);
		if (stat(abs, &st) != 0) {
			ypos_fail_at(&c->ld, y ? y->vline : 0, y ? y->vcol : 0, "pack '%s': %s", p,
			    strerror(errno));
			free(abs);
			return fail(c, err);
		}
		if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
			ypos_fail_at(&c->ld, y ? y->vline : 0, y ? y->vcol : 0, "pack '%s': a %s, "
			    "not a regular file or a folder of packs", p, file_type(st.st_mode));
			free(abs);
			return fail(c, err);
		}
		switch (pack_allowed(cs, c, p, abs, y)) {
		case -1:
			free(abs);
			return fail(c, err);
		case 1:
			free(abs);
			*out = c;
			return 0;
		default:
			break;
		}
		c->packs = xrealloc(c->packs, (c->npacks + 1) * sizeof *c->packs);
		c->packs[c->npacks++] = display_path(cs, abs);
		free(abs);
	}
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
	sug = ypos_nearest(id, ids);
	if (sug)
		ypos_fail_at(&c->ld, y ? y->vline : 0, y ? y->vcol : 0,
		    "unknown rule '%s' (did you mean '%s'?)", id, sug);
	else
		ypos_fail_at(&c->ld, y ? y->vline : 0, y ? y->vcol : 0, "unknown rule '%s'", id);
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

static int
resolve(struct configs *cs, struct config *c, struct ruleset *rs,
    const struct lint_settings *base, const struct cli_rules *cli, char **err)
{
	size_t i, j, k, n = ruleset_count(rs), *named;
	const struct config_def *d = c->def;

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
	/* Where each rule was named by disable / enable (node + 1), so that a
	 * rule named twice, or both enabled and disabled, is an error. */
	named = xcalloc(n ? 2 * n : 1, sizeof *named);
	for (i = 0; d && i < d->disable_count + d->enable_count; i++) {
		bool en = i >= d->disable_count;
		size_t e = en ? i - d->disable_count : i;
		char *p = xasprintf("%s[%zu]", en ? "enable" : "disable", e);
		const struct ynode *y = node(c, p);

		free(p);
		if (rule_index(c, rs, en ? d->enable[e] : d->disable[e], y, &k) != 0) {
			free(named);
			return fail(c, err);
		}
		if (named[2 * k + en] || (en && named[2 * k])) {
			const struct ynode *f = named[2 * k + en] ? named[2 * k + en] - 1 + c->ld.ix.v :
			    named[2 * k] - 1 + c->ld.ix.v;
			char *at = text_position(c->ld.text, c->ld.len, f->vline, f->vcol,
			    c->ld.unit, c->ld.origin);

			if (named[2 * k + en])
				ypos_fail_at(&c->ld, y ? y->vline : 0, y ? y->vcol : 0,
				    "rule '%s' is named twice in '%s' (first at %s:%s)",
				    ruleset_rule(rs, k)->id, en ? "enable" : "disable", c->file, at);
			else
				ypos_fail_at(&c->ld, y ? y->vline : 0, y ? y->vcol : 0,
				    "rule '%s' is both enabled and disabled (disabled at %s:%s)",
				    ruleset_rule(rs, k)->id, c->file, at);
			free(at);
			free(named);
			return fail(c, err);
		}
		named[2 * k + en] = y ? (size_t)(y - c->ld.ix.v) + 1 : 0;
		c->enabled[k] = en;
	}
	free(named);
	for (i = 0; i < c->nsev; i++) {
		const struct ynode *y = c->sev[i].node;
		struct ynode at = *y;

		at.vline = y->kline; /* point at the rule id (the key) */
		at.vcol = y->kcol;
		if (rule_index(c, rs, c->sev[i].id, &at, &k) != 0)
			return fail(c, err);
		c->sevs[k] = c->sev[i].sev;
	}
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
	return 0;
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
		if (!cs->v[i]->ignored && resolve(cs, cs->v[i], rs, base, cli, err) != 0)
			return -1;
	return 0;
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
