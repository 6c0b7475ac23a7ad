/* SPDX-License-Identifier: MIT */
/** \file escape.h
 * \brief String escaping shared by the formatters: JSON, XML, CSV, URIs and
 *        GitHub workflow commands, written to a stream.
 *
 * The input is UTF-8 text.  Bytes are never dropped: what the target syntax
 * cannot hold literally is escaped, and what it cannot hold at all (C0
 * controls in XML 1.0) becomes U+FFFD.
 */
#ifndef GWLINT_REPORT_ESCAPE_H
#define GWLINT_REPORT_ESCAPE_H

#include <stdio.h>

/** A JSON string literal, quotes included (NULL prints null). */
void put_json_str(FILE *out, const char *s);
/** The same for the n bytes at s. */
void put_json_strn(FILE *out, const char *s, size_t n);
/** XML character data or attribute value, quotes not included. */
void put_xml(FILE *out, const char *s);
/** XML character data with line ends kept literal (element content). */
void put_xml_text(FILE *out, const char *s);
/** One CSV field (RFC 4180): quoted when it holds , " CR or LF. */
void put_csv(FILE *out, const char *s);
/** A path as a relative URI reference: unreserved bytes and '/' as is, others %XX. */
void put_uri_path(FILE *out, const char *path);
/** GitHub workflow command data: % CR LF escaped (actions/toolkit escapeData). */
void put_gh_data(FILE *out, const char *s);
/** GitHub workflow command property: also : and , (escapeProperty). */
void put_gh_prop(FILE *out, const char *s);

#endif
