/* SPDX-License-Identifier: MIT */
/** \file fuzz_pack.c
 * \brief libFuzzer target: the rule-pack loader.  The input bytes are one
 *        pack file.
 *
 * ruleset_load reads files, so the input is written to a file of this
 * process's own in /dev/shm (else /tmp).  A pack that loads is then run on
 * a short report, so that fuzzed patterns meet the match limits too.  Every
 * error message must be "FILE:LINE:COL: ..." for this file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lint.h"
#include "pack.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];
static struct regex_scratch *scratch;

static const char sample[] =
    "某县人民政府关于2023年度法治政府建设情况的报告\n"
    "\n"
    "市人民政府：\n"
    "　　2023年，我县深入学习贯彻习近平法治思想。\n"
    "一、主要举措和成效\n"
    "（一）强化第一责任人职责。aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n"
    "二、存在的不足和问题\n"
    "三、2024年工作安排\n"
    "某县人民政府\n"
    "2024年1月5日\n";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(path, sizeof path, "%s/gwlint-fuzz-pack-%ld.yaml",
	    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp", (long)getpid());
	scratch = regex_scratch_new();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	const char *paths[1] = {path};
	struct ruleset *rs;
	char *err = NULL;

	if (f == NULL)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	rs = ruleset_load(paths, 1, 1, (enum column_unit)(size % COL__COUNT), 1, &err);
	if (rs == NULL) {
		/* The message names the file and a position. */
		if (err == NULL || strncmp(err, path, strlen(path)) != 0 ||
		    err[strlen(path)] != ':')
			abort();
		/* libcyaml refusing a rule the validation passed is a bug: no
		 * message ("FILE:LINE:COL: message") is an internal error. */
		{
			const char *m = err;

			while (m) {
				const char *c = strchr(m + strlen(path) + 1, ':');

				c = c ? strchr(c + 1, ':') : NULL;
				if (c && strncmp(c + 1, " internal error:", 16) == 0)
					abort();
				m = strchr(m, PACK_ERR_SEP);
				m = m && strncmp(m + 1, path, strlen(path)) == 0 ? m + 1 : NULL;
			}
		}
		free(err);
	} else {
		struct lint_settings ls = {.encoding = ENC_AUTO};
		struct lint_result res;

		lint_bytes(rs, &ls, "sample.txt", (const unsigned char *)sample,
		    sizeof sample - 1, scratch, &res);
		lint_result_free(&res);
		ruleset_free(rs);
	}
	unlink(path);
	return 0;
}
