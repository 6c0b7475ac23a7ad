/* SPDX-License-Identifier: MIT */
/** \file util.c
 * \brief Fatal-on-OOM allocation, buffers and whole-file reads.
 */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

_Noreturn void
fatal(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("gwlint: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static _Noreturn void
oom(void)
{
	fatal("out of memory");
}

/*
 * Why: on the virtual machines gwlint is measured on, the first write to a
 * page of fresh memory costs about 12 us (the trap, then the page
 * zeroed), and loading the bundled packs writes about 60 heap pages one
 * by one.  One madvise(MADV_POPULATE_WRITE) over the start of the heap
 * gives the same pages for about half as much (one report: 228 page faults
 * -> 161, about 0.6 ms of CPU; README, Performance).  glibc's malloc takes
 * the heap's top padding from M_TOP_PAD: set to `bytes` for the first
 * block, so that the brk heap spans them, then back to its documented
 * default (128 KiB).
 */
size_t
heap_prefault(size_t bytes)
{
#if defined(__GLIBC__) && defined(M_TOP_PAD) && defined(MADV_POPULATE_WRITE)
	const uintptr_t page = 4096;
	char *brk0 = sbrk(0), *end, *p;
	uintptr_t start;
	size_t n = 0;

	if (brk0 == (char *)-1 || mallopt(M_TOP_PAD, (int)bytes) != 1)
		return 0;
	p = malloc(1);
	end = sbrk(0);
	/* Only a block glibc carved from the brk heap it just made. */
	if (p != NULL && end != (char *)-1 && p >= brk0 && p < end) {
		start = (uintptr_t)p & ~(page - 1);
		n = (size_t)((uintptr_t)end - start);
		if (n > bytes)
			n = bytes;
		if (madvise((void *)start, n, MADV_POPULATE_WRITE) != 0)
			n = 0;
	}
	free(p);
	/* Setting M_TOP_PAD also turns off glibc's own tuning of when a block
	 * gets its own mapping and when the heap's top is given back (which
	 * would otherwise move to fit the blocks freed): fixed here instead,
	 * a block of 1 MiB or more is mapped on its own, and the heap's top is
	 * given back past 2 MiB free.  (Left at the 128 KiB start values, every
	 * .docx part over 128 KiB was a fresh mapping: 100 .docx reports took
	 * 3,485 page faults instead of 1,511; with these, 545, and the 100 .txt
	 * reports 213 instead of 278.)  Each heap keeps at most 2 MiB free. */
	(void)mallopt(M_TOP_PAD, 128 * 1024);
	(void)mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
	(void)mallopt(M_TRIM_THRESHOLD, 2 * 1024 * 1024);
	return n;
#else
	(void)bytes;
	return 0;
#endif
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom();
	return q;
}

void *
xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;

	/* p == NULL has capacity 0 whatever *cap says: said for gcc
	 * -fanalyzer, which loses that link (it flagged buf_append). */
	if (need <= c && p != NULL)
		return p;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > ((size_t)-1) / 2)
			oom();
		c *= 2;
	}
	if (c > ((size_t)-1) / size)
		oom();
	*cap = c;
	return xrealloc(p, c * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_steal(&b);
}

