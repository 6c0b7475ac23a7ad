/* SPDX-License-Identifier: MIT */
/** \file markdown.c
 * \brief Markdown → text + source map (cmark), which Markdown files a walk
 *        lints, and carrying fixes back to the source.
 */
#include "markdown.h"

#include "cmarklib.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../decode.h"

/* Places tried for one piece of text in its line before it is given up
 * (mapped to an empty span): keeps a long line linear. */
#define MD_MAX_TRIES 64
/* Longest entity reference looked at (&name; with its & and ;). */
#define MD_MAX_ENTITY 40

struct segv {
	struct doc_seg *v;
	size_t n, cap;
};

/* Add a piece, merged with the last one when both are copies and touch. */
static void
seg_add(struct segv *g, size_t t, size_t tlen, size_t s, size_t slen, bool copy)
{
	if (g->n > 0 && copy) {
		struct doc_seg *l = &g->v[g->n - 1];

		if (l->copy && l->t + l->tlen == t && l->s + l->slen == s) {
			l->tlen += tlen;
			l->slen += slen;
			return;
		}
	}
	g->v = xgrow(g->v, &g->cap, g->n + 1, sizeof *g->v);
	g->v[g->n].t = t;
	g->v[g->n].tlen = tlen;
	g->v[g->n].s = s;
	g->v[g->n].slen = slen;
	g->v[g->n++].copy = copy;
}

/* The text being built. */
struct mdb {
	const char *s;              /* the source */
	size_t slen;
	const struct document *src; /* its line index */
	size_t nlines;
	struct buf text;
	struct segv segs;
	struct segv tmp;            /* one piece's pieces while it is placed */
	size_t cl;                  /* text lines ended so far (the current line) */
	size_t cur;                 /* source offset reached in the current line */
	size_t line_t;              /* text offset where the current line starts */
};

/* Start of source line l (the source's length past the last line). */
static size_t
line_start(const struct mdb *b, size_t l)
{
	size_t a, e;

	if (l >= b->nlines)
		return b->slen;
	doc_line_span(b->src, l, &a, &e);
	return a;
}

/* End the text lines before line l (each with the source's line end). */
static void
end_lines_to(struct mdb *b, size_t l)
{
	while (b->cl < l && b->cl < b->nlines) {
		size_t a, e, next = line_start(b, b->cl + 1);

		doc_line_span(b->src, b->cl, &a, &e);
		if (next > e) {
			/* A line that gave no text (markup only): its line
			 * end stands for the whole line, so a finding there
			 * points at the line's start. */
			size_t from = b->text.len == b->line_t ? a : e;

			seg_add(&b->segs, b->text.len, 1, from, next - from, false);
			buf_putc(&b->text, '\n');
		}
		b->line_t = b->text.len;
		b->cl++;
		b->cur = next;
	}
}

static bool
ascii_punct(unsigned char c)
{
	return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
	    (c >= 0x7B && c <= 0x7E);
}

static size_t
put_utf8(char *o, uint32_t cp)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | cp >> 12);
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | cp >> 18);
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * An entity reference at s[p] (before e): its length in the source, and
 * what it stands for in out (*olen bytes); 0 when there is none.  Named
 * ones are asked of cmark itself, so the answer is always cmark's.
 */
