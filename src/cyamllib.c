/* SPDX-License-Identifier: MIT */
/** \file cyamllib.c
 * \brief libcyaml loaded on first use (see cyamllib.h and lazylib.h).
 */
#include "cyamllib.h"

/* The file names tried, in order: the soname Debian 12's libcyaml1
 * provides (libcyaml 1.3), then the development link. */
LAZYLIB_DEFINE(gw_cyaml, CYAMLLIB_FUNCS, "libcyaml", "reading .gwlint.yaml",
    "GWLINT_TEST_NO_LIBCYAML", "libcyaml.so.1", "libcyaml.so")
