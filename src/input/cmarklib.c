/* SPDX-License-Identifier: MIT */
/** \file cmarklib.c
 * \brief libcmark loaded on first use (see cmarklib.h and lazylib.h).
 */
#include "cmarklib.h"

/* The file names tried, in order: the soname Debian 12's libcmark0.30.2
 * provides (cmark names it after its full version), then the development
 * link. */
LAZYLIB_DEFINE(gw_cmark, CMARKLIB_FUNCS, "libcmark", "reading Markdown files",
    "GWLINT_TEST_NO_LIBCMARK", "libcmark.so.0.30.2", "libcmark.so")
