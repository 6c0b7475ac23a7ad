/* SPDX-License-Identifier: MIT */
/** \file document.c
 * \brief Line index, paragraphs and column units.
 */
#include "document.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "input/extract.h"
#include "utf8.h"
#include "util.h"

struct document {
	char *path;
	char *text;
	size_t len;
	size_t *line_start; /* nlines + 1 entries; the last is len (+ sentinel) */
	size_t nlines;
	size_t (*paras)[2];
	size_t npara;
	struct text_origin *origin; /* NULL for text */
	/* doc_column's last answer: findings are printed in order, so the
	 * next column on the same line is counted on from there (a long
	 * line is then measured once, not once per finding). */
	struct col_memo {
		bool valid;
		enum column_unit unit;
		size_t line, off, col;
	} *memo;
	struct document *src;  /* the source (Markdown), or NULL */
	struct doc_seg *segs;  /* text → source map of src */
	size_t nsegs;
};

static bool
blank_span(const char *s, size_t a, size_t b)
{
	while (a < b) {
		unsigned char c = (unsigned char)s[a];

		if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
			a++;
		} else if (c == 0xE3 && a + 3 <= b &&
		    (unsigned char)s[a + 1] == 0x80 && (unsigned char)s[a + 2] == 0x80) {
			a += 3; /* U+3000 */
		} else if (c == 0xC2 && a + 1 < b && (unsigned char)s[a + 1] == 0xA0) {
			a += 2; /* U+00A0 */
		} else {
			return false;
		}
	}
	return true;
}

struct document *
doc_new(const char *path, char *text, size_t len)
{
	struct document *d = xcalloc(1, sizeof *d);
	size_t cap = 0, i, pcap = 0;
	const char *p, *end;

	d->path = xstrdup(path);
	d->memo = xcalloc(1, sizeof *d->memo);
	d->text = text;
	d->len = len;
	d->line_start = xgrow(NULL, &cap, 64, sizeof *d->line_start);
	d->line_start[d->nlines++] = 0;
	/* memchr-driven scan for LF; CR handled where it appears.  The next
	 * LF is searched for again only once it has been passed, so many lone
	 * CRs before one LF stay linear. */
	p = text;
	end = text + len;
	{
		const char *lf = memchr(p, '\n', len);

		while (p < end) {
			const char *cr, *eol;

			if (lf != NULL && lf < p)
				lf = memchr(p, '\n', (size_t)(end - p));
			cr = memchr(p, '\r', lf ? (size_t)(lf - p) : (size_t)(end - p));
			if (cr != NULL && cr + 1 != lf)
				eol = cr; /* lone CR */
			else if (lf != NULL)
				eol = lf;
			else
				break;
			d->line_start = xgrow(d->line_start, &cap, d->nlines + 2,
			    sizeof *d->line_start);
			d->line_start[d->nlines++] = (size_t)(eol - text) + 1;
			p = eol + 1;
		}
	}
	/* A final line end does not open an empty last line. */
	if (d->nlines > 1 && d->line_start[d->nlines - 1] == len)
		d->nlines--;
	d->line_start = xgrow(d->line_start, &cap, d->nlines + 1, sizeof *d->line_start);
	d->line_start[d->nlines] = len;

	for (i = 0; i < d->nlines; i++) {
		size_t first;

		if (doc_line_blank(d, i))
			continue;
		first = i;
		while (i + 1 < d->nlines && !doc_line_blank(d, i + 1))
			i++;
		d->paras = xgrow(d->paras, &pcap, d->npara + 1, sizeof *d->paras);
		d->paras[d->npara][0] = first;
		d->paras[d->npara][1] = i;
		d->npara++;
	}
	return d;
}

void
doc_free(struct document *d)
{
	if (d == NULL)
		return;
	doc_free(d->src);
	free(d->segs);
	free(d->path);
	free(d->text);
	free(d->line_start);
	free(d->paras);
	free(d->memo);
	text_origin_free(d->origin);
	free(d);
}

void
doc_set_origin(struct document *d, struct text_origin *o)
{
	text_origin_free(d->origin);
	d->origin = o;
}

const struct text_origin *doc_origin(const struct document *d) { return d->origin; }

const char *doc_path(const struct document *d) { return d->path; }
const char *doc_text(const struct document *d) { return d->text; }
size_t doc_len(const struct document *d) { return d->len; }
size_t doc_line_count(const struct document *d) { return d->nlines; }
size_t doc_para_count(const struct document *d) { return d->npara; }

void
doc_para_lines(const struct document *d, size_t i, size_t *first, size_t *last)
{
	*first = d->paras[i][0];
	*last = d->paras[i][1];
}

