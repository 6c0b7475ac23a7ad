/* SPDX-License-Identifier: MIT */
/* Unit tests of the input stage's origin map and what the formats make of
 * it (src/input/extract.c, report_origin in src/report.c, sarif's
 * regions): stories.docx (tests/fixtures/docx-twins/) read through
 * extract_bytes, then findings placed by hand at the edges: in the
 * automatic numbering, across it, in a long paragraph, across two
 * paragraphs. */
#define _GNU_SOURCE /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "finding.h"
#include "input/extract.h"
#include "report.h"
#include "report/formats.h"
#include "util.h"
#include "tap.h"

static struct document *
load(const char *path)
{
	unsigned char *data;
	size_t len;
	struct extract_opts eo = {ENC_AUTO, NULL};
	struct extracted x;
	char *err = NULL;
	struct document *doc;

	if (read_file(path, &data, &len) != 0 || extract_owned(data, len, &eo, &x, &err) != 0) {
		diag("%s: %s", path, err ? err : "cannot be read");
		free(err);
		return NULL;
	}
	free(x.dec.bad);
	doc = doc_new(path, x.dec.text, x.dec.len);
	doc_set_origin(doc, x.origin);
	return doc;
}

/* The SARIF result of one finding [start, end) of doc. */
static char *
sarif_of(const struct document *doc, size_t start, size_t end)
{
	struct report_ctx rc = {0};
	struct findings *fs = findings_new();
	char *out = NULL;
	size_t n = 0;

	findings_add(fs, start, end, "r", SEV_WARNING, xstrdup("m"), NULL);
	rc.out = open_memstream(&out, &n);
	rc.unit = COL_CHAR;
	rc.origin = 1;
	format_sarif.prepare(&rc);
	format_sarif.begin(&rc);
	format_sarif.file(&rc, doc, fs);
	format_sarif.end(&rc);
	fclose(rc.out);
	findings_free(fs);
	return out;
}

static struct report_origin
origin_of(const struct document *doc, size_t start, size_t end, bool *found)
{
	struct finding f = {start, end, "r", SEV_WARNING, NULL, NULL};
	struct report_origin o;

	memset(&o, 0, sizeof o);
	*found = report_origin(doc, &f, &o);
	return o;
}