static size_t
entity_at(const char *s, size_t p, size_t e, char *out, size_t *olen)
{
	size_t q = p + 1;

	if (q >= e)
		return 0;
	if (s[q] == '#') {
		uint32_t cp = 0;
		size_t nd = 0, maxd;
		bool hex = q + 1 < e && (s[q + 1] == 'x' || s[q + 1] == 'X');

		q += hex ? 2 : 1;
		maxd = hex ? 6 : 7;
		for (; q < e && nd < maxd; q++, nd++) {
			char c = s[q];

			if (c >= '0' && c <= '9')
				cp = cp * (hex ? 16 : 10) + (uint32_t)(c - '0');
			else if (hex && c >= 'a' && c <= 'f')
				cp = cp * 16 + (uint32_t)(c - 'a' + 10);
			else if (hex && c >= 'A' && c <= 'F')
				cp = cp * 16 + (uint32_t)(c - 'A' + 10);
			else
				break;
		}
		if (nd == 0 || q >= e || s[q] != ';')
			return 0;
		*olen = put_utf8(out, cp);
		return q + 1 - p;
	}
	while (q < e && q - p < MD_MAX_ENTITY &&
	    ((s[q] >= 'a' && s[q] <= 'z') || (s[q] >= 'A' && s[q] <= 'Z') ||
	    (q > p + 1 && s[q] >= '0' && s[q] <= '9')))
		q++;
	if (q == p + 1 || q >= e || s[q] != ';')
		return 0;
	{
		size_t k = q + 1 - p;
		cmark_node *doc = cmark_parse_document(s + p, k, CMARK_OPT_DEFAULT);
		cmark_node *para = cmark_node_first_child(doc);
		cmark_node *t = para ? cmark_node_first_child(para) : NULL;
		const char *lit = t && cmark_node_get_type(t) == CMARK_NODE_TEXT ?
		    cmark_node_get_literal(t) : NULL;
		size_t n = lit ? strlen(lit) : 0;

		if (lit == NULL || cmark_node_next(t) != NULL || n > 8 ||
		    (n == k && memcmp(lit, s + p, k) == 0)) {
			cmark_node_free(doc);
			return 0;
		}
		memcpy(out, lit, n);
		*olen = n;
		cmark_node_free(doc);
		return k;
	}
}

/*
 * Whether lit[0..n) is what source bytes from p (before e) read as: each
 * byte a copy, or (unless raw, as in code) a backslash escape or an
 * entity.  The pieces go to b->tmp (text offsets relative to lit); *endp
 * is the source offset after the last one.
 */
static bool
align(struct mdb *b, const char *lit, size_t n, size_t p, size_t e, bool raw, size_t *endp)
{
	const char *s = b->s;
	size_t t = 0;

	b->tmp.n = 0;
	while (t < n) {
		char dec[8];
		size_t k, dl;

		if (p >= e)
			return false;
		if (!raw && s[p] == '\\' && p + 1 < e && ascii_punct((unsigned char)s[p + 1]) &&
		    lit[t] == s[p + 1]) {
			seg_add(&b->tmp, t, 1, p, 2, false);
			t++;
			p += 2;
			continue;
		}
		if (!raw && s[p] == '&' && (k = entity_at(s, p, e, dec, &dl)) > 0 && dl <= n - t &&
		    memcmp(lit + t, dec, dl) == 0) {
			seg_add(&b->tmp, t, dl, p, k, false);
			t += dl;
			p += k;
			continue;
		}
		if (s[p] != lit[t])
			return false;
		seg_add(&b->tmp, t, 1, p, 1, true);
		t++;
		p++;
	}
	*endp = p;
	return true;
}

/*
 * Add the piece of text lit[0..n) that cmark read from source line l
 * (0-based), near byte `hint` of that line ((size_t)-1: no hint).
 */
static void
add_piece(struct mdb *b, const char *lit, size_t n, size_t l, size_t hint, bool raw)
{
	size_t a, e, p, end = 0, tries = 0, i, t0;
	bool found = false;

	if (n == 0 || b->nlines == 0)
		return;
	if (l < b->cl)
		l = b->cl; /* never back: the text is built in order */
	if (l >= b->nlines)
		l = b->nlines - 1;
	end_lines_to(b, l);
	doc_line_span(b->src, l, &a, &e);
	if (b->cur < a)
		b->cur = a;
	if (b->cur > e)
		b->cur = e;
	if (hint != (size_t)-1 && hint <= e - a && a + hint >= b->cur)
		found = align(b, lit, n, a + hint, e, raw, &end);
	for (p = b->cur; !found && p < e && tries < MD_MAX_TRIES; p++) {
		if (b->s[p] != lit[0] && (raw || (b->s[p] != '\\' && b->s[p] != '&')))
			continue;
		tries++;
		found = align(b, lit, n, p, e, raw, &end);
	}
	t0 = b->text.len;
	buf_append(&b->text, lit, n);
	/* A piece is read from one source line: a CR or LF in it is a
	 * character reference (&#10;), which must not start a line of the
	 * text that its source does not have: it reads as a space. */
	for (i = t0; i < b->text.len; i++)
		if (b->text.data[i] == '\n' || b->text.data[i] == '\r')
			b->text.data[i] = ' ';
	if (!found) {
		/* Not found in its line: an empty span where the line was
		 * reached, so a finding in it points there, never further. */
		seg_add(&b->segs, t0, n, b->cur, 0, false);
		return;
	}
	for (i = 0; i < b->tmp.n; i++) {
		const struct doc_seg *g = &b->tmp.v[i];

		seg_add(&b->segs, t0 + g->t, g->tlen, g->s, g->slen, g->copy);
	}
	b->cur = end;
}

