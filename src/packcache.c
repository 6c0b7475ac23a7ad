/* SPDX-License-Identifier: MIT */
/** \file packcache.c
 * \brief The bundled packs' trees, served when the bytes are the same.
 */
#include "packcache.h"

#include <string.h>

size_t
packcache_count(void)
{
	return packcache_npacks;
}

const char *
packcache_pack(size_t i, size_t *len, const char **name)
{
	const struct packcache_entry *e = &packcache_entries[i];

	*len = e->len;
	*name = (const char *)packcache_bytes + packcache_pool + e->name;
	return (const char *)packcache_bytes + e->text;
}

bool
packcache_checked(void)
{
	return packcache_validated != 0;
}

struct ynode *
packcache_tree(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < packcache_npacks; i++) {
		const struct packcache_entry *e = &packcache_entries[i];

		if (len != 0 && e->len == len && memcmp(packcache_bytes + e->text, text, len) == 0)
			return ytree_unflatten(packcache_nodes + e->node, e->nnode,
			    packcache_bytes + packcache_pool, packcache_bytes_len - packcache_pool);
	}
	return NULL;
}
