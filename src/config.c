/* SPDX-License-Identifier: MIT */
/** \file config.c
 * \brief `.gwlint.yaml`: lookup, loading (libcyaml, positioned errors
 *        through yamlpos), and the per-config rule settings.
 */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "options.h"
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
	free(cs->forced);
	free(cs->last_dir);
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
	if (ypos_prepass(&c->ld) != 0)
		return fail(c, err);
	if (c->ld.ix.n == 0) { /* an empty config is a valid one */
		*out = c;
		return 0;
	}
	cerr = cyaml_load_data(data, len, cy_config(&lg, &cfg), &config_schema,
	    (cyaml_data_t **)&c->def, NULL);
	if (cerr != CYAML_OK) {
		ypos_cyaml_error(&c->ld, lg.text.data ? lg.text.data : "", cerr);
		buf_free(&lg.text);
		return fail(c, err);
	}
	buf_free(&lg.text);
	/* severity: a mapping of rule id to level. */
	y = node(c, "severity");
	if (y && (y->value != NULL || !y->has_value)) {
		if (!(y->value && *y->value == '\0' && !y->quoted)) { /* "severity:" alone is empty */
			ypos_fail_at(&c->ld, y->vline, y->vcol,
			    "'severity' should be a mapping of rule id to level (error, warning, info)");
			return fail(c, err);
		}
	}
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
	if (c->def && c->def->variables) {
		const struct config_vars *v = c->def->variables;

		if (v->report_year && (v->report_year < 1900 || v->report_year > 2999)) {
			y = node(c, "variables.report_year");
			ypos_fail_at(&c->ld, y ? y->vline : 0, y ? y->vcol : 0,
			    "report_year should be a year (1900..2999), not %u", v->report_year);
			return fail(c, err);
		}
		if (v->issuer_type && strcmp(v->issuer_type, "government") != 0 &&
		    strcmp(v->issuer_type, "department") != 0) {
			y = node(c, "variables.issuer_type");
			ypos_fail_at(&c->ld, y ? y->vline : 0, y ? y->vcol : 0,
			    "invalid issuer_type '%s' (expected government or department)",
			    v->issuer_type);
			return fail(c, err);
		}
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

static int
lookup(struct configs *cs, const char *path, struct config **out, char **err)
{
	char dirbuf[PATH_MAX], *dir, *slash, *file;
	size_t i;

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
		char *cand = xasprintf("%s%s" CONFIG_NAME, dir, strcmp(dir, "/") ? "/" : "");

		if (is_file(cand)) {
			file = display_path(cs, cand);
			free(cand);
			for (i = 0; i < cs->n; i++)
				if (strcmp(cs->v[i]->dir, dir) == 0) {
					free(file);
					free(dir);
					*out = cs->v[i];
					return 0;
				}
			{
				int rc = load(cs, file, dir, out, err);

				free(file);
				return rc;
			}
		}
		free(cand);
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
		for (j = 0; j < cs->v[i]->npacks; j++) {
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

/* Whether rule r was loaded from pack path p (a file, or a directory of packs). */
static bool
from_pack(const struct rule *r, const char *p)
{
	size_t n = strlen(p);

	return strcmp(r->file, p) == 0 || (strncmp(r->file, p, n) == 0 && r->file[n] == '/');
}

static bool
from_any_config(const struct configs *cs, const struct rule *r)
{
	size_t i, j;

	for (i = 0; i < cs->n; i++)
		for (j = 0; j < cs->v[i]->npacks; j++)
			if (from_pack(r, cs->v[i]->packs[j]))
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

/* The command line over a config's choices. */
static void
apply_cli(struct ruleset *rs, bool *enabled, enum severity *sevs)
{
	size_t i;
	struct rule *r;

	for (i = 0; i < opt.ndisable; i++)
		if ((r = ruleset_find(rs, opt.disable[i])) != NULL)
			enabled[r - ruleset_rule(rs, 0)] = false;
	for (i = 0; i < opt.nenable; i++)
		if ((r = ruleset_find(rs, opt.enable[i])) != NULL)
			enabled[r - ruleset_rule(rs, 0)] = true;
	for (i = 0; i < opt.nsev && sevs; i++)
		if ((r = ruleset_find(rs, opt.sev[i].id)) != NULL)
			sevs[r - ruleset_rule(rs, 0)] = opt.sev[i].sev;
}

static int
resolve(struct configs *cs, struct config *c, struct ruleset *rs,
    const struct lint_settings *base, char **err)
{
	size_t i, j, k, n = ruleset_count(rs);
	const struct config_def *d = c->def;

	c->enabled = xcalloc(n ? n : 1, sizeof *c->enabled);
	c->sevs = xcalloc(n ? n : 1, sizeof *c->sevs);
	for (i = 0; i < n; i++) {
		const struct rule *r = ruleset_rule(rs, i);
		bool mine = false;

		for (j = 0; j < c->npacks && !mine; j++)
			mine = from_pack(r, c->packs[j]);
		c->enabled[i] = mine || !from_any_config(cs, r);
		c->sevs[i] = r->default_sev;
	}
	for (i = 0; d && i < d->disable_count; i++) {
		char *p = xasprintf("disable[%zu]", i);

		if (rule_index(c, rs, d->disable[i], node(c, p), &k) != 0) {
			free(p);
			return fail(c, err);
		}
		free(p);
		c->enabled[k] = false;
	}
	for (i = 0; d && i < d->enable_count; i++) {
		char *p = xasprintf("enable[%zu]", i);

		if (rule_index(c, rs, d->enable[i], node(c, p), &k) != 0) {
			free(p);
			return fail(c, err);
		}
		free(p);
		c->enabled[k] = true;
	}
	for (i = 0; i < c->nsev; i++) {
		const struct ynode *y = c->sev[i].node;
		struct ynode at = *y;

		at.vline = y->kline; /* point at the rule id (the key) */
		at.vcol = y->kcol;
		if (rule_index(c, rs, c->sev[i].id, &at, &k) != 0)
			return fail(c, err);
		c->sevs[k] = c->sev[i].sev;
	}
	apply_cli(rs, c->enabled, c->sevs);
	c->ls = *base;
	c->ls.enabled = c->enabled;
	if (d && d->variables) {
		if (!opt.year && d->variables->report_year)
			c->ls.year = (int)d->variables->report_year;
		c->ls.issuer = d->variables->issuer;
		c->ls.issuer_type = d->variables->issuer_type;
	}
	return 0;
}

int
configs_resolve(struct configs *cs, struct ruleset *rs, const struct lint_settings *base,
    char **err)
{
	size_t i, n = ruleset_count(rs);

	*err = NULL;
	cs->none.enabled = xcalloc(n ? n : 1, sizeof *cs->none.enabled);
	for (i = 0; i < n; i++) {
		const struct rule *r = ruleset_rule(rs, i);

		cs->none.enabled[i] = r->enabled && !from_any_config(cs, r);
	}
	cs->none.ls = *base;
	cs->none.ls.enabled = cs->none.enabled;
	for (i = 0; i < cs->n; i++)
		if (resolve(cs, cs->v[i], rs, base, err) != 0)
			return -1;
	return 0;
}

const struct lint_settings *
config_settings(const struct configs *cs, const struct config *c)
{
	return c ? &c->ls : &cs->none.ls;
}

enum severity
config_severity(const struct configs *cs, const struct config *c, size_t i)
{
	(void)cs;
	return c ? c->sevs[i] : SEV_NONE;
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

bool
config_wants(const struct config *c, const char *path)
{
	char *abs;
	const char *rel;
	size_t i, n;
	bool want;

	if (c == NULL || c->def == NULL || (c->def->include_count == 0 && c->def->exclude_count == 0))
		return true;
	abs = realpath(path, NULL);
	if (abs == NULL)
		return true;
	n = strlen(c->dir);
	rel = strncmp(abs, c->dir, n) == 0 && abs[n] == '/' ? abs + n + 1 :
	    strcmp(c->dir, "/") == 0 ? abs + 1 : abs;
	want = c->def->include_count == 0;
	for (i = 0; i < c->def->include_count && !want; i++)
		want = glob_match(c->def->include[i], rel);
	for (i = 0; i < c->def->exclude_count && want; i++)
		want = !glob_match(c->def->exclude[i], rel);
	free(abs);
	return want;
}
