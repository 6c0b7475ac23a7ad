/* SPDX-License-Identifier: MIT */
/*
 * A kind added by a test build (issue 14): this one file, compiled with
 * -DGWLINT_TEST_KIND, plus the one row of check.c's table that the macro
 * turns on.  The kind declares its keys and its parameter struct; the pack
 * loader validates rules of it against that table (every error positioned)
 * and stores its parameters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "pack.h"
#include "tap.h"
#include "util.h"

struct params {
	char *word;
	unsigned times;
	char **also;
	unsigned also_count;
};

static const struct kind_key keys[] = {
	KEY_STR("word", struct params, word, KEY_REQUIRED | KEY_NONEMPTY),
	KEY_UINT("times", struct params, times, 0),
	KEY_STRS("also", struct params, also, 0),
	KEY_COMMON_STR("scope", scope, 0),
	KEY_COMMON_STR("message", message, KEY_REQUIRED),
	KEY_END
};

static int
compile(struct rule *r, const void *p, struct compile_err *e)
{
	const struct params *d = p;

	if (strcmp(d->word, "bad") == 0) {
		e->key = "word";
		snprintf(e->msg, sizeof e->msg, "the word may not be 'bad'");
		return -1;
	}
	r->state = xasprintf("%s*%u+%u", d->word, d->times ? d->times : 1, d->also_count);
	return 0;
}

static void
run(const struct rule *r, struct check_ctx *ctx)
{
	(void)r;
	(void)ctx;
}

const struct check_kind kind_test = {
	.name = "test",
	.keys = keys,
	.params_size = sizeof(struct params),
	.compile = compile,
	.run = run,
	.free_state = free,
};

static char dir[] = "/tmp/gwlint-t-kind-XXXXXX";

/* Load `text` as pack t.yaml: the rule set, or NULL with *err. */
static struct ruleset *
load(const char *text, char **err)
{
	char *path = xstrdup("t.yaml");
	const char *paths[1] = {path};
	FILE *f = fopen(path, "w");
	struct ruleset *rs;

	if (f == NULL)
		bail_out("cannot write %s", path);
	fputs(text, f);
	fclose(f);
	rs = ruleset_load(paths, 1, 1, COL_CHAR, 1, err);
	unlink(path);
	free(path);
	return rs;
}

int
main(void)
{
	struct ruleset *rs;
	struct rule *r;
	char *err = NULL, *p;

	if (mkdtemp(dir) == NULL || chdir(dir) != 0)
		bail_out("mkdtemp failed");
	rs = load("pack: t\nrules:\n  - id: t1\n    severity: info\n    kind: test\n"
	    "    word: 词\n    times: 3\n    also: [a, b]\n    scope: body\n    message: m\n", &err);
	ok(rs != NULL, "a rule of the test kind loads (%s)", err ? err : "no error");
	r = rs ? ruleset_find(rs, "t1") : NULL;
	ok(r && strcmp(r->kind->name, "test") == 0, "its kind is the test kind");
	is_str(r ? (const char *)r->state : "", "词*3+2", "the loader stored its parameters");
	ok(r && r->scope == SCOPE_BODY, "and the shared key scope it declared");
	ruleset_free(rs);
	free(err);
	err = NULL;

	rs = load("pack: t\nrules:\n  - id: t1\n    severity: info\n    kind: test\n"
	    "    tims: 3\n    message: m\n"
	    "  - id: t2\n    severity: info\n    kind: test\n    word: w\n    times: many\n"
	    "    fix: x\n    message: m\n"
	    "  - id: t3\n    severity: info\n    kind: test\n    word: bad\n    message: m\n", &err);
	ok(rs == NULL, "a pack with mistakes in test-kind rules is refused");
	for (p = err; p && *p; p++)
		if (*p == PACK_ERR_SEP)
			*p = '\n';
	is_str(err ? err : "",
	    "t.yaml:3:5: rule 't1' of kind 'test' needs the key 'word'\n"
	    "t.yaml:6:5: unknown key 'tims' (did you mean 'times'?)\n"
	    "t.yaml:12:12: 'times' should be a whole number, not 'many'\n"
	    "t.yaml:13:5: key 'fix' does not apply to kind 'test' (its own keys: word, times, "
	    "also, scope)\n"
	    "t.yaml:18:11: the word may not be 'bad'",
	    "every mistake, positioned, checked against the kind's own key table");
	free(err);
	if (chdir("/") == 0)
		rmdir(dir);
	return done_testing();
}
