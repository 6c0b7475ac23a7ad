/* SPDX-License-Identifier: MIT */
/** \file yamlpos.c
 * \brief The libyaml position pre-pass of the config file.
 */
#include "yamlpos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* ---- position index (libyaml pre-pass) ---- */

struct frame {
	bool seq;
	size_t prefix;       /* index of the node owning this collection */
	size_t next;         /* sequence: next entry number */
	bool want_key;       /* mapping: the next scalar is a key */
	size_t pending;      /* mapping: node waiting for its value */
};

size_t
ypos_hash(const char *s)
{
	size_t h = (size_t)14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ull;
	return h ^ (h >> 29); /* the probes use the low bits */
}

/* Slot of `path` in the hash: its head node's slot, or the empty one. */
static size_t
ix_slot(const struct yindex *ix, const char *path)
{
	size_t i = ypos_hash(path) & (ix->nslot - 1);

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

void
ypos_free(struct ypos *ld)
{
	struct yindex *ix = &ld->ix;
	size_t i;

	for (i = 0; i < ix->n; i++) {
		free(ix->v[i].path);
		free(ix->v[i].key);
		free(ix->v[i].value);
	}
	free(ix->v);
	free(ix->slot);
	memset(ix, 0, sizeof *ix);
}

const struct ynode *
ypos_find(const struct yindex *ix, const char *path, size_t k)
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

void
ypos_fail_at(struct ypos *ld, size_t line0, size_t col0, const char *fmt, ...)
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
fail_offset(struct ypos *ld, size_t byte_off, const char *msg)
{
	size_t i, line = 0, lstart = 0;

	if (byte_off > ld->len)
		byte_off = ld->len;
	for (i = 0; i < byte_off; i++)
		if (ld->text[i] == '\n') {
			line++;
			lstart = i + 1;
		}
	ypos_fail_at(ld, line, utf8_count(ld->text + lstart, byte_off - lstart), "%s", msg);
}

static char *
child_path(const struct yindex *ix, size_t parent, const char *key, size_t idx)
{
	const char *p = parent == (size_t)-1 ? "" : ix->v[parent].path;

	if (key)
		return *p ? xasprintf("%s.%s", p, key) : xstrdup(key);
	return xasprintf("%s[%zu]", p, idx);
}

int
ypos_prepass(struct ypos *ld)
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
				ypos_fail_at(ld, parser.problem_mark.line, parser.problem_mark.column, "%s", msg);
			rc = -1;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				ypos_fail_at(ld, ev.start_mark.line, ev.start_mark.column,
				    "a %s holds one YAML document; found a second one here", ld->what);
				rc = -1;
				done = true;
			}
			break;
		case YAML_ALIAS_EVENT:
			ypos_fail_at(ld, ev.start_mark.line, ev.start_mark.column,
			    "aliases (*name) are not allowed in a %s", ld->what);
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
					ypos_fail_at(ld, ev.start_mark.line, ev.start_mark.column,
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
			ld->ix.v[node].kind = ev.type == YAML_SCALAR_EVENT ? 's' :
			    ev.type == YAML_MAPPING_START_EVENT ? 'm' : 'q';
			if (ev.type != YAML_SCALAR_EVENT && depth >= YPOS_MAX_DEPTH) {
				/* Paths grow with depth: stop before they cost. */
				ypos_fail_at(ld, ev.start_mark.line, ev.start_mark.column,
				    "nested deeper than %d levels", YPOS_MAX_DEPTH);
				rc = -1;
				done = true;
				break;
			}
			if (ev.type == YAML_SCALAR_EVENT) {
				ld->ix.v[node].value = xstrdup((const char *)ev.data.scalar.value);
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

void
ypos_log_fn(cyaml_log_t level, void *ctx, const char *fmt, va_list ap)
{
	/* Never kept nor read: after the validation, a libcyaml error is an
	 * internal error, reported as such. */
	(void)level;
	(void)ctx;
	(void)fmt;
	(void)ap;
}

const char *
ypos_nearest(const char *word, const char *const *cands)
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
