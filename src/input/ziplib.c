/* SPDX-License-Identifier: MIT */
/** \file ziplib.c
 * \brief libzip loaded on first use (see ziplib.h): one stand-in per
 *        libzip function gwlint calls.
 */
#include "ziplib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util.h"

/* The file names tried, in order: the soname Debian 12's libzip-dev links
 * against (libzip 1.7: libzip.so.4), then the development link. */
static const char *const sonames[] = {"libzip.so.4", "libzip.so"};

/* X(name): every libzip function a reader calls. */
#define ZIPLIB_FUNCS(X) \
	X(zip_discard) X(zip_error_fini) X(zip_error_init) X(zip_error_strerror) \
	X(zip_fclose) X(zip_fdopen) X(zip_file_strerror) X(zip_fopen_index) X(zip_fread) \
	X(zip_get_num_entries) X(zip_name_locate) X(zip_open_from_source) \
	X(zip_source_buffer_create) X(zip_source_free) X(zip_stat_index) X(zip_stat_init) \
	X(zip_strerror) \
	X(zip_close) X(zip_file_add) X(zip_file_set_mtime) X(zip_get_name) X(zip_source_buffer) X(zip_source_close) \
	X(zip_source_keep) X(zip_source_open) X(zip_source_read) X(zip_source_stat) X(zip_source_zip)

/* The real functions, filled once by load() and typed after <zip.h>'s
 * declarations: here the names are libzip's own again. */
#undef zip_discard
#undef zip_error_fini
#undef zip_error_init
#undef zip_error_strerror
#undef zip_fclose
#undef zip_fdopen
#undef zip_file_strerror
#undef zip_fopen_index
#undef zip_fread
#undef zip_get_num_entries
#undef zip_name_locate
#undef zip_open_from_source
#undef zip_source_buffer_create
#undef zip_source_free
#undef zip_stat_index
#undef zip_stat_init
#undef zip_strerror
#undef zip_close
#undef zip_file_add
#undef zip_file_set_mtime
#undef zip_get_name
#undef zip_source_buffer
#undef zip_source_close
#undef zip_source_keep
#undef zip_source_open
#undef zip_source_read
#undef zip_source_stat
#undef zip_source_zip

static struct {
#define FIELD(f) __typeof__(f) *f;
	ZIPLIB_FUNCS(FIELD)
#undef FIELD
} lib;

static pthread_once_t once = PTHREAD_ONCE_INIT;

/* dlsym gives an object pointer: copied, not cast, into a function
 * pointer (ISO C has no conversion between the two). */
static void
set_fn(void *slot, size_t size, void *sym)
{
	if (size != sizeof sym)
		fatal("cannot load libzip: function pointers differ from data pointers here");
	memcpy(slot, &sym, sizeof sym);
}

