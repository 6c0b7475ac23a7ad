/* SPDX-License-Identifier: MIT */
/** \file pack.c
 * \brief YAML packs → rules.
 *
 * One libyaml pass per file builds a small tree whose every node keeps its
 * position.  The tree is validated against the pack's shape and, rule by
 * rule, against the keys the rule's kind declares (struct kind_key: name,
 * type, required): every error is recorded with its position and the
 * validation goes on, so a pack's mistakes are all reported in one run.
 * A rule that validated is then stored from the same tree into struct
 * rule_common plus the kind's parameter struct, laid out by the kind's key
 * table (the pack is read once: loading each rule again with libcyaml, as
 * before, cost as much as the first reading).  Last the kind compiles its
 * parameters (regexes, values); a compile error is positioned inside the
 * offending value.
 */
#include "pack.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "engine.h"
#include "packcache.h"
#include "util.h"
#include "yamltree.h"

/** Errors reported per run; past it, one line says how many more. */
#define MAX_ERRORS YTREE_MAX_ERRORS

/* Where a rule's parameters start in its block (rule_block). */
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
	/* The tree is the pack cache's (packcache_tree): its values are in the
	 * embedded pool, which outlives every rule set. */
	bool cached;
	/* a bundled pack checked when gwlint was built (packcache_checked):
	 * validate_rule checks its rules' ids only */
	bool checked;
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
			const struct ynode *e = v->kids[i];
			char *en;

			/* The entry's name ("body[2]") is made for its message only. */
			if (e->type == 's' && e->len > 0 && strlen(e->value) == e->len)
				continue;
			en = xasprintf("%s[%zu]", name, i);
			if (check_value(ld, en, KT_STR, KEY_NONEMPTY, e) != 0)
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
		if (t->name[0] == name[0] && strcmp(t->name, name) == 0)
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

/* Whether rule id v (a valid one) is not one an earlier rule of the run
 * has; else the error, at v. */
