/* SPDX-License-Identifier: MIT */
/** \file outline.c
 * \brief Recognise the parts of a 公文 report, line by line.
 *
 * The header (title block, 文号, 主送) is read from the top until the first
 * body paragraph or heading; the closing (附注, 成文日期, 落款) from the
 * bottom up; every other non-blank line is a heading or body.  Lines of a
 * .docx outside its body story are ROLE_ASIDE first and every reader below
 * steps over them (skip_line): see outline.h.
 */
#include "outline.h"

#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "input/extract.h"
#include "report/escape.h"
#include "utf8.h"
#include "util.h"

struct outline {
	const struct document *doc;
	unsigned char *roles;        /* one enum line_role per line */
	struct heading *heads;
	size_t nheads;
	struct span *scopes[SCOPE__COUNT];
	size_t nscope[SCOPE__COUNT];
	char *title;
	char *issuer;
	char **issuers;
	size_t nissuers;
	int title_year, opening_year;
	size_t docnum, recipient, signer, date, fuzhu, opening;
	size_t first_body;
	struct ol_date dt;
	size_t cover_date;           /* 成文日期 line of a cover letter, or OUTLINE_NONE */
	struct ol_date cover_dt;
};

/* A line the structure readers step over: blank, or aside (not body story). */
static bool
skip_line(const struct outline *ol, size_t line)
{
	return ol->roles[line] == ROLE_ASIDE || doc_line_blank(ol->doc, line);
}

/* Mark the lines of a .docx outside its body story ROLE_ASIDE. */
static void
mark_asides(struct outline *ol, size_t n)
{
	const struct text_origin *o = doc_origin(ol->doc);
	size_t line;

	if (o == NULL)
		return;
	for (line = 0; line < n; line++) {
		const struct line_origin *lo = text_origin_line(o, line);

		if (lo != NULL && lo->story != DOCX_BODY)
			ol->roles[line] = ROLE_ASIDE;
	}
}

/* ---- white space ---- */

static bool
is_space_cp(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0 || cp == 0xFEFF;
}

/* Trim leading and trailing white space from [*a, *b). */
static void
trim(const char *s, size_t *a, size_t *b)
{
	size_t k;

	while (*a < *b && is_space_cp(utf8_at(s, *a, *b, &k)))
		*a += k;
	while (*b > *a && is_space_cp(utf8_before(s, *a, *b, &k)))
		*b -= k;
}

static size_t
nchars(const char *s, size_t a, size_t b)
{
	return utf8_count(s + a, b - a);
}

static bool
has_str(const char *s, size_t a, size_t b, const char *needle)
{
	size_t n = strlen(needle);

	for (; a + n <= b; a++)
		if (memcmp(s + a, needle, n) == 0)
			return true;
	return false;
}

static bool
ends_with(const char *s, size_t a, size_t b, const char *suffix)
{
	size_t n = strlen(suffix);

	return b - a >= n && memcmp(s + b - n, suffix, n) == 0;
}

/* Sentence or clause punctuation that a title line never ends with. */
static bool
is_end_punct(int32_t cp)
{
	switch (cp) {
	case 0x3002: case 0xFF0C: case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F:
	case 0x3001: case '.': case ',': case ';': case ':': case '!': case '?':
	case 0x2026: case 0x201D:
		return true;
	default:
		return false;
	}
}

/* ---- ordinals ---- */

static int
han_digit(int32_t cp)
{
	static const int32_t d[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
	    0x516D, 0x4E03, 0x516B, 0x4E5D};
	size_t i;

	for (i = 0; i < ARRAY_LEN(d); i++)
		if (d[i] == cp)
			return (int)i;
	if (cp == 0x96F6)
		return 0; /* 零 */
	return -1;
}

/* Parse a Han numeral 1..99 at i; returns its value and sets *next, or 0. */
static int
parse_han_number(const char *s, size_t i, size_t end, size_t *next)
{
	size_t k;
	int32_t cp = utf8_at(s, i, end, &k);
	int v, d;

	if (cp == 0x5341) { /* 十 */
		i += k;
		v = 10;
		d = han_digit(utf8_at(s, i, end, &k));
		if (d > 0) {
			v += d;
			i += k;
		}
		*next = i;
		return v;
	}
	d = han_digit(cp);
	if (d <= 0)
		return 0;
	i += k;
	v = d;
	if (utf8_at(s, i, end, &k) == 0x5341) {
		i += k;
		v = d * 10;
		d = han_digit(utf8_at(s, i, end, &k));
		if (d > 0) {
			v += d;
			i += k;
		}
	}
	*next = i;
	return v;
}

static int
parse_arabic(const char *s, size_t i, size_t end, size_t *next)
{
	int v = 0, n = 0;

	while (i < end && s[i] >= '0' && s[i] <= '9' && n < 3) {
		v = v * 10 + (s[i] - '0');
		i++;
		n++;
	}
	if (n == 0 || n > 2 || (i < end && s[i] >= '0' && s[i] <= '9'))
		return 0;
	*next = i;
	return v;
}

/*
 * Recognise a heading ordinal at `i`.  Fills level, value, form_ok and
 * ord_end.  Accepts the wrong-but-real forms so that numbering still works.
 */
