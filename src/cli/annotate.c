/* SPDX-License-Identifier: MIT */
/** \file annotate.c
 * \brief --annotate: findings as Word comments in a copy of the .docx
 *        (annotate.h says what is written and where each comment goes).
 */
#include "annotate.h"

#include <errno.h>
#include "../input/expatlib.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "../input/ziplib.h"

#include "../document.h"
#include "../input/extract.h"
#include "../pack.h"
#include "../check.h"
#include "../util.h"
#include "../report/escape.h"

#define W_URI "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_URI_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define REL_COMMENTS "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
#define REL_COMMENTS_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships/comments"
#define CT_COMMENTS "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
#define RELS_URI "http://schemas.openxmlformats.org/package/2006/relationships"
/* The largest id given out: w:id is an ST_DecimalNumber (a signed int). */
#define ID_MAX 2147483647UL
/* Time of the entries the copy adds (2000-01-01 00:00 UTC). */
#define FIXED_MTIME ((time_t)946684800)

/* ---- small XML helpers ---- */

/* XML text: & < > escaped, characters XML 1.0 does not allow dropped, a
 * line end a space. */
static void
ann_xml(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '&')
			buf_puts(b, "&amp;");
		else if (c == '<')
			buf_puts(b, "&lt;");
		else if (c == '>')
			buf_puts(b, "&gt;");
		else if (c == '"')
			buf_puts(b, "&quot;");
		else if (c == '\n' || c == '\r')
			buf_putc(b, ' ');
		else if (c < 0x20 && c != '\t')
			continue;
		else if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
		    ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF))
			i += 2;         /* U+FFFE, U+FFFF */
		else
			buf_putc(b, (char)c);
	}
}

static void
ann_xmls(struct buf *b, const char *s)
{
	ann_xml(b, s, strlen(s));
}

/* The end of the tag that starts at x[off] ('<'): the offset just past its
 * '>' (quotes honoured), or 0 when there is none within xlen. */
static size_t
tag_end(const char *x, size_t xlen, size_t off)
{
	char q = 0;
	size_t i;

	if (off >= xlen || x[off] != '<')
		return 0;
	for (i = off + 1; i < xlen; i++) {
		if (q) {
			if (x[i] == q)
				q = 0;
		} else if (x[i] == '"' || x[i] == '\'') {
			q = x[i];
		} else if (x[i] == '>') {
			return i + 1;
		}
	}
	return 0;
}

/* The qualified name of the tag at x[off] ('<' or "</"): its length, *name set. */
static size_t
qname(const char *x, size_t xlen, size_t off, const char **name)
{
	size_t i;

	off += 1 + (off + 1 < xlen && x[off + 1] == '/');
	for (i = off; i < xlen; i++)
		if (x[i] == ' ' || x[i] == '\t' || x[i] == '\r' || x[i] == '\n' || x[i] == '/' ||
		    x[i] == '>')
			break;
	*name = x + off;
	return i - off;
}

static bool
has_bytes(const char *x, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; i + k <= n; i++)
		if (memcmp(x + i, needle, k) == 0)
			return true;
	return false;
}

/* The largest decimal value of an attribute named *:id or id in x. */
static unsigned long
max_id(const char *x, size_t n)
{
	unsigned long best = 0;
	size_t i;

	for (i = 0; i + 5 < n; i++) {
		if (memcmp(x + i, "id=", 3) != 0 || (i > 0 && x[i - 1] != ':' && x[i - 1] != ' '))
			continue;
		if (x[i + 3] == '"' || x[i + 3] == '\'') {
			size_t j = i + 4;
			unsigned long v = 0;

			while (j < n && x[j] >= '0' && x[j] <= '9' && v <= ID_MAX)
				v = v * 10 + (unsigned long)(x[j++] - '0');
			if (j > i + 4 && v > best)
				best = v;
		}
	}
	return best;
}

/* ---- the package's parts ---- */

struct part {
	char *name;
	zip_int64_t idx;            /* in the input, -1: a new part */
	char *xml;                  /* inflated (NUL-ended), NULL: copied as is */
	size_t len;
	struct buf out;             /* the new content */
	bool changed;
};

struct pkg {
	zip_t *za;
	const struct docx_limits *lim;
	struct part *parts;
	size_t nparts, cap;
	size_t total;
	char *err;
};

/* Inflate entry `name`; NULL when it is absent (not an error), or with
 * p->err set. */
