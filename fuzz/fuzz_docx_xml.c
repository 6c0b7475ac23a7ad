/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the .docx reader's XML paths.  The bytes are split at
 * each 0x01 byte (never valid in XML) into word/document.xml, then
 * word/numbering.xml, word/styles.xml and word/footnotes.xml, and wrapped in
 * a fixed minimal package built in memory with libzip (parts stored), so
 * that every input reaches expat and the handlers rather than the zip
 * reader.  The result must keep docx.h's promises (fuzz/docx_check.h).
 * Seeds: fuzz/seeds-docx_xml/ (the fixtures' XML parts, joined the same way).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/docx.h"
#include "docx_check.h"
#include "docx_pkg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define DOC_RELS "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/></Relationships>"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"word/document.xml", "word/numbering.xml",
	    "word/styles.xml", "word/footnotes.xml"};
	struct pkg_part parts[3 + 4];
	unsigned char *zip;
	size_t zlen, np = 0, i, from = 0;

	parts[np++] = (struct pkg_part){"[Content_Types].xml", PKG_CT, strlen(PKG_CT)};
	parts[np++] = (struct pkg_part){"_rels/.rels", PKG_RELS, strlen(PKG_RELS)};
	parts[np++] = (struct pkg_part){"word/_rels/document.xml.rels", DOC_RELS, strlen(DOC_RELS)};
	for (i = 0; i < 4; i++) {
		const uint8_t *sep = size > from ? memchr(data + from, 1, size - from) : NULL;
		size_t end = sep ? (size_t)(sep - data) : size;

		parts[np++] = (struct pkg_part){names[i], size ? data + from : (const uint8_t *)"",
		    end - from};
		if (sep == NULL)
			break;
		from = end + 1;
	}
	if (pkg_build(parts, np, 1, &zip, &zlen) != 0)
		abort();
	docx_read_checked(zip, zlen);
	free(zip);
	return 0;
}
