/* SPDX-License-Identifier: MIT */
/** \file fuzz_regex.c
 * \brief libFuzzer target, differential: the prefiltered searches find
 *        exactly the matches plain PCRE2 finds.
 *
 * The input is a pattern, a NUL byte, then a text (valid UTF-8 is made of
 * it).  Every match of the pattern in the text is listed three ways: by
 * regex_next (PCRE2 alone, the reference), by regex_search with the
 * per-regex literal search, and by regex_search through the document's
 * shared pass (start lists, required-literal windows, skip branches), on
 * the whole text and on a span in its middle.  The reference runs PCRE2's
 * interpreter; the searches run it too, then, once the regex has searched
 * enough (regex.c, match_engines), its JIT copy.  And each
 * literal set of the pattern gets the same candidate list from the pass
 * when it is registered before it as when it is registered after it
 * (prescan.c's fill_one: as the first set after the pass, a memchr per
 * literal; as a later one, the document's character index).  Any
 * difference aborts.
 *
 * Known PCRE2 divergences are not gwlint's: PCRE2 10.42 (Debian 12's) has
 * inputs where its JIT and its interpreter disagree, e.g. `^\n` (any-CRLF
 * newlines, which gwlint always uses) on "ab\n\r\n\nx": the JIT also
 * starts a match between the CR and the LF.  So when a prefiltered search
 * differs from the interpreter, the same plain search is made with a JIT
 * copy of the code (the engine a busy regex's searches run); if PCRE2's
 * two engines already disagree on this input, every match the prefiltered
 * search lists must be one that one of the engines lists (the candidates
 * follow PCRE2's documented start rules, the interpreter's, while a search
 * left to PCRE2 runs the engine the regex is on, so a listing may mix the
 * two), and
 * anything else aborts.  Where the engines agree, the prefiltered
 * searches must give exactly their answer.  (FUZZ_REGEX_DEBUG=1 prints
 * the three listings of a failing input.)
 * tests/fuzz-regress/regex/pcre2-jit-anycrlf-caret-lf keeps that input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "literals.h"
#include "prescan.h"
#include "regex.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct regex_scratch *scratch;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	scratch = regex_scratch_new();
	return 0;
}

/* How all_matches finds each match. */
enum way {
	WAY_PLAIN,  /* regex_next on the regex's code: PCRE2's interpreter */
	WAY_JIT,    /* regex_next on a JIT-compiled copy of it */
	WAY_SEARCH, /* regex_search: the prefilters, then the engines */
};

/* Matches as "s-e;" pairs, or "LIMIT" when a limit stopped the search. */
static char *
all_matches(struct regex *re, const char *subj, size_t len, enum way way)
{
	const struct vars v = {2023, "某县"};
	const pcre2_code *code = regex_code(re, scratch, &v);
	pcre2_code *jit = NULL;
	struct buf b = {0};
	size_t from = 0, s, e;

	if (way == WAY_JIT && code != NULL) {
		jit = pcre2_code_copy(code);
		if (jit == NULL)
			fatal("out of memory");
		(void)pcre2_jit_compile(jit, PCRE2_JIT_COMPLETE);
	}
	buf_puts(&b, "");
	regex_scratch_rule(scratch); /* each listing has the whole budget */
	while (code != NULL && from <= len) {
		enum match_result r = way == WAY_SEARCH ?
		    regex_search(re, code, scratch, subj, len, from) :
		    regex_next(jit ? jit : code, scratch, subj, len, from);

		if (r == MATCH_NONE)
			break;
		if (r != MATCH_FOUND) {
			buf_free(&b);
			pcre2_code_free(jit);
			return xstrdup("LIMIT");
		}
		regex_group(scratch, 0, &s, &e);
		buf_printf(&b, "%zu-%zu;", s, e);
		from = e > s ? e : e + 1;
		while (from < len && ((unsigned char)subj[from] & 0xC0) == 0x80)
			from++;
	}
	pcre2_code_free(jit);
	return buf_steal(&b);
}

/* Whether the match "s-e;" at m is listed in `list`. */
static bool
listed(const char *list, const char *m)
{
	size_t n = (size_t)(strchr(m, ';') - m) + 1;
	const char *p;

	for (p = list; *p; p = strchr(p, ';') + 1)
		if (strncmp(p, m, n) == 0)
			return true;
	return false;
}

/* Whether the prefiltered listing `got` is right, `ref` being the
 * interpreter's: the same; or, on an input where PCRE2's JIT lists other
 * matches than its interpreter (a PCRE2 bug, see the top), made only of
 * matches one of the two engines lists. */
static bool
agrees(struct regex *re, const char *subj, size_t len, const char *ref, const char *got)
{
	char *jit;
	const char *m;
	bool ok;

	if (strcmp(ref, "LIMIT") == 0 || strcmp(got, "LIMIT") == 0 || strcmp(ref, got) == 0)
		return true;
	jit = all_matches(re, subj, len, WAY_JIT);
	if (strcmp(jit, "LIMIT") == 0) {
		free(jit);
		return true;
	}
	ok = strcmp(jit, ref) != 0;
	for (m = got; ok && *m; m = strchr(m, ';') + 1)
		ok = listed(ref, m) || listed(jit, m);
	if (!ok && getenv("FUZZ_REGEX_DEBUG"))
		fprintf(stderr, "ref %s\ngot %s\njit %s\n", ref, got, jit);
	free(jit);
	return ok;
}