static struct part *
pkg_load(struct pkg *p, const char *name)
{
	zip_int64_t idx = zip_name_locate(p->za, name, ZIP_FL_NOCASE);
	zip_stat_t st;
	zip_file_t *zf;
	struct part *pt;
	struct buf b = {0};
	char chunk[65536];
	size_t i;

	if (idx < 0)
		return NULL;
	for (i = 0; i < p->nparts; i++)
		if (p->parts[i].idx == idx)
			return &p->parts[i];
	zip_stat_init(&st);
	if (zip_stat_index(p->za, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    st.size > p->lim->max_part) {
		p->err = xasprintf("%s: inflates to more than %zu bytes (the limit of one part)", name,
		    p->lim->max_part);
		return NULL;
	}
	zf = zip_fopen_index(p->za, (zip_uint64_t)idx, 0);
	if (zf == NULL) {
		p->err = xasprintf("%s: cannot be read: %s", name, zip_strerror(p->za));
		return NULL;
	}
	for (;;) {
		zip_int64_t n = zip_fread(zf, chunk, sizeof chunk);

		if (n < 0) {
			p->err = xasprintf("%s: cannot be read: %s", name, zip_file_strerror(zf));
			break;
		}
		if (n == 0)
			break;
		buf_append(&b, chunk, (size_t)n);
		p->total += (size_t)n;
		if (b.len > p->lim->max_part || p->total > p->lim->max_total) {
			p->err = xasprintf("%s: inflates to more than the limit", name);
			break;
		}
	}
	zip_fclose(zf);
	if (p->err) {
		buf_free(&b);
		return NULL;
	}
	buf_putc(&b, '\0');
	b.len--;
	p->parts = xgrow(p->parts, &p->cap, p->nparts + 1, sizeof *p->parts);
	pt = &p->parts[p->nparts++];
	memset(pt, 0, sizeof *pt);
	pt->name = xstrdup(zip_get_name(p->za, (zip_uint64_t)idx, 0));
	pt->idx = idx;
	pt->len = b.len;
	pt->xml = buf_steal(&b);
	return pt;
}

static struct part *
pkg_new_part(struct pkg *p, const char *name)
{
	struct part *pt;

	p->parts = xgrow(p->parts, &p->cap, p->nparts + 1, sizeof *p->parts);
	pt = &p->parts[p->nparts++];
	memset(pt, 0, sizeof *pt);
	pt->name = xstrdup(name);
	pt->idx = -1;
	pt->changed = true;
	return pt;
}

static void
pkg_free(struct pkg *p)
{
	size_t i;

	for (i = 0; i < p->nparts; i++) {
		free(p->parts[i].name);
		free(p->parts[i].xml);
		buf_free(&p->parts[i].out);
	}
	free(p->parts);
	free(p->err);
}

/* ---- edits of one part ---- */

enum wrap {
	WRAP_NONE = 0,   /* between runs: the markup goes in as it is */
	WRAP_RUN,        /* inside a run, between its children: close it, reopen it */
	WRAP_T,          /* inside a w:t's text: close w:t and the run, reopen both */
	WRAP_EMPTY_P     /* an empty <w:p/>: opened to hold the markup */
};

/* Order of markup at one position: a range that ends there, a point, a
 * range that starts there, a proposed fix. */
enum { ORD_RAW = 0, ORD_END, ORD_POINT, ORD_START, ORD_FIX };

struct edit {
	size_t at, del;
	int order;
	size_t seq;
	enum wrap wrap;
	size_t run, run_len;        /* the run start tag to reopen */
	size_t rpr, rpr_len;
	size_t t, t_len;            /* the w:t start tag to reopen */
	size_t p;                   /* WRAP_EMPTY_P: the <w:p/> */
	char *text;
};

struct cut {
	bool ok;
	size_t at;
	enum wrap wrap;
	size_t run, run_len, rpr, rpr_len, t, t_len, p;
	const struct docx_seg *seg;   /* the segment it lies in (fixes), or NULL */
};

/* A piece of a tracked change: delete `del` bytes at the cut (inside one
 * w:t), then, with ins, insert the fix's text ins_off..+ins_len. */
struct piece {
	struct cut c;
	size_t del, ins_off, ins_len;
	bool ins;
};

struct story {
	struct part *pt;
	struct edit *e;
	size_t n, cap;
	char pfx[64];               /* "w:" or the part's prefix */
	const char *decl;           /* namespace declaration for an empty prefix */
};

static void
add_edit(struct story *s, const struct cut *c, int order, size_t del, char *text)
{
	struct edit *e;

	s->e = xgrow(s->e, &s->cap, s->n + 1, sizeof *s->e);
	e = &s->e[s->n];
	memset(e, 0, sizeof *e);
	e->at = c->at;
	e->del = del;
	e->order = order;
	e->seq = s->n++;
	e->wrap = c->wrap;
	e->run = c->run;
	e->run_len = c->run_len;
	e->rpr = c->rpr;
	e->rpr_len = c->rpr_len;
	e->t = c->t;
	e->t_len = c->t_len;
	e->p = c->p;
	e->text = text;
}

static int
edit_cmp(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* A w:t start tag with xml:space="preserve" (added when it has no xml:space). */
static void
put_t_tag(struct buf *b, const char *x, size_t t, size_t tlen)
{
	if (has_bytes(x + t, tlen, "xml:space")) {
		buf_append(b, x + t, tlen);
		return;
	}
	buf_append(b, x + t, tlen - 1);
	buf_puts(b, " xml:space=\"preserve\">");
}

static void
put_close(struct buf *b, const char *x, size_t xlen, size_t tag)
{
	const char *nm;
	size_t n = qname(x, xlen, tag, &nm);

	buf_puts(b, "</");
	buf_append(b, nm, n);
	buf_putc(b, '>');
}

/* Apply the edits of s to its part. */
static void
apply_edits(struct story *s)
{
	const char *x = s->pt->xml;
	size_t xlen = s->pt->len, pos = 0, i = 0, j, k, del;
	struct buf *b = &s->pt->out;

	qsort(s->e, s->n, sizeof *s->e, edit_cmp);
	b->len = 0;
	while (i < s->n) {
		const struct edit *e = &s->e[i];

		/* a group: the edits at one place with one wrap */
		for (j = i + 1; j < s->n && s->e[j].at == e->at && s->e[j].wrap == e->wrap &&
		    e->wrap != WRAP_NONE; j++)
			;
		if (e->wrap == WRAP_NONE)
			j = i + 1;
		if (e->at < pos) {          /* inside a deleted span (never planned) */
			i = j;
			continue;
		}
		buf_append(b, x + pos, e->at - pos);
		pos = e->at;
		if (e->wrap == WRAP_NONE && e->order == ORD_RAW && i > 0 && s->e[i - 1].at == e->at &&
		    s->e[i - 1].order == ORD_RAW && strcmp(s->e[i - 1].text, e->text) == 0) {
			i = j;              /* the same raw insertion twice */
			continue;
		}
		switch (e->wrap) {
		case WRAP_T:
			put_close(b, x, xlen, e->t);
			put_close(b, x, xlen, e->run);
			break;
		case WRAP_RUN:
			put_close(b, x, xlen, e->run);
			break;
		case WRAP_EMPTY_P:
			buf_putc(b, '>');
			break;
		case WRAP_NONE:
			break;
		}
		del = 0;
		for (k = i; k < j; k++) {
			buf_puts(b, s->e[k].text);
			if (s->e[k].del > del)
				del = s->e[k].del;
		}
		switch (e->wrap) {
		case WRAP_T:
			buf_append(b, x + e->run, e->run_len);
			buf_append(b, x + e->rpr, e->rpr_len);
			put_t_tag(b, x, e->t, e->t_len);
			break;
		case WRAP_RUN:
			buf_append(b, x + e->run, e->run_len);
			buf_append(b, x + e->rpr, e->rpr_len);
			break;
		case WRAP_EMPTY_P:
			put_close(b, x, xlen, e->p);
			break;
		case WRAP_NONE:
			break;
		}
		pos += del;
		i = j;
	}
	buf_append(b, x + pos, xlen - pos);
	s->pt->changed = true;
}

/* ---- where a character of a paragraph lies in the XML ---- */

/* A segment the splicer can cut: every offset inside the part, the tags
 * where the map says. */
static bool
seg_sane(const struct docx_seg *g, const char *x, size_t xlen, size_t *run_len)
{
	size_t re;

	if (g->xml == DOCX_NOPOS || g->run == DOCX_NOPOS || g->xml > xlen ||
	    g->xml_len > xlen - g->xml || g->run >= g->xml)
		return false;
	re = tag_end(x, xlen, g->run);
	if (re == 0 || re > g->xml || x[re - 2] == '/')
		return false;
	*run_len = re - g->run;
	if (g->rpr_len && (g->rpr == DOCX_NOPOS || g->rpr < re || g->rpr > g->xml ||
	    g->rpr_len > g->xml - g->rpr || x[g->rpr] != '<'))
		return false;
	if (!g->elem) {
		if (g->t_tag == DOCX_NOPOS || g->t_tag < re || g->t_tag_len < 3 ||
		    g->t_tag > g->xml || g->t_tag_len > g->xml - g->t_tag ||
		    tag_end(x, xlen, g->t_tag) != g->t_tag + g->t_tag_len ||
		    x[g->t_tag + g->t_tag_len - 2] == '/')
			return false;
	} else if (g->xml_len == 0 || x[g->xml] != '<') {
		return false;
	}
	return true;
}

static bool
seg_exact(const struct docx_seg *g, const char *x, const char *ptext)
{
	return !g->elem && g->exact && memcmp(x + g->xml, ptext + g->start, g->len) == 0;
}

/* The segment holding byte q (end: byte q - 1), or NULL. */
static const struct docx_seg *
find_seg(const struct docx_pmap *m, size_t q, bool end)
{
	size_t lo = 0, hi = m->nsegs;

	if (end) {
		if (q == 0)
			return NULL;
		q--;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct docx_seg *g = &m->segs[mid];

		if (q < g->start)
			hi = mid;
		else if (q >= g->start + g->len)
			lo = mid + 1;
		else
			return g;
	}
	return NULL;
}

static bool
seg_cut(const struct docx_seg *g, const char *x, size_t xlen, const char *ptext, size_t q,
    bool end, struct cut *c)
{
	size_t run_len;

	if (g == NULL || !seg_sane(g, x, xlen, &run_len))
		return false;
	memset(c, 0, sizeof *c);
	c->ok = true;
	c->seg = g;
	c->run = g->run;
	c->run_len = run_len;
	c->rpr = g->rpr_len ? g->rpr : 0;
	c->rpr_len = g->rpr_len;
	if (g->elem) {
		c->wrap = WRAP_RUN;
		c->at = end ? g->xml + g->xml_len : g->xml;
		return true;
	}
	c->wrap = WRAP_T;
	c->t = g->t_tag;
	c->t_len = g->t_tag_len;
	if (seg_exact(g, x, ptext)) {
		/* never inside a character: a start moves back, an end forward */
		if (q < g->start)
			q = g->start;
		if (q > g->start + g->len)
			q = g->start + g->len;
		while (!end && q > g->start && ((unsigned char)ptext[q] & 0xC0) == 0x80)
			q--;
		while (end && q < g->start + g->len && ((unsigned char)ptext[q] & 0xC0) == 0x80)
			q++;
		c->at = g->xml + (q - g->start);
	}
	else
		c->at = end ? g->xml + g->xml_len : g->xml;
	return true;
}

/* The place before (end: after) character q of paragraph p. */
static struct cut
cut_at(const struct docx_pmap *m, const struct docx_para *p, const char *x, size_t xlen,
    size_t q, bool end)
{
	struct cut c;
	size_t i;

	memset(&c, 0, sizeof c);
	if (seg_cut(find_seg(m, q, end), x, xlen, p->text, q, end, &c))
		return c;
	if (seg_cut(find_seg(m, q, !end), x, xlen, p->text, q, !end, &c))
		return c;
	/* no segment there: after the last segment before q, else before the
	 * first one after it */
	for (i = m->nsegs; i-- > 0;)
		if (m->segs[i].start + m->segs[i].len <= q &&
		    seg_cut(&m->segs[i], x, xlen, p->text, m->segs[i].start + m->segs[i].len, true,
		    &c))
			return c;
	for (i = 0; i < m->nsegs; i++)
		if (m->segs[i].start >= q &&
		    seg_cut(&m->segs[i], x, xlen, p->text, m->segs[i].start, false, &c))
			return c;
	/* the paragraph itself */
	memset(&c, 0, sizeof c);
	if (m->p_tag == DOCX_NOPOS || m->p_tag >= xlen || tag_end(x, xlen, m->p_tag) == 0)
		return c;
	if (m->content != DOCX_NOPOS && m->content <= xlen) {
		c.ok = true;
		c.at = m->content;
		c.wrap = WRAP_NONE;
	} else if (m->content == DOCX_NOPOS && tag_end(x, xlen, m->p_tag) == m->p_tag + m->p_tag_len &&
	    m->p_tag_len >= 4 && x[m->p_tag + m->p_tag_len - 2] == '/') {
		c.ok = true;
		c.at = m->p_tag + m->p_tag_len - 2;
		c.wrap = WRAP_EMPTY_P;
		c.p = m->p_tag;
	}
	return c;
}

/* ---- the copy ---- */

struct anchor {
	const struct annotate_item *it;
	unsigned long id;
	size_t para, qs, qe;        /* the start's paragraph and offsets */
	size_t epara;               /* the end's paragraph */
	struct cut cs, ce;
	bool change;                /* proposed as a tracked change */
	struct piece *pc;           /* its pieces */
	size_t npc;
};

struct ann {
	const struct docx *d;
	struct pkg pkg;
	struct story *st;           /* one per story part of the reader */
	size_t nst;
	size_t *pstart;             /* each paragraph's offset in the text */
	size_t np;
	char date[32];
	const struct annotate_opts *o;
};

static struct story *
story_of(struct ann *a, size_t para)
{
	const struct docx_pmap *m = docx_para_map(a->d, para);

	return m && m->part < a->nst && a->st[m->part].pt ? &a->st[m->part] : NULL;
}

/* Paragraph and offset in it of text byte off. */
static void
locate_off(const struct ann *a, size_t off, size_t *para, size_t *q)
{
	size_t lo = 0, hi = a->np;
	const struct docx_para *p;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (a->pstart[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*para = lo;
	p = docx_para_at(a->d, lo);
	*q = off - a->pstart[lo];
	if (*q > p->len)
		*q = p->len;
}

static void
mk_start(struct buf *b, const struct story *s, unsigned long id)
{
	buf_printf(b, "<%scommentRangeStart%s %sid=\"%lu\"/>", s->pfx, s->decl, s->pfx, id);
}

static void
mk_end(struct buf *b, const struct story *s, unsigned long id)
{
	buf_printf(b, "<%scommentRangeEnd%s %sid=\"%lu\"/><%sr%s><%scommentReference %sid=\"%lu\"/></%sr>",
	    s->pfx, s->decl, s->pfx, id, s->pfx, s->decl, s->pfx, s->pfx, id, s->pfx);
}

static void
mk_change(struct buf *b, const struct story *s, const struct ann *a, const char *fix,
    const struct piece *pc, unsigned long del_id, unsigned long ins_id)
{
	const char *x = s->pt->xml;
	const struct cut *c = &pc->c;

	if (pc->del) {
		buf_printf(b, "<%sdel%s %sid=\"%lu\" %sauthor=\"gwlint\" %sdate=\"%s\">", s->pfx, s->decl,
		    s->pfx, del_id, s->pfx, s->pfx, a->date);
		buf_append(b, x + c->run, c->run_len);
		buf_append(b, x + c->rpr, c->rpr_len);
		buf_printf(b, "<%sdelText xml:space=\"preserve\">", s->pfx);
		buf_append(b, x + c->at, pc->del);
		buf_printf(b, "</%sdelText>", s->pfx);
		put_close(b, x, s->pt->len, c->run);
		buf_printf(b, "</%sdel>", s->pfx);
	}
	if (pc->ins) {
		buf_printf(b, "<%sins%s %sid=\"%lu\" %sauthor=\"gwlint\" %sdate=\"%s\">", s->pfx, s->decl,
		    s->pfx, ins_id, s->pfx, s->pfx, a->date);
		buf_append(b, x + c->run, c->run_len);
		buf_append(b, x + c->rpr, c->rpr_len);
		put_t_tag(b, x, c->t, c->t_len);
		ann_xml(b, fix + pc->ins_off, pc->ins_len);
		put_close(b, x, s->pt->len, c->t);
		put_close(b, x, s->pt->len, c->run);
		buf_printf(b, "</%sins>", s->pfx);
	}
}

/* Where each finding goes: its paragraphs and cuts. */
static int
plan(struct ann *a, struct anchor *an, size_t n, char **err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct anchor *x = &an[i];
		const struct annotate_item *it = x->it;
		const struct docx_para *p;
		const struct docx_pmap *m;
		struct story *s;
		size_t e = it->end < it->start ? it->start : it->end, qe;

		locate_off(a, it->start, &x->para, &x->qs);
		if (e > it->start) {
			locate_off(a, e - 1, &x->epara, &qe);
			qe = e - a->pstart[x->epara];
			p = docx_para_at(a->d, x->epara);
			if (qe > p->len)
				qe = p->len;
		} else {
			x->epara = x->para;
			qe = x->qs;
		}
		p = docx_para_at(a->d, x->para);
		m = docx_para_map(a->d, x->para);
		s = story_of(a, x->para);
		if (s == NULL || m == NULL) {
			*err = xasprintf("paragraph %zu: no place in the package for its comment",
			    x->para + 1);
			return -1;
		}
		if (x->epara != x->para) {
			const struct docx_pmap *em = docx_para_map(a->d, x->epara);
			const struct docx_para *ep = docx_para_at(a->d, x->epara);

			x->ce = cut_at(em, ep, s->pt->xml, s->pt->len, qe, true);
			if (em->part != m->part || ep->story != p->story || !x->ce.ok) {
				x->epara = x->para;
				qe = p->len;
			}
		}
		/* the automatic numbering is in no w:t */
		if (x->qs < p->label_len) {
			if (x->epara == x->para && qe <= p->label_len) {
				size_t k;

				qe = x->qs = p->label_len;
				for (k = 0; k < p->nruns; k++)
					if (p->runs[k].start >= p->label_len && p->runs[k].len) {
						x->qs = p->runs[k].start;
						qe = x->qs + p->runs[k].len;
						break;
					}
			} else {
				x->qs = p->label_len;
			}
		}
		x->qe = qe;
		x->cs = cut_at(m, p, s->pt->xml, s->pt->len, x->qs, false);
		if (x->epara == x->para)
			x->ce = x->qe == x->qs ? x->cs : cut_at(m, p, s->pt->xml, s->pt->len, x->qe, true);
		if (!x->cs.ok || !x->ce.ok) {
			*err = xasprintf("%s: paragraph %zu: no place for a comment in its XML",
			    s->pt->name, x->para + 1);
			return -1;
		}
		if (x->epara != x->para && x->ce.at <= x->cs.at) {
			x->epara = x->para;
			x->qe = p->len;
			x->ce = cut_at(m, p, s->pt->xml, s->pt->len, x->qe, true);
			if (!x->ce.ok)
				x->ce = x->cs;
		}
		if (x->epara == x->para && x->ce.at < x->cs.at)
			x->ce = x->cs;
	}
	return 0;
}

/* A cut at the very start of a run's text (or the very end) goes before
 * (after) the run instead of splitting it into an empty half. */
static void
tidy_cut(struct cut *c, const char *x, size_t xlen, bool end)
{
	const struct docx_seg *g = c->seg;
	const char *nm;
	size_t n, at;

	if (c->wrap != WRAP_T || g == NULL)
		return;
	if (!end) {
		if (c->at != g->xml || g->xml != g->t_tag + g->t_tag_len ||
		    !(g->t_tag == g->run + c->run_len ||
		    (g->rpr_len && g->rpr == g->run + c->run_len && g->t_tag == g->rpr + g->rpr_len)))
			return;
		c->at = g->run;
		c->wrap = WRAP_NONE;
		return;
	}
	if (c->at != g->xml + g->xml_len)
		return;
	at = c->at;
	n = qname(x, xlen, g->t_tag, &nm);
	if (at + n + 3 > xlen || x[at] != '<' || x[at + 1] != '/' || memcmp(x + at + 2, nm, n) != 0 ||
	    x[at + 2 + n] != '>')
		return;
	at += n + 3;
	n = qname(x, xlen, g->run, &nm);
	if (at + n + 3 > xlen || x[at] != '<' || x[at + 1] != '/' || memcmp(x + at + 2, nm, n) != 0 ||
	    x[at + 2 + n] != '>')
		return;
	c->at = at + n + 3;
	c->wrap = WRAP_NONE;
}

/* The cut before (end: after) byte q of paragraph p in exactly segment g,
 * which must be a w:t piece that maps byte for byte. */
static bool
exact_cut(const struct docx_seg *g, const char *x, size_t xlen, const char *ptext, size_t q,
    struct cut *c)
{
	if (g == NULL || g->elem || !seg_cut(g, x, xlen, ptext, q, false, c) ||
	    !seg_exact(g, x, ptext))
		return false;
	return true;
}

static void
add_piece(struct piece **pc, size_t *n, size_t *cap, const struct cut *c, size_t del)
{
	*pc = xgrow(*pc, cap, *n + 1, sizeof **pc);
	memset(&(*pc)[*n], 0, sizeof **pc);
	(*pc)[*n].c = *c;
	(*pc)[*n].del = del;
	(*n)++;
}

/* Delete [f, t) of paragraph p: one piece per segment it covers (a piece
 * of an entity or a line end, as &lt;, only whole).  false when some byte
 * of it cannot be cut out so. */
static bool
delete_pieces(const struct docx_pmap *m, const struct docx_para *p, const char *x, size_t xlen,
    size_t f, size_t t, struct piece **pc, size_t *n, size_t *cap)
{
	while (f < t) {
		const struct docx_seg *g = find_seg(m, f, false);
		struct cut c;
		size_t to;

		if (g == NULL || g->elem)
			return false;
		to = g->start + g->len < t ? g->start + g->len : t;
		if (exact_cut(g, x, xlen, p->text, f, &c)) {
			add_piece(pc, n, cap, &c, to - f);
		} else {
			if (f != g->start || to != g->start + g->len ||
			    !seg_cut(g, x, xlen, p->text, f, false, &c) || c.at != g->xml)
				return false;
			add_piece(pc, n, cap, &c, g->xml_len);
		}
		f = to;
	}
	return true;
}

/* A place to insert at byte q of paragraph p: inside a w:t. */
static bool
insert_cut(const struct docx_pmap *m, const struct docx_para *p, const char *x, size_t xlen,
    size_t q, struct cut *c)
{
	const struct docx_seg *g = find_seg(m, q, false);

	if (g && !g->elem && (g->start == q || seg_exact(g, x, p->text)) &&
	    seg_cut(g, x, xlen, p->text, q, false, c))
		return true;
	g = find_seg(m, q, true);
	return g && !g->elem && (g->start + g->len == q || seg_exact(g, x, p->text)) &&
	    seg_cut(g, x, xlen, p->text, q, true, c);
}

/* Byte offsets of the characters of s (n bytes), and n at the end. */
static size_t
char_offsets(const char *s, size_t n, size_t *off, size_t max)
{
	size_t i = 0, k = 0;

	while (i < n && k < max) {
		size_t cl = utf8_seq_len((unsigned char)s[i]);

		off[k++] = i;
		i += cl == 0 || i + cl > n ? 1 : cl;
	}
	if (i < n)
		return (size_t)-1;
	off[k] = n;
	return k;
}

#define DIFF_MAX 512            /* characters of a fix compared one by one */

/* The pieces that turn [qs, qe) of paragraph p into fix: the characters
 * both share kept (a longest common subsequence), each stretch between
 * them one piece: its old characters deleted, its new ones inserted. */
static bool
change_pieces(const struct docx_pmap *m, const struct docx_para *p, const char *x, size_t xlen,
    size_t qs, size_t qe, const char *fix, struct piece **pc, size_t *n)
{
	const char *old = p->text + qs;
	size_t olen = qe - qs, nlen = strlen(fix), cap = 0, no, nn, i, j;
	size_t *oo = xmalloc((DIFF_MAX + 1) * sizeof *oo), *fo = xmalloc((DIFF_MAX + 1) * sizeof *fo);
	unsigned short *t = NULL;
	bool ok = false;

	*n = 0;
	*pc = NULL;
	no = char_offsets(old, olen, oo, DIFF_MAX);
	nn = char_offsets(fix, nlen, fo, DIFF_MAX);
	if (no == (size_t)-1 || nn == (size_t)-1)
		goto out;
	/* t[i][j]: the longest common subsequence of old[i..] and fix[j..] */
	t = xcalloc((no + 1) * (nn + 1), sizeof *t);
#define T(a, b) t[(a) * (nn + 1) + (b)]
#define SAME(a, b) (oo[(a) + 1] - oo[a] == fo[(b) + 1] - fo[b] && \
	memcmp(old + oo[a], fix + fo[b], oo[(a) + 1] - oo[a]) == 0)
	for (i = no; i-- > 0;)
		for (j = nn; j-- > 0;)
			T(i, j) = SAME(i, j) ? (unsigned short)(T(i + 1, j + 1) + 1) :
			    T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1);
	i = j = 0;
	while (i < no || j < nn) {
		size_t i0, j0, first = *n;

		while (i < no && j < nn && SAME(i, j) && T(i, j) == T(i + 1, j + 1) + 1) {
			i++;
			j++;
		}
		i0 = i;
		j0 = j;
		while ((i < no || j < nn) && !(i < no && j < nn && SAME(i, j) &&
		    T(i, j) == T(i + 1, j + 1) + 1)) {
			if (j >= nn || (i < no && T(i + 1, j) >= T(i, j + 1)))
				i++;
			else
				j++;
		}
		if (i == i0 && j == j0)
			continue;
		if (i > i0) {
			if (!delete_pieces(m, p, x, xlen, qs + oo[i0], qs + oo[i], pc, n, &cap))
				goto out;
		} else {
			struct cut c;

			if (!insert_cut(m, p, x, xlen, qs + oo[i0], &c))
				goto out;
			add_piece(pc, n, &cap, &c, 0);
		}
		if (j > j0) {
			(*pc)[first].ins = true;
			(*pc)[first].ins_off = fo[j0];
			(*pc)[first].ins_len = fo[j] - fo[j0];
		}
	}
#undef T
#undef SAME
	ok = *n > 0;
out:
	if (!ok) {
		free(*pc);
		*pc = NULL;
		*n = 0;
	}
	free(t);
	free(oo);
	free(fo);
	return ok;
}

/* Which fixes become tracked changes: every byte changed in a w:t that
 * maps byte for byte, in one paragraph, no other anchor or change inside
 * the span. */
static void
choose_changes(struct ann *a, struct anchor *an, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		struct anchor *x = &an[i];
		const struct docx_para *p = docx_para_at(a->d, x->para);
		const struct docx_pmap *m = docx_para_map(a->d, x->para);
		struct story *s = story_of(a, x->para);
		const struct annotate_item *it = x->it;

		if (it->fix == NULL || x->epara != x->para || s == NULL || strpbrk(it->fix, "\n\r"))
			continue;
		/* the finding's own span, not moved off the numbering */
		if (it->end < it->start || x->qs != it->start - a->pstart[x->para] ||
		    x->qe != x->qs + (it->end - it->start))
			continue;
		/* whole characters */
		if (((unsigned char)p->text[x->qs] & 0xC0) == 0x80 ||
		    ((unsigned char)p->text[x->qe] & 0xC0) == 0x80)
			continue;
		if (!change_pieces(m, p, s->pt->xml, s->pt->len, x->qs, x->qe, it->fix, &x->pc,
		    &x->npc))
			continue;
		x->change = true;
		for (k = 0; k < x->npc; k++)
			if (x->pc[k].c.at < x->cs.at || x->pc[k].c.at + x->pc[k].del > x->ce.at)
				x->change = false;
		for (k = 0; k < n && x->change; k++) {
			const struct anchor *y = &an[k];
			size_t j;

			if (k == i || story_of(a, y->para) != s)
				continue;
			/* another anchor strictly inside a deleted piece */
			for (j = 0; j < x->npc; j++) {
				size_t f = x->pc[j].c.at, t = f + x->pc[j].del;

				if ((y->cs.at > f && y->cs.at < t) || (y->ce.at > f && y->ce.at < t))
					x->change = false;
			}
			/* another change overlapping or at the same place */
			if (k < i && y->change && y->cs.at <= x->ce.at && x->cs.at <= y->ce.at)
				x->change = false;
		}
		if (!x->change) {
			free(x->pc);
			x->pc = NULL;
			x->npc = 0;
		}
	}
}

