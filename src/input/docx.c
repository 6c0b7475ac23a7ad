/* SPDX-License-Identifier: MIT */
/** \file docx.c
 * \brief The .docx reader (see docx.h): libzip from memory, expat with
 *        namespace processing, one streaming pass per part.
 *
 * Parts: the main document part is the target of the package's
 * officeDocument relationship (_rels/.rels), else the part [Content_Types].xml
 * declares as the document's main part, else word/document.xml.  Its own
 * relationships (word/_rels/document.xml.rels) name styles, numbering,
 * footnotes and endnotes; a part not named there is looked for at its usual
 * name beside the main part.  Part names are matched case-insensitively.
 * Order of reading: styles, numbering, document, footnotes, endnotes.
 *
 * Text model: see docx.h.  Elements are matched by namespace URI and local
 * name; WordprocessingML is accepted in its Transitional and Strict
 * namespaces.  An element of any other namespace is read through (its
 * WordprocessingML descendants count), except that the main part's root
 * must be w:document.
 *
 * Automatic numbering (the choices where Word's behaviour is not in the
 * standard):
 *  - the paragraph's w:numPr, else the first w:numPr found along its style's
 *    w:basedOn chain (the default paragraph style when it names none); a
 *    w:numId of 0 means no numbering; a w:numId, w:abstractNum or level that
 *    does not exist means no label; a basedOn cycle ends the chain;
 *  - counters belong to the abstract numbering (after w:numStyleLink):
 *    every w:num pointing to one w:abstractNum continues the same sequence,
 *    as Word does; the first paragraph of a w:num whose w:lvlOverride
 *    overrides its level (w:startOverride, or a whole w:lvl) restarts that
 *    shared counter at the override, and the sequence goes on from there
 *    for every w:num of the list (ECMA-376 17.9 keeps the count on the
 *    abstract definition; other readers' issue threads report Word doing
 *    so; not checked against Word here);
 *  - a level advancing resets every deeper level (w:lvlRestart n: level k
 *    resets only when a level shallower than n is used; 0: never);
 *  - w:lvlText's %1..%9 take each level's counter (a level not used yet:
 *    its start) in that level's w:numFmt (decimal when the level is
 *    w:isLgl); the label is followed by w:suff: TAB (the default), a space
 *    or nothing; label_len covers the suffix too;
 *  - w:numStyleLink is followed once (to the w:abstractNum of the
 *    numbering style's w:num);
 *  - a level's w:lvlText is kept up to 256 bytes.
 */
#include "docx.h"

#include "expatlib.h"
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "ziplib.h"

#include "../util.h"
#include "docx_layout.h"
#include "docx_numfmt.h"
#include "docx_package.h"

#define NS_SEP '\x01'
#define NLVL 9
#define LVLTEXT_MAX 256
#define NUM_MAX 1000000000L

const char *
docx_story_name(enum docx_story s)
{
	static const char *const names[] = {"body", "table", "textbox", "footnote", "endnote"};

	return (unsigned)s < DOCX_STORY__COUNT ? names[s] : "body";
}

void
docx_limits_default(struct docx_limits *lim)
{
	lim->max_part = (size_t)64 << 20;
	lim->max_total = (size_t)256 << 20;
	lim->max_entries = 10000;
	lim->max_paras = 1000000;
	lim->max_para = (size_t)8 << 20;
	lim->max_depth = 256;
}

/* ---- the result ---- */

struct prec {                   /* a finished paragraph, offsets into the arena */
	size_t text, len, label_len, style; /* style: offset + 1, 0 = none */
	size_t run0, nruns;
	enum docx_story story;
	size_t next;                /* in a pending chain: the next record, NONE */
	size_t seg0, nsegs;         /* source map: its segments in docx.segs */
	unsigned part;
	size_t p_tag, p_tag_len, content;
};

#define NONE ((size_t)-1)

struct docx {
	struct buf arena;           /* every paragraph's text and style, NUL-ended */
	struct docx_run *runs;
	size_t nruns, capruns;
	struct prec *recs;
	size_t nrecs, caprecs;
	struct docx_para *paras;    /* filled at the end */
	struct docx_layout *layout; /* docx_layout.h (NULL: none read) */
	struct docx_seg *segs;      /* source map (docx.h) */
	size_t nsegs, capsegs;
	struct docx_pmap *maps;     /* one per paragraph, filled at the end */
	char **parts;               /* story parts read, by index */
	size_t nparts, capparts;
};

/* ---- namespaces and names ---- */

enum ns { NS_NONE, NS_OTHER, NS_W, NS_MC, NS_CT, NS_PR };

static const struct {
	const char *uri;
	enum ns ns;
} ns_uris[] = {
	{"http://schemas.openxmlformats.org/wordprocessingml/2006/main", NS_W},
	{"http://purl.oclc.org/ooxml/wordprocessingml/main", NS_W},
	{"http://schemas.openxmlformats.org/markup-compatibility/2006", NS_MC},
	{"http://schemas.openxmlformats.org/package/2006/content-types", NS_CT},
	{"http://schemas.openxmlformats.org/package/2006/relationships", NS_PR},
};

static enum ns
split_name(const char *name, const char **local)
{
	const char *sep = strrchr(name, NS_SEP);
	size_t n, i;

	if (sep == NULL) {
		*local = name;
		return NS_NONE;
	}
	*local = sep + 1;
	n = (size_t)(sep - name);
	for (i = 0; i < ARRAY_LEN(ns_uris); i++)
		if (strlen(ns_uris[i].uri) == n && memcmp(ns_uris[i].uri, name, n) == 0)
			return ns_uris[i].ns;
	return NS_OTHER;
}

/* Element codes: the elements any handler looks at. */
enum el {
	E_OTHER = 0,
	E_ABSTRACTNUM, E_ABSTRACTNUMID, E_BASEDON, E_BR, E_CR, E_DEL, E_DELINSTRTEXT, E_DELTEXT,
	E_DOCUMENT, E_ENDNOTE, E_FLDCHAR, E_FOOTNOTE, E_ILVL, E_INSTRTEXT, E_ISLGL, E_LVL,
	E_LVLOVERRIDE, E_LVLRESTART, E_LVLTEXT, E_MOVEFROM, E_NOBREAKHYPHEN, E_NUM, E_NUMFMT,
	E_NUMID, E_NUMPR, E_NUMSTYLELINK, E_NUMBERINGCHANGE, E_P, E_PPR, E_PPRCHANGE, E_PSTYLE,
	E_PTAB, E_R, E_RFONTS, E_RPR, E_RPRCHANGE, E_SDTENDPR, E_SDTPR, E_SECTPRCHANGE, E_START, E_STARTOVERRIDE,
	E_STYLE, E_STYLELINK, E_SUFF, E_SYM, E_T, E_TAB, E_TBLGRIDCHANGE, E_TBLPRCHANGE,
	E_TBLPREXCHANGE, E_TC, E_TCPRCHANGE, E_TRPRCHANGE, E_TXBXCONTENT,
	/* markup compatibility */
	E_MC_AC, E_MC_CHOICE, E_MC_FALLBACK,
	/* package */
	E_OVERRIDE, E_RELATIONSHIP
};

struct el_name {
	/* cppcheck-suppress unusedStructMember ; read through bsearch's element pointer */
	const char *name;
	/* cppcheck-suppress unusedStructMember ; read through bsearch's element pointer */
	enum el code;
};

