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
 * ziplib.c's stand-ins; the first call of any of them loads libzip
 * (dlopen, once per process, any thread) and each stand-in forwards to
 * libzip's own function.  When libzip cannot be loaded, the run stops
 * with "gwlint: cannot load libzip ..." and exit status 2, as a missing
 * library at start-up did before.
 *
 * Only the functions gwlint's readers and the annotator call are here: a new one is added
 * as a row of ZIPLIB_FUNCS (ziplib.c) and a #define below.
 */
#ifndef GWLINT_ZIPLIB_H
#define GWLINT_ZIPLIB_H

#include <zip.h>

#define zip_discard gw_zip_discard
#define zip_error_fini gw_zip_error_fini
#define zip_error_init gw_zip_error_init
#define zip_error_strerror gw_zip_error_strerror
#define zip_fclose gw_zip_fclose
#define zip_fdopen gw_zip_fdopen
#define zip_file_strerror gw_zip_file_strerror
#define zip_fopen_index gw_zip_fopen_index
#define zip_fread gw_zip_fread
#define zip_get_num_entries gw_zip_get_num_entries
#define zip_name_locate gw_zip_name_locate
#define zip_open_from_source gw_zip_open_from_source
#define zip_source_buffer_create gw_zip_source_buffer_create
#define zip_source_free gw_zip_source_free
#define zip_stat_index gw_zip_stat_index
#define zip_stat_init gw_zip_stat_init
#define zip_strerror gw_zip_strerror
/* writing a package (--annotate) */
#define zip_close gw_zip_close
#define zip_file_add gw_zip_file_add
#define zip_file_set_mtime gw_zip_file_set_mtime
#define zip_get_name gw_zip_get_name
#define zip_source_buffer gw_zip_source_buffer
#define zip_source_close gw_zip_source_close
#define zip_source_keep gw_zip_source_keep
#define zip_source_open gw_zip_source_open
#define zip_source_read gw_zip_source_read
#define zip_source_stat gw_zip_source_stat
#define zip_source_zip gw_zip_source_zip

void gw_zip_discard(zip_t *za);
void gw_zip_error_fini(zip_error_t *ze);
void gw_zip_error_init(zip_error_t *ze);
const char *gw_zip_error_strerror(zip_error_t *ze);
int gw_zip_fclose(zip_file_t *zf);
zip_t *gw_zip_fdopen(int fd, int flags, int *errorp);
const char *gw_zip_file_strerror(zip_file_t *zf);
zip_file_t *gw_zip_fopen_index(zip_t *za, zip_uint64_t index, zip_flags_t flags);
zip_int64_t gw_zip_fread(zip_file_t *zf, void *buf, zip_uint64_t n);
zip_int64_t gw_zip_get_num_entries(zip_t *za, zip_flags_t flags);
zip_int64_t gw_zip_name_locate(zip_t *za, const char *name, zip_flags_t flags);
zip_t *gw_zip_open_from_source(zip_source_t *zs, int flags, zip_error_t *ze);
zip_source_t *gw_zip_source_buffer_create(const void *data, zip_uint64_t len, int freep,
    zip_error_t *ze);
void gw_zip_source_free(zip_source_t *zs);
int gw_zip_stat_index(zip_t *za, zip_uint64_t index, zip_flags_t flags, zip_stat_t *st);
void gw_zip_stat_init(zip_stat_t *st);
const char *gw_zip_strerror(zip_t *za);
int gw_zip_close(zip_t *za);
zip_int64_t gw_zip_file_add(zip_t *za, const char *name, zip_source_t *zs, zip_flags_t flags);
int gw_zip_file_set_mtime(zip_t *za, zip_uint64_t index, time_t mtime, zip_flags_t flags);
const char *gw_zip_get_name(zip_t *za, zip_uint64_t index, zip_flags_t flags);
zip_source_t *gw_zip_source_buffer(zip_t *za, const void *data, zip_uint64_t len, int freep);
int gw_zip_source_close(zip_source_t *zs);
void gw_zip_source_keep(zip_source_t *zs);
int gw_zip_source_open(zip_source_t *zs);
zip_int64_t gw_zip_source_read(zip_source_t *zs, void *data, zip_uint64_t len);
int gw_zip_source_stat(zip_source_t *zs, zip_stat_t *st);
zip_source_t *gw_zip_source_zip(zip_t *za, zip_t *srcza, zip_uint64_t srcidx, zip_flags_t flags,
    zip_uint64_t start, zip_int64_t len);

#endif