static size_t
node_line(cmark_node *nd)
{
	int l = cmark_node_get_start_line(nd);

	return l > 0 ? (size_t)l - 1 : 0;
}

/* An ordered list item's typed number ("1." of `1. 完善`): a report's
 * ordinal is content.  Added before the item's first paragraph. */
static void
add_item_number(struct mdb *b, cmark_node *para)
{
	cmark_node *item = cmark_node_parent(para), *list;
	size_t l, a, e, p, q;
	int col;

	if (item == NULL || cmark_node_get_type(item) != CMARK_NODE_ITEM ||
	    cmark_node_previous(para) != NULL)
		return;
	list = cmark_node_parent(item);
	if (list == NULL || cmark_node_get_list_type(list) != CMARK_ORDERED_LIST)
		return;
	l = node_line(item);
	if (l != node_line(para) || l >= b->nlines)
		return;
	col = cmark_node_get_start_column(item);
	doc_line_span(b->src, l, &a, &e);
	if (col < 1 || (size_t)col - 1 >= e - a)
		return;
	p = a + (size_t)col - 1;
	for (q = p; q < e && q - p < 9 && b->s[q] >= '0' && b->s[q] <= '9'; q++)
		;
	if (q == p || q >= e || (b->s[q] != '.' && b->s[q] != ')'))
		return;
	add_piece(b, b->s + p, q + 1 - p, l, p - a, true);
}

/* A code block's lines, each in its own source line. */
static void
add_code_block(struct mdb *b, cmark_node *nd)
{
	const char *lit = cmark_node_get_literal(nd);
	size_t l = node_line(nd), a, e, p;
	int col = cmark_node_get_start_column(nd);

	if (lit == NULL || l >= b->nlines)
		return;
	/* A fenced block's text starts on the line after its fence. */
	doc_line_span(b->src, l, &a, &e);
	p = col > 0 ? a + (size_t)col - 1 : a;
	while (p < e && b->s[p] == ' ')
		p++;
	if (p + 3 <= e && (memcmp(b->s + p, "```", 3) == 0 || memcmp(b->s + p, "~~~", 3) == 0))
		l++;
	while (*lit) {
		const char *nl = strchr(lit, '\n');
		size_t n = nl ? (size_t)(nl - lit) : strlen(lit);

		add_piece(b, lit, n, l++, (size_t)-1, true);
		lit += n + (nl ? 1 : 0);
	}
}