static const struct el_name w_names[] = {
	/* sorted by name (strcmp), for bsearch */
	{"abstractNum", E_ABSTRACTNUM}, {"abstractNumId", E_ABSTRACTNUMID},
	{"basedOn", E_BASEDON}, {"br", E_BR}, {"cr", E_CR}, {"del", E_DEL},
	{"delInstrText", E_DELINSTRTEXT}, {"delText", E_DELTEXT}, {"document", E_DOCUMENT},
	{"endnote", E_ENDNOTE}, {"fldChar", E_FLDCHAR}, {"footnote", E_FOOTNOTE},
	{"ilvl", E_ILVL}, {"instrText", E_INSTRTEXT}, {"isLgl", E_ISLGL}, {"lvl", E_LVL},
	{"lvlOverride", E_LVLOVERRIDE}, {"lvlRestart", E_LVLRESTART}, {"lvlText", E_LVLTEXT},
	{"moveFrom", E_MOVEFROM}, {"noBreakHyphen", E_NOBREAKHYPHEN}, {"num", E_NUM},
	{"numFmt", E_NUMFMT}, {"numId", E_NUMID}, {"numPr", E_NUMPR},
	{"numStyleLink", E_NUMSTYLELINK}, {"numberingChange", E_NUMBERINGCHANGE}, {"p", E_P},
	{"pPr", E_PPR}, {"pPrChange", E_PPRCHANGE}, {"pStyle", E_PSTYLE}, {"ptab", E_PTAB},
	{"r", E_R}, {"rFonts", E_RFONTS}, {"rPr", E_RPR}, {"rPrChange", E_RPRCHANGE}, {"sdtEndPr", E_SDTENDPR}, {"sdtPr", E_SDTPR},
	{"sectPrChange", E_SECTPRCHANGE}, {"start", E_START}, {"startOverride", E_STARTOVERRIDE},
	{"style", E_STYLE}, {"styleLink", E_STYLELINK}, {"suff", E_SUFF}, {"sym", E_SYM},
	{"t", E_T}, {"tab", E_TAB}, {"tblGridChange", E_TBLGRIDCHANGE},
	{"tblPrChange", E_TBLPRCHANGE}, {"tblPrExChange", E_TBLPREXCHANGE}, {"tc", E_TC},
	{"tcPrChange", E_TCPRCHANGE}, {"trPrChange", E_TRPRCHANGE},
	{"txbxContent", E_TXBXCONTENT},
};

static int
w_name_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct el_name *)elem)->name);
}

static enum el
element_of(const char *name)
{
	const char *local;
	const void *hit;

	switch (split_name(name, &local)) {
	case NS_W:
		hit = bsearch(local, w_names, ARRAY_LEN(w_names), sizeof w_names[0], w_name_cmp);
		return hit ? ((const struct el_name *)hit)->code : E_OTHER;
	case NS_MC:
		if (strcmp(local, "AlternateContent") == 0)
			return E_MC_AC;
		if (strcmp(local, "Choice") == 0)
			return E_MC_CHOICE;
		if (strcmp(local, "Fallback") == 0)
			return E_MC_FALLBACK;
		return E_OTHER;
	case NS_CT:
		return strcmp(local, "Override") == 0 ? E_OVERRIDE : E_OTHER;
	case NS_PR:
		return strcmp(local, "Relationship") == 0 ? E_RELATIONSHIP : E_OTHER;
	default:
		return E_OTHER;
	}
}

/* A w:-namespaced attribute (an unqualified one is accepted too). */
static const char *
w_attr(const char **atts, const char *local)
{
	const char *l, *plain = NULL;
	enum ns ns;

	for (; atts[0]; atts += 2) {
		ns = split_name(atts[0], &l);
		if (strcmp(l, local) != 0)
			continue;
		if (ns == NS_W)
			return atts[1];
		if (ns == NS_NONE)
			plain = atts[1];
	}
	return plain;
}

/* An unqualified attribute. */
static const char *
attr(const char **atts, const char *name)
{
	for (; atts[0]; atts += 2)
		if (strcmp(atts[0], name) == 0)
			return atts[1];
	return NULL;
}

/* A decimal number attribute, clamped to [-NUM_MAX, NUM_MAX]; def when absent or not a number. */
static long
num_val(const char *s, long def)
{
	char *end;
	long v;

	if (s == NULL)
		return def;
	while (*s == ' ')
		s++;
	v = strtol(s, &end, 10);
	if (end == s)
		return def;
	if (v > NUM_MAX)
		v = NUM_MAX;
	if (v < -NUM_MAX)
		v = -NUM_MAX;
	return v;
}

/* An ST_OnOff attribute: absent means on. */
static bool
on_off(const char **atts)
{
	const char *v = w_attr(atts, "val");

	return v == NULL || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

/* ---- styles and numbering ---- */

struct style {
	char *id, *based_on;
	long num_id;                /* -1: no w:numPr with a w:numId */
	long ilvl;
	bool para, dflt;
	size_t order;
	int state;                  /* resolution: 0 new, 1 on the path, 2 done */
	long res_num, res_ilvl;     /* resolved along basedOn (-1: none) */
};

struct lvl {
	bool has;
	long start;
	enum numfmt fmt;
	char *text;                 /* w:lvlText, NULL when absent */
	int suff;                   /* '\t', ' ', 0 */
	long restart;               /* -1 absent */
	bool lgl;
	enum symfont font;          /* of a bullet: w:rPr/w:rFonts */
};

struct counters {
	long v[NLVL];
	bool used[NLVL];
};

struct abstract {
	long id;
	size_t order;
	struct lvl lvl[NLVL];
	char *num_style_link;
	struct counters cnt;
};

struct num {
	long id, abs_id;
	size_t order;
	bool entered[NLVL];         /* a paragraph of this w:num used the level */
	bool has_start[NLVL];
	long start[NLVL];
	struct lvl lvl[NLVL];       /* .has: a whole w:lvl override */
};

/* ---- the reader ---- */

struct open_para {
	struct buf text;
	struct docx_run *runs;
	size_t nruns, capruns;
	size_t run_start;
	bool in_run;
	char *style;
	long num_id, ilvl;
	bool has_num, has_ilvl, labelled;
	size_t label_len;
	enum docx_story story;
	size_t head, tail;          /* chain of text-box paragraphs shown after this one
	                               (indexes into rd.pool), NONE when empty */
	/* source map: segments, and the XML of the open w:p, w:r, w:rPr, w:t */
	struct docx_seg *segs;
	size_t nsegs, capsegs;
	size_t p_tag, p_tag_len, content, run_xml, rpr, rpr_len, t_tag, t_tag_len;
	unsigned run_depth;
	size_t rpr_text;            /* text length when the run's w:rPr opened */
	bool in_rpr, rpr_bad;       /* inside it; text was read in it (a broken run:
	                               never split, its w:rPr would be copied) */
};

enum part_kind { PK_CT, PK_RELS, PK_STYLES, PK_NUMBERING, PK_DOC };

struct rel {
	char *type, *target;
};

struct rd {
	const struct docx_limits *lim;
	zip_t *za;
	struct docx_layout_feed *lay;  /* the layout pass, fed the same events (docx_layout.h) */
	XML_Parser p;
	const char *part;
	enum part_kind kind;
	char *err;
	size_t total;

	/* element stack of the part being parsed */
	uint8_t *stk;
	size_t capstk;
	unsigned depth, skip;       /* skip: depth of the element whose content is ignored */
	/* stk[2 * depth]: the element code at that depth; stk[2 * depth + 1]:
	 * 1 once the mc:AlternateContent there has taken a branch */

	/* [Content_Types].xml and .rels */
	char *main_ct;
	struct rel *rels;
	size_t nrels, caprels;

	/* styles.xml */
	struct style *styles;
	size_t nstyles, capstyles;
	struct style *cur_style;
	const struct style *dflt_style;

	/* numbering.xml */
	struct abstract *abs;
	size_t nabs, capabs;
	struct num *nums;
	size_t nnums, capnums;
	struct lvl *cur_lvl;        /* the w:lvl being read */
	struct abstract *cur_abs;
	struct num *cur_num;
	long cur_override;          /* level of the open w:lvlOverride, -1 */

	/* document parts */
	enum docx_story base;
	struct open_para *ps;
	size_t nps, capps;
	struct prec *pool;          /* finished paragraphs waiting for their host */
	size_t npool, cappool;
	unsigned tc, txbx;          /* open w:tc and w:txbxContent */
	unsigned in_t;              /* depth of the open w:t, 0 */
	uint8_t *fld;               /* open complex fields: 1 once past "separate" */
	size_t nfld, capfld, fld_hidden;
	size_t total_paras;
	struct buf lbl;             /* scratch for labels */
	unsigned cur_part;          /* source map: index of the story part parsed */

	struct docx *d;
};

static void
set_err(struct rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
set_err(struct rd *r, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	if (r->err)
		return;
	if (r->p)
		buf_printf(&b, "%s:%lu:%lu: ", r->part, (unsigned long)XML_GetCurrentLineNumber(r->p),
		    (unsigned long)XML_GetCurrentColumnNumber(r->p) + 1);
	else if (r->part)
		buf_printf(&b, "%s: ", r->part);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	r->err = buf_steal(&b);
	if (r->p)
		XML_StopParser(r->p, XML_FALSE);
}

/* ---- paragraphs ---- */

static struct open_para *
top_para(struct rd *r)
{
	return r->nps ? &r->ps[r->nps - 1] : NULL;
}

static bool
para_room(struct rd *r, struct open_para *op, size_t add)
{
	if (op->text.len + add > r->lim->max_para) {
		set_err(r, "a paragraph longer than %zu bytes (the limit of one paragraph)",
		    r->lim->max_para);
		return false;
	}
	return true;
}

/* Append s to b, a line end (CR, LF, VT, FF, NEL, U+2028, U+2029) becoming a
 * space: a paragraph's text never holds one. */
static void
append_clean(struct buf *b, const char *s, size_t n)
{
	size_t i, from = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t skip = 0;

		if (c == '\n' || c == '\r' || c == '\v' || c == '\f')
			skip = 1;
		else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0x85)
			skip = 2;
		else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
			skip = 3;
		if (skip) {
			buf_append(b, s + from, i - from);
			buf_putc(b, ' ');
			i += skip - 1;
			from = i + 1;
		}
	}
	buf_append(b, s + from, n - from);
}

