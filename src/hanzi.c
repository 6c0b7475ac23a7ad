/* SPDX-License-Identifier: MIT */
/** \file hanzi.c
 * \brief Han numerals for heading ordinals (see hanzi.h).
 */
#include "hanzi.h"

void
han_number(struct buf *b, int v)
{
	static const char *const d[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

	if (v <= 0 || v > 99) {
		buf_printf(b, "%d", v);
		return;
	}
	if (v >= 10) {
		if (v >= 20)
			buf_puts(b, d[v / 10]);
		buf_puts(b, "十");
		v %= 10;
		if (v == 0)
			return;
	}
	buf_puts(b, d[v]);
}

char *
gbt_ordinal(int level, int value)
{
	struct buf b = {0};

	switch (level) {
	case 1:
		han_number(&b, value);
		buf_puts(&b, "、");
		break;
	case 2:
		buf_puts(&b, "（");
		han_number(&b, value);
		buf_puts(&b, "）");
		break;
	case 3:
		buf_printf(&b, "%d.", value);
		break;
	default:
		buf_printf(&b, "（%d）", value);
		break;
	}
	return buf_steal(&b);
}
