/* SPDX-License-Identifier: MIT */
/** \file fuzz_lint.c
 * \brief libFuzzer target: one file's bytes through decode → document →
 *        outline → every default rule → the gcc formatter.
 *
 * The default packs (rules/) are loaded once in LLVMFuzzerInitialize.  The
 * input is linted with encoding detection and --binary (so that NUL bytes
 * reach the later stages too), then every finding is positioned in every
 * column unit and printed with --show-source to /dev/null.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "lint.h"
#include "pack.h"

#include "common.h"
#include "report.h"


int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ruleset *rules;
static struct regex_scratch *scratch;
static FILE *devnull;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	rules = fuzz_load_rules("fuzz_lint");
	scratch = regex_scratch_new();
	devnull = fopen("/dev/null", "w");
	if (devnull == NULL)
		exit(1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lint_settings ls = {.encoding = ENC_AUTO, .binary = true};
	struct lint_result res;
	struct report_ctx rc = {0};
	const struct formatter *fmt = formatter_find("gcc");
	size_t i, u;

	lint_bytes(rules, &ls, "fuzz.txt", data, size, scratch, &res);
	if (res.doc) {
		const struct findings *f = res.findings;

		rc.out = devnull;
		rc.origin = 1;
		rc.rules = rules;
		for (u = 0; u < COL__COUNT; u++) {
			rc.unit = (enum column_unit)u;
			for (i = 0; i < findings_count(f); i++) {
				size_t line, col;

				report_position(&rc, res.doc, findings_get(f, i).start, &line, &col);
				report_position(&rc, res.doc, findings_get(f, i).end, &line, &col);
				if (line == 0 || line > doc_line_count(res.doc) + 1)
					abort();
			}
		}
		rc.unit = COL_DISPLAY;
		rc.show_source = true;
		fmt->file(&rc, res.doc, f);
	}
	lint_result_free(&res);
	return 0;
}
