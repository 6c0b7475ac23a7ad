/* SPDX-License-Identifier: MIT */
/** \file ziplib.c
 * \brief libzip loaded on first use (see ziplib.h and lazylib.h).
 */
#include "ziplib.h"

/* The file names tried, in order: the soname Debian 12's libzip-dev links
 * against (libzip 1.7: libzip.so.4), then the development link. */
LAZYLIB_DEFINE(gw_zip, ZIPLIB_FUNCS, "libzip", "reading .docx files", "GWLINT_TEST_NO_LIBZIP",
    "libzip.so.4", "libzip.so")
