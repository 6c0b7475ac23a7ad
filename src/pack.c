/* SPDX-License-Identifier: MIT */
/** \file pack.c
 * \brief YAML packs → rules.
 *
 * One libyaml pass per file builds a small tree whose every node keeps its
 * position.  The tree is validated against the pack's shape and, rule by
 * rule, against the keys the rule's kind declares (struct kind_key: name,
 * type, required): every error is recorded with its position and the
 * validation goes on, so a pack's mistakes are all reported in one run.
 * A rule that validated is then loaded by libcyaml with a schema built
 * from its kind's key table (struct rule_common + the kind's parameter
 * struct), from the rule's own text; libcyaml failing there is an internal
 * error (the validation let through something libcyaml refuses), and its
 * log is never read.  Last the kind compiles its parameters (regexes,
 * values); a compile error is positioned inside the offending value.
 */
#include "pack.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
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
#include "yamltree.h"

/** Errors reported per run; past it, one line says how many more. */
#define MAX_ERRORS YTREE_MAX_ERRORS

/* Where a rule's parameters start in the block libcyaml loads. */
#define PARAMS_OFF ((sizeof(struct rule_common) + 15) & ~(size_t)15)

/* ---- one file being loaded ---- */

struct ruleset;

struct loader {
	const char *file;
	const char *text;
	size_t len;
	enum column_unit unit;
	int origin;
	struct buf *errs;         /* the run's errors, PACK_ERR_SEP-separated */
	size_t *nerr;             /* the run's error count */
	size_t ci, bi;            /* char index → byte index cursor */
};

static void
add_error(struct buf *errs, size_t *nerr, const char *msg)
{
	yerr_add(errs, nerr, msg);
}

