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

#include "util.h"

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

/* ---- position index (libyaml pre-pass) ---- */

struct ynode {
	char *path;          /* "rules[1].severity", "rules[1]", "" for the root */
	char *key;           /* last key ("severity"), NULL for sequence entries */
	size_t kline, kcol;  /* key mark (0-based; cols in code points) */
	size_t vline, vcol;  /* value mark */
	bool quoted;         /* value is a quoted scalar */
	bool has_value;
	size_t same;         /* next node with this path, + 1 (0: none) */
};

/* The nodes in document order, and a hash of their paths (open addressing;
 * a slot holds the first node with that path, + 1), so that a 10 MB pack
 * loads in linear time. */
struct yindex {
	struct ynode *v;
	size_t n, cap;
	size_t *slot;
	size_t nslot;
};

struct frame {
	bool seq;
	size_t prefix;       /* index of the node owning this collection */
	size_t next;         /* sequence: next entry number */
	bool want_key;       /* mapping: the next scalar is a key */
	size_t pending;      /* mapping: node waiting for its value */
};

/* One loading job: one file. */
struct loader {
	const char *file;
	const char *text;
	size_t len;
	enum column_unit unit;
	int origin;
	struct yindex ix;
	char *err;
};

/* FNV-1a, folded */
static size_t
str_hash(const char *s)
{
	size_t h = (size_t)14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ull;
	return h ^ (h >> 29); /* the probe uses the low bits */
}

/* Slot of `path` in the hash: its head node's slot, or the empty one. */
static size_t
ix_slot(const struct yindex *ix, const char *path)
{
	size_t i = str_hash(path) & (ix->nslot - 1);

	while (ix->slot[i] && strcmp(ix->v[ix->slot[i] - 1].path, path) != 0)
		i = (i + 1) & (ix->nslot - 1);
	return i;
}

/* Enter node `node` into the hash, growing it first if need be. */
static void
ix_hash(struct yindex *ix, size_t node)
{
	size_t i;

	if (2 * (ix->n + 1) > ix->nslot) {
		size_t *old = ix->slot, nold = ix->nslot, j;

		ix->nslot = ix->nslot ? 2 * ix->nslot : 64;
		ix->slot = xcalloc(ix->nslot, sizeof *ix->slot);
		for (j = 0; j < nold; j++)
			if (old[j])
				ix->slot[ix_slot(ix, ix->v[old[j] - 1].path)] = old[j];
		free(old);
	}
	i = ix_slot(ix, ix->v[node].path);
	if (ix->slot[i] == 0) {
		ix->slot[i] = node + 1;
	} else {
		size_t k = ix->slot[i] - 1;

		while (ix->v[k].same)
			k = ix->v[k].same - 1;
		ix->v[k].same = node + 1;
	}
}

static size_t
ix_add(struct yindex *ix, char *path, char *key, yaml_mark_t m)
{
	struct ynode *y;

	ix->v = xgrow(ix->v, &ix->cap, ix->n + 1, sizeof *ix->v);
	y = &ix->v[ix->n];
	memset(y, 0, sizeof *y);
	y->path = path;
	y->key = key;
	y->kline = y->vline = m.line;
	y->kcol = y->vcol = m.column;
	ix_hash(ix, ix->n);
	return ix->n++;
}

static void
ix_free(struct yindex *ix)
{
	size_t i;

	for (i = 0; i < ix->n; i++) {
		free(ix->v[i].path);
		free(ix->v[i].key);
	}
	free(ix->v);
	free(ix->slot);
	memset(ix, 0, sizeof *ix);
}

/* The k-th (0-based) node with this path, or NULL. */
static const struct ynode *
ix_find(const struct yindex *ix, const char *path, size_t k)
{
	size_t i;

	if (ix->nslot == 0)
		return NULL;
	i = ix->slot[ix_slot(ix, path)];
	while (i && k-- > 0)
		i = ix->v[i - 1].same;
	return i ? &ix->v[i - 1] : NULL;
}