static void
load(void)
{
	void *h = NULL, *sym = NULL;
	char why[512] = "not found";
	size_t i;

	for (i = 0; i < ARRAY_LEN(sonames) && h == NULL; i++) {
#ifdef GWLINT_TEST_HOOKS
		/* tests/startup.t: a library that cannot be loaded. */
		if (getenv("GWLINT_TEST_NO_LIBZIP") != NULL) {
			h = dlopen("libgwlint-test-absent.so", RTLD_NOW | RTLD_LOCAL);
		} else
#endif
		h = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
		if (h == NULL && i == 0) {
			const char *e = dlerror();

			if (e != NULL)
				snprintf(why, sizeof why, "%s", e);
		}
	}
	if (h == NULL)
		fatal("cannot load libzip (%s), which reading .docx files needs: %s", sonames[0], why);
#define FILL(f) \
	sym = dlsym(h, #f); \
	if (sym == NULL) \
		fatal("cannot load libzip: %s has no %s", sonames[0], #f); \
	set_fn(&lib.f, sizeof lib.f, sym);
	ZIPLIB_FUNCS(FILL)
#undef FILL
	/* The library stays loaded until the process ends. */
}

static void
ready(void)
{
	pthread_once(&once, load);
}

void
gw_zip_discard(zip_t *za)
{
	ready();
	lib.zip_discard(za);
}

void
gw_zip_error_fini(zip_error_t *ze)
{
	ready();
	lib.zip_error_fini(ze);
}

void
gw_zip_error_init(zip_error_t *ze)
{
	ready();
	lib.zip_error_init(ze);
}

const char *
gw_zip_error_strerror(zip_error_t *ze)
{
	ready();
	return lib.zip_error_strerror(ze);
}

int
gw_zip_fclose(zip_file_t *zf)
{
	ready();
	return lib.zip_fclose(zf);
}

zip_t *
gw_zip_fdopen(int fd, int flags, int *errorp)
{
	ready();
	return lib.zip_fdopen(fd, flags, errorp);
}

const char *
gw_zip_file_strerror(zip_file_t *zf)
{
	ready();
	return lib.zip_file_strerror(zf);
}

zip_file_t *
gw_zip_fopen_index(zip_t *za, zip_uint64_t index, zip_flags_t flags)
{
	ready();
	return lib.zip_fopen_index(za, index, flags);
}

zip_int64_t
gw_zip_fread(zip_file_t *zf, void *buf, zip_uint64_t n)
{
	ready();
	return lib.zip_fread(zf, buf, n);
}

zip_int64_t
gw_zip_get_num_entries(zip_t *za, zip_flags_t flags)
{
	ready();
	return lib.zip_get_num_entries(za, flags);
}

zip_int64_t
gw_zip_name_locate(zip_t *za, const char *name, zip_flags_t flags)
{
	ready();
	return lib.zip_name_locate(za, name, flags);
}

zip_t *
gw_zip_open_from_source(zip_source_t *zs, int flags, zip_error_t *ze)
{
	ready();
	return lib.zip_open_from_source(zs, flags, ze);
}

zip_source_t *
gw_zip_source_buffer_create(const void *data, zip_uint64_t len, int freep, zip_error_t *ze)
{
	ready();
	return lib.zip_source_buffer_create(data, len, freep, ze);
}

void
gw_zip_source_free(zip_source_t *zs)
{
	ready();
	lib.zip_source_free(zs);
}

int
gw_zip_stat_index(zip_t *za, zip_uint64_t index, zip_flags_t flags, zip_stat_t *st)
{
	ready();
	return lib.zip_stat_index(za, index, flags, st);
}

void
gw_zip_stat_init(zip_stat_t *st)
{
	ready();
	lib.zip_stat_init(st);
}

const char *
gw_zip_strerror(zip_t *za)
{
	ready();
	return lib.zip_strerror(za);
}

int
gw_zip_close(zip_t *za)
{
	ready();
	return lib.zip_close(za);
}

zip_int64_t
gw_zip_file_add(zip_t *za, const char *name, zip_source_t *zs, zip_flags_t flags)
{
	ready();
	return lib.zip_file_add(za, name, zs, flags);
}

int
gw_zip_file_set_mtime(zip_t *za, zip_uint64_t index, time_t mtime, zip_flags_t flags)
{
	ready();
	return lib.zip_file_set_mtime(za, index, mtime, flags);
}

const char *
gw_zip_get_name(zip_t *za, zip_uint64_t index, zip_flags_t flags)
{
	ready();
	return lib.zip_get_name(za, index, flags);
}

zip_source_t *
gw_zip_source_buffer(zip_t *za, const void *data, zip_uint64_t len, int freep)
{
	ready();
	return lib.zip_source_buffer(za, data, len, freep);
}

int
gw_zip_source_close(zip_source_t *zs)
{
	ready();
	return lib.zip_source_close(zs);
}

void
gw_zip_source_keep(zip_source_t *zs)
{
	ready();
	lib.zip_source_keep(zs);
}

int
gw_zip_source_open(zip_source_t *zs)
{
	ready();
	return lib.zip_source_open(zs);
}

zip_int64_t
gw_zip_source_read(zip_source_t *zs, void *data, zip_uint64_t len)
{
	ready();
	return lib.zip_source_read(zs, data, len);
}

int
gw_zip_source_stat(zip_source_t *zs, zip_stat_t *st)
{
	ready();
	return lib.zip_source_stat(zs, st);
}

zip_source_t *
gw_zip_source_zip(zip_t *za, zip_t *srcza, zip_uint64_t srcidx, zip_flags_t flags,
    zip_uint64_t start, zip_int64_t len)
{
	ready();
	return lib.zip_source_zip(za, srcza, srcidx, flags, start, len);
}
