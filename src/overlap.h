/* SPDX-License-Identifier: MIT */
/** \file overlap.h
 * \brief One defect, one finding: drop the findings another finding
 *        already reports.
 */
#ifndef GWLINT_OVERLAP_H
#define GWLINT_OVERLAP_H

struct findings;
struct ruleset;

/**
 * On a sorted finding list (findings_sort), drop
 *  - a finding whose characters lie inside the span of a finding of a kind
 *    that reports its span as a whole (check_kind.covers, e.g. a cited
 *    title with its exact correct form), when that finding is at least as
 *    severe and of another rule (the hyphen of 《…（2021-2025年）》 is not
 *    also a range-dash warning); findings of no characters (something
 *    missing, reported at a point) are kept;
 *  - of two findings of different rules on the same span, the less
 *    specific one: the one whose rule's scope is the whole text when the
 *    other's is narrower (a heading's ordinal, the 主送 line), at least as
 *    severe and not the only one with a fix; else the one without a fix
 *    when the other has one and is at least as severe (a fix is never
 *    lost); else, when both carry the same fix, the milder (or later) one.
 *    Both stay when nothing tells them apart.
 * Each finding is compared with at most a few hundred neighbours.
 */
void overlap_drop(struct findings *f, struct ruleset *rs);

#endif