/* Compare the three ways over subj[0..len); abort on a difference. */
static void
compare(struct regex *re, const char *doc, size_t doclen, const char *subj, size_t len)
{
	char *ref = all_matches(re, subj, len, WAY_PLAIN), *got;

	regex_scratch_doc(scratch, NULL, 0);
	got = all_matches(re, subj, len, WAY_SEARCH);
	if (!agrees(re, subj, len, ref, got))
		abort();
	free(got);
	regex_scratch_doc(scratch, doc, doclen);
	got = all_matches(re, subj, len, WAY_SEARCH);
	regex_scratch_doc(scratch, NULL, 0);
	if (!agrees(re, subj, len, ref, got))
		abort();
	free(got);
	free(ref);
}

/* The list of `ls` over text[0..len): registered before the document's
 * pass and after it; abort when they differ. */
static void
compare_lists(const struct litset *ls, const char *text, size_t len)
{
	struct prescan *early = prescan_new(), *late = prescan_new(), *later = prescan_new();
	struct litset other, other2;
	const uint32_t *a = NULL, *b = NULL, *c = NULL;
	size_t na = 0, nb = 0, nc = 0;
	int sa, sb, sc;

	(void)litset_of_chars("\x01", &other);
	(void)litset_of_chars("\x02", &other2);
	prescan_doc(early, text, len);
	sa = prescan_slot(early, ls, ls);
	prescan_doc(late, text, len);
	(void)prescan_slot(late, &other, &other);
	sb = prescan_slot(late, ls, ls);
	/* the second set after the pass: from the character index */
	prescan_doc(later, text, len);
	(void)prescan_slot(later, &other, &other);
	(void)prescan_slot(later, &other2, &other2);
	sc = prescan_slot(later, ls, ls);
	if (sa >= 0)
		a = prescan_list(early, sa, &na);
	if (sb >= 0)
		b = prescan_list(late, sb, &nb);
	if (sc >= 0)
		c = prescan_list(later, sc, &nc);
	if ((sa < 0) != (sb < 0) || na != nb || (na && memcmp(a, b, na * sizeof *a) != 0))
		abort();
	if ((sa < 0) != (sc < 0) || na != nc || (na && memcmp(a, c, na * sizeof *a) != 0))
		abort();
	prescan_free(early);
	prescan_free(late);
	prescan_free(later);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	char *pat, *text, *err = NULL;
	size_t off, tlen, i, a, b;
	struct regex *re;

	if (nul == NULL || size > 4096)
		return 0;
	pat = xstrndup((const char *)data, (size_t)(nul - data));
	tlen = size - (size_t)(nul - data) - 1;
	text = xmalloc(tlen + 1);
	memcpy(text, nul + 1, tlen);
	text[tlen] = '\0';
	/* The text as decode() leaves it: valid UTF-8 without NUL. */
	for (i = 0; i < tlen;) {
		size_t k = utf8_seq_len((unsigned char)text[i]), j;
		bool ok = k <= tlen - i && text[i] != '\0' &&
		    !((unsigned char)text[i] >= 0x80 && k == 1);

		for (j = 1; ok && j < k; j++)
			ok = ((unsigned char)text[i + j] & 0xC0) == 0x80;
		if (ok && k == 3) {
			unsigned char c0 = (unsigned char)text[i], c1 = (unsigned char)text[i + 1];

			ok = !(c0 == 0xE0 && c1 < 0xA0) && !(c0 == 0xED && c1 >= 0xA0);
		}
		if (ok && k == 4) {
			unsigned char c0 = (unsigned char)text[i], c1 = (unsigned char)text[i + 1];

			ok = !(c0 == 0xF0 && c1 < 0x90) && !(c0 == 0xF4 && c1 >= 0x90);
		}
		if (!ok) {
			text[i++] = 0x1A;
			continue;
		}
		i += k;
	}
	/* Long enough for the literal searches (short subjects go to PCRE2). */
	if (tlen > 0 && tlen < 700) {
		struct buf t = {0};

		buf_puts(&t, "");
		for (i = 0; t.len < 700; i++)
			buf_printf(&t, "%s%s", text, i % 3 ? "\n" : "");
		free(text);
		tlen = t.len;
		text = buf_steal(&t);
	}
	re = regex_new(pat, &err, &off);
	if (re != NULL) {
		compare(re, text, tlen, text, tlen);
		/* A span in the middle, on character boundaries. */
		a = tlen / 3;
		b = 2 * tlen / 3;
		while (a < tlen && ((unsigned char)text[a] & 0xC0) == 0x80)
			a++;
		while (b < tlen && ((unsigned char)text[b] & 0xC0) == 0x80)
			b++;
		if (a <= b)
			compare(re, text, tlen, text + a, b - a);
		regex_free(re);
		{
			struct litset st;
			struct litreq rq;

			if (literal_analyse(pat, &st, &rq))
				compare_lists(&st, text, tlen);
			if (rq.near)
				compare_lists(&rq.near_set, text, tlen);
			if (rq.any)
				compare_lists(&rq.any_set, text, tlen);
		}
	}
	free(err);
	free(pat);
	free(text);
	return 0;
}
