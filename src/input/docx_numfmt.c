/* SPDX-License-Identifier: MIT */
/** \file docx_numfmt.c
 * \brief w:numFmt values rendered as text; symbol-font code points (see
 *        docx_numfmt.h).
 */
#include "docx_numfmt.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../hanzi.h"

static const struct {
	const char *name;
	enum numfmt f;
} fmt_names[] = {
	{"bullet", NF_BULLET},
	{"chineseCounting", NF_CHINESE_COUNTING},
	{"chineseCountingThousand", NF_CHINESE_THOUSAND},
	{"chineseLegalSimplified", NF_CHINESE_LEGAL},
	{"decimal", NF_DECIMAL},
	{"decimalEnclosedCircle", NF_ENCLOSED_CIRCLE},
	{"decimalEnclosedCircleChinese", NF_ENCLOSED_CIRCLE},
	{"decimalEnclosedFullstop", NF_ENCLOSED_FULLSTOP},
	{"decimalEnclosedParen", NF_ENCLOSED_PAREN},
	{"decimalFullWidth", NF_DECIMAL_FULLWIDTH},
	{"decimalFullWidth2", NF_DECIMAL_FULLWIDTH},
	{"decimalZero", NF_DECIMAL_ZERO},
	{"ideographDigital", NF_IDEOGRAPH_DIGITAL},
	{"ideographEnclosedCircle", NF_IDEO_ENCLOSED},
	{"ideographTraditional", NF_IDEO_TRADITIONAL},
	{"ideographZodiac", NF_IDEO_ZODIAC},
	{"japaneseCounting", NF_CHINESE_COUNTING},
	{"lowerLetter", NF_LOWER_LETTER},
	{"lowerRoman", NF_LOWER_ROMAN},
	{"none", NF_NONE},
	{"taiwaneseCounting", NF_CHINESE_COUNTING},
	{"taiwaneseCountingThousand", NF_CHINESE_THOUSAND},
	{"taiwaneseDigital", NF_IDEOGRAPH_DIGITAL},
	{"upperLetter", NF_UPPER_LETTER},
	{"upperRoman", NF_UPPER_ROMAN},
};

enum numfmt
numfmt_of(const char *name)
{
	size_t i;

	if (name == NULL)
		return NF_DECIMAL;
	for (i = 0; i < ARRAY_LEN(fmt_names); i++)
		if (strcmp(fmt_names[i].name, name) == 0)
			return fmt_names[i].f;
	return NF_DECIMAL;
}

void
put_utf8(struct buf *b, uint32_t cp)
{
	char s[4];

	if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return;
	if (cp < 0x80) {
		buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		buf_append(b, s, 2);
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		buf_append(b, s, 3);
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		buf_append(b, s, 4);
	}
}

