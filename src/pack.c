/* SPDX-License-Identifier: MIT */
/** \file pack.c
 * \brief YAML packs → rules.
 *
 * Three steps per file:
 *  1. a libyaml pass that reports syntax errors with their position and
 *     records the position of every key and value by path
 *     ("rules[2].severity");
 *  2. libcyaml loads the data against the schema below, its error log is
 *     captured and turned back into a path, hence a position;
 *  3. our own validation (kind, per-kind keys, scope, regex, duplicate ids),
 *     positioned through the same index.
 */
#include "pack.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cyaml/cyaml.h>
#include <yaml.h>

#include "engine.h"
#include "util.h"
#include "yamlpos.h"

/* ---- schema ---- */

struct pack_def {
	char *pack;
	char *title;
	struct rule_def *rules;
	unsigned rules_count;
};

static const cyaml_strval_t sev_strv[] = {
	{"error", SEV_ERROR}, {"warning", SEV_WARNING}, {"info", SEV_INFO},
};

#define STR_REQ(key, st, m) CYAML_FIELD_STRING_PTR(key, CYAML_FLAG_POINTER, st, m, 1, CYAML_UNLIMITED)
#define STR_OPT(key, st, m) CYAML_FIELD_STRING_PTR(key, CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, \
	st, m, 0, CYAML_UNLIMITED)

static const cyaml_schema_field_t examples_fields[] = {
	STR_OPT("fail", struct rule_examples, fail),
	STR_OPT("pass", struct rule_examples, pass),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t str_entry = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, CYAML_UNLIMITED),
};

#define SEQ_OPT(key, m) CYAML_FIELD_SEQUENCE(key, CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, \
	struct rule_def, m, &str_entry, 0, CYAML_UNLIMITED)
#define SEV_OPT(key, m) CYAML_FIELD_ENUM(key, CYAML_FLAG_STRICT | CYAML_FLAG_OPTIONAL, \
	struct rule_def, m, sev_strv, CYAML_ARRAY_LEN(sev_strv))

static const cyaml_schema_field_t rule_fields[] = {
	STR_REQ("id", struct rule_def, id),
	CYAML_FIELD_ENUM("severity", CYAML_FLAG_STRICT, struct rule_def, severity,
	    sev_strv, CYAML_ARRAY_LEN(sev_strv)),
	STR_REQ("kind", struct rule_def, kind),
	STR_OPT("scope", struct rule_def, scope),
	CYAML_FIELD_STRING_PTR("pattern", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct rule_def, pattern, 1, CYAML_UNLIMITED),
	STR_OPT("message", struct rule_def, message),
	STR_OPT("fix", struct rule_def, fix),
	STR_OPT("source", struct rule_def, source),
	STR_OPT("explain", struct rule_def, explain),
	CYAML_FIELD_MAPPING_PTR("examples", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct rule_def, examples, examples_fields),
	CYAML_FIELD_UINT("min", CYAML_FLAG_OPTIONAL, struct rule_def, min),
	STR_OPT("anchor", struct rule_def, anchor),
	STR_OPT("label", struct rule_def, label),
	SEQ_OPT("headings", headings),
	SEQ_OPT("subheadings", subheadings),
	SEQ_OPT("body", body),
	SEQ_OPT("exclude", exclude),
	CYAML_FIELD_UINT("topic-min", CYAML_FLAG_OPTIONAL, struct rule_def, topic_min),
	SEQ_OPT("topic-stop", topic_stop),
	SEQ_OPT("topic-excludes", topic_excludes),
	SEQ_OPT("topic-ignore", topic_ignore),
	STR_OPT("within", struct rule_def, within),
	STR_OPT("if-present", struct rule_def, if_present),
	STR_OPT("year", struct rule_def, year),
	STR_OPT("of", struct rule_def, of),
	SEQ_OPT("except", except),
	SEQ_OPT("items", items),
	SEQ_OPT("floating", floating),
	STR_OPT("before", struct rule_def, before),
	SEQ_OPT("also", also),
	STR_OPT("check", struct rule_def, check),
	SEV_OPT("deep-severity", deep_severity),
	SEV_OPT("far-severity", far_severity),
	SEQ_OPT("government", government),
	SEQ_OPT("department", department),
	STR_OPT("window-start", struct rule_def, window_start),
	STR_OPT("window-end", struct rule_def, window_end),
	STR_OPT("department-end", struct rule_def, department_end),
	STR_OPT("complete", struct rule_def, complete),
	CYAML_FIELD_UINT("min-chars", CYAML_FLAG_OPTIONAL, struct rule_def, min_chars),
	CYAML_FIELD_UINT("max-chars", CYAML_FLAG_OPTIONAL, struct rule_def, max_chars),
	STR_OPT("skip-scope", struct rule_def, skip_scope),
	STR_OPT("pairs", struct rule_def, pairs),
	CYAML_FIELD_SEQUENCE("titles", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct rule_def, titles, &str_entry, 1, CYAML_UNLIMITED),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t rule_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct rule_def, rule_fields),
};

