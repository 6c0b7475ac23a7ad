/* SPDX-License-Identifier: MIT */
/** \file position.c
 * \brief LSP positions and byte offsets (see position.h).
 */
#include "position.h"

#include <stdint.h>

#include "../utf8.h"

void
lsp_position(const struct document *d, size_t off, enum column_unit unit, size_t *line,
    size_t *character)
{
	if (off > doc_len(d))
		off = doc_len(d);
	*line = doc_line_of(d, off);
	*character = doc_column(d, off, unit);
}

size_t
lsp_offset(const struct document *d, size_t line, size_t character, enum column_unit unit)
{
	const unsigned char *t = (const unsigned char *)doc_text(d);
	size_t start, end, i, col = 0;

	if (line >= doc_line_count(d))
		return doc_len(d);
	doc_line_span(d, line, &start, &end);
	i = start;
	while (i < end && col < character) {
		uint32_t cp = 0;
		size_t n = utf8_next(t + i, end - i, &cp), w;

		if (n == 0)
			n = 1;
		w = unit == COL_BYTE ? n : unit == COL_UTF16 && cp > 0xFFFF ? 2 : 1;
		if (col + w > character)
			break;
		col += w;
		i += n;
	}
	return i;
}