void
buf_append(struct buf *b, const void *p, size_t n)
{
	b->data = xgrow(b->data, &b->cap, b->len + n + 1, 1);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	if (b->len + 2 > b->cap)
		b->data = xgrow(b->data, &b->cap, b->len + 2, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatal("internal error: bad format string");
	b->data = xgrow(b->data, &b->cap, b->len + (size_t)n + 1, 1);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
buf_steal(struct buf *b)
{
	char *p = b->data ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

int
read_stream(int fd, unsigned char **data, size_t *len)
{
	struct buf b = {0};
	char chunk[65536];

	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			buf_free(&b);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > READ_MAX) {
			buf_free(&b);
			errno = EFBIG;
			return -1;
		}
		buf_append(&b, chunk, (size_t)n);
	}
	*len = b.len;
	*data = (unsigned char *)buf_steal(&b);
	return 0;
}

/* Read what fd holds; st is its fstat.  Closes fd. */
static int
read_fd(int fd, const struct stat *st, unsigned char **data, size_t *len)
{
	int rc, e;

	if (S_ISDIR(st->st_mode)) {
		close(fd);
		errno = EISDIR;
		return -1;
	}
	if (S_ISREG(st->st_mode) && (unsigned long long)st->st_size > READ_MAX) {
		close(fd);
		errno = EFBIG;
		return -1;
	}
	if (S_ISREG(st->st_mode) && st->st_size > 0) {
		/* One read for an ordinary file: size it up front. */
		size_t want = (size_t)st->st_size, got = 0;
		unsigned char *p = xmalloc(want + 1);

		while (got < want) {
			ssize_t n = read(fd, p + got, want - got);
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0) {
				e = errno;
				free(p);
				close(fd);
				errno = e;
				return -1;
			}
			if (n == 0)
				break;
			got += (size_t)n;
		}
		if (got == want) {
			/* The file may have grown: read the rest as a stream. */
			unsigned char *rest;
			size_t restlen;

			if (read_stream(fd, &rest, &restlen) != 0) {
				e = errno;
				free(p);
				close(fd);
				errno = e;
				return -1;
			}
			if (got + restlen > READ_MAX) {
				free(rest);
				free(p);
				close(fd);
				errno = EFBIG;
				return -1;
			}
			if (restlen) {
				p = xrealloc(p, got + restlen + 1);
				memcpy(p + got, rest, restlen);
				got += restlen;
			}
			free(rest);
		}
		p[got] = '\0';
		close(fd);
		*data = p;
		*len = got;
		return 0;
	}
	rc = read_stream(fd, data, len);
	e = errno;
	close(fd);
	errno = e;
	return rc;
}

/* Open path for reading (with `flags` added) and fstat it: the fd, or -1
 * with errno set (nothing left open). */
static int
open_stat(const char *path, int flags, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_NOCTTY | flags);

	if (fd >= 0 && fstat(fd, st) != 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int
read_file(const char *path, unsigned char **data, size_t *len)
{
	struct stat st;
	int fd = open_stat(path, 0, &st);

	if (fd < 0)
		return -1;
	return read_fd(fd, &st, data, len);
}

const char *
file_type(mode_t m)
{
	if (S_ISDIR(m))
		return "directory";
	if (S_ISFIFO(m))
		return "FIFO";
	if (S_ISSOCK(m))
		return "socket";
	if (S_ISCHR(m))
		return "character device";
	if (S_ISBLK(m))
		return "block device";
	return "not a regular file";
}

int
read_regular_capped(const char *path, size_t cap, unsigned char **data, size_t *len,
    const char **what)
{
	struct stat st;
	int fd = open_stat(path, O_NONBLOCK | O_CLOEXEC, &st), rc, e;

	if (fd < 0)
		return -1;
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		*what = file_type(st.st_mode);
		return -2;
	}
	if ((unsigned long long)st.st_size > cap) {
		close(fd);
		errno = EFBIG;
		return -1;
	}
	/* A regular file whose size says 0 may still produce bytes (/proc):
	 * pread_all stops at cap in any case. */
	rc = pread_all(fd, cap, data, len);
	e = errno;
	close(fd);
	errno = e;
	return rc;
}

char *
read_error(const char *path, const char *noun, int rc, const char *what, size_t cap)
{
	if (rc == -2)
		return xasprintf("%s: not read: a %s, not a regular file (a %s is read from a "
		    "regular file only)", path, what, noun);
	if (errno == EFBIG)
		return xasprintf("%s: not read: larger than %zu MiB (the limit for a %s)", path,
		    cap >> 20, noun);
	return xasprintf("%s: %s", path, strerror(errno));
}

