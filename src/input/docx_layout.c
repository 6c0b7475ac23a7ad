/* SPDX-License-Identifier: MIT */
/** \file docx_layout.c
 * \brief The layout pass over a .docx (see docx_layout.h): libzip from
 *        memory, expat per part, elements matched by namespace URI
 *        (Transitional or Strict, docx_package.h) and local name; every part
 *        found through the package's relationships.
 */
#include "docx_layout.h"

#include "expatlib.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "ziplib.h"

#include "../util.h"
#include "docx_package.h"

#define STYLE_DEPTH 32
#define SMALL 64

/* Properties as one level sets them; "" / DOCX_UNSET: not set here. */
struct lp {
	char ea[SMALL], ea_theme[SMALL], ascii[SMALL], color[16], highlight[16], shd[16];
	long sz;
	char jc[16], line_rule[16];
	long fl_chars, fl, left, right, left_chars, right_chars, line;
};

static void
lp_init(struct lp *p)
{
	memset(p, 0, sizeof *p);
	p->sz = p->fl_chars = p->fl = p->left = p->right = DOCX_UNSET;
	p->left_chars = p->right_chars = p->line = DOCX_UNSET;
}

#define MERGE_S(f) do { if (src->f[0]) memcpy(dst->f, src->f, sizeof dst->f); } while (0)
#define MERGE_L(f) do { if (src->f != DOCX_UNSET) dst->f = src->f; } while (0)

static void
lp_merge(struct lp *dst, const struct lp *src)
{
	if (src->ea_theme[0]) {
		memcpy(dst->ea_theme, src->ea_theme, sizeof dst->ea_theme);
		dst->ea[0] = '\0';
	} else if (src->ea[0]) {
		memcpy(dst->ea, src->ea, sizeof dst->ea);
		dst->ea_theme[0] = '\0';
	}
	MERGE_S(ascii); MERGE_S(color); MERGE_S(highlight); MERGE_S(shd);
	MERGE_S(jc); MERGE_S(line_rule);
	MERGE_L(sz); MERGE_L(fl_chars); MERGE_L(fl); MERGE_L(left); MERGE_L(right);
	MERGE_L(left_chars); MERGE_L(right_chars); MERGE_L(line);
	/* a firstLineChars of a later level wins over an earlier firstLine and
	 * the other way round only when the later level sets none */
}

struct style {
	char *id, *based_on;
	bool para, is_default;
	struct lp p;
};

struct font {
	char *name, *alt;
};

struct raw_run {
	size_t bytes;
	struct lp p;            /* direct */
	char rstyle[SMALL];
};

struct raw_para {
	struct lp p;            /* direct pPr */
	char pstyle[SMALL];
	size_t run0, nruns;
	size_t section;
};

struct raw_ftr {
	char rid[SMALL];
};

struct raw_sect {
	struct docx_section s;
	struct raw_ftr f[DOCX_FTR__COUNT];
};

struct docx_layout {
	bool even_odd, mirror;
	long normal_sz;
	struct style *styles;
	size_t nstyles, capstyles;
	struct lp defaults;
	struct font *fonts;
	size_t nfonts, capfonts;
	char minor_ea[SMALL], major_ea[SMALL], minor_hans[SMALL], major_hans[SMALL];
	struct raw_sect *sects;
	size_t nsects, capsects;
	struct raw_para *rparas;
	size_t nparas, capparas;
	struct raw_run *rruns;
	size_t nruns, capruns;
	struct docx_lpara *paras;
	struct docx_lrun *runs;
	char **strs;              /* interned strings, freed with the layout */
	size_t nstrs, capstrs;
	struct docx_rels rels;    /* the main part's relationships */
};

static const char *
intern(struct docx_layout *l, const char *s)
{
	size_t i;

	if (s == NULL || *s == '\0')
		return NULL;
	for (i = 0; i < l->nstrs; i++)
		if (strcmp(l->strs[i], s) == 0)
			return l->strs[i];
	l->strs = xgrow(l->strs, &l->capstrs, l->nstrs + 1, sizeof *l->strs);
	l->strs[l->nstrs] = xstrdup(s);
	return l->strs[l->nstrs++];
}

/* ---- the parse state ---- */

enum part { P_SETTINGS, P_STYLES, P_THEME, P_FONTS, P_DOC, P_FOOTER };

#define MAXD 512

struct ps {
	struct docx_layout *l;
	struct docx_limits lim;
	enum part part;
	bool feeding;             /* events come from the text reader (docx_layout_feed_*) */
	bool fed_styles, fed_main, fed_bad;
	unsigned depth, max_depth;
	char names[MAXD][24];
	bool failed;
	/* styles */
	struct lp *cur;           /* the level properties go into */
	/* theme */
	int theme_font;           /* 0 none, 1 minor, 2 major */
	/* fonts */
	struct font *font;
	/* document / footer */
	unsigned tbl, txbx, skip;
	struct raw_para *para;    /* the open top-level body paragraph */
	unsigned para_depth;
	struct raw_run *run;
	unsigned run_depth;       /* s->depth where the open run started */
	bool run_text;
	unsigned in_t, in_instr;
	int fld[64];
	unsigned nfld, fld_hidden;
	struct raw_sect *sect;    /* the sectPr being read */
	size_t sect_first;
	/* footer */
	struct buf ftext, ptext, instr;
	bool f_has_page, p_has_page, f_found;
	struct lp f_pp, f_rp, f_pp_cur, f_rp_cur, f_rp_first;
	char f_pstyle[SMALL], f_rstyle[SMALL], f_found_style[SMALL];
	char f_rstyle_first[SMALL], f_found_rstyle[SMALL];   /* the character style of that run */
	bool f_rp_set, f_in_result;
};

