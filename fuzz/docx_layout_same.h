/* SPDX-License-Identifier: MIT */
/** \file docx_layout_same.h
 * \brief Whether two layouts of a package are the same (docx_layout.h):
 *        the layout the text reader's events fed (one read of the package)
 *        against the one docx_layout_read() reads on its own.  Used by
 *        tests/t-docx-layout.c and the .docx fuzz targets.
 */
#ifndef GWLINT_FUZZ_DOCX_LAYOUT_SAME_H
#define GWLINT_FUZZ_DOCX_LAYOUT_SAME_H

#include <stdbool.h>
#include <string.h>

#include "input/docx_layout.h"

static bool __attribute__((unused))
lsame_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool __attribute__((unused))
lsame_rp(const struct docx_rprops *a, const struct docx_rprops *b)
{
	return lsame_str(a->east_asia, b->east_asia) && lsame_str(a->ascii, b->ascii) &&
	    a->sz == b->sz && lsame_str(a->color, b->color) &&
	    lsame_str(a->highlight, b->highlight) && lsame_str(a->shd, b->shd);
}

static bool __attribute__((unused))
lsame_pp(const struct docx_pprops *a, const struct docx_pprops *b)
{
	return lsame_str(a->jc, b->jc) && a->first_line_chars == b->first_line_chars &&
	    a->first_line == b->first_line && a->left == b->left && a->right == b->right &&
	    a->left_chars == b->left_chars && a->right_chars == b->right_chars &&
	    a->line == b->line && lsame_str(a->line_rule, b->line_rule);
}

/* NULL when the same, else what differs first. */
static const char * __attribute__((unused))
docx_layout_diff(const struct docx_layout *a, const struct docx_layout *b)
{
	size_t i, j;
	int t;

	if (a == NULL || b == NULL)
		return a == b ? NULL : "one layout is missing";
	if (docx_layout_even_odd(a) != docx_layout_even_odd(b) ||
	    docx_layout_mirror(a) != docx_layout_mirror(b) ||
	    docx_layout_normal_sz(a) != docx_layout_normal_sz(b))
		return "settings or the Normal size";
	if (docx_layout_section_count(a) != docx_layout_section_count(b))
		return "the number of sections";
	for (i = 0; i < docx_layout_section_count(a); i++) {
		const struct docx_section *x = docx_layout_section(a, i), *y = docx_layout_section(b, i);

		if (x->pg_w != y->pg_w || x->pg_h != y->pg_h || x->landscape != y->landscape ||
		    x->top != y->top || x->bottom != y->bottom || x->left != y->left ||
		    x->right != y->right || x->gutter != y->gutter || x->footer != y->footer ||
		    x->grid != y->grid || x->line_pitch != y->line_pitch ||
		    x->char_space != y->char_space || x->title_pg != y->title_pg ||
		    x->first_para != y->first_para || x->npara != y->npara)
			return "a section";
		for (t = 0; t < DOCX_FTR__COUNT; t++) {
			const struct docx_footer *f = &x->footers[t], *g = &y->footers[t];

			if (f->present != g->present || f->has_page != g->has_page ||
			    !lsame_str(f->text, g->text) || !lsame_pp(&f->pp, &g->pp) ||
			    !lsame_rp(&f->rp, &g->rp))
				return "a footer";
		}
	}
	if (docx_layout_para_count(a) != docx_layout_para_count(b))
		return "the number of body paragraphs";
	for (i = 0; i < docx_layout_para_count(a); i++) {
		const struct docx_lpara *p = docx_layout_para(a, i), *q = docx_layout_para(b, i);

		if (p->nruns != q->nruns || p->section != q->section || !lsame_pp(&p->pp, &q->pp) ||
		    !lsame_rp(&p->rp, &q->rp))
			return "a body paragraph";
		for (j = 0; j < p->nruns; j++)
			if (p->runs[j].bytes != q->runs[j].bytes || !lsame_rp(&p->runs[j].rp, &q->runs[j].rp))
				return "a run";
	}
	return NULL;
}

#endif
