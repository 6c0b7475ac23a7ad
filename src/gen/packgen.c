/* SPDX-License-Identifier: MIT */
/** \file packgen.c
 * \brief The build-time generator of the pack cache (packcache.h).
 *
 * `packgen OUT.c PACK.yaml...` reads each pack with ytree_parse (the same
 * reader gwlint runs) and writes OUT.c: the packs' bytes, their trees
 * flattened breadth-first into struct yflat_node (numbers only: offsets
 * into one pool of NUL-terminated values, each distinct value once), and
 * one packcache_entry per pack.  A pack that does not read cleanly (a YAML
 * error, an empty file) is left out with a note on stderr: gwlint then reads
 * it with libyaml and reports its errors as for any pack.  Writes OUT.c.tmp
 * and renames it, so a failed run leaves no half file behind.
 *
 * Then it loads the packs with ruleset_load and writes, for each of their
 * patterns without variables, its literal prefilters and its compiled code
 * as PCRE2 serializes it (patcache.h; a pack set that does not load gives
 * none, with a note).
 *
 * Linked with gwlint's objects; it has no packs of its own, so it defines
 * the empty tables packcache.c and patcache.c read (packcache_count() and
 * patcache_count() are 0 here).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "../patcache.h"
#include "../pack.h"
#include "../packcache.h"
#include "../regex.h"
#include "../util.h"
#include "../yamltree.h"

/* The generator's stand-in for the generated tables: no pack. */
const unsigned char packcache_bytes[1];
const size_t packcache_pool = 0, packcache_bytes_len = 0;
const struct yflat_node packcache_nodes[1];
const struct packcache_entry packcache_entries[1];
const size_t packcache_npacks = 0;
const int packcache_validated = 0;
const unsigned char patcache_bytes[1];
const struct patcache_entry patcache_entries[1];
const unsigned char patcache_code_bytes[1];
const size_t patcache_n = 0;

/* The pool of values and names: each distinct string once, NUL after it,
 * found again through an open-addressing index. */
struct pool {
	struct buf b;
	size_t *slot;             /* offset + 1; 0: empty */
	size_t nslot, used;
};

static size_t
hash_bytes(const char *s, size_t n)
{
	size_t h = (size_t)14695981039346656037ull, i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * (size_t)1099511628211ull;
	return h ^ (h >> 29);
}

static size_t
pool_len_at(const struct pool *p, size_t off)
{
	/* The stored length: the bytes up to the NUL that ends the entry
	 * (values may hold a NUL: those are matched by length below). */
	return strlen(p->b.data + off);
}

static void pool_rehash(struct pool *p);

static size_t
pool_add(struct pool *p, const char *s, size_t n)
{
	size_t h, off;

	if (memchr(s, '\0', n) != NULL) {
		/* A value holding a NUL is stored on its own (not indexed). */
		off = p->b.len;
		buf_append(&p->b, s, n);
		buf_putc(&p->b, '\0');
		return off;
	}
	if (2 * (p->used + 1) > p->nslot)
		pool_rehash(p);
	for (h = hash_bytes(s, n) & (p->nslot - 1);; h = (h + 1) & (p->nslot - 1)) {
		if (p->slot[h] == 0)
			break;
		off = p->slot[h] - 1;
		if (pool_len_at(p, off) == n && memcmp(p->b.data + off, s, n) == 0)
			return off;
	}
	off = p->b.len;
	buf_append(&p->b, s, n);
	buf_putc(&p->b, '\0');
	p->slot[h] = off + 1;
	p->used++;
	return off;
}

static void
pool_rehash(struct pool *p)
{
	size_t nslot = p->nslot ? 2 * p->nslot : 1024, i;
	size_t *slot = xcalloc(nslot, sizeof *slot);

	for (i = 0; i < p->nslot; i++) {
		size_t off, h;

		if (p->slot[i] == 0)
			continue;
		off = p->slot[i] - 1;
		h = hash_bytes(p->b.data + off, pool_len_at(p, off)) & (nslot - 1);
		while (slot[h] != 0)
			h = (h + 1) & (nslot - 1);
		slot[h] = p->slot[i];
	}
	free(p->slot);
	p->slot = slot;
	p->nslot = nslot;
}