static bool
parse_ordinal(const char *s, size_t i, size_t end, struct heading *h)
{
	size_t k, j;
	int32_t cp = utf8_at(s, i, end, &k);
	int v;

	/* L1: 一、  (wrong: 一.  一．  一， ) */
	v = parse_han_number(s, i, end, &j);
	if (v > 0) {
		int32_t p = utf8_at(s, j, end, &k);

		if (p == 0x3001 || p == '.' || p == 0xFF0E || p == 0xFF0C) {
			/* 一、二等奖 is a list of numbers, not a heading. */
			size_t k2, k3;
			int32_t q = utf8_at(s, j + k, end, &k2);

			if (p == 0x3001 && han_digit(q) > 0 &&
			    utf8_at(s, j + k + k2, end, &k3) == 0x7B49) /* 等 */
				return false;
			h->level = 1;
			h->value = v;
			h->form_ok = p == 0x3001;
			h->ord_end = j + k;
			return true;
		}
		return false;
	}
	/* L2 （一）, L4 （1）; half-width or mixed brackets are wrong forms. */
	if (cp == 0xFF08 || cp == '(') {
		bool full_open = cp == 0xFF08;
		size_t a = i + k;
		int lvl;

		v = parse_han_number(s, a, end, &j);
		lvl = 2;
		if (v == 0) {
			v = parse_arabic(s, a, end, &j);
			lvl = 4;
		}
		if (v > 0) {
			int32_t c = utf8_at(s, j, end, &k);

			if (c == 0xFF09 || c == ')') {
				bool ok = full_open && c == 0xFF09;
				size_t after = j + k, k3;
				int32_t n = utf8_at(s, after, end, &k3);

				/* （一）、 and （1）. carry a stray mark */
				if (n == 0x3001 || n == '.' || n == 0xFF0E || n == 0xFF0C) {
					ok = false;
					after += k3;
				}
				h->level = lvl;
				h->value = v;
				h->form_ok = ok;
				h->ord_end = after;
				return true;
			}
		}
		return false;
	}
	/* L4 circled forms ⑴..⒇ and ①..⑳ */
	if (cp >= 0x2474 && cp <= 0x2487) {
		h->level = 4;
		h->value = (int)(cp - 0x2474) + 1;
		h->form_ok = false;
		h->ord_end = i + k;
		return true;
	}
	if (cp >= 0x2460 && cp <= 0x2473) {
		h->level = 4;
		h->value = (int)(cp - 0x2460) + 1;
		h->form_ok = false;
		h->ord_end = i + k;
		return true;
	}
	/* L3: 1.  (wrong: 1、 1． 1，) — not a decimal such as 1.5 */
	v = parse_arabic(s, i, end, &j);
	if (v > 0) {
		int32_t p = utf8_at(s, j, end, &k);

		if (p == '.' || p == 0x3001 || p == 0xFF0E || p == 0xFF0C) {
			size_t k2;
			int32_t n = utf8_at(s, j + k, end, &k2);

			if (n >= '0' && n <= '9')
				return false;
			if (n == -1 && k2 == 0)
				return false; /* a bare "1." line */
			h->level = 3;
			h->value = v;
			h->form_ok = p == '.';
			h->ord_end = j + k;
			return true;
		}
	}
	return false;
}

/* ---- header and closing recognisers ---- */

/* A 发文字号: short, ends in 号, holds a digit, e.g. 四铁西政办发〔2023〕19号. */
static bool
looks_docnum(const char *s, size_t a, size_t b)
{
	size_t i;
	bool digit = false;

	if (nchars(s, a, b) > 30 || (!ends_with(s, a, b, "号") && !ends_with(s, a, b, "號")))
		return false;
	for (i = a; i < b; i++)
		if (s[i] >= '0' && s[i] <= '9')
			digit = true;
	if (!digit)
		return false;
	/* Not a sentence: no sentence punctuation inside. */
	for (i = a; i < b;) {
		size_t k;
		int32_t cp = utf8_at(s, i, b, &k);

		if (cp == 0x3002 || cp == 0xFF0C || cp == 0xFF1B || cp == 0xFF1A)
			return false;
		i += k ? k : 1;
	}
	return true;
}

/* A date line: 2024年1月5日, 二〇二四年一月五日, 2024-01-05, 2024.1.5, 2024/1/5. */
static bool
looks_date(const char *s, size_t a, size_t b)
{
	size_t i = a, k, digits = 0, seps = 0, han = 0;

	if (a >= b || nchars(s, a, b) > 16)
		return false;
	while (i < b) {
		int32_t cp = utf8_at(s, i, b, &k);

		if (cp >= '0' && cp <= '9')
			digits++;
		else if (cp == 0x5E74 || cp == 0x6708 || cp == 0x65E5) /* 年 月 日 */
			seps++;
		else if (cp == '-' || cp == '.' || cp == '/' || cp == 0xFF0E)
			seps++;
		else if (han_digit(cp) >= 0 || cp == 0x5341) /* 〇一二… 十 */
			han++;
		else if (!is_space_cp(cp))
			return false;
		i += k ? k : 1;
	}
	return seps >= 2 && (digits >= 4 || han >= 4);
}

/* Read a number at *i: Arabic digits (sets *zero on a leading 0) or Han
 * numerals 〇一二…十 (digit by digit for years, 十-style for months/days). */