int
main(void)
{
	struct document *doc = load("tests/fixtures/docx-twins/stories.docx");
	const struct text_origin *org;
	const struct line_origin *lo;
	struct report_origin o;
	size_t a2, b2, a3, b3, a4, b4, sp;
	const char *t;
	char *s;
	bool found;

	if (doc == NULL)
		return ok(0, "stories.docx is read"), done_testing();
	org = doc_origin(doc);
	t = doc_text(doc);
	ok(text_origin_format(org) == INPUT_DOCX && text_origin_count(org) == 9,
	    "a .docx: format docx, one origin per paragraph (9)");
	lo = text_origin_line(org, 1);
	ok(lo && lo->paragraph == 2 && lo->label_len == strlen("一、") && lo->style &&
	    strcmp(lo->style, "Heading1") == 0, "line 2: paragraph 2, numbering 一、 (6 bytes), Heading1");
	lo = text_origin_line(org, 3);
	ok(lo && lo->story == DOCX_TABLE && strcmp(docx_story_name(lo->story), "table") == 0,
	    "line 4: a table cell");
	ok(text_origin_line(org, 9) == NULL, "no origin past the last paragraph");
	doc_line_span(doc, 1, &a2, &b2);
	doc_line_span(doc, 2, &a3, &b3);
	doc_line_span(doc, 3, &a4, &b4);

	/* In the numbering: the paragraph's own text from its start, length 0. */
	o = origin_of(doc, a2, a2 + 3, &found);
	ok(found && o.paragraph == 2 && strcmp(o.story, "body") == 0 && o.ctx_start == a2 + 6 &&
	    o.ctx_end == b2 && o.offset == 0 && o.length == 0,
	    "a finding in the numbering: context 主要工作, offset 0, length 0");
	/* Across the numbering: what lies after it. */
	o = origin_of(doc, a2, a2 + 9, &found);
	ok(found && o.start == a2 + 6 && o.end == a2 + 9 && o.offset == 0 && o.length == 1,
	    "a finding across the numbering: its part after it (主), offset 0, length 1");
	/* A long paragraph: 20 code points each side. */
	sp = (size_t)(strstr(t + a3, "今年 ") - t) + strlen("今年");
	o = origin_of(doc, sp, sp + 1, &found);
	ok(found && o.offset == 20 && o.length == 1 && utf8_count(t + o.ctx_start,
	    o.ctx_end - o.ctx_start) == 41 && o.ctx_start > a3 && o.ctx_end < b3,
	    "a long paragraph: 20 code points each side, inside the paragraph");
	o = origin_of(doc, a3, a3, &found);
	ok(found && o.offset == 0 && o.length == 0 && o.ctx_start == a3 &&
	    utf8_count(t + a3, o.ctx_end - a3) == 20, "at the paragraph's start: nothing before");
	/* Across two paragraphs: cut at the first one's end. */
	o = origin_of(doc, b3 - 3, a4 + 3, &found);
	ok(found && o.end == b3 && o.length == 1 && o.ctx_end == b3,
	    "a finding across two paragraphs: cut at the end of the first");

	/* SARIF: contextRegion a proper superset of the region, or none. */
	s = sarif_of(doc, a2, a2 + 9);
	ok(strstr(s, "\"region\":{\"startLine\":2,\"startColumn\":1,\"endLine\":2,\"endColumn\":4,"
	    "\"snippet\":{\"text\":\"一、主\"}}") != NULL &&
	    strstr(s, "\"contextRegion\":{\"startLine\":2,\"startColumn\":1,\"endLine\":2,"
	    "\"endColumn\":7,\"snippet\":{\"text\":\"一、主要工作\"}}") != NULL,
	    "sarif: a finding across the numbering: the contextRegion widened over it");
	free(s);
	s = sarif_of(doc, b3 - 3, a4 + 3);
	ok(strstr(s, "contextRegion") == NULL && strstr(s, "\"snippet\"") == NULL &&
	    strstr(s, "\"properties\":{\"paragraph\":3,\"story\":\"body\"}") != NULL,
	    "sarif: a finding across paragraphs: no snippet, no contextRegion, its paragraph");
	free(s);
	s = sarif_of(doc, a4, b4);
	ok(strstr(s, "\"snippet\":{\"text\":\"行政复议 案件\"}") != NULL && strstr(s, "contextRegion") == NULL,
	    "sarif: a finding that is its whole paragraph: no contextRegion (it would add nothing)");
	free(s);
	doc_free(doc);

	{
		static const unsigned char txt[] = "甲\n乙 丙\n";
		struct extract_opts eo = {ENC_AUTO, NULL};
		struct extracted x;
		char *err = NULL;

		ok(extract_bytes(txt, sizeof txt - 1, &eo, &x, &err) == 0 && x.format == INPUT_TEXT &&
		    x.origin == NULL && x.dec.len == sizeof txt - 1, "text: format text, no origin map");
		doc = doc_new("t.txt", x.dec.text, x.dec.len);
		free(x.dec.bad);
		o = origin_of(doc, 4, 5, &found);
		ok(!found, "text: report_origin has nothing to add");
		s = sarif_of(doc, 4, 5);
		ok(strstr(s, "snippet") == NULL && strstr(s, "\"properties\":{\"paragraph\"") == NULL,
		    "sarif on text: no snippet, no paragraph");
		free(s);
		doc_free(doc);
	}
	{
		static const unsigned char zip[] = "PK\3\4 not really";
		struct extract_opts eo = {ENC_AUTO, NULL};
		struct extracted x;
		char *err = NULL;
		int rc;

		/* PK\3\4 without [Content_Types].xml: a ZIP, which no reader takes. */
		ok(!extract_reads(doc_kind_of_bytes(zip, sizeof zip - 1)) && extract_reads(DOC_DOCX) &&
		    extract_reads(DOC_NONE) && !extract_reads(DOC_OLE2_WORD),
		    "extract_reads: text and .docx, not a ZIP or a .doc");
		rc = extract_bytes(zip, sizeof zip - 1, &eo, &x, &err);

		ok(rc == -1 && err != NULL, "extract_bytes refuses what no reader takes: %s",
		    err ? err : "(none)");
		free(err);
	}
	return done_testing();
}
