/* SPDX-License-Identifier: MIT */
/** \file fuzz_template.c
 * \brief libFuzzer target: message and fix templates.
 *
 * The input is a template, a NUL byte, then a subject.  A fixed pattern
 * with ten groups (some optional) is matched in the subject, and the
 * template is checked (template_check, as when a pack loads) and expanded
 * against the match (template_expand) and against arguments cut from the
 * subject (template_expand_args).  Nothing may crash or recurse without
 * bound (ASan's stack check), the output is bounded by the template's
 * length times the longest thing one reference can insert, and valid
 * UTF-8 in gives valid UTF-8 out.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "regex.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct regex_scratch *scratch;
static struct regex *re;
static const struct vars vars = {2023, "某县人民政府"};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *err = NULL;
	size_t off;

	(void)argc;
	(void)argv;
	scratch = regex_scratch_new();
	re = regex_new("(\\p{Han})?(.)(.)?(\\d+)?(x)?(y)?(z)?(\\$)?(\\{)?(})?(.*)", &err, &off);
	if (re == NULL)
		abort();
	return 0;
}

static void
check_out(const char *out, size_t tlen, size_t slen, bool valid_in)
{
	size_t n = strlen(out);
	size_t each = slen > strlen(vars.issuer) ? slen : strlen(vars.issuer);

	/* Each reference ($N: 2 bytes, a variable: 11 or more) inserts at most
	 * the subject or the issuer; plain text is copied once. */
	if (n > tlen * (each + 1) + 1)
		abort();
	if (valid_in && utf8_valid_prefix((const unsigned char *)out, n) != n)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	char *tmpl, *subj, *out;
	size_t tlen, slen, bad, i;
	const char *args[9];
	bool valid;

	if (nul == NULL || size > 8192)
		return 0;
	tlen = (size_t)(nul - data);
	tmpl = xstrndup((const char *)data, tlen);
	slen = size - tlen - 1;
	subj = xmalloc(slen + 1);
	memcpy(subj, nul + 1, slen);
	subj[slen] = '\0';
	/* The subject as decode() would leave it: valid UTF-8 without NUL. */
	for (i = 0; i < slen;) {
		size_t k = utf8_valid_prefix((unsigned char *)subj + i, slen - i);

		i += k;
		if (i < slen)
			subj[i++] = 0x1A;
	}
	for (i = 0; i < slen; i++)
		if (subj[i] == '\0')
			subj[i] = 0x1A;
	valid = utf8_valid_prefix((unsigned char *)tmpl, tlen) == tlen;

	(void)template_check(tmpl, &bad);
	if (bad > tlen)
		abort();
	regex_scratch_rule(scratch);
	if (regex_next(regex_code(re, scratch, &vars), scratch, subj, slen, 0) == MATCH_FOUND) {
		out = template_expand(tmpl, scratch, subj, &vars);
		check_out(out, tlen, slen, valid);
		free(out);
	}
	out = template_expand(tmpl, NULL, "", &vars);
	check_out(out, tlen, 0, valid);
	free(out);
	/* Arguments: the subject, an empty string and NULL. */
	for (i = 0; i < 9; i++)
		args[i] = i % 3 == 0 ? subj : i % 3 == 1 ? subj + slen : NULL;
	out = template_expand_args(tmpl, args, 9, &vars);
	check_out(out, tlen, slen, valid);
	free(out);
	free(tmpl);
	free(subj);
	return 0;
}