static int
read_num(const char *s, size_t *i, size_t b, bool *zero, bool *han, int *ndig)
{
	size_t k;
	int32_t cp = utf8_at(s, *i, b, &k);
	int v = 0, n = 0;

	*ndig = 0;
	if (cp >= '0' && cp <= '9') {
		if (cp == '0')
			*zero = true;
		while (*i < b && s[*i] >= '0' && s[*i] <= '9' && n < 5) {
			v = v * 10 + (s[*i] - '0');
			(*i)++;
			n++;
		}
		*ndig = n;
		return n ? v : -1;
	}
	if (han_digit(cp) >= 0 || cp == 0x5341) {
		*han = true;
		/* Year digits (二〇二四) or a 十-number (十二, 二十五). */
		while (*i < b && v < 100000) {
			int32_t c = utf8_at(s, *i, b, &k);
			int d = han_digit(c);

			if (c == 0x5341) { /* 十 */
				v = (n == 0 ? 1 : v) * 10;
				n = -100; /* a 十 was seen */
			} else if (d >= 0) {
				if (n == -100)
					v += d;
				else
					v = v * 10 + d;
				if (n >= 0)
					n++;
			} else {
				break;
			}
			*i += k;
		}
		*ndig = n < 0 ? 2 : n;
		return v;
	}
	return -1;
}

/* Parse a date line into *dt (form, y, m, d); false if it is not one. */
static bool
parse_date(const char *s, size_t a, size_t b, struct ol_date *dt)
{
	size_t i = a, k;
	bool zero = false, han = false;
	int nd, y, m, d;
	int32_t sep;

	memset(dt, 0, sizeof *dt);
	y = read_num(s, &i, b, &zero, &han, &nd);
	if (y < 0 || (nd != 4 && nd != 2))
		return false;
	zero = false;
	sep = utf8_at(s, i, b, &k);
	i += k;
	m = read_num(s, &i, b, &zero, &han, &nd);
	if (m < 0)
		return false;
	if (sep == 0x5E74) { /* 年 */
		if (utf8_at(s, i, b, &k) != 0x6708) /* 月 */
			return false;
		i += k;
	} else if (sep == '-' || sep == '/' || sep == '.' || sep == 0xFF0E) {
		if (utf8_at(s, i, b, &k) != sep)
			return false;
		i += k;
	} else {
		return false;
	}
	d = read_num(s, &i, b, &zero, &han, &nd);
	if (d < 0)
		return false;
	if (sep == 0x5E74) {
		if (utf8_at(s, i, b, &k) != 0x65E5) /* 日 */
			return false;
		i += k;
	}
	{
		size_t e = i, bb = b;

		trim(s, &e, &bb);
		if (e != bb)
			return false;
	}
	dt->y = y;
	dt->m = m;
	dt->d = d;
	dt->padded = zero;
	dt->start = a;
	dt->end = i;
	if (han)
		dt->form = DATE_HAN;
	else if (sep == 0x5E74)
		dt->form = DATE_ARABIC;
	else if (sep == '.' || sep == 0xFF0E)
		dt->form = DATE_DOT;
	else
		dt->form = DATE_ISO;
	return true;
}

/* A 附注: （此件公开发布） and the like. */
static bool
looks_fuzhu(const char *s, size_t a, size_t b)
{
	size_t k;
	int32_t first = utf8_at(s, a, b, &k), last = utf8_before(s, a, b, &k);

	return (first == 0xFF08 || first == '(') && (last == 0xFF09 || last == ')') &&
	    nchars(s, a, b) <= 20 && (has_str(s, a, b, "此件") || has_str(s, a, b, "公开"));
}

/* A short line without closing punctuation: a title or 落款 line. */
static bool
looks_title_line(const char *s, size_t a, size_t b)
{
	size_t k, n = nchars(s, a, b);

	return n > 0 && n <= 40 && !is_end_punct(utf8_before(s, a, b, &k));
}

static bool
looks_recipient(const char *s, size_t a, size_t b)
{
	size_t k;
	int32_t last = utf8_before(s, a, b, &k);

	return (last == 0xFF1A || last == ':') && nchars(s, a, b) <= 40 &&
	    !has_str(s, a, b, "报告如下") && !has_str(s, a, b, "。");
}