static uint32_t
u32(size_t x, const char *what, const char *file)
{
	if (x > UINT32_MAX)
		fatal("packgen: %s: %s does not fit the cache's 32-bit fields", file, what);
	return (uint32_t)x;
}

/* Append root's tree to *nodes, breadth-first (see struct yflat_node). */
static void
flatten(const struct ynode *root, struct pool *pool, struct yflat_node **nodes,
    size_t *nnodes, size_t *cap, const char *file)
{
	const struct ynode **queue = xmalloc(sizeof *queue);
	size_t qcap = 1, head = 0, tail = 0;

	queue[tail++] = root;
	while (head < tail) {
		const struct ynode *n = queue[head++];
		struct yflat_node f;
		size_t k;

		memset(&f, 0, sizeof f);
		f.type = (unsigned char)n->type;
		f.style = (unsigned char)n->style;
		f.line = u32(n->line, "a line", file);
		f.col = u32(n->col, "a column", file);
		f.start = u32(n->start, "an index", file);
		f.end = u32(n->end, "an index", file);
		if (n->type == 's') {
			f.value = u32(pool_add(pool, n->value, n->len), "the pool", file);
			f.len = u32(n->len, "a value's length", file);
		} else {
			f.n = u32(n->n, "a collection", file);
			queue = xgrow(queue, &qcap, tail + n->n, sizeof *queue);
			for (k = 0; k < n->n; k++)
				queue[tail++] = n->kids[k];
		}
		*nodes = xgrow(*nodes, cap, *nnodes + 1, sizeof **nodes);
		(*nodes)[(*nnodes)++] = f;
	}
	free(queue);
}

static void
put_bytes(struct buf *out, const unsigned char *s, size_t n, size_t *col)
{
	size_t i, before;

	for (i = 0; i < n; i++) {
		before = out->len;
		buf_printf(out, "%u,", (unsigned)s[i]);
		*col += out->len - before;
		if (*col >= 96) {
			buf_putc(out, '\n');
			*col = 0;
		}
	}
}

/* Write b to path through path.tmp, renamed over it when all is written. */
static void
write_out(const char *path, const struct buf *b)
{
	char *tmp = xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	bool bad = true;

	if (f != NULL) {
		bad = fwrite(b->data, 1, b->len, f) != b->len;
		bad |= fclose(f) != 0;
	}
	if (bad || rename(tmp, path) != 0)
		fatal("packgen: cannot write %s", path);
	free(tmp);
}

/* ---- the bundled patterns: literal prefilters and code (patcache.h) ---- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add s to *list (a candidate: whether it is a pattern is decided later). */
static void
add_string(const char *s, char ***list, size_t *n, size_t *cap)
{
	if (s == NULL || *s == '\0')
		return;
	*list = xgrow(*list, cap, *n + 1, sizeof **list);
	(*list)[(*n)++] = xstrdup(s);
}

/*
 * The bundled packs loaded as gwlint loads them; every distinct string value
 * of each rule's own keys (its kind's table; the shared keys and the
 * templates aside) that compiles as a pattern without variables (what
 * regex_serialize takes) is analysed, and its literal prefilters and its
 * serialized code go into out as patcache_bytes, patcache_code_bytes,
 * patcache_entries and patcache_n.  Packs that do not load give no entries
 * (with their errors): gwlint then analyses and compiles at run time, and
 * checks the packs in full (packcache_validated).  Whether they loaded.
 */