size_t
doc_line_of(const struct document *d, size_t off)
{
	size_t lo = 0, hi = d->nlines;

	/* Largest line whose start is <= off. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->line_start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

void
doc_line_span(const struct document *d, size_t line, size_t *start, size_t *end)
{
	size_t s = d->line_start[line];
	size_t e = d->line_start[line + 1];

	if (e > s && d->text[e - 1] == '\n')
		e--;
	if (e > s && d->text[e - 1] == '\r')
		e--;
	*start = s;
	*end = e;
}

bool
doc_line_blank(const struct document *d, size_t line)
{
	size_t s, e;

	doc_line_span(d, line, &s, &e);
	return blank_span(d->text, s, e);
}

bool
doc_wide_fast(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3000 && cp <= 0x3029) ||
	    (cp >= 0xFF01 && cp <= 0xFF60);
}

size_t
text_width(const char *s, size_t start, size_t end, size_t col0, enum column_unit unit)
{
	size_t i = start, col = col0;

	if (unit == COL_BYTE)
		return col0 + (end - start);
	while (i < end) {
		int32_t cp;
		size_t k;
		unsigned char c = (unsigned char)s[i];

		/* Fast path for printable ASCII, Han and CJK punctuation: the
		 * widths utf8proc gives them (t-document checks each one). */
		if (c >= 0x20 && c < 0x7F) {
			col++;
			i++;
			continue;
		}
		if (c >= 0xE0 && c < 0xF0) {
			int32_t v = utf8_at3(s, i, end);

			if (v >= 0 && doc_wide_fast(v)) {
				col += unit == COL_DISPLAY ? 2 : 1;
				i += 3;
				continue;
			}
		}
		cp = utf8_at(s, i, end, &k);
		if (cp < 0) { /* not expected in decoded text; count the byte */
			col++;
			i++;
			continue;
		}
		i += k;
		switch (unit) {
		case COL_CHAR:
			col++;
			break;
		case COL_UTF16:
			col += cp >= 0x10000 ? 2 : 1;
			break;
		default: /* COL_DISPLAY */
			if (cp == '\t') {
				col = (col / 8 + 1) * 8;
			} else {
				int w = utf8proc_charwidth(cp);
				/* Controls and unassigned code points take one cell. */
				col += w > 0 ? (size_t)w : (utf8proc_category(cp) == UTF8PROC_CATEGORY_MN ||
				    utf8proc_category(cp) == UTF8PROC_CATEGORY_ME ||
				    cp == 0x200B || cp == 0xFEFF) ? 0 : 1;
			}
			break;
		}
	}
	return col;
}

size_t
doc_column(const struct document *d, size_t off, enum column_unit unit)
{
	size_t line = doc_line_of(d, off), s, e, col;
	struct col_memo *m = d->memo;

	doc_line_span(d, line, &s, &e);
	if (off > e)
		off = e; /* an offset inside a line end is its end */
	if (m->valid && m->unit == unit && m->line == line && m->off <= off &&
	    !utf8_is_cont((unsigned char)d->text[m->off]))
		col = text_width(d->text, m->off, off, m->col, unit);
	else
		col = text_width(d->text, s, off, 0, unit);
	m->valid = true;
	m->unit = unit;
	m->line = line;
	m->off = off;
	m->col = col;
	return col;
}

void
doc_set_source(struct document *d, struct document *src, struct doc_seg *segs, size_t n)
{
	doc_free(d->src);
	free(d->segs);
	d->src = src;
	d->segs = segs;
	d->nsegs = n;
}

const struct document *
doc_source(const struct document *d)
{
	return d->src ? d->src : d;
}

bool
doc_has_source(const struct document *d)
{
	return d->src != NULL;
}

const struct doc_seg *
doc_segs(const struct document *d, size_t *n)
{
	*n = d->src ? d->nsegs : 0;
	return d->src ? d->segs : NULL;
}

/* The last piece whose text starts at or before off (nsegs > 0). */
static size_t
seg_at(const struct document *d, size_t off)
{
	size_t lo = 0, hi = d->nsegs;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->segs[mid].t <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t
doc_to_source(const struct document *d, size_t off, bool end)
{
	const struct doc_seg *g;

	if (d->src == NULL)
		return off;
	if (d->nsegs == 0)
		return off < d->src->len ? off : d->src->len;
	if (end && off > 0) {
		/* Just after the byte before off. */
		g = &d->segs[seg_at(d, off - 1)];
		if (off - 1 >= g->t + g->tlen) /* past the text: its end */
			return d->src->len;
		return g->copy ? g->s + (off - 1 - g->t) + 1 : g->s + g->slen;
	}
	if (off >= d->len)
		return d->src->len;
	g = &d->segs[seg_at(d, off)];
	if (off >= g->t + g->tlen)
		return g->s + g->slen;
	return g->copy ? g->s + (off - g->t) : g->s;
}

size_t
doc_from_source(const struct document *d, size_t soff)
{
	size_t lo = 0, hi;

	if (d->src == NULL)
		return soff;
	/* The first piece that ends after soff (pieces are in source order;
	 * an empty one at soff is passed over, so a byte copied from soff is
	 * found). */
	hi = d->nsegs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->segs[mid].s + d->segs[mid].slen <= soff)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= d->nsegs)
		return d->len;
	if (d->segs[lo].copy && soff > d->segs[lo].s)
		return d->segs[lo].t + (soff - d->segs[lo].s);
	return d->segs[lo].t;
}

static const char *const unit_names[COL__COUNT] = {
	[COL_DISPLAY] = "display",
	[COL_BYTE] = "byte",
	[COL_CHAR] = "char",
	[COL_UTF16] = "utf16",
};

const char *
column_unit_name(enum column_unit u)
{
	return (unsigned)u < COL__COUNT ? unit_names[u] : "?";
}

bool
column_unit_parse(const char *s, enum column_unit *out)
{
	size_t i;

	for (i = 0; i < COL__COUNT; i++)
		if (strcmp(s, unit_names[i]) == 0) {
			*out = (enum column_unit)i;
			return true;
		}
	return false;
}