static const char *const han_digit[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
static const char *const legal_digit[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};

/* One group of four digits (1..9999) with its 千百十 units and 零 for an
 * inner run of zeros; `lead_zero`: a 零 first when the group has fewer than
 * four digits (it follows a 万). */
static void
han_group(struct buf *b, long n, int legal, int lead_zero)
{
	static const char *const unit[] = {"千", "百", "十", ""};
	static const char *const lunit[] = {"仟", "佰", "拾", ""};
	static const long div[] = {1000, 100, 10, 1};
	int started = 0, zero = lead_zero, i;

	for (i = 0; i < 4; i++) {
		long d = n / div[i] % 10;

		if (d == 0) {
			if (started)
				zero = 1;
			continue;
		}
		if (zero)
			buf_puts(b, "零");
		zero = 0;
		buf_puts(b, legal ? legal_digit[d] : han_digit[d]);
		buf_puts(b, legal ? lunit[i] : unit[i]);
		started = 1;
	}
}

/* 一 … 十 十一 … 一百 一百零一 … 九千九百九十九万九千九百九十九. */
static void
han_thousand(struct buf *b, long v, int legal)
{
	if (v <= 0 || v > 99999999) {
		buf_printf(b, "%ld", v);
		return;
	}
	if (!legal && v >= 10 && v < 20) {
		buf_puts(b, "十");
		if (v > 10)
			buf_puts(b, han_digit[v - 10]);
		return;
	}
	if (v >= 10000) {
		han_group(b, v / 10000, legal, 0);
		buf_puts(b, "万");
		if (v % 10000)
			han_group(b, v % 10000, legal, v % 10000 < 1000);
		return;
	}
	han_group(b, v, legal, 0);
}

static void
digit_by_digit(struct buf *b, long v)
{
	char s[32];
	int i;

	snprintf(s, sizeof s, "%ld", v);
	for (i = 0; s[i]; i++)
		buf_puts(b, s[i] >= '0' && s[i] <= '9' ? han_digit[s[i] - '0'] : "-");
}

static void
roman(struct buf *b, long v, int upper)
{
	static const struct {
		int v;
		const char *u, *l;
	} r[] = {{1000, "M", "m"}, {900, "CM", "cm"}, {500, "D", "d"}, {400, "CD", "cd"},
	    {100, "C", "c"}, {90, "XC", "xc"}, {50, "L", "l"}, {40, "XL", "xl"}, {10, "X", "x"},
	    {9, "IX", "ix"}, {5, "V", "v"}, {4, "IV", "iv"}, {1, "I", "i"}};
	size_t i;

	if (v <= 0 || v > 3999) {
		buf_printf(b, "%ld", v);
		return;
	}
	for (i = 0; i < ARRAY_LEN(r); i++)
		while (v >= r[i].v) {
			buf_puts(b, upper ? r[i].u : r[i].l);
			v -= r[i].v;
		}
}

void
numfmt_render(struct buf *b, enum numfmt f, long v)
{
	static const char *const stems[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
	static const char *const branches[] = {"子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申",
	    "酉", "戌", "亥"};
	char s[32];
	long i, n;

	switch (f) {
	case NF_NONE:
	case NF_BULLET:
		return;
	case NF_DECIMAL_ZERO:
		buf_printf(b, v >= 0 && v < 10 ? "0%ld" : "%ld", v);
		return;
	case NF_UPPER_ROMAN:
	case NF_LOWER_ROMAN:
		roman(b, v, f == NF_UPPER_ROMAN);
		return;
	case NF_UPPER_LETTER:
	case NF_LOWER_LETTER:
		/* Word: A … Z, then AA … ZZ, AAA …; a long run is shown in digits */
		if (v <= 0 || v > 26 * 30)
			break;
		n = (v - 1) / 26 + 1;
		for (i = 0; i < n; i++)
			buf_putc(b, (char)((f == NF_UPPER_LETTER ? 'A' : 'a') + (v - 1) % 26));
		return;
	case NF_CHINESE_COUNTING:
		if (v >= 1 && v <= 99)
			han_number(b, (int)v);
		else if (v >= 0)
			digit_by_digit(b, v);
		else
			break;
		return;
	case NF_CHINESE_THOUSAND:
		han_thousand(b, v, 0);
		return;
	case NF_CHINESE_LEGAL:
		han_thousand(b, v, 1);
		return;
	case NF_IDEOGRAPH_DIGITAL:
		if (v < 0)
			break;
		digit_by_digit(b, v);
		return;
	case NF_IDEO_TRADITIONAL:
		if (v <= 0)
			break;
		buf_puts(b, stems[(v - 1) % 10]);
		return;
	case NF_IDEO_ZODIAC:
		if (v <= 0)
			break;
		buf_puts(b, branches[(v - 1) % 12]);
		return;
	case NF_ENCLOSED_CIRCLE:
		if (v < 1 || v > 20)
			break;
		put_utf8(b, (uint32_t)(0x2460 + v - 1));
		return;
	case NF_ENCLOSED_FULLSTOP:
		if (v < 1 || v > 20)
			break;
		put_utf8(b, (uint32_t)(0x2488 + v - 1));
		return;
	case NF_ENCLOSED_PAREN:
		if (v < 1 || v > 20)
			break;
		put_utf8(b, (uint32_t)(0x2474 + v - 1));
		return;
	case NF_IDEO_ENCLOSED:
		if (v < 1 || v > 10)
			break;
		put_utf8(b, (uint32_t)(0x3220 + v - 1));
		return;
	case NF_DECIMAL_FULLWIDTH:
		snprintf(s, sizeof s, "%ld", v);
		for (i = 0; s[i]; i++)
			put_utf8(b, s[i] >= '0' && s[i] <= '9' ? (uint32_t)(0xFF10 + s[i] - '0') : 0xFF0D);
		return;
	case NF_DECIMAL:
		break;
	}
	buf_printf(b, "%ld", v);
}

enum symfont
symfont_of(const char *name)
{
	if (name == NULL)
		return SYMFONT_OTHER;
	if (strcasecmp(name, "Symbol") == 0)
		return SYMFONT_SYMBOL;
	if (strncasecmp(name, "Wingdings", 9) == 0)
		return SYMFONT_WINGDINGS;
	return SYMFONT_OTHER;
}

/* The Symbol font's codes 0x20..0xFF as Unicode (0: none known). */
static const uint16_t symbol_map[224] = {
	/* 0x20 */ 0x0020, 0x0021, 0x2200, 0x0023, 0x2203, 0x0025, 0x0026, 0x220B,
	0x0028, 0x0029, 0x2217, 0x002B, 0x002C, 0x2212, 0x002E, 0x002F,
	/* 0x30 */ 0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037,
	0x0038, 0x0039, 0x003A, 0x003B, 0x003C, 0x003D, 0x003E, 0x003F,
	/* 0x40 */ 0x2245, 0x0391, 0x0392, 0x03A7, 0x0394, 0x0395, 0x03A6, 0x0393,
	0x0397, 0x0399, 0x03D1, 0x039A, 0x039B, 0x039C, 0x039D, 0x039F,
	/* 0x50 */ 0x03A0, 0x0398, 0x03A1, 0x03A3, 0x03A4, 0x03A5, 0x03C2, 0x03A9,
	0x039E, 0x03A8, 0x0396, 0x005B, 0x2234, 0x005D, 0x22A5, 0x005F,
	/* 0x60 */ 0x0000, 0x03B1, 0x03B2, 0x03C7, 0x03B4, 0x03B5, 0x03C6, 0x03B3,
	0x03B7, 0x03B9, 0x03D5, 0x03BA, 0x03BB, 0x03BC, 0x03BD, 0x03BF,
	/* 0x70 */ 0x03C0, 0x03B8, 0x03C1, 0x03C3, 0x03C4, 0x03C5, 0x03D6, 0x03C9,
	0x03BE, 0x03C8, 0x03B6, 0x007B, 0x007C, 0x007D, 0x223C, 0x0000,
	/* 0x80 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0x90 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0xA0 */ 0x20AC, 0x03D2, 0x2032, 0x2264, 0x2044, 0x221E, 0x0192, 0x2663,
	0x2666, 0x2665, 0x2660, 0x2194, 0x2190, 0x2191, 0x2192, 0x2193,
	/* 0xB0 */ 0x00B0, 0x00B1, 0x2033, 0x2265, 0x00D7, 0x221D, 0x2202, 0x2022,
	0x00F7, 0x2260, 0x2261, 0x2248, 0x2026, 0x0000, 0x0000, 0x21B5,
	/* 0xC0 */ 0x2135, 0x2111, 0x211C, 0x2118, 0x2297, 0x2295, 0x2205, 0x2229,
	0x222A, 0x2283, 0x2287, 0x2284, 0x2282, 0x2286, 0x2208, 0x2209,
	/* 0xD0 */ 0x2220, 0x2207, 0x00AE, 0x00A9, 0x2122, 0x220F, 0x221A, 0x22C5,
	0x00AC, 0x2227, 0x2228, 0x21D4, 0x21D0, 0x21D1, 0x21D2, 0x21D3,
	/* 0xE0 */ 0x25CA, 0x2329, 0x00AE, 0x00A9, 0x2122, 0x2211, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0,
	/* 0xF0 */ 0x0000, 0x232A, 0x222B, 0x2320, 0, 0x2321, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0,
};

/* Wingdings: the bullets Word's bullet library uses, and a few more. */
static const struct {
	uint8_t code;
	uint16_t u;
} wingdings_map[] = {
	{0x6C, 0x25CF}, {0x6E, 0x25A0}, {0x6F, 0x25A1}, {0x71, 0x2751}, {0x75, 0x25C6},
	{0x76, 0x2756}, {0x77, 0x2B25}, {0x9F, 0x2022}, {0xA7, 0x25AA}, {0xA8, 0x25FB},
	{0xD8, 0x27A2}, {0xE8, 0x2794}, {0xFB, 0x2717}, {0xFC, 0x2713}, {0xFE, 0x2611},
};

uint32_t
symfont_map(enum symfont f, uint32_t cp)
{
	uint32_t c;
	size_t i;

	if (cp >= 0xF020 && cp <= 0xF0FF)
		c = cp - 0xF000;
	else if (f != SYMFONT_OTHER && cp >= 0x20 && cp <= 0xFF)
		c = cp;
	else
		return cp;
	if (f == SYMFONT_SYMBOL || (f == SYMFONT_OTHER && c == 0xB7)) {
		/* F0B7 is Word's default bullet (Symbol) whatever font is named */
		if (symbol_map[c - 0x20])
			return symbol_map[c - 0x20];
		return cp;
	}
	if (f == SYMFONT_WINGDINGS || f == SYMFONT_OTHER) {
		for (i = 0; i < ARRAY_LEN(wingdings_map); i++)
			if (wingdings_map[i].code == c)
				return wingdings_map[i].u;
	}
	return cp;
}
