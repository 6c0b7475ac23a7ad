/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: --annotate (src/cli/annotate.c) on any bytes read as a
 * .docx.  When the reader takes the package, findings are made up over its
 * text (the first character of each paragraph, a point at its start, the
 * whole paragraph, its numbering, a span over two paragraphs, fixes that
 * replace, delete and insert) and the package is annotated twice: with
 * comments only, and with --annotate-fixes.  Each copy must
 *  - be read again by the reader (default limits) without an error;
 *  - comments only: give exactly the original's paragraphs;
 *  - with the fixes: give as many paragraphs;
 *  - have every .xml / .rels entry well-formed wherever the input's entry
 *    of that name was (expat).
 * A refusal must come with a message.  abort() on any broken promise.
 * Limits as fuzz_docx_zip's (1 MiB a part, 4 MiB in all).
 * Seeds: fuzz/seeds-annotate/ (fixtures and seed twins).
 */
#include <expat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "cli/annotate.h"
#include "input/docx.h"
#include "utf8.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ITEMS 256

static zip_t *
open_mem(const unsigned char *data, size_t len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;

	zip_error_init(&ze);
	src = zip_source_buffer_create(len ? data : (const unsigned char *)"", len, 0, &ze);
	za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (za == NULL && src)
		zip_source_free(src);
	zip_error_fini(&ze);
	return za;
}

/* Whether entry `name` of za is well-formed XML (-1: absent or unreadable). */
static int
wellformed(zip_t *za, const char *name)
{
	zip_int64_t idx = zip_name_locate(za, name, 0);
	zip_file_t *zf;
	XML_Parser p;
	char buf[65536];
	int ok = 1;
	size_t total = 0;

	if (idx < 0 || (zf = zip_fopen_index(za, (zip_uint64_t)idx, 0)) == NULL)
		return -1;
	p = XML_ParserCreate(NULL);
	for (;;) {
		zip_int64_t n = zip_fread(zf, buf, sizeof buf);

		if (n < 0) {
			ok = -1;
			break;
		}
		total += (size_t)n;
		if (total > ((size_t)16 << 20)) {
			ok = -1;
			break;
		}
		if (XML_Parse(p, buf, (int)n, n == 0) != XML_STATUS_OK) {
			ok = 0;
			break;
		}
		if (n == 0)
			break;
	}
	XML_ParserFree(p);
	zip_fclose(zf);
	return ok;
}

static void
check_parts(const unsigned char *in, size_t inlen, const unsigned char *out, size_t outlen)
{
	zip_t *zi = open_mem(in, inlen), *zo = open_mem(out, outlen);
	zip_int64_t i, n;

	if (zo == NULL)
		abort();
	n = zip_get_num_entries(zo, 0);
	for (i = 0; i < n; i++) {
		const char *name = zip_get_name(zo, (zip_uint64_t)i, 0);
		size_t l = name ? strlen(name) : 0;

		if (name == NULL)
			abort();
		if (!(l > 4 && (strcmp(name + l - 4, ".xml") == 0 || strcmp(name + l - 5, ".rels") == 0)))
			continue;
		if (wellformed(zo, name) == 0 && (zi == NULL || wellformed(zi, name) != 0))
			abort();
	}
	if (zi)
		zip_discard(zi);
	zip_discard(zo);
}

/* The byte after the first character of s (n bytes). */
static size_t
first_char(const char *s, size_t n)
{
	size_t c;

	if (n == 0)
		return 0;
	c = utf8_seq_len((unsigned char)s[0]);
	return c == 0 || c > n ? 1 : c;
}

