/* SPDX-License-Identifier: MIT */
/** \file decode.h
 * \brief Bytes of a file → the UTF-8 text every later stage works on.
 *
 * The text keeps the file's line ends (CRLF, CR, LF) so that byte offsets
 * stay those of the file for UTF-8 input; only a leading BOM is dropped.
 * Positions (offsets, lines, columns) are always those of the decoded text,
 * so a GB18030 or UTF-16 file gives the positions of its UTF-8 twin.
 *
 * Nothing stops decoding: each byte of UTF-8 input that is not part of a
 * valid sequence, each GB18030 byte that does not start a valid sequence,
 * each unpaired UTF-16 surrogate or odd trailing byte, and each NUL becomes
 * one U+001A (SUB) byte in the text and is listed in `bad` (adjacent ones
 * merged), so offsets after it are unchanged for UTF-8 and the rest of the
 * file is still read.  The text therefore never holds a NUL before its end.
 * decoded_free releases everything decode() allocated.
 */
#ifndef GWLINT_DECODE_H
#define GWLINT_DECODE_H

#include <stdbool.h>
#include <stddef.h>

#include "utf8.h"

enum encoding {
	ENC_AUTO = 0,
	ENC_UTF8,
	ENC_UTF16LE,
	ENC_UTF16BE,
	ENC_GB18030,
	ENC__COUNT
};

enum bad_kind {
	BAD_INVALID = 0,   /**< bytes the encoding cannot decode */
	BAD_NUL            /**< NUL characters (with --binary, or past the first block) */
};

/** A run of invalid input or NULs, as a span of the decoded text. */
struct decode_bad {
	size_t offset;     /**< byte offset in the decoded text */
	size_t len;        /**< SUB bytes there (one per bad unit) */
	size_t in_offset;  /**< byte offset in the original file */
	size_t in_len;     /**< bytes of the original file */
	enum bad_kind kind;
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

/** Name used for --encoding ("utf-8", "gb18030", ...). */
const char *encoding_name(enum encoding e);
/** Name used in messages ("UTF-8", "GB18030", "UTF-16LE", ...). */
const char *encoding_label(enum encoding e);
/** Parse an --encoding value; returns false if unknown. */
bool encoding_parse(const char *s, enum encoding *out);

/* utf8_valid_prefix, the validator, is in utf8.h (included here). */

/** Size of the first block, where a NUL byte means "binary". */
#define DECODE_PROBE 8192

/** Whether the bytes look binary: a NUL in the first DECODE_PROBE bytes,
 *  and no UTF-16 BOM (UTF-16 text is full of NUL bytes). */
bool decode_is_binary(const unsigned char *in, size_t n);

/**
 * Decode `n` bytes.  With ENC_AUTO: a UTF-8 BOM or valid UTF-8 is UTF-8; a
 * UTF-16 BOM selects UTF-16; UTF-8 with few invalid bytes (four bytes of
 * valid multi-byte sequences or more for each) is UTF-8 with them listed;
 * bytes that decode cleanly as GB18030 (its BOM
 * 84 31 95 33 is dropped) are GB18030; anything else is UTF-8 with its
 * invalid bytes listed.  A forced encoding is used whatever the bytes are,
 * with what it cannot decode listed in `bad`; a BOM of that encoding is
 * dropped.  out->binary is decode_is_binary() for ENC_AUTO.
 * \return 0, or -1 when iconv has no converter for the encoding
 *         (out->text is then still valid: the UTF-8 reading).
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
