/* SPDX-License-Identifier: MIT */
/** \file fuzz_fix.c
 * \brief libFuzzer target: the fix engine.  A file's bytes are linted with
 *        the bundled packs and their safe fixes applied (fix_apply, as
 *        --fix does); the fixed text must be valid UTF-8 without NUL, keep
 *        its line count, and fixing it again must change nothing.
 *
 * With GWLINT_FUZZ_FIX_RELINT=1 (the default), the re-lint of the fixed
 * text must also find no rule more often than the original had it: a fix
 * may not bring a new finding (issue 13 #10: a safe fix made a new
 * unmatched-pair error).  GWLINT_FUZZ_FIX_RELINT=0 turns that check off
 * (to fuzz the rest of the engine while the check still fails).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "fix.h"
#include "lint.h"
#include "pack.h"

#include "common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ruleset *rules;
static struct regex_scratch *scratch;
static bool relint_check = true;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *e = getenv("GWLINT_FUZZ_FIX_RELINT");

	(void)argc;
	(void)argv;
	rules = fuzz_load_rules("fuzz_fix");
	scratch = regex_scratch_new();
	relint_check = e == NULL || strcmp(e, "0") != 0;
	return 0;
}

/* Findings of rule `id` in f. */
static size_t
count_rule(const struct findings *f, const char *id)
{
	size_t i, n = 0;

	for (i = 0; i < findings_count(f); i++)
		n += strcmp(findings_get(f, i).rule, id) == 0;
	return n;
}

static size_t
lines_of(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'));
	return k;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lint_settings ls = {.encoding = ENC_AUTO};
	struct lint_result orig, fixed, again;
	struct fix_stats st;
	size_t i;

	if (size > 65536)
		return 0;
	lint_bytes(rules, &ls, "fuzz.txt", data, size, scratch, &orig);
	if (orig.doc == NULL || orig.nbad > 0) {
		/* --fix never writes a file with invalid bytes. */
		lint_result_free(&orig);
		return 0;
	}
	memset(&st, 0, sizeof st);
	if (fix_apply(rules, &ls, "fuzz.txt", &orig, scratch, &fixed, &st) == 0) {
		const char *t = doc_text(fixed.doc);
		size_t n = doc_len(fixed.doc);
		const struct findings *f = fixed.findings;

		if (utf8_valid_prefix((const unsigned char *)t, n) != n || memchr(t, '\0', n))
			abort();
		if (lines_of(t, n) != lines_of(doc_text(orig.doc), doc_len(orig.doc)))
			abort();
		if (relint_check)
			for (i = 0; i < findings_count(f); i++) {
				const char *id = findings_get(f, i).rule;

				if (count_rule(f, id) > count_rule(orig.findings, id))
					abort();
			}
		/* Fixing the fixed text changes nothing (idempotence). */
		memset(&st, 0, sizeof st);
		if (fix_apply(rules, &ls, "fuzz.txt", &fixed, scratch, &again, &st) == 0) {
			if (doc_len(again.doc) != n || memcmp(doc_text(again.doc), t, n) != 0)
				abort();
			lint_result_free(&again);
		}
		lint_result_free(&fixed);
	}
	lint_result_free(&orig);
	return 0;
}
