/* SPDX-License-Identifier: MIT */
/* One read of the package for both passes (docx_layout.h): the layout the
 * text reader feeds while it parses styles and the main part equals the one
 * docx_layout_read() reads on its own, for every layout fixture and every
 * .docx twin of the corpus seeds. */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>

#include "input/docx.h"
#include "input/docx_layout.h"
#include "tap.h"
#include "util.h"
#include "../fuzz/docx_layout_same.h"

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = {0};
	char chunk[65536];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return (unsigned char *)buf_steal(&b);
}

int
main(void)
{
	static const char *const pats[] = {"tests/fixtures/layout-*.docx",
		"tests/fixtures/docx-twins/*.docx"};
	glob_t g[2];
	size_t i, k, total = 0;

	for (k = 0; k < 2; k++) {
		if (glob(pats[k], 0, NULL, &g[k]) != 0)
			g[k].gl_pathc = 0;
		total += g[k].gl_pathc;
	}
	plan((int)total + 1);
	ok(total > 60, "fixtures found (%zu)", total);
	for (k = 0; k < 2; k++) {
		for (i = 0; i < g[k].gl_pathc; i++) {
			const char *path = g[k].gl_pathv[i];
			size_t len = 0;
			unsigned char *data = slurp(path, &len);
			struct docx *d = NULL;
			char *err = NULL;
			struct docx_layout *alone;
			const char *diff = "not read";

			if (data && docx_read(data, len, NULL, &d, &err) == 0) {
				alone = docx_layout_read(data, len, NULL);
				diff = docx_layout(d) == NULL ? "no layout" : docx_layout_diff(docx_layout(d), alone);
				docx_layout_free(alone);
				docx_free(d);
			}
			ok(diff == NULL, "%s: the fed layout equals the one read alone%s%s", path,
			    diff ? ": differs in " : "", diff ? diff : "");
			free(err);
			free(data);
		}
		if (g[k].gl_pathc)
			globfree(&g[k]);
	}
	return done_testing();
}