static bool
gen_patterns(struct buf *out, const char *const *packs, size_t npacks, size_t *nout)
{
	char *err = NULL, **list = NULL;
	size_t n = 0, cap = 0, i, k, col = 0, u = 0;
	struct ruleset *rs = ruleset_load(packs, npacks, npacks, COL_CHAR, 1, &err);
	const bool loaded = rs != NULL;
	struct buf bytes = {0}, ents = {0}, codes = {0};

	if (rs == NULL) {
		fprintf(stderr, "packgen: the bundled packs have errors, which gwlint will report "
		    "at every run (no prefilter or code embedded):\n%s\n", err ? err : "?");
		free(err);
	}
	for (i = 0; rs != NULL && i < ruleset_count(rs); i++) {
		const struct rule *r = ruleset_rule(rs, i);
		const struct kind_key *key;

		for (key = r->kind->keys; key->name != NULL; key++) {
			const char *base = (const char *)r->params + key->offset;

			if (key->flags & (KEY_COMMON | KEY_TEMPLATE))
				continue;
			if (key->type == KT_STR) {
				add_string(*(char *const *)base, &list, &n, &cap);
			} else if (key->type == KT_STRS) {
				char *const *v = *(char *const *const *)base;
				unsigned cnt = *(const unsigned *)((const char *)r->params +
				    key->count_offset);

				for (k = 0; k < cnt; k++)
					add_string(v[k], &list, &n, &cap);
			}
		}
	}
	ruleset_free(rs);
	if (n > 0)
		qsort(list, n, sizeof *list, cmp_str);
	buf_printf(&ents, "\n/* pattern, data, len, code, code_len (in strcmp order of the "
	    "patterns) */\n"
	    "const struct patcache_entry patcache_entries[] = {\n");
	for (i = 0; i < n; i++) {
		struct litset starts;
		struct litreq req;
		bool have;
		size_t pat, data, code, clen = 0;
		unsigned char *ser = NULL;

		if (i > 0 && strcmp(list[i], list[i - 1]) == 0)
			continue;
		if (!regex_serialize(list[i], &ser, &clen))
			continue; /* not a pattern, or one with variables */
		u++;
		memset(&starts, 0, sizeof starts);
		memset(&req, 0, sizeof req);
		have = literal_analyse(list[i], &starts, &req);
		pat = bytes.len;
		buf_append(&bytes, list[i], strlen(list[i]) + 1);
		data = bytes.len;
		patcache_encode(&bytes, have, &starts, &req);
		code = codes.len;
		buf_append(&codes, ser, clen);
		while (codes.len % 8 != 0)
			buf_putc(&codes, '\0');
		free(ser);
		buf_printf(&ents, "{%u,%u,%u,%u,%u},\n", u32(pat, "a pattern", "patcache"),
		    u32(data, "a result", "patcache"), u32(bytes.len - data, "a result", "patcache"),
		    u32(code, "a code", "patcache"), u32(clen, "a code", "patcache"));
	}
	if (u == 0)
		buf_printf(&ents, "{0,0,0,0,0}\n");
	buf_printf(&ents, "};\nconst size_t patcache_n = %zu;\n", u);
	buf_printf(out, "\n/* the literal prefilters of %zu bundled patterns (patcache.h): "
	    "each pattern, NUL, its encoded result */\nconst unsigned char patcache_bytes[] = {\n", u);
	put_bytes(out, (const unsigned char *)bytes.data, bytes.len, &col);
	if (bytes.len == 0)
		buf_putc(out, '0');
	buf_printf(out, "\n};\n");
	buf_printf(out, "\n/* their codes as PCRE2 %d.%d serializes them (regex_serialize), each "
	    "at a multiple of 8 */\n_Alignas(8) const unsigned char patcache_code_bytes[] = {\n",
	    PCRE2_MAJOR, PCRE2_MINOR);
	col = 0;
	put_bytes(out, (const unsigned char *)codes.data, codes.len, &col);
	if (codes.len == 0)
		buf_putc(out, '0');
	buf_printf(out, "\n};\n");
	buf_append(out, ents.data, ents.len);
	*nout = u;
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
	buf_free(&bytes);
	buf_free(&ents);
	buf_free(&codes);
	return loaded;
}