static void fail_at(struct loader *ld, size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
fail_at(struct loader *ld, size_t line, size_t col, const char *fmt, ...)
{
	const struct ysource src = {ld->file, ld->text, ld->len, ld->unit, ld->origin, ld->errs,
	    ld->nerr};
	va_list ap;

	va_start(ap, fmt);
	yfail_atv(&src, line, col, fmt, ap);
	va_end(ap);
}

/* Byte offset of libyaml's character index ci (which does not count a
 * leading byte order mark); indexes are asked for in increasing order. */
static size_t
byte_at(struct loader *ld, size_t ci)
{
	if (ld->ci > ci || (ld->ci == 0 && ld->bi == 0)) {
		ld->ci = 0;
		ld->bi = ld->len >= 3 && memcmp(ld->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	}
	while (ld->ci < ci && ld->bi < ld->len) {
		ld->bi += utf8_seq_len((unsigned char)ld->text[ld->bi]);
		ld->ci++;
	}
	return ld->bi < ld->len ? ld->bi : ld->len;
}

/* ---- validation ---- */

/* Report the keys of mapping m already seen earlier in it; returns a
 * bool per pair (true: a repeat, to be skipped), caller frees. */
static bool *
repeated_keys(struct loader *ld, const struct ynode *m)
{
	size_t np = m->n / 2, i, *first = ymap_first(m);
	bool *rep = xcalloc(np ? np : 1, sizeof *rep);

	for (i = 0; i < np; i++)
		if (first[i] != i) {
			rep[i] = true;
			fail_at(ld, m->kids[2 * i]->line, m->kids[2 * i]->col, "duplicate key '%s'",
			    m->kids[2 * i]->value);
		}
	free(first);
	return rep;
}

static bool
whole_number(const struct ynode *v)
{
	size_t i;
	unsigned long long x = 0;

	if (v->len == 0 || (v->len > 1 && v->value[0] == '0'))
		return false;
	for (i = 0; i < v->len; i++) {
		if (v->value[i] < '0' || v->value[i] > '9')
			return false;
		x = x * 10 + (unsigned)(v->value[i] - '0');
		if (x > UINT_MAX)
			return false;
	}
	return true;
}

static bool
sev_word(const char *s)
{
	enum severity sev;

	return severity_parse(s, &sev);
}

/* Check value v of key k (named `name` in messages); 0 or -1 (reported). */
static int
check_value(struct loader *ld, const char *name, enum key_type type, unsigned flags,
    const struct ynode *v)
{
	size_t i;
	int rc = 0;

	switch (type) {
	case KT_STR:
		if (v->type != 's') {
			fail_at(ld, v->line, v->col, "'%s' should be a string, not %s", name,
			    ynode_noun(v));
			return -1;
		}
		if (strlen(v->value) != v->len) {
			fail_at(ld, v->line, v->col, "'%s' must not hold a NUL character", name);
			return -1;
		}
		if ((flags & KEY_NONEMPTY) && v->len == 0) {
			fail_at(ld, v->line, v->col, "'%s' must not be empty", name);
			return -1;
		}
		return 0;
	case KT_STRS:
		if (v->type != 'q') {
			fail_at(ld, v->line, v->col, "'%s' should be a sequence, not %s", name,
			    ynode_noun(v));
			return -1;
		}
		if ((flags & KEY_NONEMPTY) && v->n == 0) {
			fail_at(ld, v->line, v->col, "%s: Insufficient entries (0 of 1 min) in sequence.",
			    name);
			return -1;
		}
		for (i = 0; i < v->n; i++) {
			char *en = xasprintf("%s[%zu]", name, i);

			if (check_value(ld, en, KT_STR, KEY_NONEMPTY, v->kids[i]) != 0)
				rc = -1;
			free(en);
		}
		return rc;
	case KT_UINT:
		if (v->type != 's') {
			fail_at(ld, v->line, v->col, "'%s' should be a number, not %s", name,
			    ynode_noun(v));
			return -1;
		}
		if (!whole_number(v)) {
			fail_at(ld, v->line, v->col, "'%s' should be a whole number, not '%s'", name,
			    v->value);
			return -1;
		}
		return 0;
	case KT_SEV:
		if (v->type != 's') {
			fail_at(ld, v->line, v->col, "'%s' should be a string, not %s", name,
			    ynode_noun(v));
			return -1;
		}
		if (!sev_word(v->value)) {
			fail_at(ld, v->line, v->col,
			    "invalid %s '%s' (expected error, warning or info)", name, v->value);
			return -1;
		}
		return 0;
	case KT_EXAMPLES: {
		static const char *const ex_keys[] = {"fail", "pass", NULL};
		bool *rep;

		if (v->type != 'm') {
			fail_at(ld, v->line, v->col, "'%s' should be a mapping, not %s", name,
			    ynode_noun(v));
			return -1;
		}
		rep = repeated_keys(ld, v);
		for (i = 0; i + 1 < v->n; i += 2) {
			const struct ynode *k = v->kids[i];

			if (rep[i / 2]) {
				rc = -1;
			} else if (strcmp(k->value, "fail") != 0 && strcmp(k->value, "pass") != 0) {
				const char *sug = ytree_nearest(k->value, ex_keys);

				if (sug)
					fail_at(ld, k->line, k->col,
					    "unknown key '%s' (did you mean '%s'?)", k->value, sug);
				else
					fail_at(ld, k->line, k->col, "unknown key '%s'", k->value);
				rc = -1;
			} else if (check_value(ld, k->value, KT_STR, 0, v->kids[i + 1]) != 0) {
				rc = -1;
			}
		}
		free(rep);
		return rc;
	}
	}
	return -1;
}

/* The entry of key `name` in a key table, or NULL. */
static const struct kind_key *
key_find(const struct kind_key *t, const char *name)
{
	for (; t && t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

static void
own_keys(struct buf *b, const struct check_kind *k)
{
	const struct kind_key *t;
	bool first = true;

	for (t = k->keys; t->name; t++)
		if (key_find(check_common_keys(), t->name) == NULL) {
			buf_printf(b, "%s%s", first ? "" : ", ", t->name);
			first = false;
		}
	if (first)
		buf_puts(b, "none");
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

/* Bytes of UTF-8 for code point cp. */
static size_t
utf8_len(unsigned long cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/*
 * The 0-based code-point column of byte `off` of scalar v's value.  A plain
 * scalar maps directly; a quoted one is walked in the source, so that
 * escapes (\\ \x.. \u.... in double quotes, '' in single quotes) count as
 * what they are written as.  A value that leaves its first line before
 * `off`, or a block scalar, is positioned at its start.
 */
static size_t
value_col(const struct loader *ld, const struct ynode *v, size_t off)
{
	const char *t = ld->text, *end = ld->text + ld->len, *p = t;
	size_t l = 0, c, k = 0;
	bool dq;

	if (off > v->len)
		off = v->len;
	if (memchr(v->value, '\n', off))
		return v->col;
	if (v->style == YAML_PLAIN_SCALAR_STYLE)
		return v->col + utf8_count(v->value, off);
	if (v->style != YAML_SINGLE_QUOTED_SCALAR_STYLE &&
	    v->style != YAML_DOUBLE_QUOTED_SCALAR_STYLE)
		return v->col;
	while (l < v->line && p < end) {
		if (*p == '\n' || (*p == '\r' && (p + 1 >= end || p[1] != '\n')))
			l++;
		p++;
	}
	for (c = 0; c < v->col && p < end && *p != '\n' && *p != '\r'; c++)
		p += utf8_seq_len((unsigned char)*p);
	if (p >= end || (*p != '"' && *p != '\''))
		return v->col;
	dq = *p++ == '"';
	c = v->col + 1;
	while (k < off) {
		size_t src = 1, got;

		if (p >= end || *p == '\n' || *p == '\r')
			return v->col;
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
		if (k + got > off)
			break;
		p += src;
		c += src;
		k += got;
	}
	return c;
}

/* A message or fix template that would not expand within bounds. */
static int
check_template(struct loader *ld, const struct ynode *v, const char *key)
{
	size_t bad;
	const char *why;

	if (v == NULL || v->type != 's' || (why = template_check(v->value, &bad)) == NULL)
		return 0;
	fail_at(ld, v->line, value_col(ld, v, bad), "%s (at offset %zu of the %s)", why, bad, key);
	return -1;
}

/* The keys a rule of this kind (NULL: unknown) may hold, for "did you
 * mean"; cands has room for n entries, NULL-terminated. */
static void
rule_cands(const struct check_kind *kind, const char **cands, size_t n)
{
	const struct kind_key *t;
	const struct check_kind *const *kp;
	size_t i = 0;

	for (t = check_common_keys(); t->name && i + 1 < n; t++)
		cands[i++] = t->name;
	for (t = kind ? kind->keys : NULL; t && t->name && i + 1 < n; t++)
		cands[i++] = t->name;
	for (kp = check_kinds(); !kind && *kp; kp++)
		for (t = (*kp)->keys; t->name && i + 1 < n; t++)
			cands[i++] = t->name;
	cands[i] = NULL;
}

/* Whether a key of mapping m that is not a key of the kind is a
 * misspelling of `key` (then it is reported, not the missing key). */
static bool
misspelt(const struct ynode *m, const char *key, const struct check_kind *kind)
{
	const char *cands[128];
	size_t i;

	rule_cands(kind, cands, ARRAY_LEN(cands));
	for (i = 0; i + 1 < m->n; i += 2) {
		size_t j;
		bool known = false;
		const char *sug;

		for (j = 0; cands[j] && !known; j++)
			known = strcmp(cands[j], m->kids[i]->value) == 0;
		sug = known ? NULL : ytree_nearest(m->kids[i]->value, cands);
		if (sug && strcmp(sug, key) == 0)
			return true;
	}
	return false;
}

/*
 * Validate rule node r (entry ri of rules): shape, keys, types, values.
 * Returns its kind when the rule can be loaded, NULL when it had errors
 * (all reported).
 */
static const struct rule *same_entry_id(const struct ruleset *rs, const char *id, size_t entry);
static bool same_entry(const struct ruleset *rs, const struct rule *r, size_t entry);

static const struct check_kind *
validate_rule(struct loader *ld, const struct ynode *r, const struct ruleset *rs, size_t entry)
{
	const struct kind_key *common = check_common_keys(), *t;
	const struct check_kind *kind = NULL;
	const struct ynode *idn = ymap_get(r, "id"), *kn = ymap_get(r, "kind"), *v;
	bool ok = true, *rep;
	size_t i;

	if (r->type != 'm') {
		fail_at(ld, r->line, r->col, "a rule should be a mapping, not %s", ynode_noun(r));
		return NULL;
	}
	/* The kind first: it says which keys the rule takes. */
	if (kn && kn->type == 's' && kn->len && strlen(kn->value) == kn->len) {
		kind = check_kind_find(kn->value);
		if (kind == NULL) {
			struct buf b = {0};
			const char *names[64];
			size_t n = 0;
			const struct check_kind *const *k;
			const char *sug;

			for (k = check_kinds(); *k && n + 1 < ARRAY_LEN(names); k++)
				names[n++] = (*k)->name;
			names[n] = NULL;
			sug = ytree_nearest(kn->value, names);
			for (i = 0; names[i]; i++)
				buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
			if (sug)
				fail_at(ld, kn->line, kn->col,
				    "unknown kind '%s' (did you mean '%s'? kinds: %s)",
				    kn->value, sug, b.data);
			else
				fail_at(ld, kn->line, kn->col, "unknown kind '%s' (kinds: %s)",
				    kn->value, b.data);
			buf_free(&b);
			ok = false;
		}
	}
	/* Required keys, at the rule (unless a misspelt key stands for it). */
	for (t = common; t->name; t++)
		if ((t->flags & KEY_REQUIRED) && ymap_get(r, t->name) == NULL &&
		    !misspelt(r, t->name, kind)) {
			fail_at(ld, r->line, r->col, "rule is missing the required key '%s'", t->name);
			ok = false;
		}
	for (t = kind ? kind->keys : NULL; t && t->name; t++)
		if ((t->flags & KEY_REQUIRED) && ymap_get(r, t->name) == NULL &&
		    !misspelt(r, t->name, kind)) {
			if (idn && idn->type == 's')
				fail_at(ld, r->line, r->col, "rule '%s' of kind '%s' needs the key '%s'",
				    idn->value, kind->name, t->name);
			else
				fail_at(ld, r->line, r->col, "rule of kind '%s' needs the key '%s'",
				    kind->name, t->name);
			ok = false;
		}
	/* Every key, in order. */
	rep = repeated_keys(ld, r);
	for (i = 0; i + 1 < r->n; i += 2) {
		const struct ynode *k = r->kids[i];
		const struct kind_key *ck = key_find(common, k->value);
		const struct kind_key *kk = kind ? key_find(kind->keys, k->value) : NULL;
		const struct kind_key *use = kk ? kk : ck;

		v = r->kids[i + 1];
		if (rep[i / 2]) {
			ok = false;
			continue;
		}
		if (use == NULL) {
			const char *cands[128];
			const struct check_kind *const *kp;
			bool other = false;

			for (kp = check_kinds(); *kp && !other; kp++)
				other = key_find((*kp)->keys, k->value) != NULL;
			if (kind && other) {
				struct buf b = {0};

				own_keys(&b, kind);
				fail_at(ld, k->line, k->col, "key '%s' does not apply to kind '%s' "
				    "(its own keys: %s)", k->value, kind->name, b.data);
				buf_free(&b);
			} else if (kind || !other) {
				const char *sug;

				rule_cands(kind, cands, ARRAY_LEN(cands));
				sug = ytree_nearest(k->value, cands);
				if (sug)
					fail_at(ld, k->line, k->col, "unknown key '%s' (did you mean '%s'?)",
					    k->value, sug);
				else
					fail_at(ld, k->line, k->col, "unknown key '%s'", k->value);
			}
			/* (kind unknown, key of some kind: nothing more to say) */
			ok = false;
			continue;
		}
		if (check_value(ld, k->value, use->type, use->flags | (ck ? ck->flags : 0), v) != 0) {
			ok = false;
			continue;
		}
		/* Values the keys share. */
		if (strcmp(k->value, "id") == 0) {
			if (!valid_id(v->value)) {
				fail_at(ld, v->line, v->col,
				    "rule id '%s' must be lower-case letters, digits and '-'", v->value);
				ok = false;
			} else if (engine_rule_id(v->value)) {
				fail_at(ld, v->line, v->col, "rule id '%s' is a rule of gwlint itself "
				    "(pack engine); choose another id", v->value);
				ok = false;
			} else {
				const struct rule *first = same_entry_id(rs, v->value, entry);

				if (first && !same_entry(rs, first, entry)) {
					fail_at(ld, v->line, v->col, "duplicate rule id '%s' (first "
					    "defined in %s:%u:%u): a config's pack adds rules and "
					    "cannot replace one; to replace it, name this pack with "
					    "--rules", v->value, first->file, first->line, first->col);
					ok = false;
				} else if (first) {
					fail_at(ld, v->line, v->col, "duplicate rule id '%s' (first "
					    "defined in %s:%u:%u)", v->value, first->file, first->line,
					    first->col);
					ok = false;
				}
			}
		} else if (strcmp(k->value, "scope") == 0) {
			enum scope sc;

			if (!scope_parse(v->value, &sc)) {
				struct buf b = {0};
				size_t j;

				for (j = 0; j < SCOPE__COUNT; j++)
					buf_printf(&b, "%s%s", j ? ", " : "", scope_name((enum scope)j));
				fail_at(ld, v->line, v->col, "unknown scope '%s' (scopes: %s)",
				    v->value, b.data);
				buf_free(&b);
				ok = false;
			}
		} else if (strcmp(k->value, "message") == 0 || strcmp(k->value, "fix") == 0 ||
		    (use->flags & KEY_TEMPLATE)) {
			if (check_template(ld, v, k->value) != 0)
				ok = false;
		}
	}
	free(rep);
	return ok && kind ? kind : NULL;
}

/* ---- libcyaml: one schema per kind, built from its key table ---- */

static const cyaml_strval_t sev_strv[] = {
	{"error", SEV_ERROR}, {"warning", SEV_WARNING}, {"info", SEV_INFO},
};

static const cyaml_schema_value_t str_entry = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, CYAML_UNLIMITED),
};

static const cyaml_schema_field_t examples_fields[] = {
	CYAML_FIELD_STRING_PTR("fail", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct rule_examples, fail, 0, CYAML_UNLIMITED),
	CYAML_FIELD_STRING_PTR("pass", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct rule_examples, pass, 0, CYAML_UNLIMITED),
	CYAML_FIELD_END
};

struct kind_schema {
	cyaml_schema_field_t *fields;
	cyaml_schema_value_t top;
};

/* The libcyaml field for key t, stored at `base` + its offset.  Every
 * field is optional here: the validation decided what is required. */
static void
field_of(cyaml_schema_field_t *f, const struct kind_key *t, size_t base)
{
	memset(f, 0, sizeof *f);
	f->key = t->name;
	f->data_offset = (uint32_t)(base + t->offset);
	switch (t->type) {
	case KT_STR:
		f->value.type = CYAML_STRING;
		f->value.flags = CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL;
		f->value.data_size = sizeof(char);
		f->value.string.min = 0;
		f->value.string.max = CYAML_UNLIMITED;
		break;
	case KT_STRS:
		f->value.type = CYAML_SEQUENCE;
		f->value.flags = CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL;
		f->value.data_size = sizeof(char *);
		f->value.sequence.entry = &str_entry;
		f->value.sequence.min = 0;
		f->value.sequence.max = CYAML_UNLIMITED;
		f->count_offset = (uint32_t)(base + t->count_offset);
		f->count_size = sizeof(unsigned);
		break;
	case KT_UINT:
		f->value.type = CYAML_UINT;
		f->value.flags = CYAML_FLAG_OPTIONAL;
		f->value.data_size = sizeof(unsigned);
		break;
	case KT_SEV:
		f->value.type = CYAML_ENUM;
		f->value.flags = CYAML_FLAG_STRICT | CYAML_FLAG_OPTIONAL;
		f->value.data_size = sizeof(enum severity);
		f->value.enumeration.strings = sev_strv;
		f->value.enumeration.count = CYAML_ARRAY_LEN(sev_strv);
		break;
	case KT_EXAMPLES:
		f->value.type = CYAML_MAPPING;
		f->value.flags = CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL;
		f->value.data_size = sizeof(struct rule_examples);
		f->value.mapping.fields = examples_fields;
		break;
	}
}

static void
schema_build(struct kind_schema *s, const struct check_kind *k)
{
	const struct kind_key *common = check_common_keys(), *t;
	size_t n = 0;

	for (t = common; t->name; t++)
		n++;
	for (t = k->keys; t->name; t++)
		n++;
	s->fields = xcalloc(n + 1, sizeof *s->fields);
	n = 0;
	for (t = common; t->name; t++)
		field_of(&s->fields[n++], t, 0);
	for (t = k->keys; t->name; t++)
		if (key_find(common, t->name) == NULL)
			field_of(&s->fields[n++], t, t->flags & KEY_COMMON ? 0 : PARAMS_OFF);
	memset(&s->top, 0, sizeof s->top);
	s->top.type = CYAML_MAPPING;
	s->top.flags = CYAML_FLAG_POINTER;
	s->top.data_size = (uint32_t)(PARAMS_OFF + k->params_size);
	s->top.mapping.fields = s->fields;
}

/*
 * libcyaml's allocator.  The capacity kept in front of each block grows
 * geometrically, so that a sequence grown one entry at a time is not
 * copied at every step.
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

static void
cy_log(cyaml_log_t level, void *ctx, const char *fmt, va_list ap)
{
	/* Never read: a libcyaml error is reported as an internal error. */
	(void)level;
	(void)ctx;
	(void)fmt;
	(void)ap;
}

static const cyaml_config_t *
cy_config(cyaml_config_t *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->log_level = CYAML_LOG_ERROR;
	cfg->log_fn = cy_log;
	cfg->mem_fn = cy_mem;
	cfg->flags = CYAML_CFG_NO_ALIAS;
	return cfg;
}

/* ---- the rule set ---- */

struct loaded {
	void *data;                          /* libcyaml's block */
	const cyaml_schema_value_t *schema;  /* its schema */
};

struct ruleset {
	char **names;               /* pack names and files, kept for the rules */
	size_t nnames, capnames;
	struct loaded *data;
	size_t ndata, capdata;
	struct kind_schema *schemas;  /* per kind (check_kinds() order), built on use */
	size_t nkinds;
	struct rule *rules;
	size_t nrules, caprules;
	size_t *entry;              /* per rule: the index of the `paths` entry it came from */
	size_t capentry;
	size_t *idslot;             /* hash of rule ids: rule index + 1, 0 empty */
	size_t nidslot;
	struct buf errs;
	size_t nerr;
	size_t uncompiled;          /* valid rules not compiled: past MAX_ERRORS */
	size_t nreplace;            /* entries below this may replace an earlier entry's rule */
};

static size_t
id_slot(const struct ruleset *rs, const char *id)
{
	size_t i = ytree_hash(id) & (rs->nidslot - 1);

	while (rs->idslot[i] && strcmp(rs->rules[rs->idslot[i] - 1].id, id) != 0)
		i = (i + 1) & (rs->nidslot - 1);
	return i;
}

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

/* Whether rule r (of rs) was loaded from `paths` entry `entry`. */
static bool
same_entry(const struct ruleset *rs, const struct rule *r, size_t entry)
{
	return rs->entry[r - rs->rules] == entry;
}

/* The rule with this id that a rule of `entry` may not replace: one of the
 * same `paths` entry, or any when `entry` is past nreplace (a config's
 * pack, which applies to its own files only); NULL if none. */
static const struct rule *
same_entry_id(const struct ruleset *rs, const char *id, size_t entry)
{
	const struct rule *r = id_find(rs, id);

	return r && (rs->entry[r - rs->rules] == entry || entry >= rs->nreplace) ? r : NULL;
}

static const char *
keep_name(struct ruleset *rs, const char *s)
{
	rs->names = xgrow(rs->names, &rs->capnames, rs->nnames + 1, sizeof *rs->names);
	rs->names[rs->nnames] = xstrdup(s);
	return rs->names[rs->nnames++];
}

static const struct kind_schema *
schema_for(struct ruleset *rs, const struct check_kind *k)
{
	const struct check_kind *const *all = check_kinds();
	size_t i;

	if (rs->schemas == NULL) {
		for (rs->nkinds = 0; all[rs->nkinds]; rs->nkinds++)
			;
		rs->schemas = xcalloc(rs->nkinds, sizeof *rs->schemas);
	}
	for (i = 0; i < rs->nkinds && all[i] != k; i++)
		;
	if (rs->schemas[i].fields == NULL)
		schema_build(&rs->schemas[i], k);
	return &rs->schemas[i];
}

/* The node a compile error's key names ("pattern", "headings[2]"). */
static const struct ynode *
err_node(const struct ynode *r, const char *key)
{
	char name[64];
	const char *br;
	const struct ynode *v;
	size_t n;

	if (key == NULL)
		return NULL;
	br = strchr(key, '[');
	n = br ? (size_t)(br - key) : strlen(key);
	if (n >= sizeof name)
		return NULL;
	memcpy(name, key, n);
	name[n] = '\0';
	v = ymap_get(r, name);
	if (v && br) {
		size_t idx = strtoul(br + 1, NULL, 10);

		v = v->type == 'q' && idx < v->n ? v->kids[idx] : NULL;
	}
	return v;
}

/* Load, compile and enter validated rule node rn of kind `kind`. */
static void
load_rule(struct ruleset *rs, struct loader *ld, const struct ynode *rn,
    const struct check_kind *kind, const char *pack, const char *file, size_t entry)
{
	const struct kind_schema *ks = schema_for(rs, kind);
	size_t b0 = byte_at(ld, rn->start), b1 = byte_at(ld, rn->end), at;
	struct buf src = {0};
	cyaml_config_t cfg;
	cyaml_err_t cerr;
	void *data = NULL;
	const struct rule_common *c;
	const struct rule *prev;
	struct rule r;
	struct compile_err ce;

	/* The rule's own text, at its own column. */
	for (at = 0; at < rn->col; at++)
		buf_putc(&src, ' ');
	buf_append(&src, ld->text + b0, b1 - b0);
	cerr = cyaml_load_data((const uint8_t *)(src.data ? src.data : ""), src.len,
	    cy_config(&cfg), &ks->top, (cyaml_data_t **)&data, NULL);
	buf_free(&src);
	if (cerr != CYAML_OK || data == NULL) {
		fail_at(ld, rn->line, rn->col, "internal error: libcyaml could not load this "
		    "validated rule (%s)", cyaml_strerror(cerr));
		return;
	}
	rs->data = xgrow(rs->data, &rs->capdata, rs->ndata + 1, sizeof *rs->data);
	rs->data[rs->ndata].data = data;
	rs->data[rs->ndata++].schema = &ks->top;
	c = data;

	memset(&r, 0, sizeof r);
	r.id = c->id;
	r.pack = pack;
	r.file = file;
	r.line = (unsigned)rn->line + 1;
	r.col = (unsigned)rn->col + 1;
	r.default_sev = c->severity;
	r.kind = kind;
	r.message = c->message ? c->message : "";
	r.fix = c->fix;
	r.source = c->source ? c->source : "";
	r.explain = c->explain ? c->explain : "";
	r.ex_fail = c->examples ? c->examples->fail : NULL;
	r.ex_pass = c->examples ? c->examples->pass : NULL;
	r.params = (const char *)data + PARAMS_OFF;
	r.vars = vars_used(r.message) | (r.fix ? vars_used(r.fix) : 0);
	{
		/* The kind's further message templates. */
		const struct kind_key *t;

		for (t = kind->keys; t->name; t++)
			if ((t->flags & KEY_TEMPLATE) && !(t->flags & KEY_COMMON) && t->type == KT_STR) {
				const char *tmpl = *(char *const *)((const char *)r.params + t->offset);

				if (tmpl)
					r.vars |= vars_used(tmpl);
			}
	}
	if (c->scope)
		scope_parse(c->scope, &r.scope);   /* validated */

	prev = id_find(rs, r.id);   /* of an earlier entry: validate_rule saw to that */
	memset(&ce, 0, sizeof ce);
	ce.offset = (size_t)-1;
	if (kind->compile(&r, r.params, &ce) != 0) {
		const struct ynode *v = err_node(rn, ce.key);

		/* A kind may fail after building part of its state. */
		if (r.state && kind->free_state)
			kind->free_state(r.state);
		if (v == NULL)
			v = rn;
		if (v->type == 's' && ce.offset != (size_t)-1 && (ce.value == NULL ||
		    strcmp(ce.value, v->value) == 0))
			fail_at(ld, v->line, value_col(ld, v, ce.offset), "%s (at offset %zu of the %s)",
			    ce.msg, ce.offset, ce.key);
		else
			fail_at(ld, v->line, v->col, "%s", ce.msg);
		return;
	}
	if (prev) {
		/* A later --rules entry's rule replaces the earlier one, in place. */
		struct rule *old = &rs->rules[prev - rs->rules];

		if (old->state && old->kind->free_state)
			old->kind->free_state(old->state);
		*old = r;
		/* Now of this entry: the same id again in it is a duplicate. */
		rs->entry[prev - rs->rules] = entry;
		return;
	}
	rs->rules = xgrow(rs->rules, &rs->caprules, rs->nrules + 1, sizeof *rs->rules);
	rs->entry = xgrow(rs->entry, &rs->capentry, rs->nrules + 1, sizeof *rs->entry);
	rs->rules[rs->nrules] = r;
	rs->entry[rs->nrules] = entry;
	rs->nrules++;
	id_add(rs);
}

static const char *const top_keys[] = {"pack", "title", "rules", NULL};

/* Whether a key of the pack's mapping is a misspelling of `key`. */
static bool
top_misspelt(const struct ynode *m, const char *key)
{
	size_t i;

	for (i = 0; i + 1 < m->n; i += 2) {
		const char *k = m->kids[i]->value, *sug;

		if (strcmp(k, "pack") && strcmp(k, "title") && strcmp(k, "rules") &&
		    (sug = ytree_nearest(k, top_keys)) != NULL && strcmp(sug, key) == 0)
			return true;
	}
	return false;
}

static void
load_file(struct ruleset *rs, const char *file, enum column_unit unit, int origin, size_t entry)
{
	struct loader ld;
	unsigned char *data;
	size_t len, i;
	struct ynode *root;
	const struct ynode *pn, *rules;
	const char *pack = NULL, *kept_file;
	bool failed, *rep;

	{
		/* Regular files only, never blocking, at most PACK_READ_MAX. */
		const char *what = NULL;
		int rc = read_regular_capped(file, PACK_READ_MAX, &data, &len, &what);

		if (rc != 0) {
			char *m = read_error(file, "rule pack", rc, what, PACK_READ_MAX);

			add_error(&rs->errs, &rs->nerr, m);
			free(m);
			return;
		}
	}
	memset(&ld, 0, sizeof ld);
	ld.file = file;
	ld.text = (const char *)data;
	ld.len = len;
	ld.unit = unit;
	ld.origin = origin;
	ld.errs = &rs->errs;
	ld.nerr = &rs->nerr;
	{
		const struct ysource src = {ld.file, ld.text, ld.len, ld.unit, ld.origin, ld.errs,
		    ld.nerr};

		root = ytree_parse(&src, "pack", &failed);
	}
	if (failed)
		goto out;
	if (root == NULL || (root->type == 's' && root->len == 0 &&
	    root->style == YAML_PLAIN_SCALAR_STYLE)) {
		fail_at(&ld, 0, 0, "empty pack: expected a mapping with 'pack' and 'rules'");
		goto out;
	}
	if (root->type != 'm') {
		fail_at(&ld, root->line, root->col,
		    "a pack should be a mapping with 'pack' and 'rules', not %s", ynode_noun(root));
		goto out;
	}
	rep = repeated_keys(&ld, root);
	for (i = 0; i + 1 < root->n; i += 2) {
		const struct ynode *k = root->kids[i], *v = root->kids[i + 1];

		if (rep[i / 2])
			continue;
		if (strcmp(k->value, "pack") == 0)
			check_value(&ld, "pack", KT_STR, KEY_NONEMPTY, v);
		else if (strcmp(k->value, "title") == 0)
			check_value(&ld, "title", KT_STR, 0, v);
		else if (strcmp(k->value, "rules") == 0) {
			if (v->type != 'q')
				fail_at(&ld, v->line, v->col, "'rules' should be a sequence, not %s",
				    ynode_noun(v));
		} else {
			const char *sug = ytree_nearest(k->value, top_keys);

			if (sug)
				fail_at(&ld, k->line, k->col, "unknown key '%s' (did you mean '%s'?)",
				    k->value, sug);
			else
				fail_at(&ld, k->line, k->col, "unknown key '%s'", k->value);
		}
	}
	free(rep);
	pn = ymap_get(root, "pack");
	rules = ymap_get(root, "rules");
	if (pn == NULL && !top_misspelt(root, "pack"))
		fail_at(&ld, root->line, root->col, "missing the required key 'pack'");
	if (rules == NULL && !top_misspelt(root, "rules"))
		fail_at(&ld, root->line, root->col, "missing the required key 'rules'");
	if (rules == NULL || rules->type != 'q')
		goto out;
	if (pn && pn->type == 's')
		pack = keep_name(rs, pn->value);
	kept_file = keep_name(rs, file);
	for (i = 0; i < rules->n; i++) {
		const struct check_kind *kind = validate_rule(&ld, rules->kids[i], rs, entry);

		if (kind && rs->nerr < MAX_ERRORS)
			load_rule(rs, &ld, rules->kids[i], kind, pack ? pack : "", kept_file, entry);
		else if (kind)
			rs->uncompiled++;   /* its compile errors would go unsaid */
	}
out:
	ytree_free(root);
	free(data);
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
ruleset_load(const char *const *paths, size_t n, size_t nreplace, enum column_unit unit,
    int origin, char **err)
{
	struct ruleset *rs = xcalloc(1, sizeof *rs);
	size_t i;

	rs->nreplace = nreplace;

	*err = NULL;
	for (i = 0; i < n; i++) {
		struct stat st;

		if (stat(paths[i], &st) != 0) {
			char *m = xasprintf("%s: %s", paths[i], strerror(errno));

			add_error(&rs->errs, &rs->nerr, m);
			free(m);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			DIR *dir = opendir(paths[i]);
			struct dirent *de;
			char **names = NULL;
			size_t nn = 0, cap = 0, j;

			if (dir == NULL) {
				char *m = xasprintf("%s: %s", paths[i], strerror(errno));

				add_error(&rs->errs, &rs->nerr, m);
				free(m);
				continue;
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
				load_file(rs, names[j], unit, origin, i);
				free(names[j]);
			}
			free(names);
		} else {
			load_file(rs, paths[i], unit, origin, i);
		}
	}
	if (rs->nerr)
		goto fail;
	/* The engine's own rules (engine.h), after every pack's. */
	for (i = 0; i < engine_rule_count(); i++) {
		rs->rules = xgrow(rs->rules, &rs->caprules, rs->nrules + 1, sizeof *rs->rules);
		rs->entry = xgrow(rs->entry, &rs->capentry, rs->nrules + 1, sizeof *rs->entry);
		memset(&rs->rules[rs->nrules], 0, sizeof *rs->rules);
		engine_rule_fill(i, &rs->rules[rs->nrules]);
		rs->entry[rs->nrules] = n;
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
			char *m = xasprintf("%s:%u:%u: %s%s%s", r->file, r->line, r->col,
			    ce.key ? ce.key : "", ce.key ? ": " : "", ce.msg);

			add_error(&rs->errs, &rs->nerr, m);
			free(m);
		}
	}
	if (rs->nerr)
		goto fail;
	return rs;
fail:
	if (rs->nerr > MAX_ERRORS || rs->uncompiled) {
		struct buf m = {0};

		if (rs->nerr > MAX_ERRORS)
			buf_printf(&m, "%zu more errors not shown", rs->nerr - MAX_ERRORS);
		if (rs->uncompiled)
			buf_printf(&m, "%s%zu rule%s not compiled after the first %d errors",
			    m.len ? "; " : "", rs->uncompiled, rs->uncompiled == 1 ? "" : "s",
			    MAX_ERRORS);
		rs->nerr = 0;   /* add it past the cap */
		add_error(&rs->errs, &rs->nerr, m.data);
		buf_free(&m);
	}
	*err = buf_steal(&rs->errs);
	ruleset_free(rs);
	return NULL;
}

void
ruleset_free(struct ruleset *rs)
{
	size_t i;
	cyaml_config_t cfg;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->nrules; i++)
		if (rs->rules[i].kind->free_state && rs->rules[i].state)
			rs->rules[i].kind->free_state(rs->rules[i].state);
	for (i = 0; i < rs->ndata; i++)
		cyaml_free(cy_config(&cfg), rs->data[i].schema, rs->data[i].data, 0);
	for (i = 0; i < rs->nnames; i++)
		free(rs->names[i]);
	for (i = 0; i < rs->nkinds; i++)
		free(rs->schemas[i].fields);
	free(rs->schemas);
	free(rs->names);
	free(rs->data);
	free(rs->rules);
	free(rs->entry);
	free(rs->idslot);
	buf_free(&rs->errs);
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
