/* SPDX-License-Identifier: MIT */
/** \file driver.c
 * \brief A main() for a fuzz target built without libFuzzer: runs each
 *        file named on the command line (a directory: each file in it,
 *        in name order) through LLVMFuzzerTestOneInput once.
 *
 * Built with gcc and ASan+UBSan by `make tests`, so that make check runs
 * every target's regression inputs (tests/fuzz-regress/NAME/) through the
 * target's own code without clang.  A crash or a sanitizer report ends the
 * run with a non-zero status; an unreadable file is exit status 2.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

/* Optional, as with libFuzzer: a target without it leaves it undefined. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
run_file(const char *path)
{
	unsigned char *data;
	uint8_t *copy;
	size_t len;

	if (read_file(path, &data, &len) != 0) {
		perror(path);
		return 2;
	}
	/* an exact-size copy, as libFuzzer passes, so ASan sees a read past it */
	copy = xmalloc(len ? len : 1);
	if (len)
		memcpy(copy, data, len);
	free(data);
	LLVMFuzzerTestOneInput(copy, len);
	free(copy);
	return 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
run_path(const char *path)
{
	struct stat st;
	struct dirent *de;
	DIR *d;
	char **names = NULL;
	size_t nnames = 0, i;
	int rc = 0;

	if (stat(path, &st) != 0) {
		perror(path);
		return 2;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	d = opendir(path);
	if (d == NULL) {
		perror(path);
		return 2;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = xrealloc(names, (nnames + 1) * sizeof *names);
		names[nnames++] = xasprintf("%s/%s", path, de->d_name);
	}
	closedir(d);
	if (nnames)
		qsort(names, nnames, sizeof *names, name_cmp);
	for (i = 0; i < nnames; i++) {
		if (run_file(names[i]) != 0)
			rc = 2;
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++)
		if (run_path(argv[i]) != 0)
			rc = 2;
	return rc;
}