static const cyaml_schema_field_t pack_fields[] = {
	STR_REQ("pack", struct pack_def, pack),
	STR_OPT("title", struct pack_def, title),
	CYAML_FIELD_SEQUENCE("rules", CYAML_FLAG_POINTER, struct pack_def, rules,
	    &rule_entry, 0, CYAML_UNLIMITED),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t pack_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct pack_def, pack_fields),
};

/* ---- positions and libcyaml errors: shared with the config (yamlpos.c) ---- */

#define loader ypos
#define fail_at ypos_fail_at
#define ix_find ypos_find
#define nearest ypos_nearest
#define cylog ypos_log
#define cylog_fn ypos_log_fn

static const char *const top_keys[] = {"pack", "title", "rules", NULL};

/* All keys any rule may carry (for "did you mean" on unknown keys). */
static const char **
all_rule_keys(void)
{
	static const char *keys[128];
	size_t n = 0, i;
	const struct check_kind *const *k;

	if (keys[0])
		return keys;
	for (i = 0; check_common_keys()[i]; i++)
		keys[n++] = check_common_keys()[i];
	for (k = check_kinds(); *k; k++)
		for (i = 0; (*k)->keys[i] && n + 1 < ARRAY_LEN(keys); i++) {
			size_t j;
			bool seen = false;

			for (j = 0; j < n; j++)
				if (strcmp(keys[j], (*k)->keys[i]) == 0)
					seen = true;
			if (!seen)
				keys[n++] = (*k)->keys[i];
		}
	keys[n] = NULL;
	return keys;
}

/* Candidate keys for "did you mean" in the mapping at `path`. */
static const char *const *
pack_keys_for(const char *path)
{
	static const char *const example_keys[] = {"fail", "pass", NULL};

	if (strncmp(path, "rules[", 6) == 0 && strchr(path, '.') == NULL)
		return all_rule_keys();
	return *path == '\0' ? top_keys : example_keys;
}

/* ---- the rule set ---- */

struct loaded_pack {
	char *file;
	char *text;
	struct pack_def *def;
};

struct ruleset {
	struct loaded_pack *packs;
	size_t npacks, cappacks;
	struct rule *rules;
	size_t nrules, caprules;
	size_t *idslot;      /* hash of rule ids: rule index + 1, 0 empty */
	size_t nidslot;
};

/* Slot of `id` in the id hash: its rule's, or the empty one. */
static size_t
id_slot(const struct ruleset *rs, const char *id)
{
	size_t i = ypos_hash(id) & (rs->nidslot - 1);

	while (rs->idslot[i] && strcmp(rs->rules[rs->idslot[i] - 1].id, id) != 0)
		i = (i + 1) & (rs->nidslot - 1);
	return i;
}

/* The rule with this id, or NULL. */
static const struct rule *
id_find(const struct ruleset *rs, const char *id)
{
	size_t i;

	if (rs->nidslot == 0)
		return NULL;
	i = rs->idslot[id_slot(rs, id)];
	return i ? &rs->rules[i - 1] : NULL;
}

/* Enter the last rule (rs->nrules - 1) into the id hash. */
static void
id_add(struct ruleset *rs)
{
	if (2 * rs->nrules > rs->nidslot) {
		size_t *old = rs->idslot, nold = rs->nidslot, j;

		rs->nidslot = rs->nidslot ? 2 * rs->nidslot : 64;
		rs->idslot = xcalloc(rs->nidslot, sizeof *rs->idslot);
		for (j = 0; j < nold; j++)
			if (old[j])
				rs->idslot[id_slot(rs, rs->rules[old[j] - 1].id)] = old[j];
		free(old);
	}
	rs->idslot[id_slot(rs, rs->rules[rs->nrules - 1].id)] = rs->nrules;
}

