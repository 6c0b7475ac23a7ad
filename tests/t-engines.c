/* SPDX-License-Identifier: MIT */
/* Unit tests: which PCRE2 engine a search runs does not change its answer
 * (regex.c, match_engines).  A regex's searches start on PCRE2's
 * interpreter and move to its JIT copy once they have done enough; the
 * answer is the interpreter's unless the interpreter stops at a limit,
 * then the JIT's.  Checked both ways, each against what the engine alone
 * gives (so each check is known to reach the case it is about):
 *  - interpreter first: a responsibility-content pattern over a long
 *    sentence stops the interpreter at the per-start match limit of a
 *    17 KB document, while the JIT finds the match in the sentence after
 *    it; regex_search over those two sentences finds it too;
 *  - JIT first (the regex searched enough before): a pattern whose JIT
 *    stack runs out on a 6,000-character line, which the interpreter
 *    matches; regex_search gives the interpreter's match;
 *  - and a regex searched once, then often: the same matches in the same
 *    document before and after it moves to the JIT.
 * Skipped where PCRE2 has no JIT. */
#include <stdlib.h>
#include <string.h>

#include "regex.h"
#include "tap.h"
#include "util.h"

/* rules/fazhi-report.yaml, responsibility-content, body[2] (a copy: the
 * test is about its shape, not the pack). */
static const char resp_pattern[] =
    "(?:^|(?<=[。！？；]))(?=[^。！？；\\n]*(?<!副)(?:党委书记|党组书记|党工委书记|"
    "[省市县区州旗]委书记|书记|省长|市长|州长|县长|区长|乡长|镇长|局长|厅长|主任)"
    "(?:、(?!副)[^、，。；]{1,8}?(?:书记|长|主任))*[^，。；！？\\n]{0,12}?"
    "(?:主持|部署|研究|听取|批示|审定|任[^，。；]{0,8}组长))"
    "(?=[^。！？；\\n]*(?:法治|依法行政|依法治))";

/* A sentence of a real report (a corpus report's, 437 bytes). */
static const char long_sentence[] =
    "2022年主动公开政府信息5000余条、受理并按期答复依申请公开21件，实现答复率100%，"
    "切实提升政策性文件公众知晓度，坚持以“公开为常态，不公开为例外”，突出信息主动公开、"
    "依申请公开，切实加强政策解读，积极回应社会关切，深化重点领域信息公开，推进基层政务"
    "公开标准化规范化建设，切实提升工作透明度和政府公信力。";

static const char last_sentence[] = "区长主持研究法治政府建设工作。";

/* The code of re for no variables. */
static const pcre2_code *
code_for(struct regex *re, struct regex_scratch *sc)
{
	struct vars v = {0, ""};

	return regex_code(re, sc, &v);
}

/* What a JIT-compiled copy of re's code alone gives for a search of
 * subj[0..len) from 0, with sc's limits (the match's start in *at). */
static int
jit_alone(struct regex *re, struct regex_scratch *sc, const char *subj, size_t len, size_t *at,
    uint32_t match_limit)
{
	pcre2_code *c = pcre2_code_copy(code_for(re, sc));
	pcre2_match_data *md = pcre2_match_data_create(32, NULL);
	pcre2_match_context *mc = pcre2_match_context_create(NULL);
	pcre2_jit_stack *js = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
	int rc;

	if (c == NULL || md == NULL || mc == NULL || js == NULL || pcre2_jit_compile(c, PCRE2_JIT_COMPLETE) != 0)
		bail_out("cannot make a JIT copy");
	pcre2_jit_stack_assign(mc, NULL, js);
	pcre2_set_match_limit(mc, match_limit);
	rc = pcre2_jit_match(c, (PCRE2_SPTR)subj, len, 0, PCRE2_NO_UTF_CHECK, md, mc);
	*at = rc >= 0 ? pcre2_get_ovector_pointer(md)[0] : 0;
	pcre2_jit_stack_free(js);
	pcre2_match_context_free(mc);
	pcre2_match_data_free(md);
	pcre2_code_free(c);
	return rc;
}

/* Every match of re in doc (regex_search from each match's end), as
 * "start-end;..." in a new string. */
static char *
all_matches(struct regex *re, struct regex_scratch *sc, const char *doc, size_t len)
{
	struct buf b = {0};
	size_t from = 0, s, e;

	buf_puts(&b, "");
	regex_scratch_rule(sc);
	while (from <= len && regex_search(re, code_for(re, sc), sc, doc, len, from) == MATCH_FOUND &&
	    regex_group(sc, 0, &s, &e)) {
		buf_printf(&b, "%zu-%zu;", s, e);
		from = e > s ? e : s + 1;
		while (from < len && ((unsigned char)doc[from] & 0xC0) == 0x80)
			from++;
	}
	return buf_steal(&b);
}

