/* SPDX-License-Identifier: MIT */
/** \file fuzz_lint.c
 * \brief libFuzzer target: one file's bytes through decode → document →
 *        outline → every default rule → the gcc formatter.
 *
 * The default packs (rules/) are loaded once in LLVMFuzzerInitialize.  The
 * input is linted with encoding detection and --binary (so that NUL bytes
 * reach the later stages too), then every finding is positioned in every
 * column unit and printed with --show-source to /dev/null.
 *
 * Differential: the input is linted a second time with a scratch made
 * under GWLINT_NO_PRESCAN (every search and every mark walk done without
 * the document's shared pass, the reference); the findings must be the
 * same (spans, rules, messages), unless a rule hit its limit (the two ways
 * spend a rule's budget differently).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "pack.h"

#include "common.h"
#include "report.h"


int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ruleset *rules;
static struct regex_scratch *scratch;
static struct regex_scratch *plain;  /* GWLINT_NO_PRESCAN */
static FILE *devnull;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	rules = fuzz_load_rules("fuzz_lint");
	scratch = regex_scratch_new();
	setenv("GWLINT_NO_PRESCAN", "1", 1);
	plain = regex_scratch_new();
	unsetenv("GWLINT_NO_PRESCAN");
	devnull = fopen("/dev/null", "w");
	if (devnull == NULL)
		exit(1);
	return 0;
}

static bool
hit_limit(const struct findings *f)
{
	size_t i;

	for (i = 0; i < findings_count(f); i++)
		if (strcmp(findings_get(f, i).rule, "rule-limit") == 0)
			return true;
	return false;
}

/* The findings with and without the shared pass: abort when they differ. */
static void
compare_plain(const uint8_t *data, size_t size, const struct lint_result *res)
{
	struct lint_settings ls = {.encoding = ENC_AUTO, .binary = true};
	struct lint_result ref;
	size_t i;

	lint_bytes(rules, &ls, "fuzz.txt", data, size, plain, &ref);
	if ((res->doc == NULL) != (ref.doc == NULL))
		abort();
	if (res->doc && !hit_limit(res->findings) && !hit_limit(ref.findings)) {
		if (findings_count(res->findings) != findings_count(ref.findings))
			abort();
		for (i = 0; i < findings_count(ref.findings); i++) {
			struct finding a = findings_get(res->findings, i), b = findings_get(ref.findings, i);

			if (a.start != b.start || a.end != b.end || strcmp(a.rule, b.rule) != 0 ||
			    strcmp(a.message, b.message) != 0)
				abort();
		}
	}
	lint_result_free(&ref);
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
	compare_plain(data, size, &res);
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