static int
year_in(const char *s, size_t a, size_t b, bool need_nian)
{
	size_t i;

	for (i = a; i + 4 <= b; i++) {
		const char *p = s + i;

		if ((i == a || s[i - 1] < '0' || s[i - 1] > '9') &&
		    ((p[0] == '1' && p[1] == '9') || (p[0] == '2' && p[1] == '0')) &&
		    p[2] >= '0' && p[2] <= '9' && p[3] >= '0' && p[3] <= '9' &&
		    (i + 4 == b || s[i + 4] < '0' || s[i + 4] > '9')) {
			if (need_nian && !(i + 4 + 3 <= b && memcmp(p + 4, "年", 3) == 0))
				continue;
			return (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
		}
	}
	return 0;
}

/* ---- scopes ---- */

static void
scope_add(struct outline *ol, enum scope sc, size_t a, size_t b, size_t *caps)
{
	if (b <= a)
		return;
	ol->scopes[sc] = xgrow(ol->scopes[sc], &caps[sc], ol->nscope[sc] + 1, sizeof(struct span));
	ol->scopes[sc][ol->nscope[sc]].start = a;
	ol->scopes[sc][ol->nscope[sc]].end = b;
	ol->nscope[sc]++;
}

static void
build_scopes(struct outline *ol)
{
	const struct document *doc = ol->doc;
	size_t caps[SCOPE__COUNT] = {0};
	size_t line, n = doc_line_count(doc), h = 0;

	bool opening_run = true, in_opening = false;

	scope_add(ol, SCOPE_TEXT, 0, doc_len(doc), caps);
	for (line = 0; line < n; line++) {
		size_t a, b;

		doc_line_span(doc, line, &a, &b);
		/* The opening paragraph: the first run of body lines (an aside
		 * line inside it neither belongs to it nor ends it). */
		if (in_opening && ol->roles[line] != ROLE_BODY && ol->roles[line] != ROLE_ASIDE)
			opening_run = in_opening = false;
		switch ((enum line_role)ol->roles[line]) {
		case ROLE_TITLE:
			scope_add(ol, SCOPE_TITLE, a, b, caps);
			break;
		case ROLE_DOCNUM:
			trim(doc_text(doc), &a, &b);
			scope_add(ol, SCOPE_DOCNUM, a, b, caps);
			break;
		case ROLE_RECIPIENT:
			scope_add(ol, SCOPE_RECIPIENT, a, b, caps);
			break;
		case ROLE_HEADING: {
			const struct heading *hd = &ol->heads[h++];

			scope_add(ol, SCOPE_HEADING, hd->start, hd->text_end, caps);
			scope_add(ol, (enum scope)(SCOPE_HEADING1 + hd->level - 1),
			    hd->start, hd->text_end, caps);
			if (hd->run_in)
				scope_add(ol, SCOPE_BODY, hd->text_end, hd->line_end, caps);
			break;
		}
		case ROLE_BODY:
			scope_add(ol, SCOPE_BODY, a, b, caps);
			if (h == 0 && opening_run && line >= ol->first_body) {
				scope_add(ol, SCOPE_OPENING, a, b, caps);
				in_opening = true;
			}
			break;
		case ROLE_DATE:
			trim(doc_text(doc), &a, &b);
			scope_add(ol, SCOPE_DATE, a, b, caps);
			scope_add(ol, SCOPE_CLOSING, a, b, caps);
			break;
		case ROLE_SIGNER:
		case ROLE_FUZHU:
			scope_add(ol, SCOPE_CLOSING, a, b, caps);
			break;
		case ROLE_ASIDE:
			/* A table cell, text box or note: content for the rules
			 * that search the body (a section's table of figures),
			 * never part of the opening or closing. */
			scope_add(ol, SCOPE_BODY, a, b, caps);
			break;
		default:
			break;
		}
	}
}

/* ---- the builder ---- */

/*
 * A cover letter before the report (issue 15): 主送, one or a few body
 * paragraphs, 落款, 成文日期, an optional 附件 line, then the report's own
 * title (one to three short lines naming 报告 or 情况) and its body.  The
 * cover letter's 成文日期 is the filing date; the report's title block is
 * the title; the report's body starts after it.  `line` is the first line
 * after the 主送.
 */
static void
read_cover_letter(struct outline *ol, const char *s, size_t n, size_t line)
{
	const struct document *doc = ol->doc;
	size_t l, prev = OUTLINE_NONE, date = OUTLINE_NONE, t0, t1, paras = 0;
	struct ol_date dt;
	struct buf t = {0};
	bool named;

	for (l = line; l < n && l < line + 12; l++) {
		size_t a, b;
		struct heading h;

		if (skip_line(ol, l))
			continue;
		doc_line_span(doc, l, &a, &b);
		trim(s, &a, &b);
		if (parse_ordinal(s, a, b, &h))
			return;
		if (looks_date(s, a, b)) {
			date = l;
			break;
		}
		if (has_str(s, a, b, "。"))
			paras++;
		prev = l;
	}
	/* A 落款 line right above the date, and at least one paragraph. */
	if (date == OUTLINE_NONE || prev == OUTLINE_NONE || paras == 0)
		return;
	{
		size_t a, b;

		doc_line_span(doc, prev, &a, &b);
		trim(s, &a, &b);
		if (!looks_title_line(s, a, b) || has_str(s, a, b, "。"))
			return;
		doc_line_span(doc, date, &a, &b);
		trim(s, &a, &b);
		memset(&dt, 0, sizeof dt);
		if (!parse_date(s, a, b, &dt))
			return;
		dt.line = date;
	}
	/* Then an optional 附件 line and the report's title. */
	for (t0 = date + 1; t0 < n && skip_line(ol, t0); t0++)
		;
	if (t0 < n) {
		size_t a, b;

		doc_line_span(doc, t0, &a, &b);
		trim(s, &a, &b);
		if (nchars(s, a, b) <= 4 && has_str(s, a, b, "附件"))
			for (t0++; t0 < n && skip_line(ol, t0); t0++)
				;
	}
	for (t1 = t0; t1 < n && t1 < t0 + 3; t1++) {
		size_t a, b;
		struct heading h;

		if (ol->roles[t1] == ROLE_ASIDE)
			break;
		doc_line_span(doc, t1, &a, &b);
		trim(s, &a, &b);
		if (a >= b || !looks_title_line(s, a, b) || has_str(s, a, b, "。") ||
		    parse_ordinal(s, a, b, &h))
			break;
		buf_append(&t, s + a, b - a);
	}
	{
		char *title = buf_steal(&t);

		named = strstr(title, "报告") != NULL || strstr(title, "情况") != NULL;
		free(title);
	}
	if (!named)
		return;
	for (l = line; l < date; l++)
		if (!skip_line(ol, l))
			ol->roles[l] = l == prev ? ROLE_SIGNER : ROLE_BODY;
	ol->roles[date] = ROLE_DATE;
	for (l = date + 1; l < t0; l++)
		if (!skip_line(ol, l))
			ol->roles[l] = ROLE_BODY;
	for (l = t0; l < t1; l++)
		ol->roles[l] = ROLE_TITLE;
	ol->signer = prev;
	ol->cover_date = date;
	ol->cover_dt = dt;
	ol->first_body = t1;
}

static void
read_header(struct outline *ol, const char *s, size_t n)
{
	const struct document *doc = ol->doc;
	size_t line, titles = 0;
	bool recipient = false;

	for (line = 0; line < n; line++) {
		size_t a, b;
		struct heading h;

		if (skip_line(ol, line))
			continue;
		doc_line_span(doc, line, &a, &b);
		trim(s, &a, &b);
		if (ol->docnum == OUTLINE_NONE && looks_docnum(s, a, b)) {
			ol->roles[line] = ROLE_DOCNUM;
			continue;
		}
		if (ol->recipient == OUTLINE_NONE && looks_recipient(s, a, b)) {
			ol->roles[line] = ROLE_RECIPIENT;
			recipient = true;
			continue;
		}
		if (parse_ordinal(s, a, b, &h))
			break;
		if (ol->recipient == OUTLINE_NONE && titles < 5 && looks_title_line(s, a, b) &&
		    !has_str(s, a, b, "。")) {
			ol->roles[line] = ROLE_TITLE;
			titles++;
			continue;
		}
		break;
	}
	ol->first_body = line;
	if (titles == 0 && recipient)
		read_cover_letter(ol, s, n, line);
}

static void
read_closing(struct outline *ol, const char *s, size_t n)
{
	const struct document *doc = ol->doc;
	size_t line = n, signers = 0;

	while (line > ol->first_body) {
		size_t a, b;

		line--;
		if (skip_line(ol, line))
			continue;
		doc_line_span(doc, line, &a, &b);
		trim(s, &a, &b);
		if (ol->fuzhu == OUTLINE_NONE && ol->date == OUTLINE_NONE && signers == 0 &&
		    looks_fuzhu(s, a, b)) {
			ol->fuzhu = line;
			ol->roles[line] = ROLE_FUZHU;
			continue;
		}
		if (ol->date == OUTLINE_NONE && signers == 0 && looks_date(s, a, b)) {
			if (!parse_date(s, a, b, &ol->dt)) {
				memset(&ol->dt, 0, sizeof ol->dt);
				ol->dt.start = a;
				ol->dt.end = b;
				ol->dt.form = DATE_OTHER;
			}
			ol->dt.line = line;
			ol->date = line;
			ol->roles[line] = ROLE_DATE;
			continue;
		}
		/* 落款: up to two short unpunctuated lines right above the date
		 * (or at the very end), never a heading. */
		if (signers < 2 && looks_title_line(s, a, b) && nchars(s, a, b) <= 30 &&
		    !has_str(s, a, b, "。") && (ol->date != OUTLINE_NONE || signers == 0)) {
			struct heading h;

			if (parse_ordinal(s, a, b, &h))
				break;
			if (ol->date == OUTLINE_NONE && line + 1 < n && signers == 0) {
				/* Without a date only a line at the very end counts. */
				size_t l2;
				bool last = true;

				for (l2 = line + 1; l2 < n; l2++)
					if (!skip_line(ol, l2) && ol->roles[l2] != ROLE_FUZHU)
						last = false;
				if (!last)
					break;
			}
			if (ol->date == OUTLINE_NONE)
				break; /* no date: a short last line is more likely body */
			ol->signer = line;
			ol->roles[line] = ROLE_SIGNER;
			signers++;
			continue;
		}
		break;
	}
}

static void
read_body(struct outline *ol, const char *s, size_t n)
{
	const struct document *doc = ol->doc;
	size_t line, cap = 0;
	int last_at[5] = {-1, -1, -1, -1, -1};

	for (line = ol->first_body; line < n; line++) {
		size_t a, b, k;
		struct heading h;

		if (ol->roles[line] != ROLE_BLANK || doc_line_blank(doc, line))
			continue;
		doc_line_span(doc, line, &a, &b);
		trim(s, &a, &b);
		memset(&h, 0, sizeof h);
		if (!parse_ordinal(s, a, b, &h)) {
			ol->roles[line] = ROLE_BODY;
			continue;
		}
		h.line = line;
		h.start = a;
		h.line_end = b;
		h.text_end = b;
		/* Run-in: the heading ends at the first 。！？ with text after it. */
		{
			size_t i = h.ord_end;

			while (i < b) {
				int32_t cp = utf8_at(s, i, b, &k);

				i += k ? k : 1;
				if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F) {
					size_t rest_a = i, rest_b = b;

					trim(s, &rest_a, &rest_b);
					if (rest_a < rest_b) {
						h.text_end = i;
						h.run_in = true;
					}
					break;
				}
			}
		}
		{
			int lvl;

			h.parent = -1;
			for (lvl = h.level - 1; lvl >= 1; lvl--)
				if (last_at[lvl] >= 0) {
					h.parent = last_at[lvl];
					break;
				}
		}
		ol->heads = xgrow(ol->heads, &cap, ol->nheads + 1, sizeof *ol->heads);
		ol->heads[ol->nheads] = h;
		last_at[h.level] = (int)ol->nheads;
		{
			int lvl;
			for (lvl = h.level + 1; lvl <= 4; lvl++)
				last_at[lvl] = -1;
		}
		ol->nheads++;
		ol->roles[line] = ROLE_HEADING;
	}
}