char *
text_position(const char *text, size_t len, size_t line0, size_t cpcol0,
    enum column_unit unit, int origin)
{
	size_t i = 0, line = 0, start, k;

	while (line < line0 && i < len) {
		if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n')))
			line++;
		i++;
	}
	start = i;
	for (k = 0; k < cpcol0 && i < len && text[i] != '\n' && text[i] != '\r'; k++) {
		i += utf8_seq_len((unsigned char)text[i]);
		if (i > len)
			i = len;
	}
	return xasprintf("%zu:%zu", line0 + 1,
	    text_width(text, start, i, 0, unit) + (size_t)origin + (cpcol0 > k ? cpcol0 - k : 0));
}

static __attribute__((format(printf, 4, 5))) void
fail_at(struct loader *ld, size_t line0, size_t col0, const char *fmt, ...)
{
	struct buf b = {0};
	char *pos;
	va_list ap;

	if (ld->err)
		return;
	pos = text_position(ld->text, ld->len, line0, col0, ld->unit, ld->origin);
	buf_printf(&b, "%s:%s: ", ld->file, pos);
	free(pos);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	ld->err = buf_steal(&b);
}

static void
fail_offset(struct loader *ld, size_t byte_off, const char *msg)
{
	size_t i, line = 0, lstart = 0;

	if (byte_off > ld->len)
		byte_off = ld->len;
	for (i = 0; i < byte_off; i++)
		if (ld->text[i] == '\n') {
			line++;
			lstart = i + 1;
		}
	fail_at(ld, line, utf8_count(ld->text + lstart, byte_off - lstart), "%s", msg);
}

static char *
child_path(const struct yindex *ix, size_t parent, const char *key, size_t idx)
{
	const char *p = parent == (size_t)-1 ? "" : ix->v[parent].path;

	if (key)
		return *p ? xasprintf("%s.%s", p, key) : xstrdup(key);
	return xasprintf("%s[%zu]", p, idx);
}

/* Deepest nesting of collections a pack may have. */
#define PACK_MAX_DEPTH 32

/* Pass 1: syntax and positions.  Returns 0 or -1 (ld->err set). */
static int
prepass(struct loader *ld)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct frame *st = NULL;
	size_t depth = 0, cap = 0, docs = 0;
	int rc = 0;
	bool done = false;

	if (!yaml_parser_initialize(&parser))
		fatal("out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)ld->text, ld->len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			char msg[512];

			if (parser.context)
				snprintf(msg, sizeof msg, "YAML syntax error: %s (%s at %zu:%zu)",
				    parser.problem ? parser.problem : "?", parser.context,
				    (size_t)parser.context_mark.line + 1,
				    (size_t)parser.context_mark.column + 1);
			else
				snprintf(msg, sizeof msg, "YAML syntax error: %s",
				    parser.problem ? parser.problem : "?");
			if (parser.error == YAML_READER_ERROR)
				fail_offset(ld, parser.problem_offset, msg);
			else
				fail_at(ld, parser.problem_mark.line, parser.problem_mark.column, "%s", msg);
			rc = -1;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				fail_at(ld, ev.start_mark.line, ev.start_mark.column,
				    "a pack holds one YAML document; found a second one here");
				rc = -1;
				done = true;
			}
			break;
		case YAML_ALIAS_EVENT:
			fail_at(ld, ev.start_mark.line, ev.start_mark.column,
			    "aliases (*name) are not allowed in a pack");
			rc = -1;
			done = true;
			break;
		case YAML_SCALAR_EVENT:
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT: {
			struct frame *top = depth ? &st[depth - 1] : NULL;
			size_t node;

			if (top && !top->seq && top->want_key) {
				if (ev.type != YAML_SCALAR_EVENT) {
					fail_at(ld, ev.start_mark.line, ev.start_mark.column,
					    "a key must be a plain string");
					rc = -1;
					done = true;
					break;
				}
				node = ix_add(&ld->ix, child_path(&ld->ix, top->prefix,
				    (const char *)ev.data.scalar.value, 0),
				    xstrdup((const char *)ev.data.scalar.value), ev.start_mark);
				top->pending = node;
				top->want_key = false;
				break;
			}
			if (top && !top->seq) {
				node = top->pending;
				ld->ix.v[node].vline = ev.start_mark.line;
				ld->ix.v[node].vcol = ev.start_mark.column;
				top->want_key = true;
			} else if (top) {
				node = ix_add(&ld->ix, child_path(&ld->ix, top->prefix, NULL, top->next++),
				    NULL, ev.start_mark);
			} else {
				node = ix_add(&ld->ix, xstrdup(""), NULL, ev.start_mark);
			}
			ld->ix.v[node].has_value = true;
			if (ev.type != YAML_SCALAR_EVENT && depth >= PACK_MAX_DEPTH) {
				/* Paths grow with depth: stop before they cost. */
				fail_at(ld, ev.start_mark.line, ev.start_mark.column,
				    "nested deeper than %d levels; a pack needs 4", PACK_MAX_DEPTH);
				rc = -1;
				done = true;
				break;
			}
			if (ev.type == YAML_SCALAR_EVENT) {
				ld->ix.v[node].quoted = ev.data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
				    ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
				break;
			}
			st = xgrow(st, &cap, depth + 1, sizeof *st);
			memset(&st[depth], 0, sizeof *st);
			st[depth].seq = ev.type == YAML_SEQUENCE_START_EVENT;
			st[depth].prefix = node;
			st[depth].want_key = true;
			depth++;
			break;
		}
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (depth)
				depth--;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	free(st);
	yaml_parser_delete(&parser);
	return rc;
}

