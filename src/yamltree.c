/* SPDX-License-Identifier: MIT */
/** \file yamltree.c
 * \brief The positioned YAML tree (libyaml) and its error list.
 */
#include "yamltree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "yamllib.h"

#include "pack.h"

_Static_assert(YTREE_ERR_SEP == PACK_ERR_SEP, "one error separator");

/* ---- errors ---- */

void
yerr_add(struct buf *errs, size_t *nerr, const char *msg)
{
	++*nerr;
	if (*nerr > YTREE_MAX_ERRORS)
		return;
	if (errs->len)
		buf_putc(errs, YTREE_ERR_SEP);
	buf_puts(errs, msg);
}

void
yerr_close(struct buf *errs, size_t nerr)
{
	size_t n = 0;
	char *m;

	if (nerr <= YTREE_MAX_ERRORS)
		return;
	m = xasprintf("%zu more errors not shown", nerr - YTREE_MAX_ERRORS);
	yerr_add(errs, &n, m);   /* past the cap */
	free(m);
}

void
yfail_atv(const struct ysource *src, size_t line, size_t col, const char *fmt, va_list ap)
{
	struct buf b = {0};
	char *pos;

	if (*src->nerr >= YTREE_MAX_ERRORS) {
		++*src->nerr;
		return;
	}
	pos = text_position(src->text, src->len, line, col, src->unit, src->origin);
	buf_printf(&b, "%s:%s: ", src->file, pos);
	free(pos);
	buf_vprintf(&b, fmt, ap);
	yerr_add(src->errs, src->nerr, b.data);
	buf_free(&b);
}

void
yfail_at(const struct ysource *src, size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	yfail_atv(src, line, col, fmt, ap);
	va_end(ap);
}