int
main(int argc, char **argv)
{
	struct pool pool;
	struct buf text = {0}, out = {0};
	struct packcache_entry *ents = NULL;
	struct yflat_node *nodes = NULL;
	size_t nents = 0, capents = 0, nnodes = 0, capnodes = 0, i, col = 0, npats = 0;
	int a, validated;

	if (argc < 2)
		fatal("usage: packgen OUT.c PACK.yaml...");
	memset(&pool, 0, sizeof pool);
	for (a = 2; a < argc; a++) {
		const char *file = argv[a], *base = strrchr(file, '/');
		unsigned char *data;
		size_t len, nerr = 0;
		struct buf errs = {0};
		struct ynode *root;
		bool failed;
		struct packcache_entry e;

		if (read_file(file, &data, &len) != 0)
			fatal("packgen: cannot read %s", file);
		{
			const struct ysource src = {file, (const char *)data, len, COL_CHAR, 1,
			    &errs, &nerr};

			root = ytree_parse(&src, "pack", &failed);
		}
		if (failed || root == NULL) {
			fprintf(stderr, "packgen: %s is not embedded (%s); gwlint reads it with libyaml\n",
			    file, failed ? "a YAML error" : "empty");
			buf_free(&errs);
			free(data);
			continue;
		}
		memset(&e, 0, sizeof e);
		e.name = u32(pool_add(&pool, base ? base + 1 : file, strlen(base ? base + 1 : file)),
		    "the pool", file);
		e.text = u32(text.len, "the packs' bytes", file);
		e.len = u32(len, "a pack's length", file);
		e.node = u32(nnodes, "the node table", file);
		buf_append(&text, data, len);
		flatten(root, &pool, &nodes, &nnodes, &capnodes, file);
		e.nnode = u32(nnodes - e.node, "a tree", file);
		ents = xgrow(ents, &capents, nents + 1, sizeof *ents);
		ents[nents++] = e;
		ytree_free(root);
		buf_free(&errs);
		free(data);
	}
	(void)u32(text.len + pool.b.len, "the packs' bytes and the pool", argv[1]);

	buf_printf(&out, "/* Generated by packgen (src/gen/packgen.c) from the bundled packs:\n"
	    " * never edited, never committed.  See src/packcache.h. */\n"
	    "#include \"patcache.h\"\n#include \"packcache.h\"\n\n");
	for (i = 0; i < nents; i++)
		buf_printf(&out, "/* pack %zu: %s, %u bytes, %u nodes */\n", i,
		    pool.b.data + ents[i].name, ents[i].len, ents[i].nnode);
	buf_printf(&out, "\nconst size_t packcache_npacks = %zu;\n", nents);
	buf_printf(&out, "const size_t packcache_pool = %zu, packcache_bytes_len = %zu;\n",
	    text.len, text.len + pool.b.len);
	buf_printf(&out, "\n/* the packs' bytes, then the pool */\nconst unsigned char packcache_bytes[] = {\n");
	put_bytes(&out, (const unsigned char *)text.data, text.len, &col);
	put_bytes(&out, (const unsigned char *)pool.b.data, pool.b.len, &col);
	if (text.len + pool.b.len == 0)
		buf_putc(&out, '0');
	buf_printf(&out, "\n};\n\n/* value, len, line, col, start, end, n, type, style */\n"
	    "const struct yflat_node packcache_nodes[] = {\n");
	for (i = 0; i < nnodes; i++) {
		const struct yflat_node *f = &nodes[i];

		buf_printf(&out, "{%u,%u,%u,%u,%u,%u,%u,'%c',%u},\n", f->value, f->len, f->line, f->col,
		    f->start, f->end, f->n, f->type, f->style);
	}
	if (nnodes == 0)
		buf_printf(&out, "{0,0,0,0,0,0,0,0,0}\n");
	buf_printf(&out, "};\n\n/* name, text, len, node, nnode */\n"
	    "const struct packcache_entry packcache_entries[] = {\n");
	for (i = 0; i < nents; i++)
		buf_printf(&out, "{%u,%u,%u,%u,%u},\n", ents[i].name, ents[i].text, ents[i].len,
		    ents[i].node, ents[i].nnode);
	if (nents == 0)
		buf_printf(&out, "{0,0,0,0,0}\n");
	buf_printf(&out, "};\n");
	/* gen_patterns loads the packs as gwlint does, every check of the
	 * loader: a run then checks only their rules' ids (packcache_checked). */
	validated = gen_patterns(&out, (const char *const *)argv + 2, (size_t)argc - 2, &npats) &&
	    nents == (size_t)argc - 2;
	buf_printf(&out, "\n/* every pack embedded, and they loaded without error */\n"
	    "const int packcache_validated = %d;\n", validated);
	write_out(argv[1], &out);
	fprintf(stderr, "packgen: %zu packs, %zu bytes, %zu nodes, a pool of %zu bytes; "
	    "%zu patterns' literal prefilters and code\n", nents, text.len, nnodes, pool.b.len, npats);
	buf_free(&out);
	buf_free(&text);
	buf_free(&pool.b);
	free(pool.slot);
	free(nodes);
	free(ents);
	return 0;
}