/*
 * libcyaml's allocator.  libcyaml grows a sequence one entry at a time with
 * realloc; a capacity kept in front of each block grows geometrically, so
 * that a pack of 70,000 rules is not copied 70,000 times over (as it would
 * be with a realloc that always moves, ASan's).
 */
static void *
cy_mem(void *ctx, void *ptr, size_t size)
{
	size_t *h = ptr ? (size_t *)ptr - 2 : NULL, cap;

	(void)ctx;
	if (size == 0) {
		free(h);
		return NULL;
	}
	if (h && size <= h[0])
		return ptr;
	cap = h && h[0] * 2 > size ? h[0] * 2 : size;
	if (cap > ((size_t)-1) / 2)
		fatal("out of memory");
	h = xrealloc(h, cap + 2 * sizeof *h);
	h[0] = cap;
	return h + 2;
}

static const cyaml_config_t *
cy_config(struct cylog *lg, cyaml_config_t *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->log_level = CYAML_LOG_ERROR;
	cfg->log_fn = cylog_fn;
	cfg->log_ctx = lg;
	cfg->mem_fn = cy_mem;
	cfg->flags = CYAML_CFG_NO_ALIAS;
	return cfg;
}

static bool
valid_id(const char *id)
{
	const char *p;

	if (!(*id >= 'a' && *id <= 'z'))
		return false;
	for (p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return true;
}

static bool
in_list(const char *k, const char *const *list)
{
	size_t i;

	for (i = 0; list && list[i]; i++)
		if (strcmp(list[i], k) == 0)
			return true;
	return false;
}

static void
list_join(struct buf *b, const char *const *list)
{
	size_t i;

	for (i = 0; list && list[i]; i++)
		buf_printf(b, "%s%s", i ? ", " : "", list[i]);
}

/* Position of the value of rules[i].key, else of the rule. */
static void
value_pos(const struct loader *ld, size_t ri, const char *key, size_t *line, size_t *col,
    bool *quoted)
{
	char *p = key ? xasprintf("rules[%zu].%s", ri, key) : xasprintf("rules[%zu]", ri);
	const struct ynode *y = ix_find(&ld->ix, p, 0);

	free(p);
	*line = y ? y->vline : 0;
	*col = y ? y->vcol : 0;
	if (quoted)
		*quoted = y ? y->quoted : false;
}

/* Bytes of UTF-8 for code point cp. */
static size_t
utf8_len(unsigned long cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/*
 * The 0-based code-point column of byte `off` of a scalar's value, the
 * scalar starting at (line, col).  Quoted scalars are walked in the source,
 * so that escapes (\\ \x.. \u.... in double quotes, '' in single quotes)
 * count as what they are written as; a scalar that leaves its first line
 * first is counted as written.
 */
static size_t
value_col(const struct loader *ld, size_t line, size_t col, bool quoted, const char *val,
    size_t off)
{
	const char *t = ld->text, *end = ld->text + ld->len, *p = t;
	size_t l = 0, c, v = 0;
	bool dq;

	if (!quoted)
		return col + utf8_count(val, off);
	while (l < line && p < end) {
		if (*p == '\n' || (*p == '\r' && (p + 1 >= end || p[1] != '\n')))
			l++;
		p++;
	}
	for (c = 0; c < col && p < end && *p != '\n' && *p != '\r'; c++)
		p += utf8_seq_len((unsigned char)*p);
	if (p >= end || (*p != '"' && *p != '\''))
		return col + 1 + utf8_count(val, off);
	dq = *p++ == '"';
	c = col + 1;
	while (v < off) {
		size_t src = 1, got;

		if (p >= end || *p == '\n' || *p == '\r')
			return c + utf8_count(val + v, off - v);
		if (dq && *p == '\\' && p + 1 < end) {
			size_t hex = p[1] == 'x' ? 2 : p[1] == 'u' ? 4 : p[1] == 'U' ? 8 : 0;
			unsigned long cp = 0;
			size_t i;

			for (i = 0; i < hex && p + 2 + i < end; i++) {
				char h = p[2 + i];

				cp = cp * 16 + (unsigned long)(h >= 'a' ? h - 'a' + 10 :
				    h >= 'A' ? h - 'A' + 10 : h - '0');
			}
			src = 2 + hex;
			got = hex ? utf8_len(cp) : p[1] == 'N' || p[1] == '_' ? 2 :
			    p[1] == 'L' || p[1] == 'P' ? 3 : 1;
		} else if (!dq && *p == '\'' && p + 1 < end && p[1] == '\'') {
			src = 2;
			got = 1;
		} else {
			got = utf8_seq_len((unsigned char)*p);
			p += got - 1; /* one code point, one column */
		}
		if (v + got > off)
			break;
		p += src;
		c += src;
		v += got;
	}
	return c;
}

/* A message or fix template that would not expand within bounds: a
 * positioned error (-1). */
static int
check_template(struct loader *ld, size_t ri, const char *key, const char *val)
{
	size_t bad, line, col;
	bool quoted;
	const char *why;

	if (val == NULL || (why = template_check(val, &bad)) == NULL)
		return 0;
	value_pos(ld, ri, key, &line, &col, &quoted);
	col = value_col(ld, line, col, quoted, val, bad);
	fail_at(ld, line, col, "%s (at offset %zu of the %s)", why, bad, key);
	return -1;
}

static int
validate_rule(struct ruleset *rs, struct loader *ld, struct loaded_pack *lp, size_t ri)
{
	struct rule_def *d = &lp->def->rules[ri];
	const struct check_kind *kind;
	struct rule *r;
	size_t line, col, i;
	char *prefix;
	struct compile_err ce;

	value_pos(ld, ri, "id", &line, &col, NULL);
	if (!valid_id(d->id)) {
		fail_at(ld, line, col, "rule id '%s' must be lower-case letters, digits and '-'", d->id);
		return -1;
	}
	if (engine_rule_id(d->id)) {
		fail_at(ld, line, col, "rule id '%s' is a rule of gwlint itself (pack engine); "
		    "choose another id", d->id);
		return -1;
	}
	{
		const struct rule *first = id_find(rs, d->id);

		if (first) {
			fail_at(ld, line, col, "duplicate rule id '%s' (first defined in %s:%u:%u)",
			    d->id, first->file, first->line, first->col);
			return -1;
		}
	}
	kind = check_kind_find(d->kind);
	if (kind == NULL) {
		struct buf b = {0};
		const char *names[32];
		size_t n = 0;
		const struct check_kind *const *k;
		const char *sug;

		for (k = check_kinds(); *k && n + 1 < ARRAY_LEN(names); k++)
			names[n++] = (*k)->name;
		names[n] = NULL;
		sug = nearest(d->kind, names);
		value_pos(ld, ri, "kind", &line, &col, NULL);
		list_join(&b, names);
		if (sug)
			fail_at(ld, line, col, "unknown kind '%s' (did you mean '%s'? kinds: %s)",
			    d->kind, sug, b.data);
		else
			fail_at(ld, line, col, "unknown kind '%s' (kinds: %s)", d->kind, b.data);
		buf_free(&b);
		return -1;
	}
	/* Keys this kind does not take.  The rule's nodes follow its own
	 * node in the index, in document order. */
	prefix = xasprintf("rules[%zu]", ri);
	{
		const struct ynode *self = ix_find(&ld->ix, prefix, 0);

		i = self ? (size_t)(self - ld->ix.v) + 1 : ld->ix.n;
	}
	free(prefix);
	prefix = xasprintf("rules[%zu].", ri);
	for (; i < ld->ix.n; i++) {
		const struct ynode *y = &ld->ix.v[i];
		const char *k;

		if (strncmp(y->path, prefix, strlen(prefix)) != 0)
			break;
		k = y->path + strlen(prefix);
		if (strchr(k, '.') || strchr(k, '['))
			continue;
		if (!in_list(k, check_common_keys()) && !in_list(k, kind->keys)) {
			struct buf b = {0};

			list_join(&b, kind->keys);
			fail_at(ld, y->kline, y->kcol, "key '%s' does not apply to kind '%s' "
			    "(its own keys: %s)", k, kind->name, b.data ? b.data : "none");
			buf_free(&b);
			free(prefix);
			return -1;
		}
	}
	free(prefix);
	for (i = 0; kind->required && kind->required[i]; i++) {
		char *p = xasprintf("rules[%zu].%s", ri, kind->required[i]);
		bool present = ix_find(&ld->ix, p, 0) != NULL;

		free(p);
		if (!present) {
			value_pos(ld, ri, NULL, &line, &col, NULL);
			fail_at(ld, line, col, "rule '%s' of kind '%s' needs the key '%s'",
			    d->id, kind->name, kind->required[i]);
			return -1;
		}
	}

	if (check_template(ld, ri, "message", d->message) != 0 ||
	    check_template(ld, ri, "fix", d->fix) != 0)
		return -1;

	rs->rules = xgrow(rs->rules, &rs->caprules, rs->nrules + 1, sizeof *rs->rules);
	r = &rs->rules[rs->nrules];
	memset(r, 0, sizeof *r);
	r->id = d->id;
	r->pack = lp->def->pack;
	r->file = lp->file;
	value_pos(ld, ri, NULL, &line, &col, NULL);
	r->line = (unsigned)line + 1;
	r->col = (unsigned)col + 1;
	r->default_sev = d->severity;
	r->kind = kind;
	r->message = d->message ? d->message : "";
	r->fix = d->fix;
	r->source = d->source ? d->source : "";
	r->explain = d->explain ? d->explain : "";
	r->ex_fail = d->examples ? d->examples->fail : NULL;
	r->ex_pass = d->examples ? d->examples->pass : NULL;
	r->def = d;
	r->vars = vars_used(r->message) | (r->fix ? vars_used(r->fix) : 0);
	if (d->scope && !scope_parse(d->scope, &r->scope)) {
		struct buf b = {0};

		for (i = 0; i < SCOPE__COUNT; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", scope_name((enum scope)i));
		value_pos(ld, ri, "scope", &line, &col, NULL);
		fail_at(ld, line, col, "unknown scope '%s' (scopes: %s)", d->scope, b.data);
		buf_free(&b);
		return -1;
	}
	memset(&ce, 0, sizeof ce);
	ce.offset = (size_t)-1;
	if (kind->compile(r, d, &ce) != 0) {
		bool quoted;
		const char *val = NULL;

		/* A kind may fail after building part of its state. */
		if (r->state && kind->free_state)
			kind->free_state(r->state);
		r->state = NULL;

		value_pos(ld, ri, ce.key, &line, &col, &quoted);
		if (ce.value)
			val = ce.value;
		else if (ce.key && strcmp(ce.key, "pattern") == 0)
			val = d->pattern;
		if (val && ce.offset != (size_t)-1) {
			size_t off = ce.offset > strlen(val) ? strlen(val) : ce.offset;

			col = value_col(ld, line, col, quoted, val, off);
			fail_at(ld, line, col, "%s (at offset %zu of the %s)", ce.msg, ce.offset, ce.key);
		} else {
			fail_at(ld, line, col, "%s", ce.msg);
		}
		return -1;
	}
	rs->nrules++;
	id_add(rs);
	return 0;
}

static int
load_file(struct ruleset *rs, const char *file, enum column_unit unit, int origin, char **err)
{
	struct loader ld = {0};
	unsigned char *data;
	size_t len, i;
	struct cylog lg = {{0}};
	cyaml_config_t cfg;
	struct pack_def *def = NULL;
	cyaml_err_t cerr;
	struct loaded_pack *lp;

	{
		/* Regular files only, never blocking, at most PACK_READ_MAX. */
		const char *what = NULL;
		int rc = read_regular_capped(file, PACK_READ_MAX, &data, &len, &what);

		if (rc != 0) {
			*err = read_error(file, "rule pack", rc, what, PACK_READ_MAX);
			return -1;
		}
	}
	ld.file = file;
	ld.text = (const char *)data;
	ld.len = len;
	ld.unit = unit;
	ld.origin = origin;
	ld.what = "pack";
	ld.root_shape = "a mapping with 'pack' and 'rules'";
	ld.entry_noun = "rule";
	ld.keys_for = pack_keys_for;
	if (ypos_prepass(&ld) != 0)
		goto fail;
	if (ld.ix.n == 0 || ld.ix.v[0].path[0] != '\0') {
		fail_at(&ld, 0, 0, "empty pack: expected a mapping with 'pack' and 'rules'");
		goto fail;
	}
	cerr = cyaml_load_data(data, len, cy_config(&lg, &cfg), &pack_schema,
	    (cyaml_data_t **)&def, NULL);
	if (cerr != CYAML_OK) {
		ypos_cyaml_error(&ld, lg.text.data ? lg.text.data : "", cerr);
		buf_free(&lg.text);
		goto fail;
	}
	buf_free(&lg.text);
	if (def == NULL) {
		fail_at(&ld, 0, 0, "empty pack: expected a mapping with 'pack' and 'rules'");
		goto fail;
	}
	rs->packs = xgrow(rs->packs, &rs->cappacks, rs->npacks + 1, sizeof *rs->packs);
	lp = &rs->packs[rs->npacks++];
	lp->file = xstrdup(file);
	lp->text = (char *)data;
	lp->def = def;
	for (i = 0; i < def->rules_count; i++)
		if (validate_rule(rs, &ld, lp, i) != 0)
			goto fail_kept;
	ypos_free(&ld);
	return 0;
fail:
	free(data);
fail_kept:
	ypos_free(&ld);
	*err = ld.err ? ld.err : xasprintf("%s: cannot load pack", file);
	return -1;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

struct ruleset *
ruleset_load(const char *const *paths, size_t n, enum column_unit unit, int origin, char **err)
{
	struct ruleset *rs = xcalloc(1, sizeof *rs);
	size_t i;

	*err = NULL;
	for (i = 0; i < n; i++) {
		struct stat st;

		if (stat(paths[i], &st) != 0) {
			*err = xasprintf("%s: %s", paths[i], strerror(errno));
			goto fail;
		}
		if (S_ISDIR(st.st_mode)) {
			DIR *dir = opendir(paths[i]);
			struct dirent *de;
			char **names = NULL;
			size_t nn = 0, cap = 0, j;
			int rc = 0;

			if (dir == NULL) {
				*err = xasprintf("%s: %s", paths[i], strerror(errno));
				goto fail;
			}
			while ((de = readdir(dir)) != NULL)
				if (de->d_name[0] != '.' && (has_suffix(de->d_name, ".yaml") ||
				    has_suffix(de->d_name, ".yml"))) {
					names = xgrow(names, &cap, nn + 1, sizeof *names);
					names[nn++] = xasprintf("%s/%s", paths[i], de->d_name);
				}
			closedir(dir);
			if (nn > 1)
				qsort(names, nn, sizeof *names, cmp_str);
			for (j = 0; j < nn; j++) {
				if (rc == 0 && load_file(rs, names[j], unit, origin, err) != 0)
					rc = -1;
				free(names[j]);
			}
			free(names);
			if (rc)
				goto fail;
		} else if (load_file(rs, paths[i], unit, origin, err) != 0) {
			goto fail;
		}
	}
	/* The engine's own rules (engine.h), after every pack's. */
	for (i = 0; i < engine_rule_count(); i++) {
		rs->rules = xgrow(rs->rules, &rs->caprules, rs->nrules + 1, sizeof *rs->rules);
		memset(&rs->rules[rs->nrules], 0, sizeof *rs->rules);
		engine_rule_fill(i, &rs->rules[rs->nrules]);
		rs->nrules++;
		id_add(rs);
	}
	/* References between rules, now that every pack is in. */
	for (i = 0; i < rs->nrules; i++) {
		struct rule *r = &rs->rules[i];
		struct compile_err ce;

		if (r->kind->link == NULL)
			continue;
		memset(&ce, 0, sizeof ce);
		ce.offset = (size_t)-1;
		if (r->kind->link(r, rs, &ce) != 0) {
			*err = xasprintf("%s:%u:%u: %s%s%s", r->file, r->line, r->col,
			    ce.key ? ce.key : "", ce.key ? ": " : "", ce.msg);
			goto fail;
		}
	}
	return rs;
fail:
	ruleset_free(rs);
	return NULL;
}

void
ruleset_free(struct ruleset *rs)
{
	size_t i;
	cyaml_config_t cfg;
	struct cylog lg = {{0}};

	if (rs == NULL)
		return;
	for (i = 0; i < rs->nrules; i++)
		if (rs->rules[i].kind->free_state && rs->rules[i].state)
			rs->rules[i].kind->free_state(rs->rules[i].state);
	for (i = 0; i < rs->npacks; i++) {
		cyaml_free(cy_config(&lg, &cfg), &pack_schema, rs->packs[i].def, 0);
		free(rs->packs[i].file);
		free(rs->packs[i].text);
	}
	buf_free(&lg.text);
	free(rs->packs);
	free(rs->rules);
	free(rs->idslot);
	free(rs);
}

size_t ruleset_count(const struct ruleset *rs) { return rs->nrules; }
struct rule *ruleset_rule(struct ruleset *rs, size_t i) { return &rs->rules[i]; }

struct rule *
ruleset_find(struct ruleset *rs, const char *id)
{
	const struct rule *r = id_find(rs, id);

	return r ? &rs->rules[r - rs->rules] : NULL;
}
