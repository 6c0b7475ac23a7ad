/* SPDX-License-Identifier: MIT */
/** \file decode.h
 * \brief Bytes of a file → the UTF-8 text every later stage works on.
 *
 * The text keeps the file's line ends (CRLF, CR, LF) so that byte offsets
 * stay those of the file for UTF-8 input; only a leading BOM is dropped.
 * Each invalid UTF-8 byte is replaced by one U+001A (SUB) byte, so offsets
 * and byte columns after it are unchanged, and is listed in `bad`.
 * decoded_free releases everything decode() allocated.
 */
#ifndef GWLINT_DECODE_H
#define GWLINT_DECODE_H

#include <stdbool.h>
#include <stddef.h>

enum encoding {
	ENC_AUTO = 0,
	ENC_UTF8,
	ENC_UTF16LE,
	ENC_UTF16BE,
	ENC_GB18030,
	ENC__COUNT
};

/** A run of invalid input, as a span of the decoded text. */
struct decode_bad {
	size_t offset;     /**< byte offset in the decoded text */
	size_t len;        /**< bytes replaced there */
	size_t in_offset;  /**< byte offset in the original file */
};

struct decoded {
	char *text;             /**< NUL-terminated; owned */
	size_t len;
	enum encoding enc;      /**< what was used */
	bool bom;               /**< a byte-order mark was removed */
	bool binary;            /**< NUL bytes in the first block: not text */
	struct decode_bad *bad; /**< invalid sequences; owned */
	size_t nbad;
};

/** Name used in messages and for --encoding ("utf-8", "gb18030", ...). */
const char *encoding_name(enum encoding e);
/** Parse an --encoding value; returns false if unknown. */
bool encoding_parse(const char *s, enum encoding *out);

/**
 * Decode `n` bytes.  With ENC_AUTO: a UTF-8 BOM or valid UTF-8 is UTF-8; a
 * UTF-16 BOM selects UTF-16; bytes that decode cleanly as GB18030 are
 * GB18030; anything else is UTF-8 with its invalid bytes listed.
 * \return 0, or -1 when a forced encoding cannot decode the input at all
 *         (out->text is then still valid: the UTF-8 fallback).
 */
int decode(const unsigned char *in, size_t n, enum encoding force, struct decoded *out);
/**
 * decode() that takes ownership of `in` (from malloc, with room for n + 1
 * bytes): UTF-8 input becomes out->text in place, without a copy, so a big
 * file is in memory once; other encodings free it after conversion.
 */
int decode_owned(unsigned char *in, size_t n, enum encoding force, struct decoded *out);
void decoded_free(struct decoded *d);

#endif
