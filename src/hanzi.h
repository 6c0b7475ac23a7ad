/* SPDX-License-Identifier: MIT */
/** \file hanzi.h
 * \brief Han numerals as GB/T 9704 heading ordinals write them.
 *
 * The one renderer of 一、（二十）… for every kind that proposes an
 * ordinal (numbering, paragraph).
 */
#ifndef GWLINT_HANZI_H
#define GWLINT_HANZI_H

#include "util.h"

/**
 * Append the Han numeral of v to b: 一 … 九, 十, 十一 … 十九, 二十, 二十一
 * … 九十九.  Outside 1..99 (no heading has such an ordinal in practice) v
 * is written in Arabic digits.
 */
void han_number(struct buf *b, int v);

/**
 * The GB/T 9704-2012 7.3.3 ordinal of a heading of `level` (1-4) numbered
 * `value`: 一、 （一） 1. （1）; a level past 4 is written as level 4.
 * Returns a new string.
 */
char *gbt_ordinal(int level, int value);

#endif
