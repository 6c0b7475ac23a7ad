/* SPDX-License-Identifier: MIT */
/** \file transport.h
 * \brief The language server's framing: JSON-RPC messages in
 *        `Content-Length` frames (LSP base protocol) over a byte stream.
 *
 * The stream is read through an lsp_io (a file descriptor for --lsp, a
 * memory buffer for the fuzz target).  Headers other than Content-Length
 * (Content-Type) are ignored; a header line that holds "Content-Length:"
 * after other bytes (a message sent without a header before a real frame)
 * still counts.  A frame longer than the reader's limit is read and
 * dropped, never held in memory; a header line is held up to
 * LSP_HEADER_MAX bytes (longer ones are dropped as they arrive).
 */
#ifndef GWLINT_LSP_TRANSPORT_H
#define GWLINT_LSP_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/** Longest header line kept (longer lines are not headers gwlint reads). */
#define LSP_HEADER_MAX 1024
/** Default frame limit: 64 MiB (a report is about 15 KB). */
#define LSP_FRAME_MAX ((size_t)64 << 20)

struct lsp_io {
	/** Read up to n bytes: how many, 0 at the end of input, -1 on error. */
	ssize_t (*read)(void *ctx, void *buf, size_t n);
	/** Wait up to ms milliseconds for input: 1 when some (or the end) is
	 *  there, 0 when the time ran out. */
	int (*wait)(void *ctx, int ms);
	/** Write all n bytes: 0, or -1 on error. */
	int (*write)(void *ctx, const void *buf, size_t n);
	void *ctx;
};

/** The lsp_io of two file descriptors (0 and 1 for --lsp). */
struct lsp_fd_io {
	int in, out;
};
void lsp_fd_io_init(struct lsp_io *io, struct lsp_fd_io *fds);

struct lsp_reader;

struct lsp_reader *lsp_reader_new(const struct lsp_io *io, size_t max_frame);
void lsp_reader_free(struct lsp_reader *r);
/** Whether bytes already read wait in the reader's buffer. */
bool lsp_reader_pending(const struct lsp_reader *r);

enum lsp_frame {
	LSP_FRAME_OK = 0,   /**< *body (len bytes, NUL-terminated; caller frees) */
	LSP_FRAME_EOF,      /**< the input ended (maybe inside a frame) */
	LSP_FRAME_BAD,      /**< a header block without a usable Content-Length */
	LSP_FRAME_TOO_BIG   /**< longer than the limit: read and dropped */
};

/** Read the next frame.  On LSP_FRAME_BAD, _TOO_BIG or a truncated frame
 *  (_EOF) *why says what was wrong (static text), else NULL. */
enum lsp_frame lsp_read_frame(struct lsp_reader *r, char **body, size_t *len,
    const char **why);

/** Write one frame holding `json` (n bytes): 0, or -1 on a write error. */
int lsp_write_frame(const struct lsp_io *io, const char *json, size_t n);

#endif
