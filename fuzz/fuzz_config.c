/* SPDX-License-Identifier: MIT */
/** \file fuzz_config.c
 * \brief libFuzzer target: the project config loader.  The input bytes are
 *        one `.gwlint.yaml`.
 *
 * The default packs (rules/) are loaded once in LLVMFuzzerInitialize; each
 * input is written to a directory of this process's own (in /dev/shm, else
 * /tmp), looked up as --config, resolved against the rules, and asked for
 * settings, severities and include/exclude answers.  Its extra packs are
 * not loaded (they would read files named by the input).  Every error (a
 * run reports them all) must be "FILE:LINE:COL: ..." or "FILE: ..." for
 * this file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "pack.h"

#include "common.h"


int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ruleset *rules;
static char dir[64], path[96];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	rules = fuzz_load_rules("fuzz_config");
	snprintf(dir, sizeof dir, "%s/gwlint-fuzz-config-%ld",
	    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp", (long)getpid());
	mkdir(dir, 0700);
	snprintf(path, sizeof path, "%s/" CONFIG_NAME, dir);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	struct configs *cs;
	struct config *c = NULL;
	struct lint_settings base = {.encoding = ENC_AUTO};
	struct cli_rules cli = {0};
	char *err = NULL;

	if (f == NULL)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	cs = configs_new(path, (enum column_unit)(size % COL__COUNT), 1);
	if (configs_lookup(cs, "report.txt", &c, &err) != 0 ||
	    configs_resolve(cs, rules, &base, &cli, &err) != 0) {
		/* Every error, one per PACK_ERR_SEP-separated piece, is this
		 * file's; past the cap, the last piece counts the rest. */
		const char *e = err, *sep;

		if (err == NULL)
			abort();
		for (;;) {
			sep = strchr(e, PACK_ERR_SEP);
			if ((strncmp(e, path, strlen(path)) != 0 || e[strlen(path)] != ':') &&
			    !(sep == NULL && strstr(e, " more errors not shown") != NULL))
				abort();
			if (sep == NULL)
				break;
			e = sep + 1;
		}
	} else if (c != NULL) {
		const struct lint_settings *ls = config_settings(cs, c);
		size_t i;

		if (ls == NULL)
			abort();
		for (i = 0; i < ruleset_count(rules); i++)
			(void)config_severity(cs, c, rules, i);
		(void)config_wants(c, "a/b/report.txt");
		(void)config_wants(c, "notes.md");
	}
	free(err);
	configs_free(cs);
	unlink(path);
	return 0;
}
