/* SPDX-License-Identifier: MIT */
/** \file docx_check.h
 * \brief What the .docx fuzz targets check of a read package: docx.h's
 *        promises about every paragraph (abort() on a broken one).
 */
#ifndef GWLINT_FUZZ_DOCX_CHECK_H
#define GWLINT_FUZZ_DOCX_CHECK_H

#include <stdlib.h>
#include <string.h>

#include "docx_layout_same.h"
#include "input/docx.h"
#include "input/docx_layout.h"
#include "utf8.h"

static void __attribute__((unused))
docx_check(const struct docx *d)
{
	size_t i, k, n = docx_para_count(d);

	for (i = 0; i < n; i++) {
		const struct docx_para *p = docx_para_at(d, i);

		if (p == NULL || p->text == NULL || p->text[p->len] != '\0' || p->label_len > p->len ||
		    p->number != i + 1 || (unsigned)p->story >= DOCX_STORY__COUNT)
			abort();
		if (utf8_valid_prefix((const unsigned char *)p->text, p->len) != p->len)
			abort();
		if (memchr(p->text, '\n', p->len) || memchr(p->text, '\r', p->len) ||
		    strlen(p->text) != p->len)
			abort();
		for (k = 0; k < p->nruns; k++)
			if (p->runs[k].start > p->len || p->runs[k].len > p->len - p->runs[k].start ||
			    p->runs[k].start < p->label_len)
				abort();
		(void)docx_story_name(p->story);
	}
	if (docx_para_at(d, n) != NULL)
		abort();
}

/* Read a package under the fuzzing limits (small enough that a run never
 * spends its time on one huge input): a read package must keep docx.h's
 * promises, a refused one must say why. */
static void __attribute__((unused))
docx_read_checked(const unsigned char *data, size_t size)
{
	struct docx_limits lim;
	struct docx *d;
	char *err;

	docx_limits_default(&lim);
	lim.max_part = (size_t)1 << 20;
	lim.max_total = (size_t)4 << 20;
	lim.max_paras = 100000;
	lim.max_para = (size_t)1 << 20;
	if (docx_read(data, size, &lim, &d, &err) == 0) {
		struct docx_layout *alone = docx_layout_read(data, size, &lim);

		docx_check(d);
		/* one read for both passes gives what a second read gives */
		if (docx_layout_diff(docx_layout(d), alone) != NULL)
			abort();
		docx_layout_free(alone);
		docx_free(d);
	} else {
		if (err == NULL || *err == '\0')
			abort();
		free(err);
	}
}

#endif
