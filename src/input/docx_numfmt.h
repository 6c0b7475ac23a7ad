/* SPDX-License-Identifier: MIT */
/** \file docx_numfmt.h
 * \brief The number formats of WordprocessingML automatic numbering
 *        (w:numFmt) and the private-use symbol code points of w:sym and
 *        bullets: value → text.  Used by docx.c only.
 */
#ifndef GWLINT_DOCX_NUMFMT_H
#define GWLINT_DOCX_NUMFMT_H

#include <stdint.h>

#include "../util.h"

enum numfmt {
	NF_DECIMAL = 0,         /**< 1 2 3; also every format not listed here */
	NF_DECIMAL_ZERO,        /**< 01 02 … 10 */
	NF_UPPER_ROMAN,         /**< I II III */
	NF_LOWER_ROMAN,
	NF_UPPER_LETTER,        /**< A … Z, AA … ZZ, AAA (Word repeats the letter) */
	NF_LOWER_LETTER,
	NF_CHINESE_COUNTING,    /**< 一 … 十 十一 … 九十九; from 100 digit by digit (一〇〇) */
	NF_CHINESE_THOUSAND,    /**< 一 … 十 十一 … 九十九 一百 一百零一 … 九千九百九十九, 一万 … */
	NF_CHINESE_LEGAL,       /**< 壹 贰 叁 … 拾 拾壹 … 壹佰 */
	NF_IDEOGRAPH_DIGITAL,   /**< 一 二 … 一〇 (digit by digit) */
	NF_IDEO_TRADITIONAL,    /**< 甲 乙 丙 … 癸, then again from 甲 */
	NF_IDEO_ZODIAC,         /**< 子 丑 寅 … 亥, then again */
	NF_ENCLOSED_CIRCLE,     /**< ① … ⑳, decimal beyond */
	NF_ENCLOSED_FULLSTOP,   /**< ⒈ … ⒛, decimal beyond */
	NF_ENCLOSED_PAREN,      /**< ⑴ … ⒇, decimal beyond */
	NF_IDEO_ENCLOSED,       /**< ㈠ … ㈩, decimal beyond */
	NF_DECIMAL_FULLWIDTH,   /**< １ ２ … １０ */
	NF_NONE,                /**< no number (the placeholder renders empty) */
	NF_BULLET               /**< the level text itself; the placeholder renders empty */
};

/** The format named by a w:numFmt w:val (NULL or unknown: decimal). */
enum numfmt numfmt_of(const char *name);

/** Append value v (any int; formats that cannot show it use decimal). */
void numfmt_render(struct buf *b, enum numfmt f, long v);

/** The symbol fonts whose private-use code points (U+F020..U+F0FF) have a
 *  known Unicode character. */
enum symfont { SYMFONT_OTHER = 0, SYMFONT_SYMBOL, SYMFONT_WINGDINGS };

/** Which symbol font a w:sym w:font / w:rFonts name is (case-insensitive). */
enum symfont symfont_of(const char *name);

/**
 * The character to show for code point cp written in font f: a
 * private-use code U+F0xx (or xx below U+0100 in a symbol font) of the
 * Symbol or Wingdings fonts is mapped to the Unicode character it draws
 * where one is known; any other code point is returned unchanged.
 */
uint32_t symfont_map(enum symfont f, uint32_t cp);

/** Append the UTF-8 of code point cp (nothing for a surrogate, 0 or
 *  > U+10FFFF). */
void put_utf8(struct buf *b, uint32_t cp);

#endif