struct document *
md_document(const char *path, char *src, size_t len)
{
	struct document *sd = doc_new(path, src, len), *doc;
	struct mdb b;
	cmark_node *root;
	cmark_iter *it;
	cmark_event_type ev;
	size_t bline = 0, bend = 0, brk = 0;
	unsigned image = 0;

	memset(&b, 0, sizeof b);
	b.s = doc_text(sd);
	b.slen = len;
	b.src = sd;
	b.nlines = doc_line_count(sd);
	buf_puts(&b.text, "");
	root = cmark_parse_document(b.s, len, CMARK_OPT_SOURCEPOS);
	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *nd = cmark_iter_get_node(it);
		cmark_node_type ty = cmark_node_get_type(nd);

		if (ty == CMARK_NODE_IMAGE) {
			/* An image's description is not text of the report. */
			if (ev == CMARK_EVENT_ENTER)
				image++;
			else if (image > 0)
				image--;
			continue;
		}
		if (ev != CMARK_EVENT_ENTER || image > 0)
			continue;
		switch (ty) {
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			bline = node_line(nd);
			bend = cmark_node_get_end_line(nd) > 0 ?
			    (size_t)cmark_node_get_end_line(nd) - 1 : bline;
			brk = 0;
			if (ty == CMARK_NODE_PARAGRAPH)
				add_item_number(&b, nd);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			brk++;
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE: {
			const char *lit = cmark_node_get_literal(nd);
			size_t hl = node_line(nd), l = bline + brk, hint = (size_t)-1;
			int col = cmark_node_get_start_column(nd);

			/* cmark's inline positions are hints: its line is
			 * taken when it lies in the block, its column is
			 * checked against the source. */
			if (hl >= bline && hl <= bend && cmark_node_get_start_line(nd) > 0) {
				l = hl;
				if (col > 0)
					hint = (size_t)col - 1;
			}
			if (lit)
				add_piece(&b, lit, strlen(lit), l, hint, ty == CMARK_NODE_CODE);
			break;
		}
		case CMARK_NODE_CODE_BLOCK:
			add_code_block(&b, nd);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(root);
	end_lines_to(&b, b.nlines);
	free(b.tmp.v);
	{
		size_t tlen = b.text.len;
		char *text = buf_steal(&b.text);

		doc = doc_new(path, text, tlen);
	}
	doc_set_source(doc, sd, b.segs.v, b.segs.n);
	return doc;
}

bool
md_name(const char *path)
{
	static const char *const md[] = {"md", "markdown", "mdown", "mkd", "mkdn", NULL};
	const char *base = strrchr(path, '/'), *dot;
	size_t i;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		return false;
	for (i = 0; md[i]; i++)
		if (strcasecmp(dot + 1, md[i]) == 0)
			return true;
	return false;
}

bool
md_report_like(const char *name, const unsigned char *head, size_t n)
{
	static const char *const not_reports[] = {
		"README", "CHANGELOG", "CONTRIBUTING", "LICENSE", "CODE_OF_CONDUCT", NULL,
	};
	const char *base = strrchr(name, '/');
	struct decoded dec;
	size_t i, seen = 0;
	const char *p, *end;
	bool yes = false;

	base = base ? base + 1 : name;
	for (i = 0; not_reports[i]; i++)
		if (strncasecmp(base, not_reports[i], strlen(not_reports[i])) == 0)
			return false;
	if (n > MD_HEAD_BYTES)
		n = MD_HEAD_BYTES;
	decode(head, n, ENC_AUTO, &dec);
	p = dec.text;
	end = dec.text + dec.len;
	while (p < end && seen < 5 && !yes) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *q;
		size_t ll = nl ? (size_t)(nl - p) : (size_t)(end - p);
		bool blank = true;

		for (q = p; q < p + ll; q++)
			if (*q != ' ' && *q != '\t' && *q != '\r')
				blank = false;
		if (!blank) {
			char *line = xstrndup(p, ll);

			seen++;
			yes = strstr(line, "报告") != NULL || strstr(line, "情况") != NULL;
			free(line);
		}
		p += ll + (nl ? 1 : 0);
	}
	decoded_free(&dec);
	return yes;
}

/* The piece holding text byte off (segs sorted by t, covering the text). */
static const struct doc_seg *
seg_of(const struct doc_seg *g, size_t n, size_t off)
{
	size_t lo = 0, hi = n;

	if (n == 0)
		return NULL;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (g[mid].t <= off)
			lo = mid;
		else
			hi = mid;
	}
	return off >= g[lo].t && off < g[lo].t + g[lo].tlen ? &g[lo] : NULL;
}

