/* SPDX-License-Identifier: MIT */
/** \file cmarklib.h
 * \brief cmark, loaded when the first Markdown file is read, not at start-
 *        up.
 *
 * Included by the Markdown reader (input/markdown.c) instead of <cmark.h>,
 * which it includes for the types; the functions are called by their usual
 * names, mapped here to the library's own functions found at its first use
 * (see lazylib.h: why, and what happens when it cannot be loaded).  A new
 * function is a row of CMARKLIB_FUNCS and a #define below.
 */
#ifndef GWLINT_CMARKLIB_H
#define GWLINT_CMARKLIB_H

#include <cmark.h>

#include "../lazylib.h"

#define CMARKLIB_FUNCS(X) \
	X(cmark_iter_free) \
	X(cmark_iter_get_node) \
	X(cmark_iter_new) \
	X(cmark_iter_next) \
	X(cmark_node_first_child) \
	X(cmark_node_free) \
	X(cmark_node_get_end_line) \
	X(cmark_node_get_list_type) \
	X(cmark_node_get_literal) \
	X(cmark_node_get_start_column) \
	X(cmark_node_get_start_line) \
	X(cmark_node_get_type) \
	X(cmark_node_next) \
	X(cmark_node_parent) \
	X(cmark_node_previous) \
	X(cmark_parse_document)

LAZYLIB_DECLARE(gw_cmark, CMARKLIB_FUNCS);

#define cmark_iter_free LAZYLIB_FN(gw_cmark, cmark_iter_free)
#define cmark_iter_get_node LAZYLIB_FN(gw_cmark, cmark_iter_get_node)
#define cmark_iter_new LAZYLIB_FN(gw_cmark, cmark_iter_new)
#define cmark_iter_next LAZYLIB_FN(gw_cmark, cmark_iter_next)
#define cmark_node_first_child LAZYLIB_FN(gw_cmark, cmark_node_first_child)
#define cmark_node_free LAZYLIB_FN(gw_cmark, cmark_node_free)
#define cmark_node_get_end_line LAZYLIB_FN(gw_cmark, cmark_node_get_end_line)
#define cmark_node_get_list_type LAZYLIB_FN(gw_cmark, cmark_node_get_list_type)
#define cmark_node_get_literal LAZYLIB_FN(gw_cmark, cmark_node_get_literal)
#define cmark_node_get_start_column LAZYLIB_FN(gw_cmark, cmark_node_get_start_column)
#define cmark_node_get_start_line LAZYLIB_FN(gw_cmark, cmark_node_get_start_line)
#define cmark_node_get_type LAZYLIB_FN(gw_cmark, cmark_node_get_type)
#define cmark_node_next LAZYLIB_FN(gw_cmark, cmark_node_next)
#define cmark_node_parent LAZYLIB_FN(gw_cmark, cmark_node_parent)
#define cmark_node_previous LAZYLIB_FN(gw_cmark, cmark_node_previous)
#define cmark_parse_document LAZYLIB_FN(gw_cmark, cmark_parse_document)

#endif