static void
comment_xml(struct buf *b, const struct ann *a, const struct anchor *x, const char *pfx,
    const char *decl)
{
	const struct annotate_item *it = x->it;

	buf_printf(b, "<%scomment%s %sid=\"%lu\" %sauthor=\"gwlint\" %sdate=\"%s\" %sinitials=\"gw\">",
	    pfx, decl, pfx, x->id, pfx, pfx, a->date, pfx);
	buf_printf(b, "<%sp><%sr><%sannotationRef/></%sr><%sr><%st xml:space=\"preserve\">", pfx, pfx,
	    pfx, pfx, pfx, pfx);
	ann_xmls(b, it->message ? it->message : "");
	buf_printf(b, "</%st></%sr></%sp>", pfx, pfx, pfx);
	buf_printf(b, "<%sp><%sr><%st xml:space=\"preserve\">[", pfx, pfx, pfx);
	ann_xmls(b, it->rule ? it->rule : "");
	buf_printf(b, "] %s", severity_name(it->sev));
	if (it->clause && *it->clause) {
		buf_puts(b, "；依据：");
		ann_xmls(b, it->clause);
	}
	buf_printf(b, "</%st></%sr></%sp>", pfx, pfx, pfx);
	if (it->fix) {
		buf_printf(b, "<%sp><%sr><%st xml:space=\"preserve\">", pfx, pfx, pfx);
		if (*it->fix) {
			buf_puts(b, "建议改为“");
			ann_xmls(b, it->fix);
			buf_puts(b, "”");
		} else {
			buf_puts(b, "建议删除");
		}
		if (x->change)
			buf_puts(b, "（已作为修订提出：在审阅窗格中接受或拒绝）");
		else if (a->o->fixes)
			buf_puts(b, "（未作为修订提出：请手工修改）");
		buf_printf(b, "</%st></%sr></%sp>", pfx, pfx, pfx);
	}
	buf_printf(b, "</%scomment>", pfx);
}