static void
add_issuer(struct outline *ol, const char *p, size_t len)
{
	size_t a = 0, b = len;

	trim(p, &a, &b);
	if (a >= b)
		return;
	ol->issuers = xrealloc(ol->issuers, (ol->nissuers + 1) * sizeof *ol->issuers);
	ol->issuers[ol->nissuers++] = xstrndup(p + a, b - a);
}

static void
find_years_and_issuer(struct outline *ol, const char *s, size_t n)
{
	const struct document *doc = ol->doc;
	struct buf t = {0};
	size_t line, title_lines = 0;

	for (line = 0; line < n; line++) {
		size_t a, b;

		if (ol->roles[line] != ROLE_TITLE)
			continue;
		doc_line_span(doc, line, &a, &b);
		trim(s, &a, &b);
		buf_append(&t, s + a, b - a);
		title_lines++;
	}
	ol->title = buf_steal(&t);
	ol->title_year = year_in(ol->title, 0, strlen(ol->title), false);

	for (line = ol->first_body; line < n; line++) {
		size_t a, b;

		if (ol->roles[line] == ROLE_BLANK || ol->roles[line] == ROLE_ASIDE)
			continue;
		if (ol->roles[line] == ROLE_BODY) {
			doc_line_span(doc, line, &a, &b);
			trim(s, &a, &b);
			if (b - a >= 7 && year_in(s, a, a + 4, false) && memcmp(s + a + 4, "年", 3) == 0)
				ol->opening_year = year_in(s, a, a + 4, false);
		}
		break;
	}

	/* Opening: the "现将…报告如下" sentence before the first heading. */
	for (line = ol->first_body; line < n; line++) {
		size_t a, b;

		if (ol->roles[line] == ROLE_HEADING)
			break;
		if (ol->roles[line] != ROLE_BODY)
			continue;
		doc_line_span(doc, line, &a, &b);
		if (has_str(s, a, b, "报告如下") || has_str(s, a, b, "汇报如下")) {
			ol->opening = line;
			break;
		}
	}
	/* No "YYYY年，…" opening: the year in "现将…2022年…情况报告如下". */
	if (ol->opening_year == 0 && ol->opening != OUTLINE_NONE) {
		size_t a, b, i, from = OUTLINE_NONE;

		doc_line_span(doc, ol->opening, &a, &b);
		for (i = a; i + 6 <= b; i++) {
			if (memcmp(s + i, "现将", 6) == 0)
				from = i;
			if (from != OUTLINE_NONE && i + 6 <= b && memcmp(s + i, "如下", 6) == 0) {
				ol->opening_year = year_in(s, from, i, true);
				break;
			}
		}
	}

	/* Issuer: title-block lines above the title proper (no 报告, 法治 or
	 * year: 中共…区委 / …人民政府), else the title's part before 关于 or
	 * the year, else the 落款. */
	for (line = 0; line < n && title_lines >= 2; line++) {
		size_t a, b;

		if (ol->roles[line] != ROLE_TITLE)
			continue;
		doc_line_span(doc, line, &a, &b);
		trim(s, &a, &b);
		if (has_str(s, a, b, "报告") || has_str(s, a, b, "法治") || year_in(s, a, b, false))
			break;
		add_issuer(ol, s + a, b - a);
	}
	if (ol->nissuers == 0) {
		const char *t0 = ol->title, *cut = strstr(t0, "关于");
		size_t i;

		if (cut == NULL)
			for (i = 0; t0[i]; i++)
				if (t0[i] >= '0' && t0[i] <= '9') {
					cut = t0 + i;
					break;
				}
		if (cut != NULL && cut > t0)
			add_issuer(ol, t0, (size_t)(cut - t0));
	}
	if (ol->nissuers == 0 && ol->signer != OUTLINE_NONE) {
		for (line = ol->first_body; line < n; line++) {
			size_t a, b;

			if (ol->roles[line] != ROLE_SIGNER)
				continue;
			doc_line_span(doc, line, &a, &b);
			trim(s, &a, &b);
			add_issuer(ol, s + a, b - a);
		}
	}
	{
		struct buf is = {0};
		size_t i;

		for (i = 0; i < ol->nissuers; i++)
			buf_puts(&is, ol->issuers[i]);
		ol->issuer = buf_steal(&is);
	}
}

