/* SPDX-License-Identifier: MIT */
/** \file expatlib.h
 * \brief expat, loaded when the first XML part of a .docx package is read,
 *        not at start-up.
 *
 * Included by the .docx readers (input/docx*.c, walk.c's content-type
 * check) and the annotator instead of <expat.h>, which it includes for the
 * types; the functions are called by their usual names, mapped here to the
 * library's own functions found at its first use (see lazylib.h: why, and
 * what happens when it cannot be loaded).  A new function is a row of
 * EXPATLIB_FUNCS and a #define below.
 */
#ifndef GWLINT_EXPATLIB_H
#define GWLINT_EXPATLIB_H

#include <expat.h>

#include "../lazylib.h"

#define EXPATLIB_FUNCS(X) \
	X(XML_ErrorString) \
	X(XML_GetCurrentByteCount) \
	X(XML_GetCurrentByteIndex) \
	X(XML_GetCurrentColumnNumber) \
	X(XML_GetCurrentLineNumber) \
	X(XML_GetErrorCode) \
	X(XML_Parse) \
	X(XML_ParserCreateNS) \
	X(XML_ParserFree) \
	X(XML_SetCharacterDataHandler) \
	X(XML_SetElementHandler) \
	X(XML_SetStartDoctypeDeclHandler) \
	X(XML_SetUserData) \
	X(XML_StopParser)

LAZYLIB_DECLARE(gw_expat, EXPATLIB_FUNCS);

#define XML_ErrorString LAZYLIB_FN(gw_expat, XML_ErrorString)
#define XML_GetCurrentByteCount LAZYLIB_FN(gw_expat, XML_GetCurrentByteCount)
#define XML_GetCurrentByteIndex LAZYLIB_FN(gw_expat, XML_GetCurrentByteIndex)
#define XML_GetCurrentColumnNumber LAZYLIB_FN(gw_expat, XML_GetCurrentColumnNumber)
#define XML_GetCurrentLineNumber LAZYLIB_FN(gw_expat, XML_GetCurrentLineNumber)
#define XML_GetErrorCode LAZYLIB_FN(gw_expat, XML_GetErrorCode)
#define XML_Parse LAZYLIB_FN(gw_expat, XML_Parse)
#define XML_ParserCreateNS LAZYLIB_FN(gw_expat, XML_ParserCreateNS)
#define XML_ParserFree LAZYLIB_FN(gw_expat, XML_ParserFree)
#define XML_SetCharacterDataHandler LAZYLIB_FN(gw_expat, XML_SetCharacterDataHandler)
#define XML_SetElementHandler LAZYLIB_FN(gw_expat, XML_SetElementHandler)
#define XML_SetStartDoctypeDeclHandler LAZYLIB_FN(gw_expat, XML_SetStartDoctypeDeclHandler)
#define XML_SetUserData LAZYLIB_FN(gw_expat, XML_SetUserData)
#define XML_StopParser LAZYLIB_FN(gw_expat, XML_StopParser)

#endif