/* The name the handlers match: the local name of an element of the part's
 * own namespace (w:, or a: in the theme); "mc:" and the local name of a
 * markup-compatibility element; "" for any other element (read through:
 * its children are still seen, it matches nothing itself). */
static const char *
el_name(enum part part, const char *name, char *buf, size_t cap)
{
	const char *loc;
	enum docx_ns ns = docx_ns_split(name, &loc);

	if (ns == (part == P_THEME ? DOCX_NS_A : DOCX_NS_W))
		return loc;
	if (ns == DOCX_NS_MC) {
		snprintf(buf, cap, "mc:%s", loc);
		return buf;
	}
	return "";
}

/* An attribute in no namespace or in w: (WordprocessingML's attributes
 * are w:-qualified; DrawingML's and the package's are unqualified). */
static const char *
att(const char **atts, const char *loc)
{
	size_t i;
	const char *l;
	enum docx_ns ns;

	for (i = 0; atts[i]; i += 2) {
		ns = docx_ns_split(atts[i], &l);
		if ((ns == DOCX_NS_NONE || ns == DOCX_NS_W) && strcmp(l, loc) == 0)
			return atts[i + 1];
	}
	return NULL;
}

/* The r:id of a reference (officeDocument relationships namespace). */
static const char *
att_rid(const char **atts)
{
	size_t i;
	const char *l;

	for (i = 0; atts[i]; i += 2)
		if (docx_ns_split(atts[i], &l) == DOCX_NS_R && strcmp(l, "id") == 0)
			return atts[i + 1];
	return NULL;
}

static long
att_num(const char **atts, const char *loc)
{
	const char *v = att(atts, loc);
	char *end;
	long n;

	if (v == NULL)
		return DOCX_UNSET;
	n = strtol(v, &end, 10);
	if (end == v)
		return DOCX_UNSET;
	if (n > 100000000L)
		n = 100000000L;
	if (n < -100000000L)
		n = -100000000L;
	return n;
}

/* A measure (ECMA-376 ST_TwipsMeasure, ST_HpsMeasure …): a plain number in
 * the attribute's own unit, or a universal measure ("37mm", "1.5cm",
 * "16pt", "1in", "2pc"/"2pi"; Strict OOXML writes these) converted to that
 * unit, `per_pt` of it to a point (20 for twips, 2 for half-points). */
static long
att_meas(const char **atts, const char *loc, long per_pt)
{
	const char *v = att(atts, loc), *q;
	double x = 0, scale = 1, pt;
	bool neg = false, digits = false;

	if (v == NULL)
		return DOCX_UNSET;
	q = v;
	if (*q == '-' || *q == '+')
		neg = *q++ == '-';
	for (; *q >= '0' && *q <= '9'; q++, digits = true)
		if (x < 1e9)
			x = x * 10 + (*q - '0');
	if (*q == '.')
		for (q++; *q >= '0' && *q <= '9'; q++, digits = true)
			x += (*q - '0') * (scale /= 10);
	if (!digits)
		return DOCX_UNSET;
	if (neg)
		x = -x;
	if (*q == '\0')
		return att_num(atts, loc);
	if (strcmp(q, "mm") == 0)
		pt = x * 72.0 / 25.4;
	else if (strcmp(q, "cm") == 0)
		pt = x * 72.0 / 2.54;
	else if (strcmp(q, "in") == 0)
		pt = x * 72.0;
	else if (strcmp(q, "pt") == 0)
		pt = x;
	else if (strcmp(q, "pc") == 0 || strcmp(q, "pi") == 0)
		pt = x * 12.0;
	else
		return DOCX_UNSET;
	pt *= (double)per_pt;
	if (pt > 100000000.0)
		pt = 100000000.0;
	if (pt < -100000000.0)
		pt = -100000000.0;
	return (long)(pt < 0 ? pt - 0.5 : pt + 0.5);
}

static void
cpy(char *dst, size_t cap, const char *v)
{
	if (v == NULL)
		return;
	snprintf(dst, cap, "%s", v);
}
#define CPY(dst, v) cpy(dst, sizeof dst, v)