struct outline *
outline_build(const struct document *doc)
{
	struct outline *ol = xcalloc(1, sizeof *ol);
	const char *s = doc_text(doc);
	size_t n = doc_line_count(doc);

	ol->doc = doc;
	ol->roles = xcalloc(n ? n : 1, 1);
	ol->docnum = ol->recipient = ol->signer = ol->date = ol->fuzhu = ol->opening = OUTLINE_NONE;
	ol->cover_date = OUTLINE_NONE;
	mark_asides(ol, n);
	read_header(ol, s, n);
	read_closing(ol, s, n);
	if (ol->cover_date != OUTLINE_NONE) { /* the filing date is the cover letter's */
		ol->date = ol->cover_date;
		ol->dt = ol->cover_dt;
	}
	read_body(ol, s, n);
	{
		size_t line;

		for (line = 0; line < n; line++) {
			if (ol->roles[line] == ROLE_DOCNUM)
				ol->docnum = line;
			else if (ol->roles[line] == ROLE_RECIPIENT)
				ol->recipient = line;
		}
	}
	find_years_and_issuer(ol, s, n);
	build_scopes(ol);
	return ol;
}

void
outline_free(struct outline *ol)
{
	size_t i;

	if (ol == NULL)
		return;
	for (i = 0; i < SCOPE__COUNT; i++)
		free(ol->scopes[i]);
	free(ol->roles);
	free(ol->heads);
	free(ol->title);
	free(ol->issuer);
	for (i = 0; i < ol->nissuers; i++)
		free(ol->issuers[i]);
	free(ol->issuers);
	free(ol);
}

