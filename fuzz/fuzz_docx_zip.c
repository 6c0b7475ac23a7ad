/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the .docx reader (src/input/docx.c) on any bytes, read
 * as a zip from memory.  Whatever the bytes, docx_read returns 0 with
 * paragraphs that keep docx.h's promises (NUL-ended valid UTF-8 without a
 * line end, label and runs inside the text, numbers 1..n, a known story),
 * or -1 with a message; it never reads outside the buffer, leaks or hangs.
 * Limits are smaller than the defaults (1 MiB a part, 4 MiB in all, 100,000
 * paragraphs) so that one input stays fast.
 * Seeds: fuzz/seeds-docx_zip/ (the fixtures of tests/fixtures/docx/).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/docx.h"
#include "utf8.h"
#include "docx_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	docx_read_checked(data, size);
	return 0;
}
