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
	decoded_free(&d);

	dec("", 0, ENC_AUTO, &d);
	ok(d.text != NULL && d.len == 0 && !d.binary, "empty input");
	decoded_free(&d);
	return done_testing();
}
