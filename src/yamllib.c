/* SPDX-License-Identifier: MIT */
/** \file yamllib.c
 * \brief libyaml loaded on first use (see yamllib.h and lazylib.h).
 */
#include "yamllib.h"

/* The file names tried, in order: the soname Debian 12's libyaml-0-2
 * provides (libyaml 0.2), then the development link. */
LAZYLIB_DEFINE(gw_yaml, YAMLLIB_FUNCS, "libyaml", "reading rule packs and .gwlint.yaml",
    "GWLINT_TEST_NO_LIBYAML", "libyaml-0.so.2", "libyaml.so")
