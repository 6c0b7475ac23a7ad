/* SPDX-License-Identifier: MIT */
/** \file escape.h
 * \brief String escaping shared by the formatters: the escaped form of a
 *        path, plain text, JSON, XML, CSV, URIs and GitHub workflow
 *        commands, written to a stream or a buffer.
 *
 * Nothing gwlint prints lets a file name or a document's text add a line,
 * start a terminal escape sequence or break the syntax of the format.  Two
 * notations, the same in every format:
 *
 * - **The escaped form of a path** (what every format prints as the path):
 *   `\` becomes `\\`; TAB, LF, CR become `\t`, `\n`, `\r`; every other
 *   control character below U+0020 and DEL become `\xNN`; each byte that is
 *   not part of valid UTF-8 becomes `\xNN` (two lower-case hex digits, the
 *   byte's value); the C1 controls U+0080–U+009F, the line and paragraph
 *   separators U+2028, U+2029 and the bidirectional controls (U+061C,
 *   U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) become `\uXXXX` (four
 *   lower-case hex digits).  Everything else is kept, so an ordinary path
 *   (Chinese names and spaces included) prints unchanged, and the form can
 *   be undone exactly.
 * - **Text** (messages, fixes, rule descriptions, source lines) uses the
 *   same `\xNN` and `\uXXXX` escapes where the format has no lossless way to
 *   carry the character, but keeps `\` and TAB; each format says what it
 *   does with LF and CR.
 *
 * A format with a lossless native escape uses it instead for text: JSON
 * `\u001b`, XML `&#x9b;` (XML 1.0 cannot hold C0 controls at all: `\xNN`),
 * URIs `%1B`, GitHub `%0A`.
 */
#ifndef GWLINT_REPORT_ESCAPE_H
#define GWLINT_REPORT_ESCAPE_H

#include <stdbool.h>
#include <stdio.h>

#include "../util.h"

/** The escaped form of path (see above), appended to b. */
void buf_path(struct buf *b, const char *path);
/** The escaped form of path, in a new string. */
char *path_escaped(const char *path);
/** The escaped form of path, written to out. */
void put_path(FILE *out, const char *path);

/**
 * One line on stderr: "gwlint: ", the formatted message, a newline, written
 * at once.  Controls in the message (LF and CR included: `\x0a`), bytes that
 * are not UTF-8 and the other characters of the escaped forms are escaped,
 * so a file name or a pack's text quoted in a notice can neither add a line
 * nor send an escape sequence to the terminal.
 */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** n bytes of text whose lines are kept (LF, CR, TAB as they are), every
 *  other control and each byte that is not UTF-8 escaped. */
void put_text_block(FILE *out, const char *s, size_t n);

/** Text on one output line: LF and CR become spaces, controls escaped. */
void buf_text_line(struct buf *b, const char *s);
void put_text_line(FILE *out, const char *s);

/** The n bytes at s as a JSON string literal, quotes included, appended to b. */
void buf_json_strn(struct buf *b, const char *s, size_t n);
/** A JSON string literal, quotes included (NULL prints null). */
void put_json_str(FILE *out, const char *s);
/** The same for the n bytes at s. */
void put_json_strn(FILE *out, const char *s, size_t n);
/** A JSON string literal holding the escaped form of path. */
void put_json_path(FILE *out, const char *path);
/** The n bytes at s as XML character data (attr: or an attribute value,
 *  LF, CR and TAB as references), appended to b. */
void buf_xml(struct buf *b, const char *s, size_t n, bool attr);
/** XML character data or attribute value, quotes not included. */
void put_xml(FILE *out, const char *s);
/** XML character data with line ends kept literal (element content). */
void put_xml_text(FILE *out, const char *s);
/** The escaped form of path as XML character data or attribute value. */
void put_xml_path(FILE *out, const char *path);
/**
 * One CSV field (RFC 4180): quoted when it holds , " CR or LF; controls
 * other than CR, LF and TAB escaped; a field that begins with = + - @ TAB
 * or CR (a formula to Excel) is written as "'…" (quoted, after a ').
 */
void put_csv(FILE *out, const char *s);
/** The escaped form of path as a CSV field (formula rule included). */
void put_csv_path(FILE *out, const char *path);
/** A path as a relative URI reference: unreserved bytes and '/' as is, others %XX. */
void put_uri_path(FILE *out, const char *path);
/** GitHub workflow command data: controls escaped as text, then % CR LF
 *  (actions/toolkit escapeData). */
void put_gh_data(FILE *out, const char *s);
/** GitHub workflow command property: also : and , (escapeProperty). */
void put_gh_prop(FILE *out, const char *s);
/** The escaped form of path as a GitHub workflow command property. */
void put_gh_path(FILE *out, const char *path);

/**
 * One unit of source text at s (n > 0 bytes left) for a terminal line: if
 * it must be escaped, its escape is appended to b and its length returned
 * with *escaped set; otherwise nothing is appended, *escaped is clear and
 * the length of the (valid) character is returned.  TAB is left to the
 * caller (not escaped).
 */
size_t text_unit(struct buf *b, const char *s, size_t n, int *escaped);

#endif
