/* SPDX-License-Identifier: MIT */
/** \file catalogue.c
 * \brief --list-rules, --explain and id suggestions.
 */
#include "catalogue.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "report/escape.h"
#include "util.h"

/* A pack's text (its name, a source, a line of an explanation) on one
 * terminal line: controls and bytes that are not UTF-8 escaped, LF and CR
 * as spaces, so a pack can neither add lines nor send escape sequences. */
static char *
one_line(const char *s)
{
	struct buf b = {0};

	buf_text_line(&b, s);
	return buf_steal(&b);
}

/* Text of several lines: each line as one_line() prints it. */
static void
put_lines(FILE *out, const char *label, const char *text)
{
	const char *p = text, *nl;
	bool first = true;

	while (*p) {
		char *line, *shown;

		nl = strchr(p, '\n');
		line = xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
		shown = one_line(line);
		if (label)
			fprintf(out, "%-8s", first ? label : "");
		fprintf(out, "%s\n", shown);
		free(shown);
		free(line);
		first = false;
		if (!nl)
			break;
		p = nl + 1;
	}
}

static void
json_field(FILE *out, const char *key, const char *val, bool comma)
{
	fprintf(out, "%s\"%s\": ", comma ? ", " : "", key);
	if (val)
		put_json_str(out, val);
	else
		fputs("null", out);
}

static enum severity
view_sev(const struct rule_view *v, struct ruleset *rs, size_t i)
{
	return v && v->sev ? v->sev[i] : ruleset_rule(rs, i)->default_sev;
}

static bool
view_enabled(const struct rule_view *v, struct ruleset *rs, size_t i)
{
	(void)rs;
	return v && v->enabled ? v->enabled[i] : true;
}

void
catalogue_list(struct ruleset *rs, const struct rule_view *v, FILE *out, bool json)
{
	size_t i, n = ruleset_count(rs);

	if (!json) {
		fprintf(out, "%-28s %-8s %-14s %s\n", "ID", "SEVERITY", "PACK", "SOURCE");
		for (i = 0; i < n; i++) {
			const struct rule *r = ruleset_rule(rs, i);
			char *pack = one_line(r->pack), *source = one_line(r->source);

			fprintf(out, "%-28s %-8s %-14s %s%s%s\n", r->id, severity_name(view_sev(v, rs, i)),
			    pack, source, r->kind->needs_docx ? " (.docx only)" : "",
			    view_enabled(v, rs, i) ? "" : " (disabled)");
			free(pack);
			free(source);
		}
		return;
	}
	fputs("[\n", out);
	for (i = 0; i < n; i++) {
		const struct rule *r = ruleset_rule(rs, i);

		fputs("  {", out);
		json_field(out, "id", r->id, false);
		json_field(out, "severity", severity_name(view_sev(v, rs, i)), true);
		json_field(out, "default_severity", severity_name(r->default_sev), true);
		fprintf(out, ", \"enabled\": %s", view_enabled(v, rs, i) ? "true" : "false");
		json_field(out, "pack", r->pack, true);
		json_field(out, "kind", r->kind->name, true);
		json_field(out, "scope", scope_name(r->scope), true);
		json_field(out, "input", r->kind->needs_docx ? "docx" : "any", true);
		json_field(out, "source", r->source, true);
		json_field(out, "explain", r->explain, true);
		fputs(", \"examples\": {", out);
		json_field(out, "fail", r->ex_fail, false);
		json_field(out, "pass", r->ex_pass, true);
		fputs("}", out);
		fprintf(out, ", \"fix\": %s", r->fix ? "true" : "false");
		json_field(out, "file", r->file, true);
		fprintf(out, ", \"line\": %u}%s\n", r->line, i + 1 < n ? "," : "");
	}
	fputs("]\n", out);
}


size_t
catalogue_suggest(struct ruleset *rs, const char *id, const char **out, size_t max)
{
	size_t n = ruleset_count(rs), i, k = 0, pass;
	size_t limit = strlen(id) / 3 + 2;

	/* Pass 0: ids that contain the word or are contained in it; pass 1..:
	 * ids at edit distance 1, 2, ... up to the limit. */
	for (pass = 0; pass <= limit && k < max; pass++)
		for (i = 0; i < n && k < max; i++) {
			const char *r = ruleset_rule(rs, i)->id;
			size_t j;
			bool dup = false, hit;

			for (j = 0; j < k; j++)
				if (strcmp(out[j], r) == 0)
					dup = true;
			if (dup)
				continue;
			if (pass == 0)
				hit = *id && (strstr(r, id) != NULL || strstr(id, r) != NULL);
			else
				hit = edit_distance(r, id) == pass;
			if (hit)
				out[k++] = r;
		}
	return k;
}

char *
catalogue_did_you_mean(struct ruleset *rs, const char *id)
{
	const char *sug[3];
	size_t n = catalogue_suggest(rs, id, sug, 3), i;
	struct buf b = {0};

	buf_puts(&b, "");
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s'%s'", i == 0 ? "did you mean " :
		    i + 1 == n ? " or " : ", ", sug[i]);
	if (n)
		buf_puts(&b, "?");
	return buf_steal(&b);
}

int
catalogue_explain(struct ruleset *rs, const struct rule_view *v, const char *id, FILE *out)
{
	const struct rule *r = ruleset_find(rs, id);
	size_t i = r ? (size_t)(r - ruleset_rule(rs, 0)) : 0;

	if (r == NULL) {
		char *dym = catalogue_did_you_mean(rs, id);

		say("--explain: unknown rule '%s'%s%s%s", id,
		    *dym ? " (" : "", dym, *dym ? ")" : "");
		free(dym);
		return 2;
	}
	{
		char *pack = one_line(r->pack);

		fprintf(out, "%s: %s, pack %s, kind %s, scope %s%s%s\n", r->id,
		    severity_name(view_sev(v, rs, i)), pack, r->kind->name, scope_name(r->scope),
		    r->kind->needs_docx ? ", reads a .docx (silent on text and Markdown)" : "",
		    view_enabled(v, rs, i) ? "" : " (disabled)");
		free(pack);
	}
	if (r->line == 0)
		fputs("defined in gwlint itself (src/engine.c), not in a pack\n", out);
	else {
		fputs("defined in ", out);
		put_path(out, r->file);
		fprintf(out, ":%u\n", r->line);
	}
	if (*r->source)
		put_lines(out, "source:", r->source);
	if (r->fix)
		fputs("fix:    safe automatic fix (gwlint --fix / --fix-dry-run)\n", out);
	if (*r->explain) {
		fputc('\n', out);
		put_lines(out, NULL, r->explain);
	}
	if (r->ex_fail || r->ex_pass)
		fputc('\n', out);
	if (r->ex_fail)
		put_lines(out, "fails:", r->ex_fail);
	if (r->ex_pass)
		put_lines(out, "passes:", r->ex_pass);
	return 0;
}