static bool
is(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static const char *
parent(const struct ps *s, unsigned up)
{
	return s->depth > up ? s->names[s->depth - 1 - up] : "";
}

/* A property element inside a pPr or rPr: into p. */
static void
prop(struct lp *p, const char *e, const char **atts, bool ppr, bool rpr)
{
	const char *v;

	if (rpr) {
		if (is(e, "rFonts")) {
			if ((v = att(atts, "eastAsiaTheme")) != NULL) {
				CPY(p->ea_theme, v);
				p->ea[0] = '\0';
			} else if ((v = att(atts, "eastAsia")) != NULL) {
				CPY(p->ea, v);
				p->ea_theme[0] = '\0';
			}
			CPY(p->ascii, att(atts, "ascii"));
		} else if (is(e, "sz")) {
			p->sz = att_meas(atts, "val", 2);
		} else if (is(e, "color")) {
			CPY(p->color, att(atts, "val"));
		} else if (is(e, "highlight")) {
			CPY(p->highlight, att(atts, "val"));
		} else if (is(e, "shd")) {
			CPY(p->shd, att(atts, "fill"));
		}
	}
	if (ppr) {
		if (is(e, "jc")) {
			CPY(p->jc, att(atts, "val"));
		} else if (is(e, "ind")) {
			long fc = att_num(atts, "firstLineChars"), f = att_meas(atts, "firstLine", 20);
			long hc = att_num(atts, "hangingChars"), h = att_meas(atts, "hanging", 20);

			if (fc != DOCX_UNSET)
				p->fl_chars = fc;
			else if (hc != DOCX_UNSET)
				p->fl_chars = -hc;
			if (f != DOCX_UNSET)
				p->fl = f;
			else if (h != DOCX_UNSET)
				p->fl = -h;
			if ((p->left = att_meas(atts, "left", 20)) == DOCX_UNSET)
				p->left = att_meas(atts, "start", 20);
			if ((p->right = att_meas(atts, "right", 20)) == DOCX_UNSET)
				p->right = att_meas(atts, "end", 20);
			if ((p->left_chars = att_num(atts, "leftChars")) == DOCX_UNSET)
				p->left_chars = att_num(atts, "startChars");
			if ((p->right_chars = att_num(atts, "rightChars")) == DOCX_UNSET)
				p->right_chars = att_num(atts, "endChars");
		} else if (is(e, "spacing")) {
			p->line = att_num(atts, "line");
			CPY(p->line_rule, att(atts, "lineRule"));
		}
	}
}

static bool
in_ppr(const struct ps *s)
{
	return is(parent(s, 0), "pPr");
}

static bool
in_rpr(const struct ps *s)
{
	return is(parent(s, 0), "rPr");
}

/* ---- styles, settings, theme, fonts, rels ---- */

static void
start_styles(struct ps *s, const char *e, const char **atts)
{
	struct docx_layout *l = s->l;
	const char *v;

	if (is(e, "style")) {
		struct style *st;

		l->styles = xgrow(l->styles, &l->capstyles, l->nstyles + 1, sizeof *l->styles);
		st = &l->styles[l->nstyles++];
		memset(st, 0, sizeof *st);
		lp_init(&st->p);
		v = att(atts, "styleId");
		st->id = xstrdup(v ? v : "");
		v = att(atts, "type");
		st->para = v == NULL || is(v, "paragraph");
		v = att(atts, "default");
		st->is_default = v && (is(v, "1") || is(v, "true") || is(v, "on"));
		s->cur = &st->p;
		return;
	}
	if (is(e, "basedOn") && is(parent(s, 0), "style") && l->nstyles) {
		free(l->styles[l->nstyles - 1].based_on);
		v = att(atts, "val");
		l->styles[l->nstyles - 1].based_on = v ? xstrdup(v) : NULL;
		return;
	}
	if (is(e, "rPrDefault") || is(e, "pPrDefault")) {
		s->cur = &l->defaults;
		return;
	}
	if (s->cur && (in_ppr(s) || in_rpr(s)))
		prop(s->cur, e, atts, in_ppr(s), in_rpr(s));
}

static void
start_settings(struct ps *s, const char *e, const char **atts)
{
	const char *v = att(atts, "val");
	bool on = v == NULL || !(is(v, "0") || is(v, "false") || is(v, "off"));

	if (s->depth != 1)
		return;
	if (is(e, "evenAndOddHeaders"))
		s->l->even_odd = on;
	else if (is(e, "mirrorMargins"))
		s->l->mirror = on;
}

static void
start_theme(struct ps *s, const char *e, const char **atts)
{
	struct docx_layout *l = s->l;
	const char *v;

	if (is(e, "minorFont")) {
		s->theme_font = 1;
	} else if (is(e, "majorFont")) {
		s->theme_font = 2;
	} else if (s->theme_font && is(e, "ea")) {
		v = att(atts, "typeface");
		if (s->theme_font == 1)
			CPY(l->minor_ea, v);
		else
			CPY(l->major_ea, v);
	} else if (s->theme_font && is(e, "font")) {
		v = att(atts, "script");
		if (v && is(v, "Hans")) {
			if (s->theme_font == 1)
				CPY(l->minor_hans, att(atts, "typeface"));
			else
				CPY(l->major_hans, att(atts, "typeface"));
		}
	}
}

static void
start_fonts(struct ps *s, const char *e, const char **atts)
{
	struct docx_layout *l = s->l;
	const char *v;

	if (is(e, "font") && (v = att(atts, "name")) != NULL) {
		l->fonts = xgrow(l->fonts, &l->capfonts, l->nfonts + 1, sizeof *l->fonts);
		l->fonts[l->nfonts].name = xstrdup(v);
		l->fonts[l->nfonts].alt = NULL;
		s->font = &l->fonts[l->nfonts++];
	} else if (is(e, "altName") && s->font && (v = att(atts, "val")) != NULL && *v) {
		free(s->font->alt);
		s->font->alt = xstrdup(v);
	}
}

/* ---- document and footers ---- */

static void
sect_open(struct ps *s)
{
	struct docx_layout *l = s->l;
	struct raw_sect *r;
	int i;

	l->sects = xgrow(l->sects, &l->capsects, l->nsects + 1, sizeof *l->sects);
	r = &l->sects[l->nsects++];
	memset(r, 0, sizeof *r);
	r->s.pg_w = r->s.pg_h = r->s.top = r->s.bottom = r->s.left = r->s.right = DOCX_UNSET;
	r->s.gutter = r->s.footer = r->s.line_pitch = r->s.char_space = DOCX_UNSET;
	for (i = 0; i < DOCX_FTR__COUNT; i++)
		r->f[i].rid[0] = '\0';
	r->s.first_para = s->sect_first;
	s->sect = r;
}

static void
start_sect_child(struct ps *s, const char *e, const char **atts)
{
	struct docx_section *x = &s->sect->s;
	const char *v;

	if (is(e, "pgSz")) {
		x->pg_w = att_meas(atts, "w", 20);
		x->pg_h = att_meas(atts, "h", 20);
		v = att(atts, "orient");
		x->landscape = v && is(v, "landscape");
	} else if (is(e, "pgMar")) {
		x->top = att_meas(atts, "top", 20);
		x->bottom = att_meas(atts, "bottom", 20);
		x->left = att_meas(atts, "left", 20);
		x->right = att_meas(atts, "right", 20);
		x->gutter = att_meas(atts, "gutter", 20);
		x->footer = att_meas(atts, "footer", 20);
	} else if (is(e, "docGrid")) {
		v = att(atts, "type");
		x->grid = v == NULL ? DOCX_GRID_NONE : is(v, "lines") ? DOCX_GRID_LINES :
		    is(v, "linesAndChars") ? DOCX_GRID_LINES_CHARS :
		    is(v, "snapToChars") ? DOCX_GRID_SNAP_CHARS : DOCX_GRID_NONE;
		x->line_pitch = att_num(atts, "linePitch");
		x->char_space = att_num(atts, "charSpace");
	} else if (is(e, "titlePg")) {
		v = att(atts, "val");
		x->title_pg = v == NULL || !(is(v, "0") || is(v, "false") || is(v, "off"));
	} else if (is(e, "footerReference")) {
		int t = DOCX_FTR_DEFAULT;

		v = att(atts, "type");
		if (v && is(v, "even"))
			t = DOCX_FTR_EVEN;
		else if (v && is(v, "first"))
			t = DOCX_FTR_FIRST;
		CPY(s->sect->f[t].rid, att_rid(atts));
	}
}

static void
field_char(struct ps *s, const char **atts)
{
	const char *v = att(atts, "fldCharType");

	if (v == NULL)
		return;
	if (is(v, "begin")) {
		if (s->nfld < 64)
			s->fld[s->nfld] = 0;
		s->nfld++;
		s->fld_hidden++;
	} else if (is(v, "separate")) {
		if (s->nfld && s->nfld <= 64 && s->fld[s->nfld - 1] == 0) {
			s->fld[s->nfld - 1] = 1;
			s->fld_hidden--;
		}
	} else if (is(v, "end") && s->nfld) {
		s->nfld--;
		if (s->nfld < 64 && s->fld[s->nfld] == 0)
			s->fld_hidden--;
	}
}

static bool
instr_is_page(const char *t)
{
	/* the field's first word is PAGE (not NUMPAGES, PAGEREF) */
	while (*t == ' ' || *t == '\t')
		t++;
	return strncasecmp(t, "PAGE", 4) == 0 && (t[4] == '\0' || t[4] == ' ' || t[4] == '\\');
}

static void
start_doc(struct ps *s, const char *e, const char **atts)
{
	struct docx_layout *l = s->l;

	if (is(e, "tbl")) {
		s->tbl++;
		return;
	}
	if (is(e, "txbxContent")) {
		s->txbx++;
		return;
	}
	if (is(e, "del") || is(e, "moveFrom") || is(e, "pPrChange") || is(e, "rPrChange") ||
	    is(e, "sectPrChange") || is(e, "sdtPr") || is(e, "mc:Fallback")) {
		s->skip = s->depth;
		return;
	}
	if (is(e, "sectPr")) {
		if (s->para || is(parent(s, 0), "body"))
			sect_open(s);
		return;
	}
	if (s->sect && is(parent(s, 0), "sectPr")) {
		start_sect_child(s, e, atts);
		return;
	}
	if (is(e, "p")) {
		if (s->tbl || s->txbx || s->para)
			return;
		l->rparas = xgrow(l->rparas, &l->capparas, l->nparas + 1, sizeof *l->rparas);
		s->para = &l->rparas[l->nparas++];
		memset(s->para, 0, sizeof *s->para);
		lp_init(&s->para->p);
		s->para->run0 = l->nruns;
		s->para_depth = s->depth;
		return;
	}
	if (s->para == NULL || s->txbx)
		return;
	if (is(e, "pStyle") && in_ppr(s) && is(parent(s, 1), "p")) {
		CPY(s->para->pstyle, att(atts, "val"));
		return;
	}
	if (in_ppr(s) && is(parent(s, 1), "p")) {
		prop(&s->para->p, e, atts, true, false);
		return;
	}
	if (is(e, "r")) {
		/* A w:r inside a w:r (a broken package) belongs to the outer one. */
		if (s->run)
			return;
		s->run = xcalloc(1, sizeof *s->run);
		lp_init(&s->run->p);
		s->run_text = false;
		s->run_depth = s->depth;
		return;
	}
	if (s->run == NULL)
		return;
	if (is(e, "rStyle") && in_rpr(s)) {
		CPY(s->run->rstyle, att(atts, "val"));
	} else if (in_rpr(s) && is(parent(s, 1), "r")) {
		prop(&s->run->p, e, atts, false, true);
	} else if (is(e, "fldChar")) {
		field_char(s, atts);
	} else if (is(e, "t") && s->fld_hidden == 0) {
		s->in_t = s->depth;
	} else if ((is(e, "tab") || is(e, "br") || is(e, "sym")) && s->fld_hidden == 0 &&
	    is(parent(s, 0), "r")) {
		s->run->bytes += 1;
		s->run_text = true;
	}
}

static void
end_doc(struct ps *s, const char *e)
{
	struct docx_layout *l = s->l;

	if (is(e, "tbl") && s->tbl) {
		s->tbl--;
	} else if (is(e, "txbxContent") && s->txbx) {
		s->txbx--;
	} else if (is(e, "sectPr") && s->sect) {
		s->sect = NULL;
		s->sect_first = l->nparas;   /* the next section starts after this paragraph */
	} else if (is(e, "t")) {
		s->in_t = 0;
	} else if (is(e, "r") && s->run && s->depth == s->run_depth) {
		if (s->run_text && s->para) {
			l->rruns = xgrow(l->rruns, &l->capruns, l->nruns + 1, sizeof *l->rruns);
			l->rruns[l->nruns++] = *s->run;
			s->para->nruns++;
		}
		free(s->run);
		s->run = NULL;
	} else if (is(e, "p") && s->para && s->depth == s->para_depth) {
		s->para->section = l->nsects;  /* fixed up at the end */
		s->para = NULL;
	}
}

/* Footers: the text and properties of the paragraph with the PAGE field. */
static void
start_footer(struct ps *s, const char *e, const char **atts)
{
	const char *v;

	if (is(e, "del") || is(e, "pPrChange") || is(e, "rPrChange")) {
		s->skip = s->depth;
		return;
	}
	if (is(e, "p")) {
		s->ptext.len = 0;
		s->p_has_page = false;
		lp_init(&s->f_pp_cur);
		lp_init(&s->f_rp_first);
		s->f_pstyle[0] = s->f_rstyle_first[0] = '\0';
		s->f_rp_set = false;
		return;
	}
	if (is(e, "pStyle") && in_ppr(s)) {
		CPY(s->f_pstyle, att(atts, "val"));
		return;
	}
	if (in_ppr(s) && is(parent(s, 1), "p")) {
		prop(&s->f_pp_cur, e, atts, true, false);
		return;
	}
	if (is(e, "r")) {
		lp_init(&s->f_rp_cur);
		s->f_rstyle[0] = '\0';
		return;
	}
	if (is(e, "rStyle") && in_rpr(s)) {
		CPY(s->f_rstyle, att(atts, "val"));
		return;
	}
	if (in_rpr(s) && is(parent(s, 1), "r")) {
		prop(&s->f_rp_cur, e, atts, false, true);
		return;
	}
	if (is(e, "fldSimple")) {
		v = att(atts, "instr");
		if (v && instr_is_page(v)) {
			s->p_has_page = true;
			s->f_in_result = true;
		}
		return;
	}
	if (is(e, "fldChar")) {
		field_char(s, atts);
		return;
	}
	if (is(e, "instrText")) {
		s->instr.len = 0;
		s->in_instr = s->depth;
		return;
	}
	if (is(e, "t") && s->fld_hidden == 0) {
		s->in_t = s->depth;
		if (!s->f_rp_set || (s->f_in_result && s->p_has_page)) {
			s->f_rp_first = s->f_rp_cur;
			CPY(s->f_rstyle_first, s->f_rstyle);
			s->f_rp_set = true;
			s->f_in_result = false;
		}
	}
}

static void
end_footer(struct ps *s, const char *e)
{
	if (is(e, "t")) {
		s->in_t = 0;
	} else if (is(e, "instrText")) {
		buf_putc(&s->instr, '\0');
		if (instr_is_page(s->instr.data)) {
			s->p_has_page = true;
			s->f_in_result = true;
		}
		s->in_instr = 0;
	} else if (is(e, "fldSimple")) {
		s->f_in_result = false;
	} else if (is(e, "p")) {
		if (s->ptext.len)
			buf_append(&s->ftext, s->ptext.data, s->ptext.len);
		if (s->p_has_page && !s->f_found) {
			s->f_found = true;
			s->f_has_page = true;
			s->f_pp = s->f_pp_cur;
			s->f_rp = s->f_rp_first;
			CPY(s->f_found_style, s->f_pstyle);
			CPY(s->f_found_rstyle, s->f_rstyle_first);
			buf_free(&s->instr);
			buf_append(&s->instr, s->ptext.data, s->ptext.len);
		}
	}
}

static void XMLCALL
on_start(void *u, const char *name, const char **atts)
{
	struct ps *s = u;
	char nb[SMALL];
	const char *e = el_name(s->part, name, nb, sizeof nb);

	if (s->failed)
		return;
	if (s->depth >= s->max_depth || s->depth >= MAXD) {
		s->failed = true;
		return;
	}
	if (!s->skip) {
		switch (s->part) {
		case P_SETTINGS: start_settings(s, e, atts); break;
		case P_STYLES: start_styles(s, e, atts); break;
		case P_THEME: start_theme(s, e, atts); break;
		case P_FONTS: start_fonts(s, e, atts); break;
		case P_DOC: start_doc(s, e, atts); break;
		case P_FOOTER: start_footer(s, e, atts); break;
		}
	}
	{
		size_t n = strnlen(e, sizeof s->names[0] - 1);

		memcpy(s->names[s->depth], e, n);
		s->names[s->depth][n] = '\0';
	}
	s->depth++;
}

static void XMLCALL
on_end(void *u, const char *name)
{
	struct ps *s = u;
	char nb[SMALL];
	const char *e = el_name(s->part, name, nb, sizeof nb);

	if (s->failed || s->depth == 0)
		return;
	s->depth--;
	if (s->skip) {
		if (s->skip == s->depth)
			s->skip = 0;
		return;
	}
	if (s->part == P_DOC)
		end_doc(s, e);
	else if (s->part == P_FOOTER)
		end_footer(s, e);
	else if (s->part == P_THEME && (is(e, "minorFont") || is(e, "majorFont")))
		s->theme_font = 0;
	else if (s->part == P_STYLES && (is(e, "style") || is(e, "rPrDefault") ||
	    is(e, "pPrDefault")))
		s->cur = NULL;
	else if (s->part == P_FONTS && is(e, "font"))
		s->font = NULL;
}

static void XMLCALL
on_chars(void *u, const char *t, int n)
{
	struct ps *s = u;

	if (s->failed || s->skip || n <= 0)
		return;
	if (s->part == P_DOC && s->in_t && s->run && s->fld_hidden == 0) {
		s->run->bytes += (size_t)n;
		s->run_text = true;
	} else if (s->part == P_FOOTER) {
		if (s->in_instr)
			buf_append(&s->instr, t, (size_t)n);
		else if (s->in_t && s->fld_hidden == 0)
			buf_append(&s->ptext, t, (size_t)n);
	}
}

static void XMLCALL
on_doctype(void *u, const char *name, const char *sysid, const char *pubid, int has_internal)
{
	struct ps *s = u;

	(void)name; (void)sysid; (void)pubid; (void)has_internal;
	s->failed = true;
}

/* Parse one part's bytes with the handlers of `part`; 1 parsed, -1 bad. */
static int
parse_buf(struct ps *s, enum part part, const char *data, size_t len)
{
	XML_Parser xp;
	int ok;

	xp = XML_ParserCreateNS(NULL, DOCX_NS_SEP);
	if (xp == NULL)
		fatal("out of memory");
	s->part = part;
	s->depth = s->skip = 0;
	s->failed = false;
	XML_SetUserData(xp, s);
	XML_SetElementHandler(xp, on_start, on_end);
	XML_SetCharacterDataHandler(xp, on_chars);
	XML_SetStartDoctypeDeclHandler(xp, on_doctype);
	ok = XML_Parse(xp, data, (int)len, 1) == XML_STATUS_OK && !s->failed;
	XML_ParserFree(xp);
	return ok ? 1 : -1;
}

/* Read part `name` (NULL: none; found without case) and parse it; 1 parsed,
 * 0 absent, -1 bad. */
static int
parse(zip_t *za, const char *name, struct ps *s, enum part part, const struct docx_limits *lim,
    size_t *total)
{
	char *data;
	size_t len;
	int rc = docx_pkg_read(za, name, lim, total, &data, &len);

	if (rc != 1)
		return rc;
	rc = parse_buf(s, part, data, len);
	free(data);
	return rc;
}

/* ---- the cascade ---- */

static const struct style *
find_style(const struct docx_layout *l, const char *id, bool para)
{
	size_t i;

	for (i = 0; i < l->nstyles; i++)
		if (l->styles[i].para == para && id && is(l->styles[i].id, id))
			return &l->styles[i];
	return NULL;
}

static const struct style *
default_para_style(const struct docx_layout *l)
{
	size_t i;

	for (i = 0; i < l->nstyles; i++)
		if (l->styles[i].para && l->styles[i].is_default)
			return &l->styles[i];
	return NULL;
}

/* Merge a style chain into p, the root first. */
static void
apply_chain(const struct docx_layout *l, const struct style *st, bool para, struct lp *p)
{
	const struct style *chain[STYLE_DEPTH];
	size_t n = 0, i, j;

	while (st && n < STYLE_DEPTH) {
		for (j = 0; j < n; j++)
			if (chain[j] == st)
				break;
		if (j < n)
			break;             /* a cycle */
		chain[n++] = st;
		st = st->based_on ? find_style(l, st->based_on, para) : NULL;
	}
	for (i = n; i-- > 0;)
		lp_merge(p, &chain[i]->p);
}

static const struct style *
para_style(const struct docx_layout *l, const char *id)
{
	const struct style *st = id && *id ? find_style(l, id, true) : NULL;

	return st ? st : default_para_style(l);
}

static const char *
theme_font(const struct docx_layout *l, const char *t)
{
	bool major = strncmp(t, "major", 5) == 0;
	const char *ea = major ? l->major_ea : l->minor_ea;
	const char *hans = major ? l->major_hans : l->minor_hans;

	return ea[0] ? ea : hans;
}

static void
to_rprops(struct docx_layout *l, const struct lp *p, struct docx_rprops *r)
{
	r->east_asia = intern(l, p->ea_theme[0] ? theme_font(l, p->ea_theme) : p->ea);
	r->ascii = intern(l, p->ascii);
	r->sz = p->sz;
	r->color = intern(l, p->color);
	r->highlight = intern(l, p->highlight);
	r->shd = intern(l, p->shd);
}

static void
to_pprops(struct docx_layout *l, const struct lp *p, struct docx_pprops *r)
{
	r->jc = intern(l, p->jc);
	r->first_line_chars = p->fl_chars;
	r->first_line = p->fl;
	r->left = p->left;
	r->right = p->right;
	r->left_chars = p->left_chars;
	r->right_chars = p->right_chars;
	r->line = p->line;
	r->line_rule = intern(l, p->line_rule);
}

/* The paragraph's cascade, then the run's (a run style, direct rPr). */
static void
cascade(const struct docx_layout *l, const char *pstyle, const struct lp *direct_p,
    const char *rstyle, const struct lp *direct_r, struct lp *out)
{
	lp_init(out);
	lp_merge(out, &l->defaults);
	apply_chain(l, para_style(l, pstyle), true, out);
	if (direct_p)
		lp_merge(out, direct_p);
	if (rstyle && *rstyle)
		apply_chain(l, find_style(l, rstyle, false), false, out);
	if (direct_r)
		lp_merge(out, direct_r);
}

static void
read_footer(zip_t *za, struct ps *s, const char *rid, struct docx_footer *f,
    const struct docx_limits *lim, size_t *total)
{
	const struct docx_rel *rel = docx_rels_id(&s->l->rels, rid);
	struct lp p;

	f->present = true;
	if (rel == NULL)
		return;
	s->ftext.len = s->ptext.len = s->instr.len = 0;
	s->f_has_page = s->f_found = false;
	s->nfld = s->fld_hidden = 0;
	s->in_t = s->in_instr = 0;
	s->f_found_style[0] = s->f_found_rstyle[0] = '\0';
	lp_init(&s->f_pp);
	lp_init(&s->f_rp);
	if (parse(za, rel->target, s, P_FOOTER, lim, total) != 1)
		return;
	f->has_page = s->f_has_page;
	if (s->f_found) {
		buf_putc(&s->instr, '\0');
		f->text = intern(s->l, s->instr.data);
	} else {
		buf_putc(&s->ftext, '\0');
		f->text = intern(s->l, s->ftext.data);
	}
	/* docDefaults → the paragraph style chain → direct pPr → the page
	 * number run's character style chain → its direct rPr */
	cascade(s->l, s->f_found_style, &s->f_pp, s->f_found_rstyle, &s->f_rp, &p);
	to_pprops(s->l, &p, &f->pp);
	to_rprops(s->l, &p, &f->rp);
}

static void
finish(zip_t *za, struct ps *s, const struct docx_limits *lim, size_t *total)
{
	struct docx_layout *l = s->l;
	size_t i, j, k;
	struct lp p, q;

	if (l->nsects == 0) {
		s->sect_first = 0;
		sect_open(s);
		s->sect = NULL;
	}
	/* paragraphs after the last sectPr belong to the last section */
	for (i = 0; i < l->nparas; i++)
		if (l->rparas[i].section >= l->nsects)
			l->rparas[i].section = l->nsects - 1;
	for (i = 0; i < l->nsects; i++) {
		struct raw_sect *r = &l->sects[i];
		size_t end = i + 1 < l->nsects ? l->sects[i + 1].s.first_para : l->nparas;

		r->s.npara = end > r->s.first_para ? end - r->s.first_para : 0;
		for (k = 0; k < DOCX_FTR__COUNT; k++)
			if (r->f[k].rid[0])
				read_footer(za, s, r->f[k].rid, &r->s.footers[k], lim, total);
			else if (i > 0)
				/* a section that names no footer of a type has the
				 * previous section's (ECMA-376 17.10.5) */
				r->s.footers[k] = l->sects[i - 1].s.footers[k];
	}
	lp_init(&p);
	lp_merge(&p, &l->defaults);
	apply_chain(l, default_para_style(l), true, &p);
	l->normal_sz = p.sz;
	l->paras = xcalloc(l->nparas ? l->nparas : 1, sizeof *l->paras);
	l->runs = xcalloc(l->nruns ? l->nruns : 1, sizeof *l->runs);
	for (i = 0; i < l->nparas; i++) {
		struct raw_para *rp = &l->rparas[i];
		struct docx_lpara *dp = &l->paras[i];

		cascade(l, rp->pstyle, &rp->p, NULL, NULL, &p);
		to_pprops(l, &p, &dp->pp);
		to_rprops(l, &p, &dp->rp);
		dp->runs = l->runs + rp->run0;
		dp->nruns = rp->nruns;
		dp->section = rp->section;
		for (j = 0; j < rp->nruns; j++) {
			struct raw_run *rr = &l->rruns[rp->run0 + j];

			cascade(l, rp->pstyle, &rp->p, rr->rstyle, &rr->p, &q);
			l->runs[rp->run0 + j].bytes = rr->bytes;
			to_rprops(l, &q, &l->runs[rp->run0 + j].rp);
		}
	}
	/* a paragraph's section: the first section whose range holds it */
	for (i = 0; i < l->nsects; i++)
		for (k = l->sects[i].s.first_para;
		    k < l->sects[i].s.first_para + l->sects[i].s.npara && k < l->nparas; k++)
			l->paras[k].section = i;
}

/* The part the main part's relationship of type `type` names, or NULL. */
static const char *
part_of(const struct docx_layout *l, const char *type)
{
	const struct docx_rel *r = docx_rels_type(&l->rels, type);

	return r ? r->target : NULL;
}

/* The main part (docx_package.h), its relationships, then the parts they
 * name; styles at <dir>styles.xml without a relationship, as the text
 * reader does.  Styles and the main part are not read again when the text
 * reader fed their events (docx_layout_feed_*).  1 when the main part was
 * read. */
static int
read_parts(zip_t *za, struct ps *s, size_t *total)
{
	struct docx_layout *l = s->l;
	const struct docx_limits *lim = &s->lim;
	char *main_name = docx_pkg_main(za, lim, total), *dir, *rels, *styles;
	const char *slash;
	size_t own = 0;   /* styles and the main part: bounded as the text reader bounds them */
	int rc;

	if (main_name == NULL)
		return 0;
	slash = strrchr(main_name, '/');
	dir = xstrndup(main_name, slash ? (size_t)(slash - main_name + 1) : 0);
	rels = xasprintf("%s_rels/%s.rels", dir, slash ? slash + 1 : main_name);
	rc = docx_pkg_rels(za, rels, dir, lim, total, &l->rels) >= 0;
	styles = part_of(l, "styles") ? NULL : xasprintf("%sstyles.xml", dir);
	rc = rc &&
	    parse(za, part_of(l, "settings"), s, P_SETTINGS, lim, total) >= 0 &&
	    (s->fed_styles ||
	    parse(za, styles ? styles : part_of(l, "styles"), s, P_STYLES, lim, &own) >= 0) &&
	    parse(za, part_of(l, "theme"), s, P_THEME, lim, total) >= 0 &&
	    parse(za, part_of(l, "fontTable"), s, P_FONTS, lim, total) >= 0 &&
	    (s->fed_main || parse(za, main_name, s, P_DOC, lim, &own) == 1);
	free(styles);
	free(rels);
	free(dir);
	free(main_name);
	return rc;
}

static struct ps *
ps_new(const struct docx_limits *lim)
{
	struct ps *s = xcalloc(1, sizeof *s);

	if (lim)
		s->lim = *lim;
	else
		docx_limits_default(&s->lim);
	s->max_depth = s->lim.max_depth;
	s->l = xcalloc(1, sizeof *s->l);
	lp_init(&s->l->defaults);
	s->l->normal_sz = DOCX_UNSET;
	return s;
}

static void
ps_free(struct ps *s)
{
	if (s == NULL)
		return;
	docx_layout_free(s->l);
	buf_free(&s->ftext);
	buf_free(&s->ptext);
	buf_free(&s->instr);
	free(s->run);
	free(s);
}

/* Read what is left from the open package; the layout, or NULL. */
static struct docx_layout *
ps_finish(struct ps *s, zip_t *za)
{
	struct docx_layout *l = NULL;
	size_t total = 0;

	if (!s->fed_bad && read_parts(za, s, &total)) {
		finish(za, s, &s->lim, &total);
		l = s->l;
		s->l = NULL;
	}
	ps_free(s);
	return l;
}

struct docx_layout *
docx_layout_read(const unsigned char *data, size_t len, const struct docx_limits *lim)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	struct docx_layout *l;

	zip_error_init(&ze);
	src = zip_source_buffer_create(len ? data : (const unsigned char *)"", len, 0, &ze);
	if (src == NULL) {
		zip_error_fini(&ze);
		return NULL;
	}
	za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	zip_error_fini(&ze);
	if (za == NULL) {
		zip_source_free(src);
		return NULL;
	}
	l = ps_finish(ps_new(lim), za);
	zip_discard(za);
	return l;
}

