/* SPDX-License-Identifier: MIT */
/* Unit tests: message and fix templates (issue 13 #3): the depth limit,
 * unclosed conditionals, and group or argument text copied as it is. */
#include <stdlib.h>
#include <string.h>

#include "regex.h"
#include "tap.h"
#include "util.h"

/* "${1:+" k times, "x", "}" k times (closed or not). */
static char *
nested(size_t k, bool closed)
{
	struct buf b = {0};
	size_t i;

	buf_puts(&b, "");
	for (i = 0; i < k; i++)
		buf_puts(&b, "${1:+");
	buf_putc(&b, 'x');
	for (i = 0; closed && i < k; i++)
		buf_putc(&b, '}');
	return buf_steal(&b);
}

/* The template expanded against the first match of `pattern` in `subj`. */
static char *
expand_match(const char *pattern, const char *subj, const char *tmpl, const struct vars *v)
{
	char *err = NULL, *out;
	size_t off;
	struct regex *re = regex_new(pattern, &err, &off);
	struct regex_scratch *sc = regex_scratch_new();

	if (re == NULL || regex_next(regex_code(re, sc, v), sc, subj, strlen(subj), 0) != MATCH_FOUND)
		out = xstrdup("NO MATCH");
	else
		out = template_expand(tmpl, sc, subj, v);
	regex_free(re);
	regex_scratch_free(sc);
	free(err);
	return out;
}

int
main(void)
{
	const struct vars v = {2023, "某县"};
	const char *args[] = {"$$ {report_year} ${1:+x} $1", NULL};
	char *t, *out;
	const char *why;
	size_t bad = 99;

	/* Depth: 16 levels pass, 17 are refused at the 17th "$". */
	t = nested(TEMPLATE_MAX_DEPTH, true);
	ok(template_check(t, &bad) == NULL, "%d nested conditionals pass", TEMPLATE_MAX_DEPTH);
	out = expand_match("(甲)", "甲", t, &v);
	is_str(out, "x", "and expand");
	free(out);
	free(t);
	t = nested(TEMPLATE_MAX_DEPTH + 1, true);
	why = template_check(t, &bad);
	ok(why != NULL && strstr(why, "deep") != NULL, "%d nested conditionals are refused: %s",
	    TEMPLATE_MAX_DEPTH + 1, why ? why : "(none)");
	is_int(bad, 5 * TEMPLATE_MAX_DEPTH, "at the offset of the one too deep");
	free(t);

	/* 100,000 deep (the issue's stack overflow): refused, and expanding
	 * it anyway (a template that was never checked) neither recurses
	 * past the limit nor crashes. */
	t = nested(100000, true);
	why = template_check(t, &bad);
	ok(why != NULL && bad == 5 * TEMPLATE_MAX_DEPTH, "100,000 nested: refused at level %d",
	    TEMPLATE_MAX_DEPTH + 1);
	out = expand_match("(甲)", "甲", t, &v);
	ok(out != NULL && strlen(out) < strlen(t), "100,000 nested: expands without a crash");
	free(out);
	free(t);
	t = nested(100000, false);
	ok(template_check(t, &bad) != NULL && bad == 0, "100,000 unclosed: refused at offset 0");
	free(t);

	why = template_check("价格${1:+$1${2:+乙}", &bad);
	ok(why != NULL && strstr(why, "closing") != NULL && bad == 6,
	    "an unclosed conditional is refused at its $");
	ok(template_check("${1:+（$1）}${2:+，}{report_year}$$ ${x", &bad) == NULL,
	    "the bundled kind of template passes");

	/* Argument text is not a template. */
	out = template_expand_args("第$1条{report_year}$$", args, 2, &v);
	is_str(out, "第$$ {report_year} ${1:+x} $1条2023$", "arguments are copied as they are");
	free(out);
	out = template_expand_args("$2|${1}|${1:+c}|$0|$9", args, 2, &v);
	is_str(out, "||||", "a missing argument, ${N} and ${N:+} give nothing");
	free(out);

	/* Group text is not a template either: a report that contains
	 * "{report_year}" or "$$" keeps it in messages and fixes. */
	out = expand_match("(\\{\\w+\\}\\$\\$)", "见{issuer}$$文", "改为“$1”（{issuer}，{report_year}）", &v);
	is_str(out, "改为“{issuer}$$”（某县，2023）", "a group's text is copied as it is");
	free(out);
	out = expand_match("(甲)(乙)?", "甲", "${1:+[$1${2:+{next_year}}{prev_year}]}", &v);
	is_str(out, "[甲2022]", "variables inside conditionals expand; unset groups drop theirs");
	free(out);
	return done_testing();
}
