/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: document recognition by content (src/walk.c).  Any
 * bytes go through doc_kind_of_bytes (ZIP central directory, OLE2 directory
 * sector, PDF/RTF signatures), which must return a known kind and never read
 * outside the buffer (libFuzzer hands over an exact-size copy, so ASan sees
 * any over-read); the advice line for that kind is built and freed.
 * Seeds: fuzz/seeds-doc/ (a .docx, a ZIP, an OLE2 header, PDF, RTF).
 */
#include <stdint.h>
#include <stdlib.h>

#include "walk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum doc_kind k = doc_kind_of_bytes(data, size);
	char *advice;

	if (k > DOC_BY_NAME)
		abort();
	advice = doc_kind_advice(k, "x'y");
	free(advice);
	return 0;
}
