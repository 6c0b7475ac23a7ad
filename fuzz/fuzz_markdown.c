/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the Markdown reader (src/input/markdown.c).  Any bytes
 * are decoded as gwlint decodes a file (so the source is UTF-8 without a
 * NUL, as md_document requires), then read as Markdown.  Invariants, each
 * an abort when broken:
 *  - the text has as many lines as the source (but a last source line
 *    without a line end that gives no text);
 *  - the map covers the text once, in order, and every piece lies in the
 *    source; a copied piece has the same bytes in text and source;
 *  - every text offset maps (as a start and as an end) into the source,
 *    never backwards, and into the source line of its own text line;
 *  - a copied byte maps back to itself (doc_from_source);
 *  - carrying "no change" to the source (md_fix_source) gives the source.
 * Seeds: fuzz/seeds-markdown/ (the Markdown twins and hostile shapes).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "document.h"
#include "input/markdown.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(const struct document *d)
{
	const struct document *src = doc_source(d);
	size_t n, i, t = 0, s = 0, prev_s = 0, prev_e = 0, lt, ls;
	const struct doc_seg *g = doc_segs(d, &n);
	const char *text = doc_text(d), *stext = doc_text(src);

	/* The same lines; only a last source line without a line end that
	 * gives no text (a closing fence) is not a line of the text. */
	if (!doc_has_source(d) || (doc_line_count(d) != doc_line_count(src) &&
	    !(doc_line_count(d) + 1 == doc_line_count(src) && doc_len(d) > 0 &&
	    text[doc_len(d) - 1] == '\n')))
		abort();
	for (i = 0; i < n; i++) {
		if (g[i].t != t || g[i].tlen == 0 || g[i].s < s || g[i].s + g[i].slen > doc_len(src))
			abort();
		if (g[i].copy && (g[i].tlen != g[i].slen ||
		    memcmp(text + g[i].t, stext + g[i].s, g[i].tlen) != 0))
			abort();
		t += g[i].tlen;
		s = g[i].s + g[i].slen;
	}
	if (t != doc_len(d))
		abort();
	for (i = 0; i <= doc_len(d); i++) {
		size_t a = doc_to_source(d, i, false), e = doc_to_source(d, i, true);

		if (a > doc_len(src) || e > doc_len(src) || a < prev_s || e < prev_e)
			abort();
		prev_s = a;
		prev_e = e;
		if (i == doc_len(d))
			break;
		lt = doc_line_of(d, i);
		ls = doc_line_of(src, a);
		if (lt != ls)
			abort();
	}
	for (i = 0; i < n; i++) {
		size_t k;

		if (!g[i].copy)
			continue;
		for (k = 0; k < g[i].tlen; k++)
			if (doc_from_source(d, g[i].s + k) != g[i].t + k)
				abort();
	}
	{
		struct buf so = {0}, to = {0};
		struct md_fix st;

		md_fix_source(d, text, doc_len(d), &so, &to, &st);
		if (so.len != doc_len(src) || memcmp(so.data, stext, so.len) != 0 ||
		    to.len != doc_len(d) || memcmp(to.data, text, to.len) != 0 ||
		    st.lines != 0 || st.skipped != 0)
			abort();
		buf_free(&so);
		buf_free(&to);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct decoded dec;
	struct document *d;

	if (size > ((size_t)1 << 20))
		return 0;
	decode(data, size, ENC_AUTO, &dec);
	free(dec.bad);
	d = md_document("fuzz.md", dec.text, dec.len);
	check(d);
	doc_free(d);
	return 0;
}
