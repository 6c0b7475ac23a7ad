/* SPDX-License-Identifier: MIT */
/** \file ziplib.h
 * \brief libzip, loaded when the first zip package is opened, not at
 *        start-up.
 *
 * Debian's libzip needs libcrypto, libbz2 and libz: loading and relocating
 * them (21,000 relocations, 140 page faults) took 3.4 ms of every run on
 * the reference machine, .txt and Markdown runs included, against a 5 ms
 * budget for one report (README, Performance).  So gwlint is not linked
 * with libzip: a reader includes this header instead of <zip.h> and calls
 * libzip's functions by their usual names, which this header maps to
 * libzip's own functions found at run time (lazylib.h); the first call of
 * any of them loads libzip (dlopen, once per process, any thread).  When
 * libzip cannot be loaded, the run stops with "gwlint: cannot load libzip
 * ..." and exit status 2, as a missing library at start-up did before.
 *
 * Only the functions gwlint's readers and the annotator call are here: a
 * new one is a row of ZIPLIB_FUNCS and a #define below.
 */
#ifndef GWLINT_ZIPLIB_H
#define GWLINT_ZIPLIB_H

#include <zip.h>

#include "../lazylib.h"

#define ZIPLIB_FUNCS(X) \
	X(zip_discard) \
	X(zip_error_fini) \
	X(zip_error_init) \
	X(zip_error_strerror) \
	X(zip_fclose) \
	X(zip_fdopen) \
	X(zip_file_strerror) \
	X(zip_fopen_index) \
	X(zip_fread) \
	X(zip_get_num_entries) \
	X(zip_name_locate) \
	X(zip_open_from_source) \
	X(zip_source_buffer_create) \
	X(zip_source_free) \
	X(zip_stat_index) \
	X(zip_stat_init) \
	X(zip_strerror) \
	/* writing a package (--annotate) */ \
	X(zip_close) \
	X(zip_file_add) \
	X(zip_file_set_mtime) \
	X(zip_get_name) \
	X(zip_source_buffer) \
	X(zip_source_close) \
	X(zip_source_keep) \
	X(zip_source_open) \
	X(zip_source_read) \
	X(zip_source_stat) \
	X(zip_source_zip)

LAZYLIB_DECLARE(gw_zip, ZIPLIB_FUNCS);

#define zip_discard LAZYLIB_FN(gw_zip, zip_discard)
#define zip_error_fini LAZYLIB_FN(gw_zip, zip_error_fini)
#define zip_error_init LAZYLIB_FN(gw_zip, zip_error_init)
#define zip_error_strerror LAZYLIB_FN(gw_zip, zip_error_strerror)
#define zip_fclose LAZYLIB_FN(gw_zip, zip_fclose)
#define zip_fdopen LAZYLIB_FN(gw_zip, zip_fdopen)
#define zip_file_strerror LAZYLIB_FN(gw_zip, zip_file_strerror)
#define zip_fopen_index LAZYLIB_FN(gw_zip, zip_fopen_index)
#define zip_fread LAZYLIB_FN(gw_zip, zip_fread)
#define zip_get_num_entries LAZYLIB_FN(gw_zip, zip_get_num_entries)
#define zip_name_locate LAZYLIB_FN(gw_zip, zip_name_locate)
#define zip_open_from_source LAZYLIB_FN(gw_zip, zip_open_from_source)
#define zip_source_buffer_create LAZYLIB_FN(gw_zip, zip_source_buffer_create)
#define zip_source_free LAZYLIB_FN(gw_zip, zip_source_free)
#define zip_stat_index LAZYLIB_FN(gw_zip, zip_stat_index)
#define zip_stat_init LAZYLIB_FN(gw_zip, zip_stat_init)
#define zip_strerror LAZYLIB_FN(gw_zip, zip_strerror)
/* writing a package (--annotate) */
#define zip_close LAZYLIB_FN(gw_zip, zip_close)
#define zip_file_add LAZYLIB_FN(gw_zip, zip_file_add)
#define zip_file_set_mtime LAZYLIB_FN(gw_zip, zip_file_set_mtime)
#define zip_get_name LAZYLIB_FN(gw_zip, zip_get_name)
#define zip_source_buffer LAZYLIB_FN(gw_zip, zip_source_buffer)
#define zip_source_close LAZYLIB_FN(gw_zip, zip_source_close)
#define zip_source_keep LAZYLIB_FN(gw_zip, zip_source_keep)
#define zip_source_open LAZYLIB_FN(gw_zip, zip_source_open)
#define zip_source_read LAZYLIB_FN(gw_zip, zip_source_read)
#define zip_source_stat LAZYLIB_FN(gw_zip, zip_source_stat)
#define zip_source_zip LAZYLIB_FN(gw_zip, zip_source_zip)

#endif
