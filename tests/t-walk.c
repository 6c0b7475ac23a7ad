/* SPDX-License-Identifier: MIT */
/* Unit tests: which names a walk picks, and the documents recognised by
 * content (ZIP/OOXML/ODF/OFD, OLE2, PDF, RTF) — also on every truncation
 * and single-byte corruption of each sample, in exact-size buffers, so that
 * the sanitizer build catches any read past the end. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "util.h"
#include "walk.h"

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void
put32(unsigned char *p, uint32_t v)
{
	put16(p, v & 0xFFFF);
	put16(p + 2, v >> 16);
}

/* The ZIP (IEEE) CRC-32 of len bytes at p. */
static uint32_t
crc32_of(const char *p, size_t len)
{
	uint32_t c = 0xFFFFFFFFu;
	size_t i;
	int k;

	for (i = 0; i < len; i++) {
		c ^= (unsigned char)p[i];
		for (k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0xEDB88320u : c >> 1;
	}
	return ~c;
}

/* A ZIP archive of stored entries named names[0..n), each holding body
 * (the first one's body is first_body when given), with its CRC and sizes
 * in both headers, so that libzip reads it. */
static unsigned char *
zip(const char *const *names, size_t n, const char *first_body, size_t *len)
{
	unsigned char *z = xcalloc(1, 8192), *cd = xcalloc(1, 4096);
	size_t at = 0, cdl = 0, i;

	for (i = 0; i < n; i++) {
		const char *body = i == 0 && first_body ? first_body : "<x/>";
		size_t nl = strlen(names[i]), bl = strlen(body);

		memcpy(cd + cdl, "PK\1\2", 4);
		put32(cd + cdl + 16, crc32_of(body, bl));
		put32(cd + cdl + 20, (uint32_t)bl);
		put32(cd + cdl + 24, (uint32_t)bl);
		put16(cd + cdl + 28, (unsigned)nl);
		put32(cd + cdl + 42, (uint32_t)at);
		memcpy(cd + cdl + 46, names[i], nl);
		cdl += 46 + nl;
		memcpy(z + at, "PK\3\4", 4);
		put32(z + at + 14, crc32_of(body, bl));
		put32(z + at + 18, (uint32_t)bl);
		put32(z + at + 22, (uint32_t)bl);
		put16(z + at + 26, (unsigned)nl);
		memcpy(z + at + 30, names[i], nl);
		memcpy(z + at + 30 + nl, body, bl);
		at += 30 + nl + bl;
	}
	memcpy(z + at, cd, cdl);
	memcpy(z + at + cdl, "PK\5\6", 4);
	put16(z + at + cdl + 8, (unsigned)n);
	put16(z + at + cdl + 10, (unsigned)n);
	put32(z + at + cdl + 12, (uint32_t)cdl);
	put32(z + at + cdl + 16, (uint32_t)at);
	*len = at + cdl + 22;
	free(cd);
	return z;
}

/* An OLE2 file whose first directory sector holds the root and stream. */
static unsigned char *
ole2(const char *stream, size_t *len)
{
	unsigned char *f = xcalloc(1, 1024);
	const char *names[2] = {"Root Entry", stream};
	size_t i, k;

	memcpy(f, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	put16(f + 0x1E, 9);
	put32(f + 0x30, 0);
	for (i = 0; i < 2; i++) {
		unsigned char *e = f + 512 + 128 * i;

		for (k = 0; names[i][k]; k++)
			e[2 * k] = (unsigned char)names[i][k];
		put16(e + 0x40, (unsigned)(2 * k + 2));
	}
	*len = 1024;
	return f;
}

/* The kind of exactly len bytes at p (copied into a buffer of that size). */
static enum doc_kind
kind(const unsigned char *p, size_t len)
{
	unsigned char *c = xmalloc(len ? len : 1);
	enum doc_kind k;

	memcpy(c, p, len);
	k = doc_kind_of_bytes(c, len);
	free(c);
	return k;
}

/* Every prefix and every byte set to 0x00 and 0xFF: no crash, a kind. */
static void
hostile(const char *name, const unsigned char *p, size_t len)
{
	unsigned char *c = xmalloc(len);
	size_t i;
	int bad = 0;

	for (i = 0; i <= len; i++)
		if (kind(p, i) > DOC_BY_NAME)
			bad++;
	for (i = 0; i < len; i++) {
		static const unsigned char v[2] = {0x00, 0xFF};
		int j;

		for (j = 0; j < 2; j++) {
			memcpy(c, p, len);
			c[i] = v[j];
			if (doc_kind_of_bytes(c, len) > DOC_BY_NAME)
				bad++;
		}
	}
	free(c);
	ok(bad == 0, "%s: every truncation and byte corruption gives a kind", name);
}

int
main(void)
{
	static const char *const docx[] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml"};
	static const char *const xlsx[] = {"[Content_Types].xml", "xl/workbook.xml"};
	static const char *const odt[] = {"mimetype", "content.xml"};
	static const char *const ofd[] = {"OFD.xml", "Doc_0/Document.xml"};
	static const char *const plain[] = {"r.txt"};
	unsigned char *d;
	size_t len;
	char *s;

	ok(walk_lintable_name("r.txt") && walk_lintable_name("REPORT.TXT") &&
	    walk_lintable_name("a.Txt"), "*.txt in any letter case is lintable");
	ok(!walk_lintable_name("r.md") && !walk_lintable_name("txt") &&
	    !walk_lintable_name(".txt") && !walk_lintable_name("r.txt.bak"),
	    "*.md, a bare 'txt', '.txt' and *.txt.bak are not");
	ok(walk_document_name("a.DOCX") && walk_document_name("b.doc") &&
	    walk_document_name("c.Wps") && walk_document_name("d.pdf") &&
	    walk_document_name("e.rtf") && walk_document_name("f.odt") &&
	    walk_document_name("g.ofd"), "document names in any case");
	ok(!walk_document_name("a.txt") && !walk_document_name("b.xlsx") &&
	    !walk_document_name("docx"), "not document names: .txt, .xlsx, a bare 'docx'");
	ok(walk_markdown_name("README.md") && walk_markdown_name("a.MARKDOWN") &&
	    !walk_markdown_name("md"), "Markdown names");
	ok(walk_fix_refusal("x/README.md") == NULL && walk_fix_refusal("r.txt") == NULL,
	    "--fix refuses no name: a Markdown file is fixed through its source map");

	d = zip(docx, 3, NULL, &len);
	is_int(kind(d, len), DOC_DOCX, ".docx: [Content_Types].xml and word/");
	hostile(".docx", d, len);
	{
		/* The end record's central directory size, every value up to the
		 * real one: the directory read is cut inside each entry. */
		uint32_t cdl = (uint32_t)d[len - 10] | (uint32_t)d[len - 9] << 8;
		uint32_t v;
		int bad = 0;

		for (v = 0; v <= cdl; v++) {
			put32(d + len - 10, v);
			if (kind(d, len) > DOC_BY_NAME)
				bad++;
		}
		put32(d + len - 10, cdl);
		ok(bad == 0, ".docx: a central directory cut anywhere gives a kind");
	}
	free(d);
	d = zip(xlsx, 2, NULL, &len);
	is_int(kind(d, len), DOC_OOXML_OTHER, ".xlsx: Office Open XML, not Word");
	ok(!doc_kind_report_like(DOC_OOXML_OTHER), "... and not report-like");
	free(d);
	/* No word/ entry: [Content_Types].xml decides (the reader follows
	 * _rels/.rels to the main part wherever it is). */
	{
		static const char *const moved[] = {"[Content_Types].xml", "_rels/.rels", "c/main.xml"};
#define TYPES_OPEN "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
#define CT_OPEN "<?xml version=\"1.0\"?>" TYPES_OPEN
#define WORD_MAIN "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
		static const struct {
			const char *ct;
			enum doc_kind want;
			const char *what;
		} cts[] = {
			{CT_OPEN "<Override PartName=\"/c/main.xml\" ContentType=\"" WORD_MAIN "\"/></Types>",
			    DOC_DOCX, "an Override with the Word main type"},
			{CT_OPEN "<Default Extension=\"xml\" ContentType=\"" WORD_MAIN "\"/></Types>",
			    DOC_DOCX, "a Default with the Word main type"},
			{CT_OPEN "<Override PartName=\"/c/main.xml\" ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/></Types>",
			    DOC_DOCX, "a macro-enabled Word main type (.docm)"},
			{CT_OPEN "<Override PartName=\"/c/main.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>",
			    DOC_OOXML_OTHER, "a spreadsheet main type"},
			{"<Types xmlns=\"urn:other\"><Override PartName=\"/c/main.xml\" ContentType=\"" WORD_MAIN "\"/></Types>",
			    DOC_OOXML_OTHER, "the Word type in another namespace"},
			{CT_OPEN "<x><Override PartName=\"/c/main.xml\" ContentType=\"" WORD_MAIN "\"/></x></Types>",
			    DOC_OOXML_OTHER, "the Word type nested one level too deep"},
			{"<?xml version=\"1.0\"?><!DOCTYPE Types [<!ENTITY m \"" WORD_MAIN "\">]>" TYPES_OPEN
			    "<Override PartName=\"/c/main.xml\" ContentType=\"&m;\"/></Types>",
			    DOC_OOXML_OTHER, "a DOCTYPE (refused, its entity never expanded)"},
			{CT_OPEN "<Override PartName=\"/c/main.xml\" ContentType=\"" WORD_MAIN,
			    DOC_OOXML_OTHER, "a cut [Content_Types].xml before the type ends"},
		};
		size_t i;

		for (i = 0; i < sizeof cts / sizeof *cts; i++) {
			d = zip(moved, 3, cts[i].ct, &len);
			is_int(kind(d, len), cts[i].want, "no word/ entry, [Content_Types].xml with %s",
			    cts[i].what);
			if (i == 0)
				hostile(".docx with its main part at c/main.xml", d, len);
			free(d);
		}
#undef CT_OPEN
#undef TYPES_OPEN
#undef WORD_MAIN
	}
	d = zip(odt, 2, "application/vnd.oasis.opendocument.text", &len);
	is_int(kind(d, len), DOC_ODT, ".odt: the mimetype entry first");
	hostile(".odt", d, len);
	free(d);
	d = zip(odt, 2, "application/vnd.oasis.opendocument.spreadsheet", &len);
	is_int(kind(d, len), DOC_ODF_OTHER, ".ods: OpenDocument, not text");
	free(d);
	d = zip(ofd, 2, NULL, &len);
	is_int(kind(d, len), DOC_OFD, "OFD: an OFD.xml entry");
	free(d);
	d = zip(plain, 1, NULL, &len);
	is_int(kind(d, len), DOC_ZIP, "another ZIP");
	ok(!doc_kind_report_like(DOC_ZIP), "... not report-like");
	free(d);
	/* The end record gone (a cut download): the local entries decide, so
	 * the .docx reader says what is wrong with it. */
	d = zip(docx, 3, NULL, &len);
	is_int(kind(d, len - 22), DOC_DOCX,
	    "a .docx cut before its end record: a .docx by its local entries");
	free(d);
	d = zip(xlsx, 2, NULL, &len);
	is_int(kind(d, len - 22), DOC_OOXML_OTHER,
	    "an .xlsx cut before its end record: Office Open XML, not Word");
	free(d);

	d = ole2("WordDocument", &len);
	is_int(kind(d, len), DOC_OLE2_WORD, "OLE2 with WordDocument: .doc / .wps");
	hostile("OLE2 .doc", d, len);
	free(d);
	d = ole2("EncryptedPackage", &len);
	is_int(kind(d, len), DOC_OLE2_CRYPT, "OLE2 with EncryptedPackage: an encrypted .docx");
	free(d);
	d = ole2("Catalog", &len);
	is_int(kind(d, len), DOC_OLE2, "OLE2 with other streams (Thumbs.db)");
	ok(!doc_kind_report_like(DOC_OLE2), "... not report-like");
	free(d);

	is_int(kind((const unsigned char *)"%PDF-1.7\n", 9), DOC_PDF, "%%PDF-");
	is_int(kind((const unsigned char *)"{\\rtf1\\ansi", 11), DOC_RTF, "{\\rtf");
	is_int(kind((const unsigned char *)"某县人民政府关于", 24), DOC_NONE, "text is not a document");
	is_int(kind((const unsigned char *)"", 0), DOC_NONE, "an empty file is not a document");
	is_int(kind((const unsigned char *)"PK\3", 3), DOC_NONE, "three bytes of a ZIP signature are not one");

	s = doc_kind_advice(DOC_ZIP, "z.zip");
	ok(strstr(s, "--binary") == NULL, "the ZIP advice never mentions --binary");
	free(s);
	s = doc_kind_advice(DOC_OLE2_WORD, "it's.doc");
	ok(strstr(s, "'it'\\''s.doc'") != NULL, "a path in the advice is quoted for the shell: %s", s);
	free(s);
	return done_testing();
}