/* The root end tag of xml ("</...NAME>" last in the part): its offset, or
 * (size_t)-1. */
static size_t
root_end(const char *x, size_t n, const char *local, const char **pfx, size_t *pfxlen)
{
	size_t i, nl;
	const char *nm, *colon;

	if (n < 2)
		return (size_t)-1;
	for (i = n - 1; i > 0 && !(x[i - 1] == '<' && x[i] == '/'); i--)
		;
	if (i == 0)
		return (size_t)-1;
	i--;
	nl = qname(x, n, i, &nm);
	colon = memchr(nm, ':', nl);
	if (colon) {
		*pfx = nm;
		*pfxlen = (size_t)(colon - nm) + 1;
	} else {
		*pfx = "";
		*pfxlen = 0;
	}
	if (nl - *pfxlen != strlen(local) || memcmp(nm + *pfxlen, local, strlen(local)) != 0)
		return (size_t)-1;
	return i;
}

/* Relationships of the main part: the comments part's target, the ids. */
struct rels_scan {
	char *comments;             /* Target of the comments relationship */
	char **ids;
	size_t nids, cap;
	bool bad;
	unsigned depth;
};

static void XMLCALL
rels_start(void *u, const char *name, const char **atts)
{
	struct rels_scan *r = u;
	const char *type = NULL, *target = NULL, *id = NULL, *mode = NULL;
	const char *local = strrchr(name, '\x01');
	size_t i;

	if (++r->depth > 64) {
		r->bad = true;
		return;
	}
	local = local ? local + 1 : name;
	if (strcmp(local, "Relationship") != 0)
		return;
	for (i = 0; atts[i]; i += 2) {
		if (strcmp(atts[i], "Type") == 0)
			type = atts[i + 1];
		else if (strcmp(atts[i], "Target") == 0)
			target = atts[i + 1];
		else if (strcmp(atts[i], "Id") == 0)
			id = atts[i + 1];
		else if (strcmp(atts[i], "TargetMode") == 0)
			mode = atts[i + 1];
	}
	if (id) {
		r->ids = xgrow(r->ids, &r->cap, r->nids + 1, sizeof *r->ids);
		r->ids[r->nids++] = xstrdup(id);
	}
	if (type && target && r->comments == NULL && (mode == NULL || strcasecmp(mode, "External")) &&
	    strlen(type) > 9 && strcmp(type + strlen(type) - 9, "/comments") == 0)
		r->comments = xstrdup(target);
}

