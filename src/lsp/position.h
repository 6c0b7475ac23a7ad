/* SPDX-License-Identifier: MIT */
/** \file position.h
 * \brief LSP positions (0-based line, character in the negotiated unit)
 *        to and from byte offsets of a document.
 *
 * Lines end at LF, CRLF or a lone CR, as in LSP and in document.h.  The
 * units are document.h's: COL_BYTE (utf-8), COL_CHAR (utf-32) and
 * COL_UTF16 (utf-16: a character beyond U+FFFF, such as 𠮷, is two).
 */
#ifndef GWLINT_LSP_POSITION_H
#define GWLINT_LSP_POSITION_H

#include <stddef.h>

#include "../document.h"

/** The position of byte `off` (clamped to the text). */
void lsp_position(const struct document *d, size_t off, enum column_unit unit,
    size_t *line, size_t *character);

/**
 * The byte offset of a position: a line past the last is the end of the
 * text, a character past the line's end is its end (LSP: the line end), a
 * character inside a character (half a surrogate pair, a byte inside a
 * UTF-8 sequence) is that character's start.
 */
size_t lsp_offset(const struct document *d, size_t line, size_t character,
    enum column_unit unit);

#endif