enum line_role
outline_line_role(const struct outline *ol, size_t line)
{
	return line < doc_line_count(ol->doc) ? (enum line_role)ol->roles[line] : ROLE_BLANK;
}

static const char *const role_names[ROLE__COUNT] = {
	[ROLE_BLANK] = "blank", [ROLE_TITLE] = "title", [ROLE_DOCNUM] = "docnum",
	[ROLE_RECIPIENT] = "recipient", [ROLE_HEADING] = "heading", [ROLE_BODY] = "body",
	[ROLE_SIGNER] = "signer", [ROLE_DATE] = "date", [ROLE_FUZHU] = "fuzhu",
	[ROLE_ASIDE] = "aside",
};

const char *
line_role_name(enum line_role r)
{
	return (unsigned)r < ROLE__COUNT ? role_names[r] : "?";
}

size_t outline_heading_count(const struct outline *ol) { return ol->nheads; }
const struct heading *outline_heading(const struct outline *ol, size_t i) { return &ol->heads[i]; }

const struct span *
outline_scope(const struct outline *ol, enum scope sc, size_t *n)
{
	*n = ol->nscope[sc];
	return ol->scopes[sc];
}

static const char *const scope_names[SCOPE__COUNT] = {
	[SCOPE_TEXT] = "text", [SCOPE_TITLE] = "title", [SCOPE_DOCNUM] = "docnum",
	[SCOPE_RECIPIENT] = "recipient", [SCOPE_HEADING] = "heading",
	[SCOPE_HEADING1] = "heading1", [SCOPE_HEADING2] = "heading2",
	[SCOPE_HEADING3] = "heading3", [SCOPE_HEADING4] = "heading4",
	[SCOPE_BODY] = "body", [SCOPE_CLOSING] = "closing", [SCOPE_DATE] = "date",
	[SCOPE_OPENING] = "opening",
};

const char *
scope_name(enum scope sc)
{
	return (unsigned)sc < SCOPE__COUNT ? scope_names[sc] : "?";
}

bool
scope_parse(const char *s, enum scope *out)
{
	size_t i;

	for (i = 0; i < SCOPE__COUNT; i++)
		if (strcmp(s, scope_names[i]) == 0) {
			*out = (enum scope)i;
			return true;
		}
	return false;
}

const char *outline_title(const struct outline *ol) { return ol->title; }
int outline_title_year(const struct outline *ol) { return ol->title_year; }
int outline_opening_year(const struct outline *ol) { return ol->opening_year; }
const char *outline_issuer(const struct outline *ol) { return ol->issuer; }
size_t outline_docnum_line(const struct outline *ol) { return ol->docnum; }
size_t outline_recipient_line(const struct outline *ol) { return ol->recipient; }
size_t outline_signer_line(const struct outline *ol) { return ol->signer; }
size_t outline_date_line(const struct outline *ol) { return ol->date; }
size_t outline_fuzhu_line(const struct outline *ol) { return ol->fuzhu; }
size_t outline_opening_line(const struct outline *ol) { return ol->opening; }
size_t outline_issuer_count(const struct outline *ol) { return ol->nissuers; }
const char *outline_issuer_name(const struct outline *ol, size_t i) { return ol->issuers[i]; }

/* Joint reports (党委 + 政府) file as a government: SPEC §5.1. */
enum issuer_type
outline_issuer_type(const struct outline *ol, issuer_classifier classify, void *arg)
{
	enum issuer_type t = ISSUER_UNKNOWN;
	size_t i;

	for (i = 0; i < ol->nissuers; i++) {
		enum issuer_type it = classify(ol->issuers[i], arg);

		if (it == ISSUER_GOVERNMENT)
			return it;
		if (t == ISSUER_UNKNOWN)
			t = it;
	}
	return t;
}

const char *
issuer_type_name(enum issuer_type t)
{
	return t == ISSUER_GOVERNMENT ? "government" : t == ISSUER_DEPARTMENT ? "department" :
	    "unknown";
}

const struct ol_date *
outline_date(const struct outline *ol)
{
	return ol->date == OUTLINE_NONE ? NULL : &ol->dt;
}

int
outline_report_year(const struct outline *ol)
{
	return ol->title_year ? ol->title_year : ol->opening_year;
}