/* ---- libcyaml with its log captured ---- */

struct cylog {
	struct buf text;
};

static void
cylog_fn(cyaml_log_t level, void *ctx, const char *fmt, va_list ap)
{
	struct cylog *lg = ctx;

	if (level >= CYAML_LOG_ERROR)
		buf_vprintf(&lg->text, fmt, ap);
}

/* Levenshtein distance, for "did you mean". */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t *row = xmalloc((lb + 1) * sizeof *row), d;

	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t prev = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t best = prev + (a[i - 1] != b[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

static const char *
nearest(const char *word, const char *const *cands)
{
	const char *best = NULL;
	size_t bd = (size_t)-1, i;

	for (i = 0; cands[i]; i++) {
		size_t d = edit_distance(word, cands[i]);

		if (d < bd) {
			bd = d;
			best = cands[i];
		}
	}
	return bd <= 2 ? best : NULL;
}

static const char *const top_keys[] = {"pack", "title", "rules", NULL};

/* All keys any rule may carry (for "did you mean" on unknown keys). */
static const char **
all_rule_keys(void)
{
	static const char *keys[64];
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

/* "SEQUENCE_START" → "a sequence", for messages. */
static const char *
event_noun(const char *ev)
{
	if (strncmp(ev, "SEQUENCE", 8) == 0)
		return "a sequence";
	if (strncmp(ev, "MAPPING", 7) == 0)
		return "a mapping";
	if (strncmp(ev, "SCALAR", 6) == 0 || strncmp(ev, "STRING", 6) == 0 ||
	    strncmp(ev, "ENUM", 4) == 0)
		return "a string";
	if (strncmp(ev, "INT", 3) == 0 || strncmp(ev, "UINT", 4) == 0)
		return "a number";
	return "something else";
}

/*
 * Turn libcyaml's log ("Load: <message>" then "Load: Backtrace:" and frames
 * "  in mapping field 'K' (line: L, column: C)" / "  in sequence entry 'N'
 * (...)" / "  in mapping (...)", innermost first) into a positioned error.
 */
static void
explain_cyaml_error(struct loader *ld, const char *log, cyaml_err_t err)
{
	char msg[512] = "", path[1024] = "";
	size_t iline = 0, icol = 0;
	bool have_inner = false;
	const char *p, *frames[64];
	size_t nframes = 0, i;

	/* First message line. */
	p = strstr(log, "Load: ");
	if (p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p - 6) : strlen(p + 6);

		if (n >= sizeof msg)
			n = sizeof msg - 1;
		memcpy(msg, p + 6, n);
		msg[n] = '\0';
	}
	for (p = log; (p = strstr(p, "  in ")) != NULL && nframes < ARRAY_LEN(frames); p += 5)
		frames[nframes++] = p;
	if (nframes) {
		unsigned long l, c;
		const char *q = strstr(frames[0], "(line: ");

		if (q && sscanf(q, "(line: %lu, column: %lu)", &l, &c) == 2 && l > 0 && c > 0) {
			iline = l - 1;
			icol = c - 1;
			have_inner = true;
		}
	}
	/* Build the path from the outermost frame in. */
	for (i = nframes; i-- > 0;) {
		const char *f = frames[i] + 5;
		char name[256];
		unsigned long n;

		if (sscanf(f, "mapping field '%255[^']'", name) == 1) {
			if (*path)
				strncat(path, ".", sizeof path - strlen(path) - 1);
			strncat(path, name, sizeof path - strlen(path) - 1);
		} else if (sscanf(f, "sequence entry '%lu'", &n) == 1 && n > 0) {
			char idx[32];

			snprintf(idx, sizeof idx, "[%lu]", n - 1);
			strncat(path, idx, sizeof path - strlen(path) - 1);
		}
	}

	if (strncmp(msg, "Unexpected key: ", 16) == 0) {
		const char *key = msg + 16;
		char *kp = *path ? xasprintf("%s.%s", path, key) : xstrdup(key);
		const struct ynode *y = ix_find(&ld->ix, kp, 0);
		bool is_rule = strncmp(path, "rules[", 6) == 0 && strchr(path, '.') == NULL;
		const char *sug = nearest(key, is_rule ? all_rule_keys() :
		    *path == '\0' ? top_keys : (const char *const[]){"fail", "pass", NULL});

		free(kp);
		if (y) {
			if (sug)
				fail_at(ld, y->kline, y->kcol, "unknown key '%s' (did you mean '%s'?)", key, sug);
			else
				fail_at(ld, y->kline, y->kcol, "unknown key '%s'", key);
			return;
		}
	} else if (strncmp(msg, "Missing required mapping field: ", 32) == 0) {
		const char *key = msg + 32;
		/* The innermost frame names the last field read; the mapping
		 * that lacks the key is the one that holds it. */
		char *holder = xstrdup(path);
		char *dot = strrchr(holder, '.');
		const struct ynode *y;

		if (nframes && strncmp(frames[0] + 5, "mapping field", 13) == 0) {
			if (dot)
				*dot = '\0';
			else
				holder[0] = '\0';
		}
		y = ix_find(&ld->ix, holder, 0);
		if (strncmp(holder, "rules[", 6) == 0)
			fail_at(ld, y ? y->vline : 0, y ? y->vcol : 0,
			    "rule is missing the required key '%s'", key);
		else
			fail_at(ld, y ? y->vline : 0, y ? y->vcol : 0,
			    "missing the required key '%s'", key);
		free(holder);
		return;
	} else if (strncmp(msg, "Mapping field already seen: ", 28) == 0) {
		const char *key = msg + 28;
		char *holder = xstrdup(path), *dot = strrchr(holder, '.'), *kp;
		const struct ynode *y;

		if (dot)
			*dot = '\0';
		else
			holder[0] = '\0';
		kp = *holder ? xasprintf("%s.%s", holder, key) : xstrdup(key);
		y = ix_find(&ld->ix, kp, 1);
		free(kp);
		free(holder);
		if (y) {
			fail_at(ld, y->kline, y->kcol, "duplicate key '%s'", key);
			return;
		}
	} else if (strncmp(msg, "Invalid ENUM value: ", 20) == 0) {
		const struct ynode *y = ix_find(&ld->ix, path, 0);
		const char *field = strrchr(path, '.');

		field = field ? field + 1 : path;
		fail_at(ld, y ? y->vline : iline, y ? y->vcol : icol,
		    "invalid %s '%s' (expected error, warning or info)", field, msg + 20);
		return;
	}
	{
		const struct ynode *y = *path ? ix_find(&ld->ix, path, 0) : NULL;
		const char *field = strrchr(path, '.');
		char what[2200];

		field = field ? field + 1 : path;
		if (strncmp(msg, "Expecting ", 10) == 0) {
			char want[32] = "", got[64] = "";

			sscanf(msg, "Expecting %31s got event: %63s", want, got);
			if (want[0] && want[strlen(want) - 1] == ',')
				want[strlen(want) - 1] = '\0';
			if (*field)
				snprintf(what, sizeof what, "'%s' should be %s, not %s", field,
				    event_noun(want), event_noun(got));
			else
				snprintf(what, sizeof what, "a pack should be a mapping with 'pack' "
				    "and 'rules', not %s", event_noun(got));
		} else if (strstr(msg, "Invalid") == msg &&
		    (strstr(msg, "int") || strstr(msg, "INT")) && strstr(msg, "value: ")) {
			snprintf(what, sizeof what, "'%s' should be a whole number, not %s", field,
			    strstr(msg, "value: ") + 7);
		} else if (strstr(msg, "Invalid") == msg)
			snprintf(what, sizeof what, "'%s': %s", field, msg);
		else if (strncmp(msg, "STRING length < 1", 17) == 0)
			snprintf(what, sizeof what, "'%s' must not be empty", field);
		else
			snprintf(what, sizeof what, "%s%s%s", *field ? field : "",
			    *field ? ": " : "", *msg ? msg : cyaml_strerror(err));
		if (y)
			fail_at(ld, y->vline, y->vcol, "%s", what);
		else if (have_inner)
			fail_at(ld, iline, icol, "%s", what);
		else
			fail_at(ld, 0, 0, "%s", what);
	}
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
	size_t i = str_hash(id) & (rs->nidslot - 1);

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

	rs->rules = xgrow(rs->rules, &rs->caprules, rs->nrules + 1, sizeof *rs->rules);
	r = &rs->rules[rs->nrules];
	memset(r, 0, sizeof *r);
	r->id = d->id;
	r->pack = lp->def->pack;
	r->file = lp->file;
	value_pos(ld, ri, NULL, &line, &col, NULL);
	r->line = (unsigned)line + 1;
	r->col = (unsigned)col + 1;
	r->default_sev = r->sev = d->severity;
	r->enabled = true;
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

		value_pos(ld, ri, ce.key, &line, &col, &quoted);
		if (ce.key && strcmp(ce.key, "pattern") == 0)
			val = d->pattern;
		if (val && ce.offset != (size_t)-1) {
			size_t off = ce.offset > strlen(val) ? strlen(val) : ce.offset;

			col += (quoted ? 1 : 0) + utf8_count(val, off);
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

	if (read_file(file, &data, &len) != 0) {
		*err = xasprintf("%s: %s", file, strerror(errno));
		return -1;
	}
	ld.file = file;
	ld.text = (const char *)data;
	ld.len = len;
	ld.unit = unit;
	ld.origin = origin;
	if (prepass(&ld) != 0)
		goto fail;
	if (ld.ix.n == 0 || ld.ix.v[0].path[0] != '\0') {
		fail_at(&ld, 0, 0, "empty pack: expected a mapping with 'pack' and 'rules'");
		goto fail;
	}
	cerr = cyaml_load_data(data, len, cy_config(&lg, &cfg), &pack_schema,
	    (cyaml_data_t **)&def, NULL);
	if (cerr != CYAML_OK) {
		explain_cyaml_error(&ld, lg.text.data ? lg.text.data : "", cerr);
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
	ix_free(&ld.ix);
	return 0;
fail:
	free(data);
fail_kept:
	ix_free(&ld.ix);
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
	size_t i;

	for (i = 0; i < rs->nrules; i++)
		if (strcmp(rs->rules[i].id, id) == 0)
			return &rs->rules[i];
	return NULL;
}
