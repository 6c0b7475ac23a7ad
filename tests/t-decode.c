/* SPDX-License-Identifier: MIT */
/* Unit tests: BOM, UTF-8 validation, invalid bytes, UTF-16, GB18030. */
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "tap.h"

static void
dec(const char *bytes, size_t n, enum encoding force, struct decoded *d)
{
	decode((const unsigned char *)bytes, n, force, d);
}

/* The valid UTF-8 prefix of a C string. */
static size_t
vp(const char *s)
{
	return utf8_valid_prefix((const unsigned char *)s, strlen(s));
}

int
main(void)
{
	struct decoded d;

	dec("\xEF\xBB\xBF一、", 9, ENC_AUTO, &d);
	ok(d.bom && d.enc == ENC_UTF8, "UTF-8 BOM is seen");
	is_str(d.text, "一、", "and removed");
	is_int(d.nbad, 0, "no invalid bytes");
	decoded_free(&d);

	dec("a\r\nb\rc\n", 7, ENC_AUTO, &d);
	is_int(d.len, 7, "line ends are kept byte for byte");
	decoded_free(&d);

	dec("ab\xFF\xFE" "c\xC3", 6, ENC_AUTO, &d);
	/* Not valid UTF-8 and not clean GB18030 (a lone trailing 0xC3). */
	is_int(d.enc, ENC_UTF8, "undecodable bytes fall back to UTF-8");
	is_int(d.nbad, 2, "two runs of invalid bytes");
	is_int(d.bad[0].offset, 2, "first run at 2");
	is_int(d.bad[0].len, 2, "two bytes long");
	is_int(d.bad[1].offset, 5, "second at 5");
	is_int(d.len, 6, "same length: offsets are kept");
	ok(d.text[2] == 0x1A && d.text[3] == 0x1A, "replaced by SUB");
	decoded_free(&d);

	dec("\xED\xA0\x80", 3, ENC_UTF8, &d);
	is_int(d.nbad, 1, "an encoded surrogate is invalid");
	decoded_free(&d);
	dec("\xC0\xAF", 2, ENC_UTF8, &d);
	is_int(d.nbad, 1, "an overlong form is invalid");
	decoded_free(&d);

	/* 一 U+4E00 in UTF-16LE with BOM */
	dec("\xFF\xFE\x00\x4E\x0A\x00", 6, ENC_AUTO, &d);
	is_int(d.enc, ENC_UTF16LE, "UTF-16LE BOM selects UTF-16LE");
	is_str(d.text, "一\n", "and decodes");
	decoded_free(&d);
	dec("\xFE\xFF\x4E\x00", 4, ENC_AUTO, &d);
	is_int(d.enc, ENC_UTF16BE, "UTF-16BE BOM");
	is_str(d.text, "一", "decodes");
	decoded_free(&d);

	/* 报告 in GB18030: B1 A8 B8 E6 */
	dec("\xB1\xA8\xB8\xE6", 4, ENC_AUTO, &d);
	is_int(d.enc, ENC_GB18030, "clean GB18030 bytes are GB18030");
	is_str(d.text, "报告", "and decode");
	decoded_free(&d);

	dec("a\0b", 3, ENC_AUTO, &d);
	ok(d.binary, "a NUL in the first block means binary");
	ok(d.len == 3 && d.text[1] == 0x1A, "linted anyway (--binary), the NUL is SUB");
	is_int(d.nbad, 1, "and listed");
	is_int(d.bad[0].kind, BAD_NUL, "as a NUL");
	decoded_free(&d);
	ok(!decode_is_binary((const unsigned char *)"\xFF\xFE" "a\0", 4),
	    "UTF-16 with a BOM is not binary");
	ok(decode_is_binary((const unsigned char *)"\xEF\xBB\xBF\0", 4),
	    "a NUL after a UTF-8 BOM is");

	/* UTF-16: an unpaired surrogate and an odd last byte go on as SUB. */
	dec("\xFF\xFE" "a\0" "\x00\xD8" "b\0" "c", 9, ENC_AUTO, &d);
	is_int(d.enc, ENC_UTF16LE, "broken UTF-16LE is still UTF-16LE");
	is_str(d.text, "a\x1A" "b\x1A", "lone surrogate and odd byte are SUB");
	is_int(d.nbad, 2, "two bad units");
	is_int(d.bad[0].offset, 1, "surrogate at text offset 1");
	is_int(d.bad[0].in_offset, 4, "file offset 4");
	is_int(d.bad[0].in_len, 2, "two bytes");
	is_int(d.bad[1].in_offset, 8, "odd byte at file offset 8");
	decoded_free(&d);
	/* U+1F600 as a surrogate pair, UTF-16BE */
	dec("\xFE\xFF\xD8\x3D\xDE\x00", 6, ENC_AUTO, &d);
	is_str(d.text, "\xF0\x9F\x98\x80", "surrogate pairs decode");
	decoded_free(&d);
	dec("a\0b\0", 4, ENC_UTF16LE, &d);
	ok(d.enc == ENC_UTF16LE && !d.bom, "forced UTF-16LE without a BOM");
	is_str(d.text, "ab", "decodes");
	decoded_free(&d);

	/* GB18030: BOM dropped; forced with a bad byte goes on. */
	dec("\x84\x31\x95\x33\xB1\xA8", 6, ENC_AUTO, &d);
	ok(d.enc == ENC_GB18030 && d.bom, "GB18030 BOM is seen");
	is_str(d.text, "报", "and dropped");
	decoded_free(&d);
	dec("\xB1\xA8\xFF\xB8\xE6", 5, ENC_GB18030, &d);
	is_int(d.enc, ENC_GB18030, "forced GB18030 stays GB18030");
	is_str(d.text, "报\x1A告", "the bad byte is SUB");
	is_int(d.nbad, 1, "one bad byte");
	is_int(d.bad[0].offset, 3, "at text offset 3");
	is_int(d.bad[0].in_offset, 2, "file offset 2");
	decoded_free(&d);
	dec("\xB1\xA8\xFF\xB8\xE6", 5, ENC_AUTO, &d);
	is_int(d.enc, ENC_UTF8, "not clean GB18030: UTF-8 with invalid bytes");
	is_int(d.nbad, 1, "one run");
	is_int(d.bad[0].len, 5, "of five bytes");
	decoded_free(&d);
	dec("\xB1\xA8\0\xB8\xE6", 5, ENC_AUTO, &d);
	is_int(d.enc, ENC_GB18030, "a NUL does not spoil GB18030");
	is_str(d.text, "报\x1A告", "and is SUB");
	decoded_free(&d);
	dec("\xB1", 1, ENC_GB18030, &d);
	ok(d.nbad == 1 && d.len == 1, "a cut-off GB18030 sequence at the end is one bad byte");
	decoded_free(&d);

	/* Issue 13 #1: the byte after a run of four Han characters is checked
	 * (it was taken for a valid lead byte: a crash, or bad UTF-8 accepted). */
	is_int(vp("中文中文\xFD\xBF\xBF" "aaaa"), 12, "0xFD after four Han characters is invalid");
	is_int(vp("中文中文\xF7\xBF\xBF\xBF中文"), 12, "0xF7 after four Han characters is invalid");
	is_int(vp("中文中文中文中文\xC0\xAFzz"), 24, "an overlong form after eight is invalid");
	is_int(vp("中文中文\xE0\x80\x80"), 12, "an overlong three-byte form after four");
	is_int(vp("中文中文\xED\xA0\x80"), 12, "a surrogate after four");
	is_int(vp("中文中文\xF4\x90\x80\x80"), 12, "above U+10FFFF after four");
	is_int(vp("a中文中文\x80"), 13, "a lone continuation byte after four");
	is_int(vp("中文中文\xE4\xB8"), 12, "a cut-off sequence at the end after four");
	is_int(vp("中文中文中文中文"), 24, "eight Han characters are valid");
	is_int(vp("中文中文\xF0\x9F\x98\x80中\xC3\xA9" "a"), 22, "four Han, an emoji, Han, é");
	dec("中文中文\xFD\xBF\xBF" "aaaa\n", 20, ENC_AUTO, &d);
	ok(d.enc == ENC_UTF8 && d.nbad == 1 && d.bad[0].in_offset == 12 && d.bad[0].len == 3,
	    "decode: UTF-8 with three bad bytes at offset 12, listed");
	ok((unsigned char)d.text[12] == 0x1A && (unsigned char)d.text[14] == 0x1A,
	    "and made SUB");
	decoded_free(&d);
	dec("中文中文\xF7\xBF\xBF\xBF中文\n", 23, ENC_AUTO, &d);
	ok(d.enc == ENC_UTF8 && d.nbad == 1 && d.bad[0].in_offset == 12 && d.bad[0].len == 4,
	    "decode: 0xF7 run after Han text is listed (was accepted)");
	decoded_free(&d);
	/* UTF-8 text with a stray overlong form is not read as GB18030 (whose
	 * reading of these bytes is clean but gibberish). */
	dec("中文中文中文中文\xC0\xAFzz", 28, ENC_AUTO, &d);
	ok(d.enc == ENC_UTF8 && d.nbad == 1 && d.bad[0].in_offset == 24 && d.bad[0].len == 2,
	    "decode: an overlong form after Han text is listed, the text stays UTF-8");
	decoded_free(&d);

	dec("", 0, ENC_AUTO, &d);
	ok(d.text != NULL && d.len == 0 && !d.binary, "empty input");
	decoded_free(&d);
	dec("", 0, ENC_UTF16BE, &d);
	ok(d.text != NULL && d.len == 0, "empty forced UTF-16");
	decoded_free(&d);
	dec("", 0, ENC_GB18030, &d);
	ok(d.text != NULL && d.len == 0, "empty forced GB18030");
	decoded_free(&d);
	return done_testing();
}