/* ---- events from the text reader ---- */

struct docx_layout_feed {
	struct ps *s;
};

struct docx_layout_feed *
docx_layout_feed_new(const struct docx_limits *lim)
{
	struct docx_layout_feed *f = xcalloc(1, sizeof *f);

	f->s = ps_new(lim);
	return f;
}

void
docx_layout_feed_part(struct docx_layout_feed *f, enum docx_layout_part part)
{
	struct ps *s;

	if (f == NULL)
		return;
	s = f->s;
	if (s->feeding && s->failed)
		s->fed_bad = true;
	s->feeding = part != DOCX_LAYOUT_NONE;
	if (!s->feeding)
		return;
	s->part = part == DOCX_LAYOUT_STYLES ? P_STYLES : P_DOC;
	if (part == DOCX_LAYOUT_STYLES)
		s->fed_styles = true;
	else
		s->fed_main = true;
	s->depth = s->skip = 0;
	s->failed = false;
}

void
docx_layout_feed_start(struct docx_layout_feed *f, const char *name, const char **atts)
{
	if (f && f->s->feeding)
		on_start(f->s, name, atts);
}

void
docx_layout_feed_end(struct docx_layout_feed *f, const char *name)
{
	if (f && f->s->feeding)
		on_end(f->s, name);
}

