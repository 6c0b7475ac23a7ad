/* SPDX-License-Identifier: MIT */
/** \file cyamllib.h
 * \brief libcyaml, loaded when the first .gwlint.yaml is loaded, not at
 *        start-up.
 *
 * Included by the configuration loader (config.c) instead of
 * <cyaml/cyaml.h>, which it includes for the types; the functions are
 * called by their usual names, mapped here to the library's own functions
 * found at its first use (see lazylib.h: why, and what happens when it
 * cannot be loaded).  A new function is a row of CYAMLLIB_FUNCS and a
 * #define below.
 *
 * cyaml_mem is also used as a value (the mem_fn of a cyaml_config_t): it
 * is then libcyaml's own allocator, so libcyaml calls the very function it
 * would have called with cyaml_mem linked in.  Taking its address loads
 * libcyaml, which only building a configuration does.
 */
#ifndef GWLINT_CYAMLLIB_H
#define GWLINT_CYAMLLIB_H

#include <cyaml/cyaml.h>

#include "lazylib.h"

#define CYAMLLIB_FUNCS(X) \
	X(cyaml_free) \
	X(cyaml_load_data) \
	X(cyaml_mem) \
	X(cyaml_strerror)

LAZYLIB_DECLARE(gw_cyaml, CYAMLLIB_FUNCS);

#define cyaml_free LAZYLIB_FN(gw_cyaml, cyaml_free)
#define cyaml_load_data LAZYLIB_FN(gw_cyaml, cyaml_load_data)
#define cyaml_mem LAZYLIB_FN(gw_cyaml, cyaml_mem)
#define cyaml_strerror LAZYLIB_FN(gw_cyaml, cyaml_strerror)

#endif