static void seg_add(struct rd *r, struct open_para *op, size_t from, bool elem);
static size_t xml_count(const struct rd *r);

static void
para_text(struct rd *r, const char *s, size_t n)
{
	struct open_para *op = top_para(r);
	size_t from;

	if (op == NULL || !para_room(r, op, n))
		return;
	from = op->text.len;
	append_clean(&op->text, s, n);
	seg_add(r, op, from, false);
}

static void
para_cp(struct rd *r, uint32_t cp)
{
	struct open_para *op = top_para(r);

	if (op == NULL || !para_room(r, op, 4))
		return;
	put_utf8(&op->text, cp);
}

static bool
text_visible(const struct rd *r)
{
	return r->fld_hidden == 0;
}

/* ---- numbering ---- */

static int
style_cmp(const void *a, const void *b)
{
	const struct style *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->order < y->order ? -1 : x->order > y->order);
}

static int
abs_cmp(const void *a, const void *b)
{
	const struct abstract *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int
num_cmp(const void *a, const void *b)
{
	const struct num *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static struct style *
find_style(struct rd *r, const char *id)
{
	size_t lo = 0, hi = r->nstyles;

	if (id == NULL)
		return NULL;
	while (lo < hi) {   /* the first of equal ids: the one written first */
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(r->styles[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->nstyles && strcmp(r->styles[lo].id, id) == 0 ? &r->styles[lo] : NULL;
}

static struct abstract *
find_abs(struct rd *r, long id)
{
	size_t lo = 0, hi = r->nabs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->abs[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->nabs && r->abs[lo].id == id ? &r->abs[lo] : NULL;
}

static struct num *
find_num(struct rd *r, long id)
{
	size_t lo = 0, hi = r->nnums;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->nums[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->nnums && r->nums[lo].id == id ? &r->nums[lo] : NULL;
}

/* The numPr a style gives, along its basedOn chain (iterative, each style
 * resolved once; a cycle or a missing style ends the chain with none). */
static void
style_numpr(struct rd *r, struct style *s, long *num_id, long *ilvl)
{
	struct style *cur = s, **path = NULL;
	size_t npath = 0, cap = 0, i;
	long rn = -1, ri = 0;

	while (cur && cur->state == 0 && cur->num_id < 0) {
		cur->state = 1;
		path = xgrow(path, &cap, npath + 1, sizeof *path);
		path[npath++] = cur;
		cur = find_style(r, cur->based_on);
	}
	if (cur && cur->state == 2) {
		rn = cur->res_num;
		ri = cur->res_ilvl;
	} else if (cur && cur->state == 0) {
		cur->state = 2;
		rn = cur->res_num = cur->num_id;
		ri = cur->res_ilvl = cur->ilvl;
	}
	for (i = 0; i < npath; i++) {
		path[i]->state = 2;
		path[i]->res_num = rn;
		path[i]->res_ilvl = ri;
	}
	free(path);
	*num_id = rn;
	*ilvl = ri;
}

/* Render the label of the top paragraph into r->lbl (empty: none). */
static void
render_label(struct rd *r, struct open_para *op)
{
	long num_id = -1, ilvl = 0, sn, si;
	struct style *st;
	struct num *num, *num2;
	struct abstract *abs, *abs2;
	struct counters *cnt;
	const struct lvl *lv, *lvls[NLVL];
	long starts[NLVL];
	const char *t;
	int k, L;
	bool restart;

	r->lbl.len = 0;
	if (op->has_num) {
		num_id = op->num_id;
		if (op->has_ilvl)
			ilvl = op->ilvl;
	}
	if (!op->has_num) {
		st = op->style ? find_style(r, op->style) : (struct style *)r->dflt_style;
		if (st == NULL)
			return;
		style_numpr(r, st, &sn, &si);
		num_id = sn;
		ilvl = op->has_ilvl ? op->ilvl : si;
	}
	if (num_id <= 0)
		return;
	num = find_num(r, num_id);
	if (num == NULL)
		return;
	abs = find_abs(r, num->abs_id);
	if (abs == NULL)
		return;
	if (abs->num_style_link) {
		/* the numbering style's own w:num → its abstractNum (once) */
		st = find_style(r, abs->num_style_link);
		if (st && st->num_id > 0 && (num2 = find_num(r, st->num_id)) != NULL &&
		    (abs2 = find_abs(r, num2->abs_id)) != NULL)
			abs = abs2;
	}
	L = ilvl < 0 ? 0 : ilvl >= NLVL ? NLVL - 1 : (int)ilvl;
	for (k = 0; k < NLVL; k++) {
		lvls[k] = num->lvl[k].has ? &num->lvl[k] : &abs->lvl[k];
		starts[k] = num->has_start[k] ? num->start[k] : lvls[k]->start;
	}
	lv = lvls[L];
	if (!lv->has)
		return;
	cnt = &abs->cnt;
	restart = (num->has_start[L] || num->lvl[L].has) && !num->entered[L];
	num->entered[L] = true;
	if (!cnt->used[L] || restart) {
		cnt->v[L] = starts[L];
		cnt->used[L] = true;
	} else if (cnt->v[L] < NUM_MAX) {
		cnt->v[L]++;
	}
	for (k = L + 1; k < NLVL; k++) {
		long rs = lvls[k]->restart;

		/* lvlRestart n (1-based): reset when a level shallower than n is
		 * used; absent (or beyond k): when any shallower level is */
		if (rs < 0 || rs > k)
			rs = k;
		if (rs > 0 && L < rs)
			cnt->used[k] = false;
	}
	if (lv->text == NULL)
		return;
	for (t = lv->text; *t; t++) {
		if (*t == '%' && t[1] >= '1' && t[1] <= '9') {
			int j = t[1] - '1';
			long v = cnt->used[j] ? cnt->v[j] : starts[j];

			if (lv->fmt == NF_NONE && j == L)
				;
			else if (lv->lgl)
				numfmt_render(&r->lbl, NF_DECIMAL, v);
			else
				numfmt_render(&r->lbl, lvls[j]->fmt, v);
			t++;
			continue;
		}
		if (lv->fmt == NF_BULLET && (unsigned char)*t == 0xEF) {
			/* a private-use bullet U+F0xx (EF 80..83 xx) */
			unsigned char c1 = (unsigned char)t[1], c2 = c1 ? (unsigned char)t[2] : 0;

			if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
				uint32_t cp = 0xF000 | ((uint32_t)(c1 & 0x3F) << 6) | (c2 & 0x3F);

				put_utf8(&r->lbl, symfont_map(lv->font, cp));
				t += 2;
				continue;
			}
		}
		buf_putc(&r->lbl, *t);
	}
	if (r->lbl.len == 0)
		return;                 /* nothing to show (none, a picture bullet): no suffix either */
	if (strpbrk(r->lbl.data, "\n\r\v\f\xc2\xe2")) {  /* &#10; in w:lvlText */
		struct buf c = {0};

		append_clean(&c, r->lbl.data, r->lbl.len);
		buf_free(&r->lbl);
		r->lbl = c;
	}
	if (lv->suff)
		buf_putc(&r->lbl, (char)lv->suff);
}

/* Put the label at the start of the paragraph's text. */
static void
label_para(struct rd *r, struct open_para *op)
{
	size_t n, i;

	if (op->labelled)
		return;
	op->labelled = true;
	render_label(r, op);
	if (r->lbl.len == 0 || !para_room(r, op, r->lbl.len))
		return;
	n = op->text.len;
	buf_append(&op->text, r->lbl.data, r->lbl.len);
	if (n) {
		memmove(op->text.data + r->lbl.len, op->text.data, n);
		memcpy(op->text.data, r->lbl.data, r->lbl.len);
		for (i = 0; i < op->nruns; i++)
			op->runs[i].start += r->lbl.len;
		for (i = 0; i < op->nsegs; i++)
			op->segs[i].start += r->lbl.len;
		if (op->in_run)
			op->run_start += r->lbl.len;
	}
	op->label_len = r->lbl.len;
}

/* ---- paragraphs open and close ---- */

static void
para_open(struct rd *r)
{
	size_t old = r->capps;
	struct open_para *op;

	r->ps = xgrow(r->ps, &r->capps, r->nps + 1, sizeof *r->ps);
	if (r->capps > old)
		memset(r->ps + old, 0, (r->capps - old) * sizeof *r->ps);
	op = &r->ps[r->nps++];
	op->text.len = 0;
	if (op->text.data)
		op->text.data[0] = '\0';
	op->nruns = 0;
	op->in_run = false;
	free(op->style);
	op->style = NULL;
	op->has_num = op->has_ilvl = op->labelled = false;
	op->label_len = 0;
	op->head = op->tail = NONE;
	op->nsegs = 0;
	op->p_tag = op->content = op->run_xml = NONE;
	op->p_tag_len = op->rpr_len = op->t_tag_len = 0;
	op->rpr = op->t_tag = NONE;
	if (r->base != DOCX_BODY)
		op->story = r->base;
	else
		op->story = r->txbx ? DOCX_TEXTBOX : r->tc ? DOCX_TABLE : DOCX_BODY;
}

static void
push_rec(struct prec **a, size_t *n, size_t *cap, const struct prec *rec)
{
	*a = xgrow(*a, cap, *n + 1, sizeof **a);
	(*a)[(*n)++] = *rec;
}

/* Emit the records of a pending chain in order. */
static void
emit_chain(struct rd *r, size_t i)
{
	for (; i != NONE; i = r->pool[i].next)
		push_rec(&r->d->recs, &r->d->nrecs, &r->d->caprecs, &r->pool[i]);
}

static void
run_end(struct open_para *op)
{
	if (!op->in_run)
		return;
	op->in_run = false;
	if (op->text.len > op->run_start) {
		op->runs = xgrow(op->runs, &op->capruns, op->nruns + 1, sizeof *op->runs);
		op->runs[op->nruns].start = op->run_start;
		op->runs[op->nruns].len = op->text.len - op->run_start;
		op->runs[op->nruns].props = 0;
		op->nruns++;
	}
}

static void
para_close(struct rd *r)
{
	struct open_para *op = top_para(r), *parent;
	struct docx *d = r->d;
	struct prec rec;
	size_t i;

	if (xml_count(r) == 0)
		op->content = NONE;     /* <w:p/> (its end tag has no bytes): nothing can go inside */
	label_para(r, op);
	run_end(op);
	if (r->err)
		return;
	if (r->total_paras >= r->lim->max_paras) {
		set_err(r, "more than %zu paragraphs (the limit)", r->lim->max_paras);
		return;
	}
	r->total_paras++;
	rec.text = d->arena.len;
	rec.len = op->text.len;
	rec.label_len = op->label_len;
	buf_append(&d->arena, op->text.data, op->text.len);
	buf_putc(&d->arena, '\0');
	rec.style = 0;
	if (op->style) {
		rec.style = d->arena.len + 1;
		buf_puts(&d->arena, op->style);
		buf_putc(&d->arena, '\0');
	}
	rec.run0 = d->nruns;
	rec.nruns = op->nruns;
	d->runs = xgrow(d->runs, &d->capruns, d->nruns + op->nruns, sizeof *d->runs);
	if (op->nruns)
		memcpy(d->runs + d->nruns, op->runs, op->nruns * sizeof *op->runs);
	d->nruns += op->nruns;
	rec.seg0 = d->nsegs;
	rec.nsegs = op->nsegs;
	d->segs = xgrow(d->segs, &d->capsegs, d->nsegs + op->nsegs, sizeof *d->segs);
	if (op->nsegs)
		memcpy(d->segs + d->nsegs, op->segs, op->nsegs * sizeof *op->segs);
	d->nsegs += op->nsegs;
	rec.part = r->cur_part;
	rec.p_tag = op->p_tag;
	rec.p_tag_len = op->p_tag_len;
	rec.content = op->content;
	rec.story = op->story;
	r->nps--;
	parent = top_para(r);
	/* a text box's paragraphs come after their host paragraph: a nested
	 * paragraph joins its host's chain, followed by its own chain (a splice,
	 * so nesting costs nothing per paragraph) */
	if (parent) {
		rec.next = op->head;
		push_rec(&r->pool, &r->npool, &r->cappool, &rec);
		i = r->npool - 1;
		if (parent->tail == NONE)
			parent->head = i;
		else
			r->pool[parent->tail].next = i;
		parent->tail = op->tail == NONE ? i : op->tail;
	} else {
		rec.next = NONE;
		push_rec(&d->recs, &d->nrecs, &d->caprecs, &rec);
		emit_chain(r, op->head);
	}
	op->head = op->tail = NONE;
}

/* ---- expat handlers ---- */

static enum el
parent_el(const struct rd *r, unsigned up)
{
	return r->depth > up ? (enum el)r->stk[2 * (r->depth - up)] : E_OTHER;
}

static void
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = v ? xstrdup(v) : NULL;
}

/* ---- the source map ---- */

/* The current event's bytes in the part's XML. */
static size_t
xml_at(const struct rd *r)
{
	XML_Index i = XML_GetCurrentByteIndex(r->p);

	return i < 0 ? NONE : (size_t)i;
}

static size_t
xml_count(const struct rd *r)
{
	int n = XML_GetCurrentByteCount(r->p);

	return n < 0 ? 0 : (size_t)n;
}

/* The text of op grew from `from` bytes by the current event: one segment. */
static void
seg_add(struct rd *r, struct open_para *op, size_t from, bool elem)
{
	struct docx_seg *g;

	if (op->text.len <= from)
		return;
	op->segs = xgrow(op->segs, &op->capsegs, op->nsegs + 1, sizeof *op->segs);
	g = &op->segs[op->nsegs++];
	g->start = from;
	g->len = op->text.len - from;
	g->xml = xml_at(r);
	g->xml_len = xml_count(r);
	g->run = op->in_run && !op->in_rpr && !op->rpr_bad && (!elem || r->depth == op->run_depth + 1) ?
	    op->run_xml : DOCX_NOPOS;
	g->rpr = op->rpr;
	g->rpr_len = op->in_run ? op->rpr_len : 0;
	g->t_tag = elem ? DOCX_NOPOS : op->t_tag;
	g->t_tag_len = elem ? 0 : op->t_tag_len;
	g->elem = elem;
	g->exact = !elem && g->xml_len == g->len;
}

static void
start_doc(struct rd *r, enum el e, const char **atts)
{
	struct open_para *op = top_para(r);
	const char *v;
	size_t from;

	switch (e) {
	case E_DEL: case E_MOVEFROM: case E_DELTEXT: case E_INSTRTEXT: case E_DELINSTRTEXT:
	case E_PPRCHANGE: case E_RPRCHANGE: case E_SECTPRCHANGE: case E_TBLPRCHANGE:
	case E_TBLPREXCHANGE: case E_TRPRCHANGE: case E_TCPRCHANGE: case E_TBLGRIDCHANGE:
	case E_NUMBERINGCHANGE: case E_SDTPR: case E_SDTENDPR:
		r->skip = r->depth;
		return;
	case E_FOOTNOTE:
	case E_ENDNOTE:
		/* separator, continuationSeparator, continuationNotice: not text */
		v = w_attr(atts, "type");
		if (v && strcmp(v, "normal") != 0)
			r->skip = r->depth;
		return;
	case E_P:
		para_open(r);
		op = &r->ps[r->nps - 1];
		op->p_tag = xml_at(r);
		op->p_tag_len = xml_count(r);
		op->content = op->p_tag + op->p_tag_len;
		return;
	case E_TC:
		r->tc++;
		return;
	case E_TXBXCONTENT:
		r->txbx++;
		return;
	case E_PSTYLE:
		if (op && parent_el(r, 1) == E_PPR && parent_el(r, 2) == E_P)
			set_str(&op->style, w_attr(atts, "val"));
		return;
	case E_NUMID:
	case E_ILVL:
		if (op && parent_el(r, 1) == E_NUMPR && parent_el(r, 2) == E_PPR &&
		    parent_el(r, 3) == E_P && (v = w_attr(atts, "val")) != NULL) {
			if (e == E_NUMID) {
				op->has_num = true;
				op->num_id = num_val(v, 0);
			} else {
				op->has_ilvl = true;
				op->ilvl = num_val(v, 0);
			}
		}
		return;
	case E_R:
		if (op && !op->in_run) {
			op->in_run = true;
			op->run_start = op->text.len;
			op->run_xml = xml_at(r);
			op->run_depth = r->depth;
			op->in_rpr = op->rpr_bad = false;
			op->rpr = NONE;
			op->rpr_len = 0;
		}
		return;
	case E_RPR:
		if (op && op->in_run && r->depth == op->run_depth + 1) {
			op->in_rpr = true;
			op->rpr_text = op->text.len;
			op->rpr = xml_at(r);
			op->rpr_len = xml_count(r);
		}
		return;
	case E_T:
		r->in_t = r->depth;
		if (op) {
			/* the source map splits a run only around its own w:t */
			bool own = op->in_run && r->depth == op->run_depth + 1;

			op->t_tag = own ? xml_at(r) : NONE;
			op->t_tag_len = own ? xml_count(r) : 0;
		}
		return;
	case E_FLDCHAR:
		v = w_attr(atts, "fldCharType");
		if (v == NULL)
			return;
		if (strcmp(v, "begin") == 0) {
			r->fld = xgrow(r->fld, &r->capfld, r->nfld + 1, 1);
			r->fld[r->nfld++] = 0;
			r->fld_hidden++;
		} else if (strcmp(v, "separate") == 0) {
			if (r->nfld && r->fld[r->nfld - 1] == 0) {
				r->fld[r->nfld - 1] = 1;
				r->fld_hidden--;
			}
		} else if (strcmp(v, "end") == 0) {
			if (r->nfld && r->fld[--r->nfld] == 0)
				r->fld_hidden--;
		}
		return;
	default:
		break;
	}
	if (op == NULL || parent_el(r, 1) != E_R || !text_visible(r))
		return;
	from = op->text.len;
	switch (e) {
	case E_TAB:
	case E_PTAB:
		para_cp(r, '\t');
		break;
	case E_BR:
	case E_CR:
		para_cp(r, ' ');
		break;
	case E_NOBREAKHYPHEN:
		para_cp(r, 0x2011);
		break;
	case E_SYM: {
		const char *c = w_attr(atts, "char");
		char *end;
		unsigned long cp;

		if (c == NULL)
			break;
		cp = strtoul(c, &end, 16);
		if (end == c || *end || cp > 0x10FFFF)
			break;
		cp = symfont_map(symfont_of(w_attr(atts, "font")), (uint32_t)cp);
		if (cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029 ||
		    cp == '\v' || cp == '\f')
			cp = ' ';
		if (cp >= 0x20 || cp == '\t')
			para_cp(r, (uint32_t)cp);
		break;
	}
	default:
		break;
	}
	seg_add(r, op, from, true);
}

static void
end_doc(struct rd *r, enum el e)
{
	struct open_para *op = top_para(r);

	switch (e) {
	case E_P:
		if (op)
			para_close(r);
		break;
	case E_PPR:
		if (op && parent_el(r, 1) == E_P && xml_count(r))
			op->content = xml_at(r) + xml_count(r);
		if (op && parent_el(r, 1) == E_P && op->text.len == 0)
			label_para(r, op);
		break;
	case E_RPR:
		if (op && op->in_run && r->depth == op->run_depth + 1 && op->in_rpr) {
			op->in_rpr = false;
			op->rpr_bad = op->rpr_bad || op->text.len != op->rpr_text;
		}
		if (op && op->in_run && r->depth == op->run_depth + 1 && xml_count(r) && op->rpr != NONE)
			op->rpr_len = xml_at(r) + xml_count(r) - op->rpr;
		break;
	case E_TAB: case E_PTAB: case E_BR: case E_CR: case E_NOBREAKHYPHEN: case E_SYM:
		/* a non-empty form (<w:tab></w:tab>): the segment ends after the end tag */
		if (op && op->nsegs && op->segs[op->nsegs - 1].elem && xml_count(r) &&
		    op->segs[op->nsegs - 1].xml < xml_at(r) &&
		    op->segs[op->nsegs - 1].xml + op->segs[op->nsegs - 1].xml_len <= xml_at(r))
			op->segs[op->nsegs - 1].xml_len =
			    xml_at(r) + xml_count(r) - op->segs[op->nsegs - 1].xml;
		break;
	case E_R:
		if (op)
			run_end(op);
		break;
	case E_T:
		r->in_t = 0;
		break;
	case E_TC:
		r->tc--;
		break;
	case E_TXBXCONTENT:
		r->txbx--;
		break;
	default:
		break;
	}
}

static void
start_styles(struct rd *r, enum el e, const char **atts)
{
	struct style *s = r->cur_style;
	const char *v;

	switch (e) {
	case E_STYLE:
		if (r->depth != 2 || (v = w_attr(atts, "styleId")) == NULL)
			return;
		r->styles = xgrow(r->styles, &r->capstyles, r->nstyles + 1, sizeof *r->styles);
		s = r->cur_style = &r->styles[r->nstyles];
		memset(s, 0, sizeof *s);
		s->id = xstrdup(v);
		s->order = r->nstyles++;
		s->num_id = -1;
		v = w_attr(atts, "type");
		s->para = v == NULL || strcmp(v, "paragraph") == 0;
		v = w_attr(atts, "default");
		s->dflt = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "on") == 0);
		return;
	case E_BASEDON:
		if (s && parent_el(r, 1) == E_STYLE)
			set_str(&s->based_on, w_attr(atts, "val"));
		return;
	case E_NUMID:
	case E_ILVL:
		if (s && parent_el(r, 1) == E_NUMPR && parent_el(r, 2) == E_PPR &&
		    parent_el(r, 3) == E_STYLE && (v = w_attr(atts, "val")) != NULL) {
			if (e == E_NUMID)
				s->num_id = num_val(v, 0) < 0 ? 0 : num_val(v, 0);
			else
				s->ilvl = num_val(v, 0);
		}
		return;
	default:
		return;
	}
}

static void
end_styles(struct rd *r, enum el e)
{
	if (e == E_STYLE && r->depth == 2)
		r->cur_style = NULL;
}

static void
lvl_init(struct lvl *l)
{
	free(l->text);
	memset(l, 0, sizeof *l);
	l->has = true;
	l->fmt = NF_DECIMAL;
	l->suff = '\t';
	l->restart = -1;
}

static void
start_numbering(struct rd *r, enum el e, const char **atts)
{
	const char *v;
	struct lvl *l = r->cur_lvl;
	long k;

	switch (e) {
	case E_ABSTRACTNUM:
		if (r->depth != 2 || (v = w_attr(atts, "abstractNumId")) == NULL) {
			r->skip = r->depth;
			return;
		}
		r->abs = xgrow(r->abs, &r->capabs, r->nabs + 1, sizeof *r->abs);
		r->cur_abs = &r->abs[r->nabs];
		memset(r->cur_abs, 0, sizeof *r->cur_abs);
		r->cur_abs->id = num_val(v, -1);
		r->cur_abs->order = r->nabs++;
		return;
	case E_NUM:
		if (r->depth != 2 || (v = w_attr(atts, "numId")) == NULL) {
			r->skip = r->depth;
			return;
		}
		r->nums = xgrow(r->nums, &r->capnums, r->nnums + 1, sizeof *r->nums);
		r->cur_num = &r->nums[r->nnums];
		memset(r->cur_num, 0, sizeof *r->cur_num);
		r->cur_num->id = num_val(v, -1);
		r->cur_num->abs_id = -1;
		r->cur_num->order = r->nnums++;
		return;
	case E_NUMSTYLELINK:
		if (r->cur_abs && parent_el(r, 1) == E_ABSTRACTNUM)
			set_str(&r->cur_abs->num_style_link, w_attr(atts, "val"));
		return;
	case E_ABSTRACTNUMID:
		if (r->cur_num && parent_el(r, 1) == E_NUM)
			r->cur_num->abs_id = num_val(w_attr(atts, "val"), -1);
		return;
	case E_LVLOVERRIDE:
		k = num_val(w_attr(atts, "ilvl"), -1);
		if (r->cur_num == NULL || parent_el(r, 1) != E_NUM || k < 0 || k >= NLVL) {
			r->skip = r->depth;
			return;
		}
		r->cur_override = k;
		return;
	case E_STARTOVERRIDE:
		if (r->cur_num && r->cur_override >= 0 && parent_el(r, 1) == E_LVLOVERRIDE) {
			k = num_val(w_attr(atts, "val"), 0);
			r->cur_num->has_start[r->cur_override] = true;
			r->cur_num->start[r->cur_override] = k < 0 ? 0 : k;
		}
		return;
	case E_LVL:
		k = num_val(w_attr(atts, "ilvl"), -1);
		l = NULL;
		if (k >= 0 && k < NLVL) {
			if (r->cur_abs && parent_el(r, 1) == E_ABSTRACTNUM)
				l = &r->cur_abs->lvl[k];
			else if (r->cur_num && r->cur_override == k && parent_el(r, 1) == E_LVLOVERRIDE)
				l = &r->cur_num->lvl[k];
		}
		if (l == NULL || l->has) {     /* a second definition of a level is ignored */
			r->skip = r->depth;
			return;
		}
		lvl_init(l);
		r->cur_lvl = l;
		return;
	case E_RFONTS:
		if (l && parent_el(r, 1) == E_RPR && parent_el(r, 2) == E_LVL) {
			v = w_attr(atts, "ascii");
			l->font = symfont_of(v ? v : w_attr(atts, "hAnsi"));
		}
		return;
	default:
		break;
	}
	if (l == NULL || parent_el(r, 1) != E_LVL)
		return;
	v = w_attr(atts, "val");
	switch (e) {
	case E_START:
		k = num_val(v, 0);
		l->start = k < 0 ? 0 : k;
		break;
	case E_NUMFMT:
		l->fmt = numfmt_of(v);
		break;
	case E_LVLTEXT: {
		size_t n = v ? strlen(v) : 0;

		if (n > LVLTEXT_MAX) {
			n = LVLTEXT_MAX;
			while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
				n--;
		}
		free(l->text);
		l->text = xstrndup(v ? v : "", n);
		break;
	}
	case E_SUFF:
		l->suff = v && strcmp(v, "space") == 0 ? ' ' : v && strcmp(v, "nothing") == 0 ? 0 : '\t';
		break;
	case E_LVLRESTART:
		l->restart = num_val(v, -1);
		break;
	case E_ISLGL:
		l->lgl = on_off(atts);
		break;
	default:
		break;
	}
}

static void
end_numbering(struct rd *r, enum el e)
{
	switch (e) {
	case E_LVL:
		r->cur_lvl = NULL;
		break;
	case E_LVLOVERRIDE:
		r->cur_override = -1;
		break;
	case E_ABSTRACTNUM:
		if (r->depth == 2)
			r->cur_abs = NULL;
		break;
	case E_NUM:
		if (r->depth == 2)
			r->cur_num = NULL;
		break;
	default:
		break;
	}
}

static const char *const main_types[] = {
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
	"application/vnd.ms-word.document.macroEnabled.main+xml",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
	"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
};

static void
start_pkg(struct rd *r, enum el e, const char **atts)
{
	const char *v, *t;
	size_t i;

	if (e == E_OVERRIDE && r->kind == PK_CT && r->main_ct == NULL &&
	    (v = attr(atts, "ContentType")) != NULL && (t = attr(atts, "PartName")) != NULL) {
		for (i = 0; i < ARRAY_LEN(main_types); i++)
			if (strcasecmp(v, main_types[i]) == 0)
				r->main_ct = xstrdup(t);
	} else if (e == E_RELATIONSHIP && r->kind == PK_RELS && (v = attr(atts, "Type")) != NULL &&
	    (t = attr(atts, "Target")) != NULL) {
		const char *mode = attr(atts, "TargetMode");

		if (mode && strcasecmp(mode, "External") == 0)
			return;
		r->rels = xgrow(r->rels, &r->caprels, r->nrels + 1, sizeof *r->rels);
		r->rels[r->nrels].type = xstrdup(v);
		r->rels[r->nrels].target = xstrdup(t);
		r->nrels++;
	}
}

static void XMLCALL
on_start(void *u, const char *name, const char **atts)
{
	struct rd *r = u;
	enum el e;

	docx_layout_feed_start(r->lay, name, atts);
	if (r->err)
		return;
	if (++r->depth > r->lim->max_depth) {
		set_err(r, "elements nested deeper than %u (the limit)", r->lim->max_depth);
		return;
	}
	if (r->skip)
		return;
	e = element_of(name);
	r->stk = xgrow(r->stk, &r->capstk, 2 * ((size_t)r->depth + 1), 1);
	r->stk[2 * r->depth] = (uint8_t)e;
	r->stk[2 * r->depth + 1] = 0;
	if (r->depth == 1 && r->kind == PK_DOC && r->base == DOCX_BODY && e != E_DOCUMENT) {
		const char *local;

		split_name(name, &local);
		set_err(r, "the root element is not a WordprocessingML w:document (it is '%s'%s)",
		    local, local == name ? " in no namespace" : " in another namespace");
		return;
	}
	if ((e == E_MC_CHOICE || e == E_MC_FALLBACK) && parent_el(r, 1) == E_MC_AC) {
		uint8_t *chosen = &r->stk[2 * (r->depth - 1) + 1];

		/* the first mc:Choice, else the mc:Fallback: read once */
		if (*chosen) {
			r->skip = r->depth;
			return;
		}
		*chosen = 1;
	}
	switch (r->kind) {
	case PK_DOC:
		start_doc(r, e, atts);
		break;
	case PK_STYLES:
		start_styles(r, e, atts);
		break;
	case PK_NUMBERING:
		start_numbering(r, e, atts);
		break;
	default:
		start_pkg(r, e, atts);
		break;
	}
}

static void XMLCALL
on_end(void *u, const char *name)
{
	struct rd *r = u;
	enum el e;

	docx_layout_feed_end(r->lay, name);
	if (r->err)
		return;
	if (r->skip) {
		if (r->depth == r->skip)
			r->skip = 0;
		r->depth--;
		return;
	}
	e = (enum el)r->stk[2 * r->depth];
	switch (r->kind) {
	case PK_DOC:
		end_doc(r, e);
		break;
	case PK_STYLES:
		end_styles(r, e);
		break;
	case PK_NUMBERING:
		end_numbering(r, e);
		break;
	default:
		break;
	}
	r->depth--;
}

static void XMLCALL
on_chars(void *u, const char *s, int n)
{
	struct rd *r = u;

	docx_layout_feed_chars(r->lay, s, n);
	if (r->err || r->skip || r->kind != PK_DOC || r->in_t == 0 || r->in_t != r->depth ||
	    !text_visible(r) || n <= 0)
		return;
	para_text(r, s, (size_t)n);
}

static void XMLCALL
on_doctype(void *u, const char *name, const char *sysid, const char *pubid, int has_internal)
{
	struct rd *r = u;

	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	set_err(r, "a DOCTYPE is refused (no part of a Word document has one)");
}

/* ---- parts ---- */

#define CHUNK 65536

/* Parse one zip entry with the handlers of `kind`.  0, or -1 with r->err. */
static int
parse_part(struct rd *r, zip_int64_t idx, const char *name, enum part_kind kind)
{
	zip_stat_t st;
	zip_file_t *zf;
	char *chunk;
	size_t got = 0;

	r->part = name;
	r->kind = kind;
	if (kind == PK_DOC) {
		struct docx *d = r->d;

		d->parts = xgrow(d->parts, &d->capparts, d->nparts + 1, sizeof *d->parts);
		d->parts[d->nparts] = xstrdup(name);
		r->cur_part = (unsigned)d->nparts++;
	}
	r->depth = r->skip = 0;
	r->in_t = 0;
	r->nfld = r->fld_hidden = 0;
	r->tc = r->txbx = 0;
	r->cur_style = NULL;
	r->cur_abs = NULL;
	r->cur_num = NULL;
	r->cur_lvl = NULL;
	r->cur_override = -1;
	zip_stat_init(&st);
	if (zip_stat_index(r->za, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    st.size > r->lim->max_part) {
		set_err(r, "inflates to more than %zu bytes (the limit of one part)", r->lim->max_part);
		return -1;
	}
	zf = zip_fopen_index(r->za, (zip_uint64_t)idx, 0);
	if (zf == NULL) {
		set_err(r, "cannot be read: %s", zip_strerror(r->za));
		return -1;
	}
	r->p = XML_ParserCreateNS(NULL, NS_SEP);
	if (r->p == NULL)
		fatal("out of memory");
	XML_SetUserData(r->p, r);
	XML_SetElementHandler(r->p, on_start, on_end);
	XML_SetCharacterDataHandler(r->p, on_chars);
	XML_SetStartDoctypeDeclHandler(r->p, on_doctype);
	chunk = xmalloc(CHUNK);
	for (;;) {
		zip_int64_t n = zip_fread(zf, chunk, CHUNK);

		if (n < 0) {
			XML_Parser p = r->p;

			r->p = NULL;
			set_err(r, "cannot be read: %s", zip_file_strerror(zf));
			r->p = p;
			break;
		}
		got += (size_t)n;
		r->total += (size_t)n;
		if (got > r->lim->max_part || r->total > r->lim->max_total) {
			XML_Parser p = r->p;

			r->p = NULL;
			if (got > r->lim->max_part)
				set_err(r, "inflates to more than %zu bytes (the limit of one part)",
				    r->lim->max_part);
			else
				set_err(r, "the parts read inflate to more than %zu bytes (the limit)",
				    r->lim->max_total);
			r->p = p;
			break;
		}
		if (XML_Parse(r->p, chunk, (int)n, n == 0) != XML_STATUS_OK) {
			if (r->err == NULL)
				set_err(r, "%s", XML_ErrorString(XML_GetErrorCode(r->p)));
			break;
		}
		if (r->err || n == 0)
			break;
	}
	free(chunk);
	XML_ParserFree(r->p);
	r->p = NULL;
	zip_fclose(zf);
	return r->err ? -1 : 0;
}

/* A part's index, or -1 (names compared without case, as OPC says). */
static zip_int64_t
locate(struct rd *r, const char *name)
{
	if (name == NULL || *name == '\0')
		return -1;
	return zip_name_locate(r->za, name, ZIP_FL_NOCASE);
}

static void
free_rels(struct rd *r)
{
	size_t i;

	for (i = 0; i < r->nrels; i++) {
		free(r->rels[i].type);
		free(r->rels[i].target);
	}
	r->nrels = 0;
}

/* The target of the first relationship whose type ends in "/suffix". */
static const char *
rel_target(const struct rd *r, const char *suffix)
{
	size_t i, n = strlen(suffix), t;

	for (i = 0; i < r->nrels; i++) {
		t = strlen(r->rels[i].type);
		if (t > n && r->rels[i].type[t - n - 1] == '/' &&
		    strcmp(r->rels[i].type + t - n, suffix) == 0)
			return r->rels[i].target;
	}
	return NULL;
}

/* Parse an optional part: absent is fine. */
static int
parse_optional(struct rd *r, const char *name, enum part_kind kind, enum docx_story base)
{
	zip_int64_t idx = locate(r, name);

	if (idx < 0)
		return 0;
	r->base = base;
	return parse_part(r, idx, name, kind);
}

static void
rd_free(struct rd *r)
{
	size_t i;
	int k;

	docx_layout_feed_free(r->lay);
	free(r->stk);
	free(r->main_ct);
	free_rels(r);
	free(r->rels);
	for (i = 0; i < r->nstyles; i++) {
		free(r->styles[i].id);
		free(r->styles[i].based_on);
	}
	free(r->styles);
	for (i = 0; i < r->nabs; i++) {
		for (k = 0; k < NLVL; k++)
			free(r->abs[i].lvl[k].text);
		free(r->abs[i].num_style_link);
	}
	free(r->abs);
	for (i = 0; i < r->nnums; i++)
		for (k = 0; k < NLVL; k++)
			free(r->nums[i].lvl[k].text);
	free(r->nums);
	for (i = 0; i < r->capps; i++) {
		buf_free(&r->ps[i].text);
		free(r->ps[i].runs);
		free(r->ps[i].segs);
		free(r->ps[i].style);
	}
	free(r->ps);
	free(r->pool);
	free(r->fld);
	buf_free(&r->lbl);
}

void
docx_free(struct docx *d)
{
	size_t i;

	if (d == NULL)
		return;
	buf_free(&d->arena);
	free(d->runs);
	free(d->recs);
	free(d->paras);
	free(d->segs);
	free(d->maps);
	for (i = 0; i < d->nparts; i++)
		free(d->parts[i]);
	free(d->parts);
	docx_layout_free(d->layout);
	free(d);
}

static void
finish(struct docx *d)
{
	size_t i;

	d->paras = xcalloc(d->nrecs ? d->nrecs : 1, sizeof *d->paras);
	d->maps = xcalloc(d->nrecs ? d->nrecs : 1, sizeof *d->maps);
	for (i = 0; i < d->nrecs; i++) {
		const struct prec *rec = &d->recs[i];
		struct docx_para *p = &d->paras[i];
		struct docx_pmap *m = &d->maps[i];

		m->part = rec->part;
		m->p_tag = rec->p_tag;
		m->p_tag_len = rec->p_tag_len;
		m->content = rec->content;
		m->segs = rec->nsegs ? d->segs + rec->seg0 : NULL;
		m->nsegs = rec->nsegs;

		p->text = d->arena.data + rec->text;
		p->len = rec->len;
		p->label_len = rec->label_len;
		p->story = rec->story;
		p->number = i + 1;
		p->style = rec->style ? d->arena.data + rec->style - 1 : NULL;
		p->runs = rec->nruns ? d->runs + rec->run0 : NULL;
		p->nruns = rec->nruns;
	}
}

static int
read_package(struct rd *r)
{
	char *main_name = NULL, *dir = NULL, *rels_name = NULL, *slash;
	const char *t;
	char *names[4] = {NULL, NULL, NULL, NULL};
	static const char *const kinds[4] = {"styles", "numbering", "footnotes", "endnotes"};
	zip_int64_t n = zip_get_num_entries(r->za, 0), idx;
	int rc = -1, i;

	if (n < 0 || (zip_uint64_t)n > r->lim->max_entries) {
		set_err(r, "the package has %lld entries (more than the limit of %zu)", (long long)n,
		    r->lim->max_entries);
		return -1;
	}
	if (parse_optional(r, "[Content_Types].xml", PK_CT, DOCX_BODY) != 0)
		return -1;
	if (parse_optional(r, "_rels/.rels", PK_RELS, DOCX_BODY) != 0)
		goto out;
	if ((t = rel_target(r, "officeDocument")) != NULL) {
		main_name = docx_pkg_resolve("", t);
		if (locate(r, main_name) < 0) {
			free(main_name);
			main_name = NULL;
		}
	}
	if (main_name == NULL && r->main_ct) {
		main_name = docx_pkg_resolve("", r->main_ct);
		if (locate(r, main_name) < 0) {
			free(main_name);
			main_name = NULL;
		}
	}
	if (main_name == NULL)
		main_name = xstrdup("word/document.xml");
	idx = locate(r, main_name);
	if (idx < 0) {
		r->part = NULL;
		set_err(r, "no main document part (word/document.xml): not a Word document");
		goto out;
	}
	slash = strrchr(main_name, '/');
	dir = xstrndup(main_name, slash ? (size_t)(slash - main_name + 1) : 0);
	rels_name = xasprintf("%s_rels/%s.rels", dir, slash ? slash + 1 : main_name);
	free_rels(r);
	if (parse_optional(r, rels_name, PK_RELS, DOCX_BODY) != 0)
		goto out;
	for (i = 0; i < 4; i++) {
		t = rel_target(r, kinds[i]);
		names[i] = t ? docx_pkg_resolve(dir, t) : xasprintf("%s%s.xml", dir, kinds[i]);
	}
	docx_layout_feed_part(r->lay, DOCX_LAYOUT_STYLES);
	i = parse_optional(r, names[0], PK_STYLES, DOCX_BODY);
	docx_layout_feed_part(r->lay, DOCX_LAYOUT_NONE);
	if (i != 0)
		goto out;
	if (r->nstyles)
		qsort(r->styles, r->nstyles, sizeof *r->styles, style_cmp);
	for (i = 0; (size_t)i < r->nstyles; i++)
		if (r->styles[i].para && r->styles[i].dflt &&
		    (r->dflt_style == NULL || r->styles[i].order < r->dflt_style->order))
			r->dflt_style = &r->styles[i];
	if (parse_optional(r, names[1], PK_NUMBERING, DOCX_BODY) != 0)
		goto out;
	if (r->nabs)
		qsort(r->abs, r->nabs, sizeof *r->abs, abs_cmp);
	if (r->nnums)
		qsort(r->nums, r->nnums, sizeof *r->nums, num_cmp);
	r->base = DOCX_BODY;
	docx_layout_feed_part(r->lay, DOCX_LAYOUT_MAIN);
	i = parse_part(r, idx, main_name, PK_DOC);
	docx_layout_feed_part(r->lay, DOCX_LAYOUT_NONE);
	if (i != 0)
		goto out;
	if (parse_optional(r, names[2], PK_DOC, DOCX_FOOTNOTE) != 0)
		goto out;
	if (parse_optional(r, names[3], PK_DOC, DOCX_ENDNOTE) != 0)
		goto out;
	rc = 0;
out:
	for (i = 0; i < 4; i++)
		free(names[i]);
	free(main_name);
	free(dir);
	free(rels_name);
	return rc;
}

/* Each body run's props: its entry in the layout's run table (1-based),
 * when both readers see the same body paragraphs and, in the paragraph,
 * the same runs; 0 otherwise. */
static void
number_runs(struct docx *d)
{
	size_t i, k = 0, j, nbody = 0;

	for (i = 0; i < d->nrecs; i++)
		nbody += d->recs[i].story == DOCX_BODY;
	if (d->layout == NULL || nbody != docx_layout_para_count(d->layout))
		return;
	for (i = 0; i < d->nrecs; i++) {
		const struct prec *rec = &d->recs[i];
		const struct docx_lpara *lp;

		if (rec->story != DOCX_BODY)
			continue;
		lp = docx_layout_para(d->layout, k++);
		if (lp == NULL || lp->nruns != rec->nruns)
			continue;
		for (j = 0; j < rec->nruns; j++)
			d->runs[rec->run0 + j].props = docx_layout_run_id(d->layout, k - 1, j);
	}
}

int
docx_read(const unsigned char *data, size_t len, const struct docx_limits *lim,
    struct docx **out, char **err)
{
	struct docx_limits dl;
	struct rd r;
	zip_error_t ze;
	zip_source_t *src;
	int rc;

	*out = NULL;
	*err = NULL;
	if (lim == NULL) {
		docx_limits_default(&dl);
		lim = &dl;
	}
	memset(&r, 0, sizeof r);
	r.lim = lim;
	r.cur_override = -1;
	zip_error_init(&ze);
	src = zip_source_buffer_create(len ? data : (const unsigned char *)"", len, 0, &ze);
	if (src == NULL) {
		*err = xasprintf("not a readable zip package: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	r.za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (r.za == NULL) {
		*err = xasprintf("not a readable zip package: %s", zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);
	r.d = xcalloc(1, sizeof *r.d);
	r.lay = docx_layout_feed_new(lim);
	rc = read_package(&r);
	if (rc == 0) {
		r.d->layout = docx_layout_feed_finish(r.lay, r.za);
		r.lay = NULL;
	}
	zip_discard(r.za);
	if (rc == 0) {
		finish(r.d);
		number_runs(r.d);
		*out = r.d;
	} else {
		*err = r.err ? r.err : xstrdup("cannot read the package");
		r.err = NULL;
		docx_free(r.d);
	}
	free(r.err);
	rd_free(&r);
	return rc;
}

size_t
docx_para_count(const struct docx *d)
{
	return d ? d->nrecs : 0;
}

const struct docx_para *
docx_para_at(const struct docx *d, size_t i)
{
	return d && i < d->nrecs ? &d->paras[i] : NULL;
}

const struct docx_layout *
docx_layout(const struct docx *d)
{
	return d ? d->layout : NULL;
}

const struct docx_pmap *
docx_para_map(const struct docx *d, size_t i)
{
	return d && i < d->nrecs && d->maps ? &d->maps[i] : NULL;
}

size_t
docx_part_count(const struct docx *d)
{
	return d ? d->nparts : 0;
}

const char *
docx_part_name(const struct docx *d, size_t i)
{
	return d && i < d->nparts ? d->parts[i] : NULL;
}
