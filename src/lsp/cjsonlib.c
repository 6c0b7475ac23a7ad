/* SPDX-License-Identifier: MIT */
/** \file cjsonlib.c
 * \brief libcjson loaded on first use (see cjsonlib.h and lazylib.h).
 */
#include "cjsonlib.h"

/* The file names tried, in order: the soname Debian 12's libcjson1
 * provides (cJSON 1.7), then the development link. */
LAZYLIB_DEFINE(gw_cjson, CJSONLIB_FUNCS, "libcjson", "the language server (--lsp)",
    "GWLINT_TEST_NO_LIBCJSON", "libcjson.so.1", "libcjson.so")