int
main(void)
{
	uint32_t have_jit = 0;
	struct regex_scratch *sc;
	struct buf doc = {0}, line = {0};
	struct regex *re;
	char *err = NULL;
	size_t off = 0, at = 0, s = 0, e = 0, i;
	char *before, *after;
	enum match_result mr;

	if (pcre2_config(PCRE2_CONFIG_JIT, &have_jit) != 0 || !have_jit)
		skip_all("PCRE2 has no JIT here: one engine only");
	plan(8);
	sc = regex_scratch_new();

	/* Interpreter first: 40 long sentences, then one that matches. */
	for (i = 0; i < 40; i++)
		buf_puts(&doc, long_sentence);
	buf_puts(&doc, last_sentence);
	re = regex_new(resp_pattern, &err, &off);
	if (re == NULL)
		bail_out("pattern: %s", err ? err : "?");
	regex_scratch_doc(sc, doc.data, doc.len);
	regex_scratch_rule(sc);
	is_int(regex_next(code_for(re, sc), sc, doc.data, doc.len, 0), MATCH_LIMIT,
	    "the interpreter alone stops at the per-start limit of a %zu-byte document", doc.len);
	/* 2e8 / (8 x bytes): regex.c's share of one start position. */
	is_int(jit_alone(re, sc, doc.data, doc.len, &at, (uint32_t)(200000000u / (8u * (doc.len + 1)))),
	    1, "the JIT alone, with the same limit, finds a match");
	is_int(at, doc.len - strlen(last_sentence), "at the last sentence");
	/* A section searches a paragraph at a time: here the last two
	 * sentences, a search too small to move the regex to the JIT. */
	at = doc.len - strlen(last_sentence) - strlen(long_sentence);
	regex_scratch_rule(sc);
	mr = regex_search(re, code_for(re, sc), sc, doc.data + at, doc.len - at, 0);
	ok(mr == MATCH_FOUND && regex_group(sc, 0, &s, &e) && s == strlen(long_sentence),
	    "regex_search in the last two sentences (interpreter first, then the JIT when it "
	    "stops) finds that match");
	regex_free(re);

	/* JIT first: a regex searched enough, then a line whose repeated
	 * group runs the JIT's stack out. */
	re = regex_new("(?:(x)(y)?(y)?(y)?(y)?(y)?(y)?(y)?(y)?(y)?|w)*z", &err, &off);
	if (re == NULL)
		bail_out("pattern: %s", err ? err : "?");
	regex_scratch_doc(sc, NULL, 0);
	for (i = 0; i < 200; i++) {
		regex_scratch_rule(sc);
		(void)regex_search(re, code_for(re, sc), sc, "xxwz", 4, 0);
	}
	for (i = 0; i < 6000; i++)
		buf_putc(&line, 'x');
	buf_putc(&line, 'z');
	is_int(jit_alone(re, sc, line.data, line.len, &at, 2000000u), PCRE2_ERROR_JIT_STACKLIMIT,
	    "the JIT alone runs out of stack on %zu x's", line.len - 1);
	regex_scratch_rule(sc);
	is_int(regex_next(code_for(re, sc), sc, line.data, line.len, 0), MATCH_FOUND,
	    "the interpreter alone matches");
	regex_scratch_rule(sc);
	ok(regex_search(re, code_for(re, sc), sc, line.data, line.len, 0) == MATCH_FOUND &&
	    regex_group(sc, 0, &s, &e) && s == 0 && e == line.len,
	    "regex_search (JIT first, then the interpreter when it stops) gives that match");
	regex_free(re);

	/* The same matches once the regex has moved to the JIT. */
	re = regex_new("法治|依法行政", &err, &off);
	regex_scratch_doc(sc, doc.data, doc.len);
	before = all_matches(re, sc, doc.data, doc.len);
	for (i = 0; i < 200; i++)
		free(all_matches(re, sc, last_sentence, strlen(last_sentence)));
	after = all_matches(re, sc, doc.data, doc.len);
	ok(strcmp(before, after) == 0 && strlen(before) > 0,
	    "the same matches in a document before and after 200 more searches (%s)", before);
	free(before);
	free(after);
	regex_free(re);

	free(doc.data);
	free(line.data);
	regex_scratch_free(sc);
	return done_testing();
}