static bool
id_unique(struct loader *ld, const struct ynode *v, const struct ruleset *rs, size_t entry)
{
	const struct rule *first = same_entry_id(rs, v->value, entry);

	if (first && !same_entry(rs, first, entry)) {
		fail_at(ld, v->line, v->col, "duplicate rule id '%s' (first defined in %s:%u:%u): "
		    "a config's pack adds rules and cannot replace one; to replace it, name "
		    "this pack with --rules", v->value, first->file, first->line, first->col);
		return false;
	}
	if (first) {
		fail_at(ld, v->line, v->col, "duplicate rule id '%s' (first defined in %s:%u:%u)",
		    v->value, first->file, first->line, first->col);
		return false;
	}
	return true;
}

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
	/* A bundled pack checked when gwlint was built: only its id depends
	 * on the other packs of this run. */
	if (ld->checked && kn != NULL && idn != NULL && (kind = check_kind_find(kn->value)) != NULL)
		return id_unique(ld, idn, rs, entry) ? kind : NULL;
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
			} else if (!id_unique(ld, v, rs, entry)) {
				ok = false;
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

/* ---- a validated rule's values into its kind's structs ---- */

/* Where key t of a rule is stored in its block (struct rule_common, then
 * the kind's parameters at PARAMS_OFF). */
static char *
key_slot(char *block, const struct kind_key *t, bool common)
{
	return block + (common || (t->flags & KEY_COMMON) ? 0 : PARAMS_OFF) + t->offset;
}

static void
put_ptr(char *at, const void *p)
{
	memcpy(at, &p, sizeof p);
}

/* A string value of the tree for a rule block: the tree's own when it
 * outlives the rule set (`borrow`: a bundled pack's, in the pack cache's
 * embedded pool, which nothing writes), else a copy. */
static char *
value_of(const struct ynode *v, bool borrow)
{
	return borrow ? (char *)(uintptr_t)v->value : xstrdup(v->value);
}

/* Store validated value v of key t (see check_value) at its slot. */
static void
fill_key_as(char *block, const struct kind_key *t, bool common, const struct ynode *v,
    bool borrow)
{
	char *at = key_slot(block, t, common);
	size_t i;

	switch (t->type) {
	case KT_STR:
		put_ptr(at, value_of(v, borrow));
		break;
	case KT_STRS: {
		char **a = v->n ? xcalloc(v->n, sizeof *a) : NULL;
		unsigned n = (unsigned)v->n;

		for (i = 0; i < v->n; i++)
			a[i] = value_of(v->kids[i], borrow);
		put_ptr(at, a);
		memcpy(block + (common || (t->flags & KEY_COMMON) ? 0 : PARAMS_OFF) + t->count_offset,
		    &n, sizeof n);
		break;
	}
	case KT_UINT: {
		unsigned u = (unsigned)strtoul(v->value, NULL, 10);

		memcpy(at, &u, sizeof u);
		break;
	}
	case KT_SEV: {
		enum severity sev = SEV_NONE;

		(void)severity_parse(v->value, &sev);
		memcpy(at, &sev, sizeof sev);
		break;
	}
	case KT_EXAMPLES: {
		struct rule_examples *ex = xcalloc(1, sizeof *ex);
		const struct ynode *f = ymap_get(v, "fail"), *p = ymap_get(v, "pass");

		ex->fail = f ? value_of(f, borrow) : NULL;
		ex->pass = p ? value_of(p, borrow) : NULL;
		put_ptr(at, ex);
		break;
	}
	}
}

static void
fill_key(char *block, const struct kind_key *t, bool common, const struct ynode *v)
{
	fill_key_as(block, t, common, v, false);
}

static void
fill_key_borrowed(char *block, const struct kind_key *t, bool common, const struct ynode *v)
{
	fill_key_as(block, t, common, v, true);
}

/* Free what fill_key_as stored for key t (its strings unless borrowed). */
static void
free_key(char *block, const struct kind_key *t, bool common, bool borrowed)
{
	char *at = key_slot(block, t, common);
	void *p;

	if (t->type != KT_STR && t->type != KT_STRS && t->type != KT_EXAMPLES)
		return;
	memcpy(&p, at, sizeof p);
	if (t->type == KT_STRS) {
		unsigned n, i;

		memcpy(&n, block + (common || (t->flags & KEY_COMMON) ? 0 : PARAMS_OFF) +
		    t->count_offset, sizeof n);
		for (i = 0; i < n && !borrowed; i++)
			free(((char **)p)[i]);
	} else if (t->type == KT_EXAMPLES && p != NULL && !borrowed) {
		free(((struct rule_examples *)p)->fail);
		free(((struct rule_examples *)p)->pass);
	}
	if (t->type != KT_STR || !borrowed)
		free(p);
}

/* The keys of a rule of kind k, common ones first (each once), with
 * whether each is a common one: calls fn for each, or, given a validated
 * rule node rn, for each key rn has (in rn's order; a name both tables
 * have is the common one). */
static void
each_key(const struct check_kind *k, void (*fn)(char *, const struct kind_key *, bool,
    const struct ynode *), char *block, const struct ynode *rn)
{
	const struct kind_key *common = check_common_keys(), *t;
	size_t i;

	if (rn != NULL) {
		for (i = 0; i + 1 < rn->n; i += 2) {
			const char *name = rn->kids[i]->value;

			if ((t = key_find(common, name)) != NULL)
				fn(block, t, true, rn->kids[i + 1]);
			else if ((t = key_find(k->keys, name)) != NULL)
				fn(block, t, false, rn->kids[i + 1]);
		}
		return;
	}
	for (t = common; t->name; t++)
		fn(block, t, true, NULL);
	for (t = k->keys; t->name; t++)
		if (key_find(common, t->name) == NULL)
			fn(block, t, false, NULL);
}

static void
free_key_fn(char *block, const struct kind_key *t, bool common, const struct ynode *v)
{
	(void)v;
	free_key(block, t, common, false);
}

static void
free_key_borrowed_fn(char *block, const struct kind_key *t, bool common, const struct ynode *v)
{
	(void)v;
	free_key(block, t, common, true);
}

/* The block of a validated rule node rn of kind k: struct rule_common and
 * the kind's parameter struct, filled from the tree (its strings borrowed
 * from it when `borrow`: see value_of). */
static void *
rule_block(const struct check_kind *k, const struct ynode *rn, bool borrow)
{
	char *block = xcalloc(1, PARAMS_OFF + k->params_size);

	each_key(k, borrow ? fill_key_borrowed : fill_key, block, rn);
	return block;
}

static void
rule_block_free(const struct check_kind *k, void *block, bool borrowed)
{
	if (block == NULL)
		return;
	each_key(k, borrowed ? free_key_borrowed_fn : free_key_fn, block, NULL);
	free(block);
}

/* ---- the rule set ---- */

struct loaded {
	void *data;                          /* rule_block() */
	const struct check_kind *kind;       /* its kind */
	bool borrowed;                       /* its strings are the pack cache's */
};

struct ruleset {
	char **names;               /* pack names and files, kept for the rules */
	size_t nnames, capnames;
	struct loaded *data;
	size_t ndata, capdata;
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
	void *data;
	const struct rule_common *c;
	const struct rule *prev;
	struct rule r;
	struct compile_err ce;

	data = rule_block(kind, rn, ld->cached);
	rs->data = xgrow(rs->data, &rs->capdata, rs->ndata + 1, sizeof *rs->data);
	rs->data[rs->ndata].data = data;
	rs->data[rs->ndata].borrowed = ld->cached;
	rs->data[rs->ndata++].kind = kind;
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

		/* A bundled pack's exact bytes: its tree was read at build time. */
		root = packcache_tree(ld.text, ld.len);
		ld.cached = root != NULL;
		ld.checked = ld.cached && packcache_checked();
		failed = false;
		if (root == NULL)
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

	if (rs == NULL)
		return;
	for (i = 0; i < rs->nrules; i++)
		if (rs->rules[i].kind->free_state && rs->rules[i].state)
			rs->rules[i].kind->free_state(rs->rules[i].state);
	for (i = 0; i < rs->ndata; i++)
		rule_block_free(rs->data[i].kind, rs->data[i].data, rs->data[i].borrowed);
	for (i = 0; i < rs->nnames; i++)
		free(rs->names[i]);
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