void
yfail_offset(const struct ysource *src, size_t off, const char *fmt, ...)
{
	size_t i, line = 0, lstart = 0;
	va_list ap;

	if (off > src->len)
		off = src->len;
	for (i = 0; i < off; i++)
		if (src->text[i] == '\n') {
			line++;
			lstart = i + 1;
		}
	va_start(ap, fmt);
	yfail_atv(src, line, utf8_count(src->text + lstart, off - lstart), fmt, ap);
	va_end(ap);
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

/* ---- names ---- */

size_t
ytree_hash(const char *s)
{
	size_t h = (size_t)14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ull;
	return h ^ (h >> 29); /* the probes use the low bits */
}

const char *
ytree_nearest(const char *word, const char *const *cands)
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

/* ---- the tree ---- */

/* The memory of one tree: blocks of nodes, values and kid lists, taken in
 * order and freed together (a pack's tree has some 15,000 nodes: one
 * malloc and one free each cost more than reading them). */
struct yblock {
	struct yblock *next;
	size_t used, cap;
	max_align_t data[];
};

struct yarena {
	struct yblock *head;
};

#define YBLOCK_MIN ((size_t)64 * 1024)

static void *
arena_alloc(struct yarena *a, size_t size)
{
	struct yblock *b = a->head;
	size_t need = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	void *p;

	if (need < size)
		fatal("out of memory");
	if (b == NULL || b->cap - b->used < need) {
		size_t cap = need > YBLOCK_MIN ? need : YBLOCK_MIN;

		b = xmalloc(sizeof *b + cap);
		b->used = 0;
		b->cap = cap;
		/* A block bigger than the usual goes behind the current one,
		 * which may still have room. */
		if (a->head != NULL && cap > YBLOCK_MIN) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += need;
	return p;
}

void
ytree_free(struct ynode *root)
{
	struct yarena *arena;
	struct yblock *b, *next;

	if (root == NULL)
		return;
	/* The root lives in one of the blocks: read what is needed first. */
	arena = root->arena;
	for (b = arena->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(arena);
}

const char *
ynode_noun(const struct ynode *n)
{
	return n->type == 'm' ? "a mapping" : n->type == 'q' ? "a sequence" : "a string";
}

const struct ynode *
ymap_get(const struct ynode *m, const char *key)
{
	size_t i;

	for (i = 0; m && m->type == 'm' && i + 1 < m->n; i += 2)
		if (strcmp(m->kids[i]->value, key) == 0)
			return m->kids[i + 1];
	return NULL;
}

struct keyref {
	const struct ynode *key;
	size_t pair;              /* its pair's index in the mapping */
};

static int
cmp_key(const void *a, const void *b)
{
	const struct keyref *x = a, *y = b;
	int c = strcmp(x->key->value, y->key->value);

	/* Equal keys: in document order. */
	return c ? c : x->pair < y->pair ? -1 : x->pair > y->pair;
}

/* Mappings of at most this many pairs (every rule of the bundled packs)
 * are compared pair by pair: quicker than sorting them. */
#define FIRST_BY_PAIRS 24

size_t *
ymap_first(const struct ynode *m)
{
	size_t np = m->n / 2, i, j;
	struct keyref *keys;
	size_t *first = xmalloc((np ? np : 1) * sizeof *first);

	if (np <= FIRST_BY_PAIRS) {
		for (i = 0; i < np; i++) {
			first[i] = i;
			for (j = 0; j < i; j++)
				if (m->kids[2 * i]->value[0] == m->kids[2 * j]->value[0] &&
				    strcmp(m->kids[2 * i]->value, m->kids[2 * j]->value) == 0) {
					first[i] = first[j];
					break;
				}
		}
		return first;
	}
	keys = xmalloc(np * sizeof *keys);
	for (i = 0; i < np; i++) {
		keys[i].key = m->kids[2 * i];
		keys[i].pair = i;
	}
	qsort(keys, np, sizeof *keys, cmp_key);
	for (i = 0; i < np; i++)
		first[keys[i].pair] = i && strcmp(keys[i].key->value, keys[i - 1].key->value) == 0 ?
		    first[keys[i - 1].pair] : keys[i].pair;
	free(keys);
	return first;
}

static void
syntax_error(const struct ysource *src, const yaml_parser_t *p)
{
	char msg[512];

	if (p->context)
		snprintf(msg, sizeof msg, "YAML syntax error: %s (%s at %zu:%zu)",
		    p->problem ? p->problem : "?", p->context,
		    (size_t)p->context_mark.line + 1, (size_t)p->context_mark.column + 1);
	else
		snprintf(msg, sizeof msg, "YAML syntax error: %s", p->problem ? p->problem : "?");
	if (p->error == YAML_READER_ERROR)
		yfail_offset(src, p->problem_offset, "%s", msg);
	else
		yfail_at(src, p->problem_mark.line, p->problem_mark.column, "%s", msg);
}

struct ynode *
ytree_parse(const struct ysource *src, const char *what, bool *failed)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct ynode *stack[YTREE_MAX_DEPTH + 1], *root = NULL;
	/* The kids of the open collections, in order: stack[d]'s from
	 * first[d] on; copied into the arena when the collection ends. */
	size_t first[YTREE_MAX_DEPTH + 1];
	struct ynode **pend = NULL;
	size_t npend = 0, cappend = 0;
	size_t depth = 0, docs = 0;
	bool done = false;
	struct yarena *arena = xcalloc(1, sizeof *arena);

	*failed = false;
	if (!yaml_parser_initialize(&parser))
		fatal("out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)src->text, src->len);
	while (!done) {
		struct ynode *n;

		if (!yaml_parser_parse(&parser, &ev)) {
			syntax_error(src, &parser);
			*failed = true;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				yfail_at(src, ev.start_mark.line, ev.start_mark.column,
				    "a %s holds one YAML document; found a second one here", what);
				*failed = done = true;
			}
			break;
		case YAML_ALIAS_EVENT:
			yfail_at(src, ev.start_mark.line, ev.start_mark.column,
			    "aliases (*name) are not allowed in a %s", what);
			*failed = done = true;
			break;
		case YAML_SCALAR_EVENT:
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT: {
			struct ynode *top = depth ? stack[depth - 1] : NULL;
			const yaml_char_t *tag = ev.type == YAML_SCALAR_EVENT ? ev.data.scalar.tag :
			    ev.type == YAML_MAPPING_START_EVENT ? ev.data.mapping_start.tag :
			    ev.data.sequence_start.tag;

			if (tag) {
				yfail_at(src, ev.start_mark.line, ev.start_mark.column,
				    "tags (!name) are not allowed in a %s", what);
				*failed = done = true;
				break;
			}
			if (top && top->type == 'm' && (npend - first[depth - 1]) % 2 == 0 &&
			    ev.type != YAML_SCALAR_EVENT) {
				yfail_at(src, ev.start_mark.line, ev.start_mark.column,
				    "a key must be a plain string");
				*failed = done = true;
				break;
			}
			if (ev.type != YAML_SCALAR_EVENT && depth >= YTREE_MAX_DEPTH) {
				yfail_at(src, ev.start_mark.line, ev.start_mark.column,
				    "nested deeper than %d levels", YTREE_MAX_DEPTH);
				*failed = done = true;
				break;
			}
			n = arena_alloc(arena, sizeof *n);
			memset(n, 0, sizeof *n);
			n->line = ev.start_mark.line;
			n->col = ev.start_mark.column;
			n->start = ev.start_mark.index;
			n->end = ev.end_mark.index;
			if (ev.type == YAML_SCALAR_EVENT) {
				n->type = 's';
				n->style = ev.data.scalar.style;
				n->len = ev.data.scalar.length;
				if (n->len == (size_t)-1)
					fatal("out of memory");
				{
					char *v = arena_alloc(arena, n->len + 1);

					memcpy(v, ev.data.scalar.value, n->len);
					v[n->len] = '\0';
					n->value = v;
				}
			} else {
				n->type = ev.type == YAML_MAPPING_START_EVENT ? 'm' : 'q';
			}
			if (top) {
				pend = xgrow(pend, &cappend, npend + 1, sizeof *pend);
				pend[npend++] = n;
			} else if (root == NULL) {
				root = n;
				root->arena = arena;
			} else {
				break;   /* not reached: one document */
			}
			if (n->type != 's') {
				first[depth] = npend;
				stack[depth++] = n;
			}
			break;
		}
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (depth) {
				struct ynode *c = stack[--depth];
				size_t k = npend - first[depth];

				c->end = ev.end_mark.index;
				c->n = k;
				if (k) {
					c->kids = arena_alloc(arena, k * sizeof *c->kids);
					memcpy(c->kids, pend + first[depth], k * sizeof *c->kids);
				}
				npend = first[depth];
			}
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	free(pend);
	if (*failed || root == NULL) {
		struct ynode tmp = {0};

		tmp.arena = arena;
		ytree_free(&tmp);
		return NULL;
	}
	return root;
}

struct ynode *
ytree_unflatten(const struct yflat_node *nodes, size_t count, const unsigned char *pool,
    size_t pool_len)
{
	struct yarena *arena = xcalloc(1, sizeof *arena);
	struct ynode *root = NULL, **all = NULL;
	size_t i, next = 1;

	if (count == 0)
		fatal("internal error: an empty flat tree");
	/* all[i - 1] is node i: every kid list is a run of it. */
	if (count > 1)
		all = arena_alloc(arena, (count - 1) * sizeof *all);
	for (i = 0; i < count; i++) {
		const struct yflat_node *f = &nodes[i];
		struct ynode *n = arena_alloc(arena, sizeof *n);

		n->type = (char)f->type;
		n->style = (yaml_scalar_style_t)f->style;
		n->value = NULL;
		n->len = 0;
		n->line = f->line;
		n->col = f->col;
		n->start = f->start;
		n->end = f->end;
		n->n = 0;
		n->kids = NULL;
		n->arena = NULL;
		if (f->type == 's') {
			if (f->value >= pool_len || f->len >= pool_len - f->value ||
			    pool[f->value + f->len] != '\0')
				fatal("internal error: flat tree node %zu: value out of its pool", i);
			n->value = (const char *)pool + f->value;
			n->len = f->len;
		} else if (f->type == 'm' || f->type == 'q') {
			if (f->n > count - next)
				fatal("internal error: flat tree node %zu: kids past the end", i);
			n->n = f->n;
			n->kids = f->n ? all + (next - 1) : NULL;
			next += f->n;
		} else {
			fatal("internal error: flat tree node %zu: type %d", i, f->type);
		}
		if (i == 0) {
			root = n;
			root->arena = arena;
		} else {
			all[i - 1] = n;
		}
	}
	if (next != count)
		fatal("internal error: flat tree: %zu nodes, %zu of them kids", count, next - 1);
	return root;
}