static void XMLCALL
rels_end(void *u, const char *name)
{
	struct rels_scan *r = u;

	(void)name;
	r->depth--;
}

static void XMLCALL
rels_doctype(void *u, const char *name, const char *sysid, const char *pubid, int has_internal)
{
	struct rels_scan *r = u;

	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	r->bad = true;
}

static bool
rels_parse(struct rels_scan *r, const char *x, size_t n)
{
	XML_Parser p = XML_ParserCreateNS(NULL, '\x01');
	bool ok;

	if (p == NULL)
		fatal("out of memory");
	XML_SetUserData(p, r);
	XML_SetElementHandler(p, rels_start, rels_end);
	XML_SetStartDoctypeDeclHandler(p, rels_doctype);
	ok = n <= (size_t)INT32_MAX && XML_Parse(p, x, (int)n, 1) == XML_STATUS_OK && !r->bad;
	XML_ParserFree(p);
	return ok;
}

static void
rels_free(struct rels_scan *r)
{
	size_t i;

	for (i = 0; i < r->nids; i++)
		free(r->ids[i]);
	free(r->ids);
	free(r->comments);
}

/* A part name from a relationship target seen from folder dir; NULL when
 * it leaves the package. */
static char *
rel_part(const char *dir, const char *target)
{
	char *s;

	if (strstr(target, "..") || strchr(target, '\\') || strstr(target, "://"))
		return NULL;
	if (target[0] == '/')
		s = xstrdup(target + 1);
	else
		s = xasprintf("%s%s", dir, target);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* Write the new package to memory. */
static int
pkg_write(struct pkg *p, unsigned char **out, size_t *outlen, char **err)
{
	zip_error_t ze;
	zip_source_t *dst;
	zip_t *zo;
	zip_int64_t n = zip_get_num_entries(p->za, 0), i, idx;
	zip_stat_t st;
	size_t k;
	int rc = -1;

	zip_error_init(&ze);
	dst = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (dst == NULL)
		fatal("out of memory");
	zo = zip_open_from_source(dst, ZIP_TRUNCATE, &ze);
	if (zo == NULL) {
		*err = xasprintf("cannot make the copy: %s", zip_error_strerror(&ze));
		zip_source_free(dst);
		zip_error_fini(&ze);
		return -1;
	}
	zip_source_keep(dst);
	for (i = 0; i < n; i++) {
		const char *name = zip_get_name(p->za, (zip_uint64_t)i, 0);
		struct part *pt = NULL;
		zip_source_t *s;

		if (name == NULL) {
			*err = xasprintf("zip entry %lld: %s", (long long)i, zip_strerror(p->za));
			goto fail;
		}
		for (k = 0; k < p->nparts; k++)
			if (p->parts[k].idx == i && p->parts[k].changed)
				pt = &p->parts[k];
		if (pt)
			s = zip_source_buffer(zo, pt->out.data ? pt->out.data : "", pt->out.len, 0);
		else
			s = zip_source_zip(zo, p->za, (zip_uint64_t)i, 0, 0, -1);
		if (s == NULL) {
			*err = xasprintf("%s: cannot be copied: %s", name, zip_strerror(zo));
			goto fail;
		}
		idx = zip_file_add(zo, name, s, ZIP_FL_ENC_UTF_8);
		if (idx < 0) {
			*err = xasprintf("%s: cannot be copied: %s", name, zip_strerror(zo));
			zip_source_free(s);
			goto fail;
		}
		if (pt) {
			zip_stat_init(&st);
			if (zip_stat_index(p->za, (zip_uint64_t)i, 0, &st) == 0 &&
			    (st.valid & ZIP_STAT_MTIME))
				zip_file_set_mtime(zo, (zip_uint64_t)idx, st.mtime, 0);
			else
				zip_file_set_mtime(zo, (zip_uint64_t)idx, FIXED_MTIME, 0);
		}
	}
	for (k = 0; k < p->nparts; k++) {
		struct part *pt = &p->parts[k];
		zip_source_t *s;

		if (pt->idx >= 0)
			continue;
		s = zip_source_buffer(zo, pt->out.data ? pt->out.data : "", pt->out.len, 0);
		if (s == NULL || (idx = zip_file_add(zo, pt->name, s, ZIP_FL_ENC_UTF_8)) < 0) {
			*err = xasprintf("%s: cannot be added: %s", pt->name, zip_strerror(zo));
			zip_source_free(s);
			goto fail;
		}
		zip_file_set_mtime(zo, (zip_uint64_t)idx, FIXED_MTIME, 0);
	}
	if (zip_close(zo) != 0) {
		*err = xasprintf("cannot make the copy: %s", zip_strerror(zo));
		goto fail;
	}
	zo = NULL;
	zip_stat_init(&st);
	if (zip_source_stat(dst, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    zip_source_open(dst) != 0) {
		*err = xstrdup("cannot make the copy: its bytes cannot be read back");
		goto fail;
	}
	*out = xmalloc(st.size ? (size_t)st.size : 1);
	*outlen = (size_t)st.size;
	if (zip_source_read(dst, *out, st.size) != (zip_int64_t)st.size) {
		zip_source_close(dst);
		free(*out);
		*out = NULL;
		*err = xstrdup("cannot make the copy: its bytes cannot be read back");
		goto fail;
	}
	zip_source_close(dst);
	rc = 0;
fail:
	if (zo)
		zip_discard(zo);
	zip_source_free(dst);
	zip_error_fini(&ze);
	return rc;
}

static int
anchor_cmp(const void *a, const void *b)
{
	const struct anchor *x = a, *y = b;

	if (x->it->start != y->it->start)
		return x->it->start < y->it->start ? -1 : 1;
	return x->it < y->it ? -1 : x->it > y->it;
}

int
annotate_bytes(const unsigned char *data, size_t len, const struct docx_limits *lim,
    const char *text, size_t tlen, const struct annotate_item *items, size_t nitems,
    const struct annotate_opts *o, unsigned char **out, size_t *outlen,
    struct annotate_stats *stats, char **err)
{
	struct docx_limits dl;
	struct docx *d = NULL;
	struct ann a;
	struct anchor *an = NULL;
	zip_error_t ze;
	zip_source_t *src = NULL;
	struct rels_scan rs;
	struct part *ct = NULL, *rels = NULL, *cm = NULL;
	char *main_name = NULL, *dir = NULL, *rels_name = NULL, *cm_name = NULL;
	const char *slash;
	size_t i, off;
	unsigned long next = 0;
	bool strict = false;
	int rc = -1;

	*out = NULL;
	*outlen = 0;
	*err = NULL;
	memset(&a, 0, sizeof a);
	memset(&rs, 0, sizeof rs);
	if (stats)
		memset(stats, 0, sizeof *stats);
	if (lim == NULL) {
		docx_limits_default(&dl);
		lim = &dl;
	}
	a.o = o;
	snprintf(a.date, sizeof a.date, "%.10sT00:00:00Z", o->date ? o->date : ANNOTATE_FIXED_DATE);
	if (docx_read(data, len, lim, &d, err) != 0)
		return -1;
	a.d = d;
	a.np = docx_para_count(d);
	if (a.np == 0 || docx_part_count(d) == 0) {
		*err = xstrdup("the document has no paragraph to anchor a comment on");
		goto out;
	}
	/* the text must be the one linted */
	a.pstart = xcalloc(a.np, sizeof *a.pstart);
	for (i = 0, off = 0; i < a.np; i++) {
		const struct docx_para *p = docx_para_at(d, i);

		a.pstart[i] = off;
		if (text && (off + p->len > tlen || memcmp(text + off, p->text, p->len) != 0 ||
		    (off + p->len < tlen && text[off + p->len] != '\n'))) {
			*err = xstrdup("changed since it was linted (its text is not the same): not annotated");
			goto out;
		}
		off += p->len + 1;
	}
	zip_error_init(&ze);
	src = zip_source_buffer_create(len ? data : (const unsigned char *)"", len, 0, &ze);
	if (src)
		a.pkg.za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (a.pkg.za == NULL) {
		*err = xasprintf("not a readable zip package: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		zip_source_free(src);
		goto out;
	}
	zip_error_fini(&ze);
	a.pkg.lim = lim;
	/* the story parts */
	a.nst = docx_part_count(d);
	a.st = xcalloc(a.nst, sizeof *a.st);
	for (i = 0; i < a.nst; i++) {
		struct story *s = &a.st[i];
		const char *nm;
		size_t k, nl;

		s->pt = pkg_load(&a.pkg, docx_part_name(d, i));
		if (a.pkg.err)
			goto pkg_err;
		if (s->pt == NULL)
			continue;
		if (i == 0)
			strict = has_bytes(s->pt->xml, s->pt->len, W_URI_STRICT) &&
			    !has_bytes(s->pt->xml, s->pt->len, W_URI);
		strcpy(s->pfx, "w:");
		s->decl = strict ? " xmlns:w=\"" W_URI_STRICT "\"" : " xmlns:w=\"" W_URI "\"";
		/* the prefix of the first w:p the map knows */
		for (k = 0; k < a.np; k++) {
			const struct docx_pmap *m = docx_para_map(d, k);

			if (m->part != i || m->p_tag == DOCX_NOPOS || m->p_tag >= s->pt->len)
				continue;
			nl = qname(s->pt->xml, s->pt->len, m->p_tag, &nm);
			if (nl > 2 && nl < sizeof s->pfx && nm[nl - 2] == ':' && nm[nl - 1] == 'p') {
				memcpy(s->pfx, nm, nl - 1);
				s->pfx[nl - 1] = '\0';
				s->decl = "";
			}
			break;
		}
		if (max_id(s->pt->xml, s->pt->len) >= next)
			next = max_id(s->pt->xml, s->pt->len) + 1;
	}
	main_name = xstrdup(docx_part_name(d, 0));
	slash = strrchr(main_name, '/');
	dir = xstrndup(main_name, slash ? (size_t)(slash - main_name + 1) : 0);
	rels_name = xasprintf("%s_rels/%s.rels", dir, slash ? slash + 1 : main_name);
	ct = pkg_load(&a.pkg, "[Content_Types].xml");
	if (a.pkg.err)
		goto pkg_err;
	if (ct == NULL) {
		*err = xstrdup("[Content_Types].xml: absent: not a Word document");
		goto out;
	}
	rels = pkg_load(&a.pkg, rels_name);
	if (a.pkg.err)
		goto pkg_err;
	if (rels && !rels_parse(&rs, rels->xml, rels->len)) {
		*err = xasprintf("%s: not well-formed XML", rels->name);
		goto out;
	}
	if (rs.comments) {
		cm_name = rel_part(dir, rs.comments);
		if (cm_name == NULL) {
			*err = xasprintf("%s: the comments part's target '%s' is outside the package",
			    rels_name, rs.comments);
			goto out;
		}
		cm = pkg_load(&a.pkg, cm_name);
		if (a.pkg.err)
			goto pkg_err;
	} else {
		cm_name = xasprintf("%scomments.xml", dir);
		if (zip_name_locate(a.pkg.za, cm_name, ZIP_FL_NOCASE) >= 0) {
			free(cm_name);
			cm_name = xasprintf("%sgwlint-comments.xml", dir);
			if (zip_name_locate(a.pkg.za, cm_name, ZIP_FL_NOCASE) >= 0) {
				*err = xasprintf("%s: exists without a relationship: not annotated",
				    cm_name);
				goto out;
			}
		}
	}
	if (cm && max_id(cm->xml, cm->len) >= next)
		next = max_id(cm->xml, cm->len) + 1;
	if (next + 3 * nitems + 1 > ID_MAX || nitems > ID_MAX) {
		*err = xstrdup("no comment id left (the ids in use reach the largest one)");
		goto out;
	}

	/* anchors */
	an = xcalloc(nitems ? nitems : 1, sizeof *an);
	for (i = 0; i < nitems; i++) {
		an[i].it = &items[i];
		if (items[i].start > tlen && text) {
			*err = xstrdup("a finding lies past the end of the text");
			goto out;
		}
	}
	qsort(an, nitems, sizeof *an, anchor_cmp);
	for (i = 0; i < nitems; i++)
		an[i].id = next++;
	if (plan(&a, an, nitems, err) != 0)
		goto out;
	if (o->fixes) {
		size_t npieces = 0;

		choose_changes(&a, an, nitems);
		for (i = 0; i < nitems; i++)
			npieces += an[i].npc;
		if (npieces > (ID_MAX - next) / 2) {
			*err = xstrdup("no revision id left (the ids in use reach the largest one)");
			goto out;
		}
	}
	for (i = 0; i < nitems; i++) {
		struct story *s = story_of(&a, an[i].para), *es = story_of(&a, an[i].epara);

		if (an[i].change)
			continue;
		tidy_cut(&an[i].cs, s->pt->xml, s->pt->len, false);
		tidy_cut(&an[i].ce, es->pt->xml, es->pt->len, true);
		if (an[i].para == an[i].epara && an[i].ce.at < an[i].cs.at)
			an[i].ce = an[i].cs;
	}
	for (i = 0; i < nitems; i++) {
		struct anchor *x = &an[i];
		struct story *s = story_of(&a, x->para);
		struct story *es = story_of(&a, x->epara);
		struct buf b = {0};

		if (x->cs.at == x->ce.at && x->para == x->epara && !x->change) {
			mk_start(&b, s, x->id);
			mk_end(&b, s, x->id);
			add_edit(s, &x->cs, ORD_POINT, 0, buf_steal(&b));
			continue;
		}
		mk_start(&b, s, x->id);
		add_edit(s, &x->cs, ORD_START, 0, buf_steal(&b));
		if (x->change) {
			size_t k;

			for (k = 0; k < x->npc; k++) {
				unsigned long del_id = next++, ins_id = next++;

				mk_change(&b, s, &a, x->it->fix, &x->pc[k], del_id, ins_id);
				add_edit(s, &x->pc[k].c, ORD_FIX, x->pc[k].del, buf_steal(&b));
			}
			if (stats)
				stats->changes++;
		}
		mk_end(&b, es, x->id);
		add_edit(es, &x->ce, ORD_END, 0, buf_steal(&b));
	}
	/* xml:space="preserve" on each w:t split (its first half may end in a space) */
	for (i = 0; i < a.nst; i++) {
		struct story *s = &a.st[i];
		size_t k, n = s->n;

		for (k = 0; k < n; k++) {
			struct cut c;

			if (s->e[k].wrap != WRAP_T || has_bytes(s->pt->xml + s->e[k].t, s->e[k].t_len,
			    "xml:space"))
				continue;
			memset(&c, 0, sizeof c);
			c.at = s->e[k].t + s->e[k].t_len - 1;
			c.wrap = WRAP_NONE;
			add_edit(s, &c, ORD_RAW, 0, xstrdup(" xml:space=\"preserve\""));
		}
		if (s->n)
			apply_edits(s);
	}

	/* comments.xml */
	{
		struct buf b = {0};
		const char *pfx;
		size_t pl, re;

		if (cm) {
			re = root_end(cm->xml, cm->len, "comments", &pfx, &pl);
			if (re == (size_t)-1) {
				*err = xasprintf("%s: no </w:comments> at its end: not extended", cm->name);
				goto out;
			}
			buf_append(&cm->out, cm->xml, re);
			for (i = 0; i < nitems; i++)
				comment_xml(&cm->out, &a, &an[i], "w:",
				    strict ? " xmlns:w=\"" W_URI_STRICT "\"" : " xmlns:w=\"" W_URI "\"");
			buf_append(&cm->out, cm->xml + re, cm->len - re);
			cm->changed = true;
		} else {
			cm = pkg_new_part(&a.pkg, cm_name);
			buf_printf(&cm->out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
			    "<w:comments xmlns:w=\"%s\">", strict ? W_URI_STRICT : W_URI);
			for (i = 0; i < nitems; i++)
				comment_xml(&cm->out, &a, &an[i], "w:", "");
			buf_puts(&cm->out, "</w:comments>");
			/* its relationship */
			if (rels) {
				char *id = NULL;
				size_t k, t;

				re = root_end(rels->xml, rels->len, "Relationships", &pfx, &pl);
				if (re == (size_t)-1) {
					*err = xasprintf("%s: no </Relationships> at its end", rels->name);
					goto out;
				}
				for (t = 0; id == NULL; t++) {
					id = t ? xasprintf("rIdGwlintComments%zu", t) :
					    xstrdup("rIdGwlintComments");
					for (k = 0; k < rs.nids; k++)
						if (strcmp(rs.ids[k], id) == 0) {
							free(id);
							id = NULL;
							break;
						}
				}
				buf_append(&rels->out, rels->xml, re);
				buf_printf(&rels->out, "<%.*sRelationship Id=\"%s\" Type=\"%s\" Target=\"%s\"/>",
				    (int)pl, pfx, id, strict ? REL_COMMENTS_STRICT : REL_COMMENTS,
				    cm_name + strlen(dir));
				buf_append(&rels->out, rels->xml + re, rels->len - re);
				rels->changed = true;
				free(id);
			} else {
				rels = pkg_new_part(&a.pkg, rels_name);
				buf_printf(&rels->out, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
				    "standalone=\"yes\"?>\n<Relationships xmlns=\"%s\"><Relationship "
				    "Id=\"rIdGwlintComments\" Type=\"%s\" Target=\"%s\"/></Relationships>",
				    RELS_URI, strict ? REL_COMMENTS_STRICT : REL_COMMENTS,
				    cm_name + strlen(dir));
			}
		}
		/* its content type */
		buf_printf(&b, "PartName=\"/%s\"", cm->name);
		if (!has_bytes(ct->xml, ct->len, b.data)) {
			re = root_end(ct->xml, ct->len, "Types", &pfx, &pl);
			if (re == (size_t)-1) {
				*err = xstrdup("[Content_Types].xml: no </Types> at its end");
				buf_free(&b);
				goto out;
			}
			buf_append(&ct->out, ct->xml, re);
			buf_printf(&ct->out, "<%.*sOverride PartName=\"/%s\" ContentType=\"%s\"/>", (int)pl,
			    pfx, cm->name, CT_COMMENTS);
			buf_append(&ct->out, ct->xml + re, ct->len - re);
			ct->changed = true;
		}
		buf_free(&b);
	}
	if (pkg_write(&a.pkg, out, outlen, err) != 0)
		goto out;
	if (stats)
		stats->comments = nitems;
	rc = 0;
	goto out;
pkg_err:
	*err = a.pkg.err;
	a.pkg.err = NULL;
out:
	if (a.st) {
		for (i = 0; i < a.nst; i++) {
			size_t k;

			for (k = 0; k < a.st[i].n; k++)
				free(a.st[i].e[k].text);
			free(a.st[i].e);
		}
		free(a.st);
	}
	if (a.pkg.za)
		zip_discard(a.pkg.za);
	pkg_free(&a.pkg);
	rels_free(&rs);
	for (i = 0; an && i < nitems; i++)
		free(an[i].pc);
	free(an);
	free(a.pstart);
	free(main_name);
	free(dir);
	free(rels_name);
	free(cm_name);
	docx_free(d);
	return rc;
}

/* ---- paths, the date ---- */

int
annotate_check_paths(const char *out, const char *in, char **err)
{
	struct stat so, si;

	*err = NULL;
	if (strcmp(in, "-") == 0) {
		*err = xstrdup("--annotate needs a .docx file, not standard input");
		return -1;
	}
	if (strcmp(out, in) == 0 ||
	    (stat(out, &so) == 0 && stat(in, &si) == 0 && so.st_dev == si.st_dev &&
	    so.st_ino == si.st_ino)) {
		*err = xasprintf("%s: refused: the output of --annotate is the input file (the original "
		    "is never written; name another file)", out);
		return -1;
	}
	if (stat(in, &si) == 0 && S_ISDIR(si.st_mode)) {
		*err = xasprintf("%s: --annotate takes one .docx file, not a folder", in);
		return -1;
	}
	if (stat(out, &so) == 0 && S_ISDIR(so.st_mode)) {
		*err = xasprintf("%s: refused: the output of --annotate is a folder (name the .docx "
		    "to write)", out);
		return -1;
	}
	return 0;
}

bool
annotate_date_ok(const char *s)
{
	int y, m, dd, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = atoi(s);
	m = atoi(s + 5);
	dd = atoi(s + 8);
	return y >= 1900 && calendar_day_ok(y, m, dd);
}

/* ---- the formatter ---- */

static int
write_out(const char *path, const unsigned char *data, size_t len, char **err)
{
	char *base = NULL;
	int dirfd = open_parent(path, &base);
	struct replace *r;
	mode_t um;
	size_t done = 0;

	*err = NULL;
	if (dirfd < 0) {
		*err = xasprintf("%s: not written: %s", path, strerror(errno));
		return -1;
	}
	r = replace_begin(dirfd, base, path, ".gwlint-annotate", err);
	free(base);
	close(dirfd);
	if (r == NULL)
		return -1;
	while (done < len) {
		ssize_t n = write(replace_fd(r), data + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			*err = xasprintf("%s: not written: %s", path, strerror(n < 0 ? errno : EIO));
			replace_abort(r);
			return -1;
		}
		done += (size_t)n;
	}
	um = umask(0);
	umask(um);
	if (fchmod(replace_fd(r), 0666 & ~um) != 0 || replace_flush(r) != 0) {
		*err = xasprintf("%s: not written: %s", path, strerror(errno));
		replace_abort(r);
		return -1;
	}
	if (replace_commit(r) != 0) {
		*err = xasprintf("%s: not written: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static void
ann_file(struct report_ctx *ctx, const struct document *doc, const struct findings *fs)
{
	struct annotate_run *ar = ctx->state;
	const char *path = doc_path(doc);
	const struct docx *dx = text_origin_docx(doc_origin(doc));
	struct annotate_item *items;
	size_t i, n = findings_count(fs);
	unsigned char *data = NULL, *out = NULL;
	size_t len = 0, outlen = 0;
	char *err = NULL;

	if (ar->status)
		return;
	if (ar->done) {
		say("--annotate takes one .docx; %s not annotated", path);
		ar->status = 2;
		return;
	}
	if (dx == NULL) {
		say("%s: --annotate needs a Word document (.docx); this file was read as %s", path,
		    input_format_name(text_origin_format(doc_origin(doc))));
		ar->status = 2;
		return;
	}
	if (annotate_check_paths(ar->o.out, path, &err) != 0) {
		say("%s", err);
		free(err);
		ar->status = 2;
		return;
	}
	if (read_file(path, &data, &len) != 0) {
		say("%s: %s", path, strerror(errno));
		ar->status = 2;
		return;
	}
	items = xcalloc(n ? n : 1, sizeof *items);
	for (i = 0; i < n; i++) {
		const struct finding f = findings_get(fs, i);
		const struct rule *r = ctx->rules ? ruleset_find(ctx->rules, f.rule) : NULL;

		items[i].start = f.start;
		items[i].end = f.end;
		items[i].rule = f.rule;
		items[i].sev = f.sev;
		items[i].message = f.message;
		items[i].fix = f.fix;
		items[i].clause = r ? r->source : NULL;
	}
	if (annotate_bytes(data, len, NULL, doc_text(doc), doc_len(doc), items, n, &ar->o, &out,
	    &outlen, &ar->st, &err) != 0) {
		say("%s: %s", path, err);
		ar->status = 2;
	} else if (write_out(ar->o.out, out, outlen, &err) != 0) {
		say("%s", err);
		ar->status = 2;
	} else {
		ar->done = true;
		if (!ar->quiet)
			say("%s: wrote %s: %zu comment%s%s", path, ar->o.out, ar->st.comments,
			    ar->st.comments == 1 ? "" : "s", "");
		if (!ar->quiet && ar->o.fixes)
			say("%s: %zu fix%s proposed as tracked changes", ar->o.out, ar->st.changes,
			    ar->st.changes == 1 ? "" : "es");
	}
	free(err);
	free(items);
	free(data);
	free(out);
}

const struct formatter format_annotate = {
	.name = "annotate",
	.per_file = false,
	.file = ann_file,
};
