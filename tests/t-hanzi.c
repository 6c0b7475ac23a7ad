/* SPDX-License-Identifier: MIT */
/* Unit tests: the one Han ordinal renderer (hanzi.c) that the numbering and
 * paragraph kinds share: every value 1..99 reads back, the forms around the
 * tens, what happens outside 1..99, and the four GB/T 9704 levels. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "hanzi.h"
#include "tap.h"
#include "util.h"

static char *
han(int v)
{
	struct buf b = {0};

	han_number(&b, v);
	return buf_steal(&b);
}

/* An independent reader: 一..九 and 十 only, 1..99; -1 on anything else. */
static int
read_back(const char *s)
{
	static const char *const d[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
	int tens = 0, units = 0, i;
	bool ten = false;

	while (*s) {
		if (strncmp(s, "十", 3) == 0) {
			if (ten)
				return -1;
			ten = true;
			tens = units ? units : 1;
			units = 0;
			s += 3;
			continue;
		}
		for (i = 0; i < 9; i++)
			if (strncmp(s, d[i], 3) == 0)
				break;
		if (i == 9 || units)
			return -1;
		units = i + 1;
		s += 3;
	}
	return tens * 10 + units;
}

int
main(void)
{
	static const struct {
		int v;
		const char *want;
	} spot[] = {{1, "一"}, {9, "九"}, {10, "十"}, {11, "十一"}, {19, "十九"}, {20, "二十"},
	    {21, "二十一"}, {30, "三十"}, {99, "九十九"}, {0, "0"}, {100, "100"}, {-3, "-3"},
	    {1234, "1234"}};
	static const struct {
		int level, v;
		const char *want;
	} ord[] = {{1, 20, "二十、"}, {2, 20, "（二十）"}, {3, 20, "20."}, {4, 20, "（20）"},
	    {5, 20, "（20）"}, {1, 3, "三、"}, {2, 12, "（十二）"}, {2, 100, "（100）"}};
	size_t i;
	int v;

	plan((int)(ARRAY_LEN(spot) + ARRAY_LEN(ord)) + 99 + 2);
	for (i = 0; i < ARRAY_LEN(spot); i++) {
		char *got = han(spot[i].v);

		is_str(got, spot[i].want, "han_number(%d)", spot[i].v);
		free(got);
	}
	{
		bool no_yi_shi = true, no_ling = true;

		for (v = 1; v <= 99; v++) {
			char *got = han(v);

			is_int(read_back(got), v, "han_number(%d) = %s reads back", v, got);
			if (strncmp(got, "一十", 6) == 0)
				no_yi_shi = false;
			if (strstr(got, "〇"))
				no_ling = false;
			free(got);
		}
		ok(no_yi_shi, "10-19 start with 十, never 一十");
		ok(no_ling, "no 〇 in 1..99");
	}
	for (i = 0; i < ARRAY_LEN(ord); i++) {
		char *got = gbt_ordinal(ord[i].level, ord[i].v);

		is_str(got, ord[i].want, "gbt_ordinal(%d, %d)", ord[i].level, ord[i].v);
		free(got);
	}
	return 0;
}