void
docx_layout_feed_chars(struct docx_layout_feed *f, const char *t, int n)
{
	if (f && f->s->feeding)
		on_chars(f->s, t, n);
}

struct docx_layout *
docx_layout_feed_finish(struct docx_layout_feed *f, struct zip *za)
{
	struct docx_layout *l;

	if (f == NULL)
		return NULL;
	docx_layout_feed_part(f, DOCX_LAYOUT_NONE);
	l = ps_finish(f->s, za);
	free(f);
	return l;
}

void
docx_layout_feed_free(struct docx_layout_feed *f)
{
	if (f == NULL)
		return;
	ps_free(f->s);
	free(f);
}

void
docx_layout_free(struct docx_layout *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nstyles; i++) {
		free(l->styles[i].id);
		free(l->styles[i].based_on);
	}
	free(l->styles);
	for (i = 0; i < l->nfonts; i++) {
		free(l->fonts[i].name);
		free(l->fonts[i].alt);
	}
	free(l->fonts);
	docx_rels_free(&l->rels);
	for (i = 0; i < l->nstrs; i++)
		free(l->strs[i]);
	free(l->strs);
	free(l->sects);
	free(l->rparas);
	free(l->rruns);
	free(l->paras);
	free(l->runs);
	free(l);
}

bool docx_layout_even_odd(const struct docx_layout *l) { return l && l->even_odd; }
bool docx_layout_mirror(const struct docx_layout *l) { return l && l->mirror; }
long docx_layout_normal_sz(const struct docx_layout *l) { return l ? l->normal_sz : DOCX_UNSET; }
size_t docx_layout_section_count(const struct docx_layout *l) { return l ? l->nsects : 0; }

