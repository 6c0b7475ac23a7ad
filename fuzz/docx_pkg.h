/* SPDX-License-Identifier: MIT */
/** \file docx_pkg.h
 * \brief Build a .docx package in memory with libzip (for fuzz_docx_xml and
 *        tests/t-docx.c): given parts in, zip bytes out.
 */
#ifndef GWLINT_FUZZ_DOCX_PKG_H
#define GWLINT_FUZZ_DOCX_PKG_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

struct pkg_part {
	const char *name;
	const void *data;
	size_t len;
};

/** A zip of the parts (stored when `store`, else deflated) as malloc'd
 *  bytes in *out (length *outlen); 0, or -1 (the message on stderr). */
static int __attribute__((unused))
pkg_build(const struct pkg_part *parts, size_t n, int store, unsigned char **out, size_t *outlen)
{
	zip_error_t ze;
	zip_source_t *mem, *s;
	zip_t *za;
	zip_stat_t st;
	size_t i;
	zip_int64_t idx;

	*out = NULL;
	*outlen = 0;
	zip_error_init(&ze);
	mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (mem == NULL)
		goto fail;
	zip_source_keep(mem);
	za = zip_open_from_source(mem, ZIP_TRUNCATE, &ze);
	if (za == NULL) {
		zip_source_free(mem);
		goto fail;
	}
	for (i = 0; i < n; i++) {
		s = zip_source_buffer(za, parts[i].data, parts[i].len, 0);
		if (s == NULL || (idx = zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(s);
			fprintf(stderr, "pkg_build: %s\n", zip_strerror(za));
			zip_discard(za);
			zip_source_free(mem);
			return -1;
		}
		zip_set_file_compression(za, (zip_uint64_t)idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 1);
	}
	if (zip_close(za) != 0) {
		fprintf(stderr, "pkg_build: %s\n", zip_strerror(za));
		zip_discard(za);
		zip_source_free(mem);
		return -1;
	}
	if (zip_source_stat(mem, &st) != 0 || zip_source_open(mem) != 0) {
		zip_source_free(mem);
		fprintf(stderr, "pkg_build: cannot reopen the buffer\n");
		return -1;
	}
	*out = malloc(st.size ? st.size : 1);
	if (*out == NULL || zip_source_read(mem, *out, st.size) != (zip_int64_t)st.size) {
		free(*out);
		*out = NULL;
		zip_source_close(mem);
		zip_source_free(mem);
		fprintf(stderr, "pkg_build: cannot read the buffer\n");
		return -1;
	}
	*outlen = st.size;
	zip_source_close(mem);
	zip_source_free(mem);
	return 0;
fail:
	fprintf(stderr, "pkg_build: %s\n", zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return -1;
}

/** The parts of a minimal package around a main document part. */
#define PKG_CT "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"
#define PKG_RELS "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"

#endif