int
pread_all(int fd, size_t cap, unsigned char **data, size_t *len)
{
	size_t got = 0, have = 65536;
	unsigned char *p;
	struct stat st;

	/* A regular file: room for its size (and one byte more, to see the
	 * end) at once. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
	    (unsigned long long)st.st_size < cap)
		have = (size_t)st.st_size + 1;
	p = xmalloc(have + 1);

	for (;;) {
		ssize_t n;

		if (got == have) {
			if (have > cap) {
				free(p);
				errno = EFBIG;
				return -1;
			}
			have *= 2;
			p = xrealloc(p, have + 1);
		}
		n = pread(fd, p + got, have - got, (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			free(p);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
		if (got > cap) {
			free(p);
			errno = EFBIG;
			return -1;
		}
	}
	p[got] = '\0';
	*data = p;
	*len = got;
	return 0;
}

/* ---- replacing a file ---- */

/*
 * Temporary files to remove if a fatal signal arrives: the one global the
 * signal handler needs (a handler cannot be given arguments).  Each slot is
 * claimed by one replace; `state` is 0 free, 1 being filled, 2 live.
 */
#define REPLACE_SLOTS 64

static struct {
	atomic_int state;
	int dirfd;
	char name[64];
} tmp_slots[REPLACE_SLOTS];

static void
remove_tmp_on_signal(int sig)
{
	size_t i;

	for (i = 0; i < REPLACE_SLOTS; i++)
		if (atomic_load(&tmp_slots[i].state) == 2)
			unlinkat(tmp_slots[i].dirfd, tmp_slots[i].name, 0);
	/* SA_RESETHAND restored the default action: die of the signal. */
	raise(sig);
}

/* At exit (fatal: out of memory, a bad input found late): the same. */
static void
remove_tmp_at_exit(void)
{
	size_t i;

	for (i = 0; i < REPLACE_SLOTS; i++)
		if (atomic_load(&tmp_slots[i].state) == 2)
			unlinkat(tmp_slots[i].dirfd, tmp_slots[i].name, 0);
}

static void
install_cleanup(void)
{
	static atomic_int done;
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
	size_t i;

	if (atomic_exchange(&done, 1))
		return;
	atexit(remove_tmp_at_exit);
	for (i = 0; i < ARRAY_LEN(sigs); i++) {
		struct sigaction sa, old;

		if (sigaction(sigs[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
			continue; /* an ignored signal stays ignored */
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = remove_tmp_on_signal;
		sa.sa_flags = (int)SA_RESETHAND;
		sigemptyset(&sa.sa_mask);
		sigaction(sigs[i], &sa, NULL);
	}
}

struct replace {
	int dirfd;         /* the target's folder (ours, duplicated) */
	int fd;            /* the temporary file, or -1 once closed */
	int slot;          /* in tmp_slots, or -1 */
	char *base;        /* the target's name in the folder */
	char tmp[64];      /* the temporary file's name in the folder */
};

static void
random_suffix(char *out, size_t n)
{
	static atomic_uint counter;
	unsigned char rnd[16];
	size_t i;

	if (getrandom(rnd, sizeof rnd, GRND_NONBLOCK) != (ssize_t)sizeof rnd) {
		/* No entropy yet: still unique (O_EXCL decides), less unpredictable. */
		struct timespec ts;
		unsigned long long v;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		v = (unsigned long long)ts.tv_nsec * 2654435761u ^ (unsigned long long)getpid() ^
		    ((unsigned long long)atomic_fetch_add(&counter, 1) << 32);
		for (i = 0; i < sizeof rnd; i++)
			rnd[i] = (unsigned char)(v >> (8 * (i % 8)) ^ i * 37);
	}
	for (i = 0; i + 1 < n && i < sizeof rnd; i++)
		out[i] = "abcdefghijklmnopqrstuvwxyz012345"[rnd[i] & 31];
	out[i] = '\0';
}

int
open_parent(const char *path, char **base)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd;

	if (slash == NULL) {
		dir = xstrdup(".");
		*base = xstrdup(path);
	} else {
		dir = slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
		*base = xstrdup(slash + 1);
	}
	if (**base == '\0' || strcmp(*base, ".") == 0 || strcmp(*base, "..") == 0) {
		free(dir);
		free(*base);
		*base = NULL;
		errno = EISDIR;
		return -1;
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0) {
		int e = errno;

		free(*base);
		*base = NULL;
		errno = e;
	}
	return fd;
}

struct replace *
replace_begin(int dirfd, const char *base, const char *display, const char *prefix, char **err)
{
	struct replace *r;
	struct stat st;
	size_t tries, i;

	*err = NULL;
	if (fstatat(dirfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISLNK(st.st_mode)) {
			*err = xasprintf("%s: not written: it is a symbolic link (gwlint never "
			    "writes through one; name the file it points to)", display);
			return NULL;
		}
		if (!S_ISREG(st.st_mode)) {
			*err = xasprintf("%s: not written: it is a %s, not a regular file", display,
			    file_type(st.st_mode));
			return NULL;
		}
	} else if (errno != ENOENT) {
		*err = xasprintf("%s: %s", display, strerror(errno));
		return NULL;
	}
	r = xcalloc(1, sizeof *r);
	r->slot = -1;
	r->fd = -1;
	r->dirfd = fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
	if (r->dirfd < 0) {
		*err = xasprintf("%s: %s", display, strerror(errno));
		free(r);
		return NULL;
	}
	r->base = xstrdup(base);
	install_cleanup();
	for (i = 0; i < REPLACE_SLOTS; i++) {
		int expect = 0;

		if (atomic_compare_exchange_strong(&tmp_slots[i].state, &expect, 1)) {
			r->slot = (int)i;
			break;
		}
	}
	for (tries = 0; tries < 100; tries++) {
		char rnd[13];

		random_suffix(rnd, sizeof rnd);
		snprintf(r->tmp, sizeof r->tmp, "%.40s%s", prefix, rnd);
		if (r->slot >= 0) {
			/* Registered before it exists: the handler may then try
			 * to remove a name that is not there yet, which is harmless. */
			tmp_slots[r->slot].dirfd = r->dirfd;
			memcpy(tmp_slots[r->slot].name, r->tmp, sizeof r->tmp);
			atomic_store(&tmp_slots[r->slot].state, 2);
		}
		r->fd = openat(r->dirfd, r->tmp,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0600);
		if (r->fd >= 0 || errno != EEXIST)
			break;
		if (r->slot >= 0)
			atomic_store(&tmp_slots[r->slot].state, 1);
	}
	if (r->fd < 0) {
		*err = xasprintf("%s: cannot create a temporary file next to it: %s", display,
		    strerror(errno));
		r->tmp[0] = '\0';
		replace_abort(r);
		return NULL;
	}
	return r;
}

int
replace_fd(const struct replace *r)
{
	return r->fd;
}

int
replace_flush(struct replace *r)
{
	int rc = 0;

	if (r->fd < 0)
		return 0;
	if (fsync(r->fd) != 0)
		rc = -1;
	if (close(r->fd) != 0 && rc == 0)
		rc = -1;
	r->fd = -1;
	return rc;
}

static void
replace_free(struct replace *r)
{
	if (r->slot >= 0)
		atomic_store(&tmp_slots[r->slot].state, 0);
	if (r->fd >= 0)
		close(r->fd);
	close(r->dirfd);
	free(r->base);
	free(r);
}

int
replace_commit(struct replace *r)
{
	int e;

	if (replace_flush(r) != 0 || renameat(r->dirfd, r->tmp, r->dirfd, r->base) != 0) {
		e = errno;
		replace_abort(r);
		errno = e;
		return -1;
	}
	/* Make the rename itself durable. */
	fsync(r->dirfd);
	replace_free(r);
	return 0;
}

void
replace_abort(struct replace *r)
{
	if (r == NULL)
		return;
	if (r->fd >= 0) {
		close(r->fd);
		r->fd = -1;
	}
	if (r->tmp[0])
		unlinkat(r->dirfd, r->tmp, 0);
	replace_free(r);
}

int
calendar_day_ok(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int len;

	if (m < 1 || m > 12 || d < 1)
		return 0;
	len = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		len = 29;
	return d <= len;
}
