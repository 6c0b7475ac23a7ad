/* SPDX-License-Identifier: MIT */
/** \file fuzz_lsp.c
 * \brief libFuzzer target: the language server's message loop.  The input
 *        is the byte stream a client sends (Content-Length frames, JSON,
 *        documents, positions); everything the server writes is dropped.
 *
 * The server runs as `gwlint --lsp` does (lsp_serve), with the bundled
 * packs, no debounce (each change is linted before the next message) and
 * a 1 MiB frame limit, so that large frames take the dropping path.  Its
 * output is checked to be frames only: each write is either a header
 * "Content-Length: N\r\n\r\n" or the N bytes of JSON it announced.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp/server.h"

#include "common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct mem {
	const uint8_t *p;
	size_t n, at;
	size_t expect;   /* body bytes announced by the last header */
};

static ssize_t
mem_read(void *ctx, void *buf, size_t n)
{
	struct mem *m = ctx;
	size_t left = m->n - m->at;

	/* Small reads: frames split across reads, and the reader's buffer
	 * often empty between messages (then a changed document is linted at
	 * once, as after the debounce). */
	if (n > 512)
		n = 512;
	if (n > left)
		n = left;
	memcpy(buf, m->p + m->at, n);
	m->at += n;
	return (ssize_t)n;
}

static int
mem_wait(void *ctx, int ms)
{
	(void)ctx;
	(void)ms;
	return 1;
}

static int
mem_write(void *ctx, const void *buf, size_t n)
{
	struct mem *m = ctx;

	if (m->expect == 0) {
		unsigned long len;
		char tail[4];

		if (n < 20 || n > 40 || sscanf((const char *)buf, "Content-Length: %lu%3c", &len,
		    tail) != 2 || memcmp(tail, "\r\n\r", 3) != 0)
			abort();
		m->expect = len;
	} else {
		if (n != m->expect)
			abort();
		m->expect = 0;
	}
	return 0;
}

static const char *packs[1] = {FUZZ_RULES_DIR};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("GWLINT_FUZZ_RULES");

	(void)argc;
	(void)argv;
	if (dir)
		packs[0] = dir;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lsp_params p;
	struct mem m = {data, size, 0, 0};
	struct lsp_io io = {mem_read, mem_wait, mem_write, &m};

	memset(&p, 0, sizeof p);
	p.packs = packs;
	p.npacks = 1;
	p.debounce_ms = 0;
	p.max_frame = (size_t)1 << 20;
	p.log = false;
	(void)lsp_serve(&p, &io);
	return 0;
}