const struct docx_section *
docx_layout_section(const struct docx_layout *l, size_t i)
{
	return l && i < l->nsects ? &l->sects[i].s : NULL;
}

size_t docx_layout_para_count(const struct docx_layout *l) { return l ? l->nparas : 0; }

const struct docx_lpara *
docx_layout_para(const struct docx_layout *l, size_t i)
{
	return l && i < l->nparas ? &l->paras[i] : NULL;
}

const char *
docx_layout_alt_name(const struct docx_layout *l, const char *name)
{
	size_t i;

	if (l == NULL || name == NULL)
		return NULL;
	for (i = 0; i < l->nfonts; i++)
		if (is(l->fonts[i].name, name))
			return l->fonts[i].alt;
	return NULL;
}

uint32_t
docx_layout_run_id(const struct docx_layout *l, size_t para, size_t run)
{
	size_t id;

	if (l == NULL || para >= l->nparas || run >= l->paras[para].nruns)
		return 0;
	id = (size_t)(l->paras[para].runs - l->runs) + run + 1;
	return id <= UINT32_MAX ? (uint32_t)id : 0;
}

const struct docx_lrun *
docx_layout_run(const struct docx_layout *l, uint32_t id)
{
	return l && id > 0 && id <= l->nruns ? &l->runs[id - 1] : NULL;
}
