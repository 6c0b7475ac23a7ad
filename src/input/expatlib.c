/* SPDX-License-Identifier: MIT */
/** \file expatlib.c
 * \brief libexpat loaded on first use (see expatlib.h and lazylib.h).
 */
#include "expatlib.h"

/* The file names tried, in order: the soname Debian 12's libexpat1
 * provides (expat 2.5), then the development link. */
LAZYLIB_DEFINE(gw_expat, EXPATLIB_FUNCS, "libexpat", "reading .docx files",
    "GWLINT_TEST_NO_LIBEXPAT", "libexpat.so.1", "libexpat.so")
