/* SPDX-License-Identifier: MIT */
/** \file yamllib.h
 * \brief libyaml, loaded when the first YAML text (a rule pack or a
 *        .gwlint.yaml) is parsed, not at start-up.
 *
 * Included by the YAML reader (yamltree.c) instead of <yaml.h>, which it
 * includes for the types; the functions are called by their usual names,
 * mapped here to the library's own functions found at its first use (see
 * lazylib.h: why, and what happens when it cannot be loaded).  A new
 * function is a row of YAMLLIB_FUNCS and a #define below.
 */
#ifndef GWLINT_YAMLLIB_H
#define GWLINT_YAMLLIB_H

#include <yaml.h>

#include "lazylib.h"

#define YAMLLIB_FUNCS(X) \
	X(yaml_event_delete) \
	X(yaml_parser_delete) \
	X(yaml_parser_initialize) \
	X(yaml_parser_parse) \
	X(yaml_parser_set_input_string)

LAZYLIB_DECLARE(gw_yaml, YAMLLIB_FUNCS);

#define yaml_event_delete LAZYLIB_FN(gw_yaml, yaml_event_delete)
#define yaml_parser_delete LAZYLIB_FN(gw_yaml, yaml_parser_delete)
#define yaml_parser_initialize LAZYLIB_FN(gw_yaml, yaml_parser_initialize)
#define yaml_parser_parse LAZYLIB_FN(gw_yaml, yaml_parser_parse)
#define yaml_parser_set_input_string LAZYLIB_FN(gw_yaml, yaml_parser_set_input_string)

#endif
