/* SPDX-License-Identifier: MIT */
/** \file util.h
 * \brief Allocation that never fails (fatal on OOM), growable buffers.
 *
 * Every allocation in gwlint goes through x*alloc: running out of memory
 * prints "gwlint: out of memory" and exits 2, so no other function needs an
 * allocation error path.  Buffers own their bytes until buf_steal/buf_free.
 */
#ifndef GWLINT_UTIL_H
#define GWLINT_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/** Grow an array of `size`-byte elements so that it holds at least `need`. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/** printf into a new allocated string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Bytes of heap asked for at once by main (heap_prefault): what the
 *  bundled packs' rule set and one report's first PCRE2 JIT compiles take
 *  (bench/out/one.txt, page faults of the whole run: 138 with 256 KiB,
 *  126 with 320 KiB, 124 with 384 KiB). */
#define STARTUP_HEAP (320 * 1024)
/**
 * Ask the system for the first `bytes` of the process's heap in one call
 * instead of a page fault per 4 KiB page as the heap is first written.
 * Called once, by main, before anything else allocates.  Only where malloc
 * is glibc's and grows its main heap with brk, and the kernel populates a
 * range on request (MADV_POPULATE_WRITE, Linux 5.14); elsewhere, and when
 * the first block does not come from that heap (a sanitizer's malloc), it
 * does nothing.  Returns the bytes populated (0: nothing done).
 */
size_t heap_prefault(size_t bytes);

/** Print "gwlint: <message>" to stderr and exit with status 2. */
_Noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** A growable byte buffer; data is always NUL-terminated when non-NULL. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/** Hand the bytes to the caller (never NULL) and reset the buffer. */
char *buf_steal(struct buf *b);
void buf_free(struct buf *b);

/** Largest input read (1 GiB): more is refused with EFBIG. */
#define READ_MAX ((size_t)1 << 30)

/**
 * Read a whole file (a FIFO or device named here is read as a stream and
 * may block, as cat would); returns 0, or -1 with errno set (EFBIG beyond
 * READ_MAX).
 */
int read_file(const char *path, unsigned char **data, size_t *len);
/** Read a whole stream (stdin); returns 0, or -1 with errno set. */
int read_stream(int fd, unsigned char **data, size_t *len);

/** Largest rule pack read (32 MiB; the test suite loads a 10 MB pack). */
#define PACK_READ_MAX ((size_t)32 << 20)
/** Largest config file read (4 MiB). */
#define CONFIG_READ_MAX ((size_t)4 << 20)
/** Largest baseline file read (64 MiB, about 500,000 findings). */
#define BASELINE_READ_MAX ((size_t)64 << 20)

/**
 * Read a whole regular file of at most `cap` bytes without ever blocking:
 * opened with O_NONBLOCK and checked with fstat before reading, so a FIFO,
 * a terminal, a device (/dev/zero) or a link to /proc/self/fd/N that names
 * one is refused, not read.  Returns 0; -1 with errno set (EFBIG beyond
 * cap); -2 when it is not a regular file (*what names its type).
 */
int read_regular_capped(const char *path, size_t cap, unsigned char **data, size_t *len,
    const char **what);
/**
 * The message for a read_regular_capped failure (rc -1 or -2): "PATH: ...",
 * allocated.  `noun` names what the file is for ("rule pack", "config").
 */
char *read_error(const char *path, const char *noun, int rc, const char *what, size_t cap);
/**
 * Read everything fd holds from offset 0 (pread, the offset is not moved),
 * at most `cap` bytes: 0, or -1 with errno set (EFBIG beyond cap).
 */
int pread_all(int fd, size_t cap, unsigned char **data, size_t *len);

/*
 * Replacing a file atomically and safely: a temporary file with an
 * unpredictable name is created in the target's folder with
 * O_CREAT|O_EXCL|O_NOFOLLOW (never through a link planted there), filled,
 * fsynced and renamed over the target relative to the folder's descriptor.
 * A target that exists must be a regular file and not a symbolic link.
 * While a temporary file exists it is removed if the process gets SIGINT,
 * SIGTERM, SIGHUP, SIGQUIT or SIGPIPE (the handler then re-raises the
 * signal).
 */
struct replace;

/**
 * Open the folder of `path` (its descriptor, O_DIRECTORY) and set *base to
 * the last component (allocated).  -1 with errno set on failure.
 */
int open_parent(const char *path, char **base);
/**
 * Start replacing `base` in folder `dirfd` (not taken over).  The temporary
 * file's name starts with `prefix`; its mode is 0600 until the caller
 * changes it.  NULL with *err ("DISPLAY: ...") on failure.
 */
struct replace *replace_begin(int dirfd, const char *base, const char *display,
    const char *prefix, char **err);
/** The temporary file's descriptor (open for writing). */
int replace_fd(const struct replace *r);
/** fsync and close the temporary file: 0, or -1 with errno set. */
int replace_flush(struct replace *r);
/** Rename the temporary file over the target and fsync the folder; frees r.
 *  0, or -1 with errno set (the temporary file then removed). */
int replace_commit(struct replace *r);
/** Remove the temporary file and free r (NULL is ignored). */
void replace_abort(struct replace *r);

/* The UTF-8 helpers (utf8_seq_len, utf8_count, edit_distance, ...) are in
 * utf8.h, included here for the files that found them in util.h. */
#include "utf8.h"

/** What kind of file a mode describes ("FIFO", "directory", ...), for messages. */
const char *file_type(mode_t m);

/** Whether month m (1-12) of the Gregorian year y has a day d. */
int calendar_day_ok(int y, int m, int d);

#endif
