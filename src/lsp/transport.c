/* SPDX-License-Identifier: MIT */
/** \file transport.c
 * \brief Content-Length frames over a byte stream (see transport.h).
 */
#include "transport.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../util.h"

#define CHUNK 65536

struct lsp_reader {
	const struct lsp_io *io;
	size_t max_frame;
	char buf[CHUNK];
	size_t pos, end;   /* unread bytes: buf[pos, end) */
	bool eof;
};

static ssize_t
fd_read(void *ctx, void *buf, size_t n)
{
	const struct lsp_fd_io *f = ctx;
	ssize_t got;

	do
		got = read(f->in, buf, n);
	while (got < 0 && errno == EINTR);
	return got;
}

static int
fd_wait(void *ctx, int ms)
{
	const struct lsp_fd_io *f = ctx;
	struct pollfd p;
	int rc;

	p.fd = f->in;
	p.events = POLLIN;
	p.revents = 0;
	rc = poll(&p, 1, ms);
	/* An error (EINTR ...) counts as input: the read that follows says. */
	return rc == 0 ? 0 : 1;
}

static int
fd_write(void *ctx, const void *buf, size_t n)
{
	const struct lsp_fd_io *f = ctx;
	const char *p = buf;

	while (n > 0) {
		ssize_t w = write(f->out, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

void
lsp_fd_io_init(struct lsp_io *io, struct lsp_fd_io *fds)
{
	io->read = fd_read;
	io->wait = fd_wait;
	io->write = fd_write;
	io->ctx = fds;
}

struct lsp_reader *
lsp_reader_new(const struct lsp_io *io, size_t max_frame)
{
	struct lsp_reader *r = xcalloc(1, sizeof *r);

	r->io = io;
	r->max_frame = max_frame;
	return r;
}

void
lsp_reader_free(struct lsp_reader *r)
{
	free(r);
}

bool
lsp_reader_pending(const struct lsp_reader *r)
{
	return r->pos < r->end;
}

/* Refill the buffer when it is empty: false at the end of input. */
static bool
fill(struct lsp_reader *r)
{
	ssize_t got;

	if (r->pos < r->end)
		return true;
	if (r->eof)
		return false;
	got = r->io->read(r->io->ctx, r->buf, sizeof r->buf);
	if (got <= 0) {
		r->eof = true;
		return false;
	}
	r->pos = 0;
	r->end = (size_t)got;
	return true;
}

/* One header line (its end, LF or CRLF, removed) into line[], at most
 * LSP_HEADER_MAX bytes kept; *cut when more were dropped.  False at the
 * end of input before a line end. */
static bool
read_line(struct lsp_reader *r, char *line, size_t *n, bool *cut)
{
	*n = 0;
	*cut = false;
	for (;;) {
		char *nl;
		size_t take, keep;

		if (!fill(r))
			return false;
		nl = memchr(r->buf + r->pos, '\n', r->end - r->pos);
		take = nl ? (size_t)(nl - (r->buf + r->pos)) : r->end - r->pos;
		keep = take;
		if (*n + keep > LSP_HEADER_MAX) {
			keep = LSP_HEADER_MAX - *n;
			*cut = true;
		}
		memcpy(line + *n, r->buf + r->pos, keep);
		*n += keep;
		r->pos += take;
		if (nl) {
			r->pos++;
			if (*n > 0 && line[*n - 1] == '\r')
				(*n)--;
			line[*n] = '\0';
			return true;
		}
	}
}

/* The value of a Content-Length header found in line (anywhere: a body
 * sent without a header may precede it on the same line).  0 when the
 * line has none, 1 when *len is set, -1 when its value is not a number. */
static int
content_length(const char *line, size_t n, size_t *len)
{
	static const char key[] = "content-length:";
	const size_t kl = sizeof key - 1;
	size_t i;

	for (i = 0; i + kl <= n; i++) {
		const char *p;
		uintmax_t v = 0;
		bool digits = false;

		if (strncasecmp(line + i, key, kl) != 0)
			continue;
		p = line + i + kl;
		while (*p == ' ' || *p == '\t')
			p++;
		while (*p >= '0' && *p <= '9') {
			if (v > (SIZE_MAX - 9) / 10)
				return -1;
			v = v * 10 + (uintmax_t)(*p - '0');
			digits = true;
			p++;
		}
		while (*p == ' ' || *p == '\t')
			p++;
		if (!digits || *p != '\0')
			return -1;
		*len = (size_t)v;
		return 1;
	}
	return 0;
}

/* Read n bytes into dst (NULL: drop them): false at the end of input. */
static bool
read_body(struct lsp_reader *r, char *dst, size_t n)
{
	while (n > 0) {
		size_t take;

		if (!fill(r))
			return false;
		take = r->end - r->pos;
		if (take > n)
			take = n;
		if (dst) {
			memcpy(dst, r->buf + r->pos, take);
			dst += take;
		}
		r->pos += take;
		n -= take;
	}
	return true;
}

enum lsp_frame
lsp_read_frame(struct lsp_reader *r, char **body, size_t *len, const char **why)
{
	char line[LSP_HEADER_MAX + 1];
	size_t n, flen = 0;
	bool cut, have = false, bad = false, any = false;

	*body = NULL;
	*len = 0;
	*why = NULL;
	for (;;) {
		if (!read_line(r, line, &n, &cut)) {
			if (any)
				*why = "the input ended inside a frame's header";
			return LSP_FRAME_EOF;
		}
		if (n == 0 && !cut) {
			if (!any)
				continue;   /* blank lines between frames */
			break;
		}
		any = true;
		if (!cut) {
			int c = content_length(line, n, &flen);

			if (c > 0)
				have = true;
			else if (c < 0)
				bad = true;
		}
	}
	if (bad || !have) {
		*why = bad ? "a Content-Length header whose value is not a length" :
		    "a header without Content-Length";
		return LSP_FRAME_BAD;
	}
	if (flen > r->max_frame) {
		*why = "a frame longer than the limit (dropped)";
		if (!read_body(r, NULL, flen)) {
			*why = "the input ended inside a frame longer than the limit";
			return LSP_FRAME_EOF;
		}
		return LSP_FRAME_TOO_BIG;
	}
	*body = xmalloc(flen + 1);
	if (!read_body(r, *body, flen)) {
		free(*body);
		*body = NULL;
		*why = "the input ended inside a frame (Content-Length larger than the data)";
		return LSP_FRAME_EOF;
	}
	(*body)[flen] = '\0';
	*len = flen;
	return LSP_FRAME_OK;
}

int
lsp_write_frame(const struct lsp_io *io, const char *json, size_t n)
{
	char head[64];
	int hl = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);

	if (io->write(io->ctx, head, (size_t)hl) != 0)
		return -1;
	return io->write(io->ctx, json, n);
}
