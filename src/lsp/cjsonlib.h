/* SPDX-License-Identifier: MIT */
/** \file cjsonlib.h
 * \brief cJSON, loaded when the language server (--lsp) starts, not at
 *        start-up.
 *
 * Included by the language server (lsp/server.c) instead of
 * <cjson/cJSON.h>, which it includes for the types; the functions are
 * called by their usual names, mapped here to the library's own functions
 * found at its first use (see lazylib.h: why, and what happens when it
 * cannot be loaded).  A new function is a row of CJSONLIB_FUNCS and a
 * #define below.
 */
#ifndef GWLINT_CJSONLIB_H
#define GWLINT_CJSONLIB_H

#include <cjson/cJSON.h>

#include "../lazylib.h"

#define CJSONLIB_FUNCS(X) \
	X(cJSON_AddBoolToObject) \
	X(cJSON_AddItemToArray) \
	X(cJSON_AddItemToObject) \
	X(cJSON_AddNumberToObject) \
	X(cJSON_AddStringToObject) \
	X(cJSON_CreateArray) \
	X(cJSON_CreateNull) \
	X(cJSON_CreateObject) \
	X(cJSON_CreateString) \
	X(cJSON_Delete) \
	X(cJSON_Duplicate) \
	X(cJSON_GetArraySize) \
	X(cJSON_GetObjectItemCaseSensitive) \
	X(cJSON_InitHooks) \
	X(cJSON_IsArray) \
	X(cJSON_IsNumber) \
	X(cJSON_IsObject) \
	X(cJSON_IsString) \
	X(cJSON_IsTrue) \
	X(cJSON_ParseWithLengthOpts) \
	X(cJSON_PrintUnformatted)

LAZYLIB_DECLARE(gw_cjson, CJSONLIB_FUNCS);

#define cJSON_AddBoolToObject LAZYLIB_FN(gw_cjson, cJSON_AddBoolToObject)
#define cJSON_AddItemToArray LAZYLIB_FN(gw_cjson, cJSON_AddItemToArray)
#define cJSON_AddItemToObject LAZYLIB_FN(gw_cjson, cJSON_AddItemToObject)
#define cJSON_AddNumberToObject LAZYLIB_FN(gw_cjson, cJSON_AddNumberToObject)
#define cJSON_AddStringToObject LAZYLIB_FN(gw_cjson, cJSON_AddStringToObject)
#define cJSON_CreateArray LAZYLIB_FN(gw_cjson, cJSON_CreateArray)
#define cJSON_CreateNull LAZYLIB_FN(gw_cjson, cJSON_CreateNull)
#define cJSON_CreateObject LAZYLIB_FN(gw_cjson, cJSON_CreateObject)
#define cJSON_CreateString LAZYLIB_FN(gw_cjson, cJSON_CreateString)
#define cJSON_Delete LAZYLIB_FN(gw_cjson, cJSON_Delete)
#define cJSON_Duplicate LAZYLIB_FN(gw_cjson, cJSON_Duplicate)
#define cJSON_GetArraySize LAZYLIB_FN(gw_cjson, cJSON_GetArraySize)
#define cJSON_GetObjectItemCaseSensitive LAZYLIB_FN(gw_cjson, cJSON_GetObjectItemCaseSensitive)
#define cJSON_InitHooks LAZYLIB_FN(gw_cjson, cJSON_InitHooks)
#define cJSON_IsArray LAZYLIB_FN(gw_cjson, cJSON_IsArray)
#define cJSON_IsNumber LAZYLIB_FN(gw_cjson, cJSON_IsNumber)
#define cJSON_IsObject LAZYLIB_FN(gw_cjson, cJSON_IsObject)
#define cJSON_IsString LAZYLIB_FN(gw_cjson, cJSON_IsString)
#define cJSON_IsTrue LAZYLIB_FN(gw_cjson, cJSON_IsTrue)
#define cJSON_ParseWithLengthOpts LAZYLIB_FN(gw_cjson, cJSON_ParseWithLengthOpts)
#define cJSON_PrintUnformatted LAZYLIB_FN(gw_cjson, cJSON_PrintUnformatted)

#endif
