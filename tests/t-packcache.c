/* SPDX-License-Identifier: MIT */
/* Unit tests: the pack cache (issue 14, start-up).  Every bundled pack is
 * embedded with the bytes of rules/ as they are now; its cached tree is the
 * tree libyaml gives, node by node (type, style, value bytes and length,
 * line, col, start, end, kid count); a text one byte away from a bundled
 * pack is not served; a broken flat table is refused. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "packcache.h"
#include "tap.h"
#include "util.h"
#include "yamltree.h"

/* The first difference between trees a (libyaml) and b (cache), written
 * into why; *count: the nodes compared. */
static bool
same_tree(const struct ynode *a, const struct ynode *b, const char *path, size_t *count,
    char *why, size_t cap)
{
	size_t i;

	++*count;
	if (a->type != b->type || a->style != b->style || a->len != b->len || a->line != b->line ||
	    a->col != b->col || a->start != b->start || a->end != b->end || a->n != b->n) {
		snprintf(why, cap,
		    "%s: libyaml %c style %d len %zu at %zu:%zu [%zu,%zu) n %zu; "
		    "cache %c style %d len %zu at %zu:%zu [%zu,%zu) n %zu",
		    path, a->type, (int)a->style, a->len, a->line, a->col, a->start, a->end, a->n,
		    b->type, (int)b->style, b->len, b->line, b->col, b->start, b->end, b->n);
		return false;
	}
	if (a->type == 's') {
		if (b->value == NULL || memcmp(a->value, b->value, a->len) != 0 ||
		    b->value[b->len] != '\0') {
			snprintf(why, cap, "%s: value '%s' != '%s'", path, a->value,
			    b->value ? b->value : "(null)");
			return false;
		}
		return true;
	}
	if (b->value != NULL) {
		snprintf(why, cap, "%s: a collection with a value", path);
		return false;
	}
	for (i = 0; i < a->n; i++) {
		char sub[512];

		if (a->type == 'm' && i % 2 == 1)
			snprintf(sub, sizeof sub, "%.400s/%.80s", path, a->kids[i - 1]->value);
		else
			snprintf(sub, sizeof sub, "%.400s/%zu", path, i);
		if (!same_tree(a->kids[i], b->kids[i], sub, count, why, cap))
			return false;
	}
	return true;
}

static struct ynode *
libyaml_tree(const char *name, const char *text, size_t len)
{
	struct buf errs = {0};
	size_t nerr = 0;
	bool failed;
	const struct ysource src = {name, text, len, COL_CHAR, 1, &errs, &nerr};
	struct ynode *root = ytree_parse(&src, "pack", &failed);

	if (failed)
		diag("%s: %s", name, errs.data);
	buf_free(&errs);
	return failed ? NULL : root;
}

/* The number of packs (*.yaml) in rules/ (the tests run in the source tree). */
static size_t
count_rules(void)
{
	DIR *d = opendir("rules");
	struct dirent *e;
	size_t n = 0, l;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".yaml") == 0)
			n++;
	}
	closedir(d);
	return n;
}

/* ytree_unflatten of a broken table, in a child: it must exit 2 (fatal). */
static int
unflatten_status(const struct yflat_node *nodes, size_t count, const unsigned char *pool,
    size_t plen)
{
	int st;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(3);
		ytree_free(ytree_unflatten(nodes, count, pool, plen));
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

int
main(void)
{
	size_t i, npacks = packcache_count(), total = 0;

	is_int(npacks, count_rules(), "every rules/*.yaml is embedded (%zu packs)", npacks);
	for (i = 0; i < npacks; i++) {
		const char *name, *text;
		size_t len, flen = 0, count = 0;
		unsigned char *file = NULL;
		char *path, why[2048] = "";
		struct ynode *a, *b;

		text = packcache_pack(i, &len, &name);
		path = xasprintf("rules/%s", name);
		ok(read_file(path, &file, &flen) == 0 && flen == len && memcmp(file, text, len) == 0,
		    "%s: the embedded bytes are the file's", path);
		/* Both from a copy of the bytes (not the embedded array). */
		{
			char *copy = xmalloc(len);

			memcpy(copy, text, len);
			a = libyaml_tree(path, copy, len);
			b = packcache_tree(copy, len);
			free(copy);
		}
		ok(a != NULL && b != NULL, "%s: read by libyaml and served by the cache", path);
		if (a && b) {
			bool same = same_tree(a, b, name, &count, why, sizeof why);

			ok(same, "%s: the cached tree is libyaml's, node by node (%zu nodes)", path, count);
			if (why[0])
				diag("%s", why);
			total += count;
		}
		ytree_free(a);
		ytree_free(b);

		/* One byte away: never served. */
		{
			char *copy = xmalloc(len + 1);
			struct ynode *t;

			memcpy(copy, text, len);
			copy[len / 2] ^= 0x01;
			t = packcache_tree(copy, len);
			ok(t == NULL, "%s: one byte changed (offset %zu): not from the cache", path, len / 2);
			ytree_free(t);
			copy[len / 2] ^= 0x01;
			copy[len - 1] ^= 0x20;
			t = packcache_tree(copy, len);
			ok(t == NULL, "%s: its last byte changed: not from the cache", path);
			ytree_free(t);
			copy[len - 1] ^= 0x20;
			copy[len] = '\n';
			t = packcache_tree(copy, len + 1);
			ok(t == NULL, "%s: one byte more: not from the cache", path);
			ytree_free(t);
			t = packcache_tree(copy, len - 1);
			ok(t == NULL, "%s: one byte less: not from the cache", path);
			ytree_free(t);
			free(copy);
		}
		free(path);
		free(file);
	}
	ok(total > 1000, "%zu nodes compared in all", total);
	ok(packcache_tree("", 0) == NULL, "an empty text: not from the cache");

	/* A broken table is a build bug: refused (exit 2), never followed. */
	{
		static const unsigned char pool[] = "k\0v";
		const struct yflat_node good[3] = {
			{0, 0, 0, 0, 0, 4, 2, 'm', 0},
			{0, 1, 0, 0, 0, 1, 0, 's', 1},
			{2, 1, 0, 3, 3, 4, 0, 's', 1},
		};
		struct yflat_node bad[3];
		struct ynode *t = ytree_unflatten(good, 3, pool, sizeof pool);

		ok(t && t->type == 'm' && t->n == 2 && strcmp(t->kids[0]->value, "k") == 0 &&
		    strcmp(t->kids[1]->value, "v") == 0 && t->kids[1]->col == 3,
		    "a small flat tree: {k: v}");
		ytree_free(t);
		memcpy(bad, good, sizeof bad);
		bad[0].n = 3;
		is_int(unflatten_status(bad, 3, pool, sizeof pool), 2, "kids past the end: fatal");
		memcpy(bad, good, sizeof bad);
		bad[0].n = 1;
		is_int(unflatten_status(bad, 3, pool, sizeof pool), 2, "a node nobody's kid: fatal");
		memcpy(bad, good, sizeof bad);
		bad[2].value = 3;
		is_int(unflatten_status(bad, 3, pool, sizeof pool), 2, "a value past its pool: fatal");
		memcpy(bad, good, sizeof bad);
		bad[1].len = 2;
		is_int(unflatten_status(bad, 3, pool, sizeof pool), 2, "a value without its NUL: fatal");
		memcpy(bad, good, sizeof bad);
		bad[1].type = 'x';
		is_int(unflatten_status(bad, 3, pool, sizeof pool), 2, "an unknown type: fatal");
	}
	return done_testing();
}