size_t
outline_anchor(const struct outline *ol)
{
	size_t i, line, n = doc_line_count(ol->doc);

	for (i = ol->nheads; i-- > 0;)
		if (ol->heads[i].level == 1)
			return ol->heads[i].start;
	for (line = 0; line < n; line++)
		if (ol->roles[line] == ROLE_BODY || ol->roles[line] == ROLE_HEADING) {
			size_t a, b;

			doc_line_span(ol->doc, line, &a, &b);
			return a;
		}
	return 0;
}

/* ---- JSON dump (--dump-outline) ---- */

static void
json_line(struct buf *o, const struct outline *ol, const char *key, size_t line)
{
	size_t a, b;

	buf_printf(o, ",\n  \"%s\": ", key);
	if (line == OUTLINE_NONE) {
		buf_puts(o, "null");
		return;
	}
	doc_line_span(ol->doc, line, &a, &b);
	trim(doc_text(ol->doc), &a, &b);
	buf_printf(o, "{\"line\": %zu, \"text\": ", line + 1);
	buf_json_strn(o, doc_text(ol->doc) + a, b - a);
	buf_putc(o, '}');
}

static const char *
date_form_name(enum date_form f)
{
	static const char *const n[] = {"arabic", "han", "iso", "dot", "other"};

	return (unsigned)f <= DATE_OTHER ? n[f] : "?";
}

void
outline_dump_json(const struct outline *ol, enum issuer_type itype,
    const struct outline_given *given, struct buf *o)
{
	const char *issuer = given && given->issuer ? given->issuer : ol->issuer;
	int year = given && given->year ? given->year : outline_report_year(ol);

	const char *s = doc_text(ol->doc);
	size_t i, line, n = doc_line_count(ol->doc);
	bool first = true;

	buf_puts(o, "{\n  \"title\": ");
	buf_json_strn(o, ol->title, strlen(ol->title));
	buf_puts(o, ",\n  \"title_lines\": [");
	for (line = 0; line < n; line++)
		if (ol->roles[line] == ROLE_TITLE) {
			buf_printf(o, "%s%zu", first ? "" : ", ", line + 1);
			first = false;
		}
	buf_puts(o, "],\n  \"issuers\": [");
	for (i = 0; i < ol->nissuers; i++) {
		buf_puts(o, i ? ", " : "");
		buf_json_strn(o, ol->issuers[i], strlen(ol->issuers[i]));
	}
	buf_puts(o, "],\n  \"issuer\": ");
	if (issuer)
		buf_json_strn(o, issuer, strlen(issuer));
	else
		buf_puts(o, "null");
	buf_printf(o, ",\n  \"issuer_type\": \"%s\",\n  \"title_year\": %d,\n"
	    "  \"opening_year\": %d,\n  \"report_year\": %d", issuer_type_name(itype),
	    ol->title_year, ol->opening_year, year);
	json_line(o, ol, "docnum", ol->docnum);
	json_line(o, ol, "recipient", ol->recipient);
	json_line(o, ol, "opening", ol->opening);
	buf_puts(o, ",\n  \"headings\": [");
	for (i = 0; i < ol->nheads; i++) {
		const struct heading *h = &ol->heads[i];

		buf_printf(o, "%s\n    {\"index\": %zu, \"line\": %zu, \"level\": %d, \"value\": %d, "
		    "\"form_ok\": %s, \"run_in\": %s, \"parent\": %d, \"ordinal\": ",
		    i ? "," : "", i, h->line + 1, h->level, h->value, h->form_ok ? "true" : "false",
		    h->run_in ? "true" : "false", h->parent);
		buf_json_strn(o, s + h->start, h->ord_end - h->start);
		buf_puts(o, ", \"text\": ");
		buf_json_strn(o, s + h->ord_end, h->text_end - h->ord_end);
		buf_putc(o, '}');
	}
	buf_puts(o, ol->nheads ? "\n  ],\n  \"body_lines\": [" : "],\n  \"body_lines\": [");
	first = true;
	for (line = 0; line < n; line++)
		if (ol->roles[line] == ROLE_BODY) {
			buf_printf(o, "%s%zu", first ? "" : ", ", line + 1);
			first = false;
		}
	buf_putc(o, ']');
	/* Only a .docx has aside lines; text input's dump is unchanged. */
	for (first = true, line = 0; line < n; line++)
		if (ol->roles[line] == ROLE_ASIDE) {
			buf_printf(o, "%s%zu", first ? ",\n  \"aside_lines\": [" : ", ", line + 1);
			first = false;
		}
	if (!first)
		buf_putc(o, ']');
	json_line(o, ol, "signer", ol->signer);
	buf_puts(o, ",\n  \"date\": ");
	if (ol->date == OUTLINE_NONE) {
		buf_puts(o, "null");
	} else {
		buf_printf(o, "{\"line\": %zu, \"text\": ", ol->dt.line + 1);
		buf_json_strn(o, s + ol->dt.start, ol->dt.end - ol->dt.start);
		buf_printf(o, ", \"year\": %d, \"month\": %d, \"day\": %d, \"form\": \"%s\", "
		    "\"padded\": %s}", ol->dt.y, ol->dt.m, ol->dt.d, date_form_name(ol->dt.form),
		    ol->dt.padded ? "true" : "false");
	}
	json_line(o, ol, "fuzhu", ol->fuzhu);
	buf_puts(o, "\n}\n");
}