static void
run(const uint8_t *data, size_t size, const struct docx_limits *lim, const struct docx *d,
    const char *text, size_t tlen, const struct annotate_item *items, size_t nitems, bool fixes)
{
	struct annotate_opts o = {"fuzz.docx", NULL, fixes};
	struct annotate_stats st;
	unsigned char *out = NULL;
	size_t outlen = 0, i;
	char *err = NULL;
	struct docx *d2;

	if (annotate_bytes(data, size, lim, text, tlen, items, nitems, &o, &out, &outlen, &st,
	    &err) != 0) {
		if (err == NULL || *err == '\0')
			abort();
		free(err);
		return;
	}
	if (st.comments != nitems)
		abort();
	if (getenv("FUZZ_ANNOTATE_OUT")) {     /* to look at a failing copy */
		FILE *f = fopen(getenv("FUZZ_ANNOTATE_OUT"), "wb");

		if (f) {
			fwrite(out, 1, outlen, f);
			fclose(f);
		}
	}
	if (docx_read(out, outlen, NULL, &d2, &err) != 0) {
		fprintf(stderr, "the copy is not read again: %s\n", err);
		abort();
	}
	if (docx_para_count(d2) != docx_para_count(d))
		abort();
	for (i = 0; !fixes && i < docx_para_count(d); i++) {
		const struct docx_para *a = docx_para_at(d, i), *b = docx_para_at(d2, i);

		if (a->len != b->len || memcmp(a->text, b->text, a->len) != 0) {
			fprintf(stderr, "paragraph %zu differs:\n%.*s\n%.*s\n", i + 1, (int)a->len,
			    a->text, (int)b->len, b->text);
			abort();
		}
	}
	check_parts(data, size, out, outlen);
	docx_free(d2);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct docx_limits lim;
	struct docx *d;
	char *err = NULL;
	struct buf text = {0};
	struct annotate_item *items;
	size_t i, n = 0, np, off = 0;

	docx_limits_default(&lim);
	lim.max_part = (size_t)1 << 20;
	lim.max_total = (size_t)4 << 20;
	lim.max_paras = 10000;
	lim.max_para = (size_t)1 << 20;
	if (docx_read(data, size, &lim, &d, &err) != 0) {
		if (err == NULL || *err == '\0')
			abort();
		free(err);
		return 0;
	}
	np = docx_para_count(d);
	for (i = 0; i < np; i++) {
		const struct docx_para *p = docx_para_at(d, i);

		buf_append(&text, p->text, p->len);
		if (i + 1 < np)
			buf_putc(&text, '\n');
	}
	items = xcalloc(MAX_ITEMS, sizeof *items);
	for (i = 0; i < np && n + 6 <= MAX_ITEMS; i++) {
		const struct docx_para *p = docx_para_at(d, i);
		size_t c = first_char(p->text, p->len);
		struct annotate_item *it;

		it = &items[n++];
		it->start = off;
		it->end = off + c;
		it->rule = "fuzz-first";
		it->sev = SEV_WARNING;
		it->message = "first character <&>";
		it->clause = "GB/T 9704";
		it->fix = (i & 1) ? "，" : "";
		it = &items[n++];
		it->start = it->end = off;
		it->rule = "fuzz-point";
		it->sev = SEV_INFO;
		it->message = "missing";
		if (i % 3 == 0)
			it->fix = "（一）";
		it = &items[n++];
		it->start = off;
		it->end = off + p->len;
		it->rule = "fuzz-para";
		it->sev = SEV_ERROR;
		it->message = "whole paragraph";
		if (p->len < 64 && i % 4 == 1)
			it->fix = "替换";
		if (p->label_len) {
			it = &items[n++];
			it->start = off;
			it->end = off + p->label_len;
			it->rule = "fuzz-label";
			it->message = "numbering";
		}
		if (c < p->len) {
			size_t c2 = first_char(p->text + c, p->len - c);

			it = &items[n++];
			it->start = off + c;
			it->end = off + c + c2;
			it->rule = "fuzz-second";
			it->message = "second character";
			it->fix = "x";
		}
		if (i + 1 < np) {
			it = &items[n++];
			it->start = off + p->len - (p->len > c ? c : 0);
			it->end = off + p->len + 1 + first_char(docx_para_at(d, i + 1)->text,
			    docx_para_at(d, i + 1)->len);
			it->rule = "fuzz-across";
			it->message = "over two paragraphs";
		}
		off += p->len + 1;
	}
	if (np) {
		run(data, size, &lim, d, text.data, text.len, items, n, false);
		run(data, size, &lim, d, text.data, text.len, items, n, true);
	}
	free(items);
	buf_free(&text);
	docx_free(d);
	return 0;
}