/* The source span of text [x, y) when it is one contiguous copy. */
static bool
copy_span(const struct doc_seg *g, size_t n, size_t x, size_t y, size_t *sx)
{
	size_t t = x, s0 = 0;

	while (t < y) {
		const struct doc_seg *c = seg_of(g, n, t);
		size_t s;

		if (c == NULL || !c->copy)
			return false;
		s = c->s + (t - c->t);
		if (t == x)
			s0 = s;
		else if (s != s0 + (t - x))
			return false;
		t = c->t + c->tlen < y ? c->t + c->tlen : y;
	}
	*sx = s0;
	return true;
}

/* Bytes a[0..na) and b[0..nb) share at their start. */
static size_t
common_start(const char *a, size_t na, const char *b, size_t nb)
{
	size_t i = 0;

	while (i < na && i < nb && a[i] == b[i])
		i++;
	return i;
}

/* Bytes a[0..na) and b[0..nb) share at their end. */
static size_t
common_end(const char *a, size_t na, const char *b, size_t nb)
{
	size_t i = 0;

	while (i < na && i < nb && a[na - 1 - i] == b[nb - 1 - i])
		i++;
	return i;
}

void
md_fix_source(const struct document *doc, const char *fixed, size_t flen,
    struct buf *src_out, struct buf *text_out, struct md_fix *st)
{
	const struct document *sd = doc_source(doc);
	const char *old = doc_text(doc), *s = doc_text(sd);
	size_t nseg, l, nl = doc_line_count(doc), fp = 0, sdone = 0;
	const struct doc_seg *g = doc_segs(doc, &nseg);

	memset(st, 0, sizeof *st);
	buf_puts(src_out, "");
	buf_puts(text_out, "");
	for (l = 0; l < nl; l++) {
		size_t oa, ob, fa = fp, fb, p, q, on, fn, sx = 0, sy, la, le;
		const char *nlp;
		bool ok;

		doc_line_span(doc, l, &oa, &ob);
		nlp = fp < flen ? memchr(fixed + fp, '\n', flen - fp) : NULL;
		fb = nlp ? (size_t)(nlp - fixed) : flen;
		fp = nlp ? fb + 1 : flen;
		on = ob - oa;
		fn = fb - fa;
		if (l == nl - 1 && fp < flen)
			fb = fn = 0; /* more lines than the text: apply nothing */
		if (on == fn && memcmp(old + oa, fixed + fa, on) == 0) {
			buf_append(text_out, fixed + fa, fn);
			if (nlp)
				buf_putc(text_out, '\n');
			continue;
		}
		p = common_start(old + oa, on, fixed + fa, fn);
		q = common_end(old + oa + p, on - p, fixed + fa + p, fn - p);
		if (oa + p < ob - q) {
			ok = copy_span(g, nseg, oa + p, ob - q, &sx);
			sy = sx + (on - p - q);
		} else {
			/* An insertion: before a copied byte, else after one. */
			const struct doc_seg *c = oa + p < ob ? seg_of(g, nseg, oa + p) : NULL;

			ok = false;
			if (c && c->copy) {
				sx = c->s + (oa + p - c->t);
				ok = true;
			} else if (oa + p > oa && (c = seg_of(g, nseg, oa + p - 1)) && c->copy) {
				sx = c->s + (oa + p - 1 - c->t) + 1;
				ok = true;
			}
			sy = sx;
		}
		/* The edit must stay in source line l (line end excluded). */
		doc_line_span(sd, l < doc_line_count(sd) ? l : doc_line_count(sd) - 1, &la, &le);
		if (!ok || sx < la || sy > le || sx < sdone) {
			st->skipped++;
			buf_append(text_out, old + oa, on);
			if (nlp)
				buf_putc(text_out, '\n');
			continue;
		}
		buf_append(src_out, s + sdone, sx - sdone);
		buf_append(src_out, fixed + fa + p, fn - p - q);
		sdone = sy;
		st->lines++;
		buf_append(text_out, fixed + fa, fn);
		if (nlp)
			buf_putc(text_out, '\n');
	}
	buf_append(src_out, s + sdone, doc_len(sd) - sdone);
}
