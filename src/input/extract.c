/* SPDX-License-Identifier: MIT */
/** \file extract.c
 * \brief The input stage: which reader takes a file, and its text.
 */
#include "extract.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "../util.h"
#include "../report/escape.h"

struct text_origin {
	enum input_format format;
	struct docx *docx;          /* the paragraphs (runs, for layout checks) */
	struct line_origin *lines;
	size_t n;
};

static const char *const format_names[INPUT__COUNT] = {
	[INPUT_TEXT] = "text",
	[INPUT_DOCX] = "docx",
	[INPUT_MARKDOWN] = "markdown",
};

const char *
input_format_name(enum input_format f)
{
	return (unsigned)f < INPUT__COUNT && format_names[f] ? format_names[f] : "?";
}

enum input_format
text_origin_format(const struct text_origin *o)
{
	return o ? o->format : INPUT_TEXT;
}

size_t
text_origin_count(const struct text_origin *o)
{
	return o ? o->n : 0;
}

const struct line_origin *
text_origin_line(const struct text_origin *o, size_t i)
{
	return o && i < o->n ? &o->lines[i] : NULL;
}

const struct docx *
text_origin_docx(const struct text_origin *o)
{
	return o ? o->docx : NULL;
}

void
text_origin_free(struct text_origin *o)
{
	if (o == NULL)
		return;
	docx_free(o->docx);
	free(o->lines);
	free(o);
}

/* ---- the readers ---- */

/* Text: decode.h's detection and decoding, unchanged. */
static bool
claims_text(enum doc_kind k)
{
	return k == DOC_NONE;
}

static int
read_text(const unsigned char *data, size_t len, unsigned char *owned,
    const struct extract_opts *o, struct extracted *out, char **err)
{
	int rc = owned ? decode_owned(owned, len, o->encoding, &out->dec) :
	    decode(data, len, o->encoding, &out->dec);

	(void)err;
	out->no_converter = rc != 0;
	return 0;
}

static bool
claims_docx(enum doc_kind k)
{
	return k == DOC_DOCX;
}

/* A paragraph's text as a line: the reader promises no line end in it;
 * should one slip through (a character reference), it becomes a space so
 * that line i stays paragraph i.  A NUL becomes SUB, as decode does. */
static void
put_para(struct buf *b, const char *s, size_t n)
{
	size_t at = b->len, i;

	buf_append(b, s, n);
	for (i = at; i < b->len; i++) {
		if (b->data[i] == '\n' || b->data[i] == '\r')
			b->data[i] = ' ';
		else if (b->data[i] == '\0')
			b->data[i] = '\x1A';
	}
}

static int
read_docx(const unsigned char *data, size_t len, unsigned char *owned,
    const struct extract_opts *o, struct extracted *out, char **err)
{
	struct docx_limits def;
	struct docx *d = NULL;
	struct text_origin *org;
	struct buf b = {0};
	size_t i, n;
	int rc;

	if (o->docx == NULL)
		docx_limits_default(&def);
	rc = docx_read(data, len, o->docx ? o->docx : &def, &d, err);
	free(owned);
	if (rc != 0)
		return -1;
	n = docx_para_count(d);
	org = xcalloc(1, sizeof *org);
	org->format = INPUT_DOCX;
	org->docx = d;
	org->n = n;
	org->lines = xcalloc(n ? n : 1, sizeof *org->lines);
	for (i = 0; i < n; i++) {
		const struct docx_para *p = docx_para_at(d, i);

		if (i)
			buf_putc(&b, '\n');
		put_para(&b, p->text, p->len);
		org->lines[i].paragraph = p->number;
		org->lines[i].story = p->story;
		org->lines[i].style = p->style;
		org->lines[i].label_len = p->label_len <= p->len ? p->label_len : p->len;
	}
	out->dec.len = b.len;
	out->dec.text = b.data ? buf_steal(&b) : xstrdup("");
	out->dec.enc = ENC_UTF8;
	out->origin = org;
	return 0;
}

/* The readers, tried in order; the first that claims a file reads it.
 * Another format is one more row (before text, which takes the rest). */
static const struct reader {
	enum input_format format;
	/* Whether it reads a file whose content walk.h classifies as k. */
	bool (*claims)(enum doc_kind k);
	/* owned: data itself when the reader takes it over, else NULL. */
	int (*read)(const unsigned char *data, size_t len, unsigned char *owned,
	    const struct extract_opts *o, struct extracted *out, char **err);
} readers[] = {
	{INPUT_DOCX, claims_docx, read_docx},
	{INPUT_TEXT, claims_text, read_text},
};

bool
extract_reads(enum doc_kind k)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(readers); i++)
		if (readers[i].claims(k))
			return true;
	return false;
}

static int
extract_any(const unsigned char *data, size_t len, unsigned char *owned,
    const struct extract_opts *o, struct extracted *out, char **err)
{
	enum doc_kind k = doc_kind_of_bytes(data, len);
	size_t i;

	memset(out, 0, sizeof *out);
	*err = NULL;
	for (i = 0; i < ARRAY_LEN(readers); i++)
		if (readers[i].claims(k)) {
			out->format = readers[i].format;
			if (readers[i].read(data, len, owned, o, out, err) != 0) {
				memset(out, 0, sizeof *out);
				if (*err == NULL)
					*err = xstrdup("cannot be read");
				return -1;
			}
			return 0;
		}
	/* A kind no reader takes: the caller should have refused it. */
	free(owned);
	*err = xstrdup("not a format gwlint reads");
	return -1;
}

int
extract_bytes(const unsigned char *data, size_t len, const struct extract_opts *o,
    struct extracted *out, char **err)
{
	return extract_any(data, len, NULL, o, out, err);
}

int
extract_owned(unsigned char *data, size_t len, const struct extract_opts *o,
    struct extracted *out, char **err)
{
	return extract_any(data, len, data, o, out, err);
}

void
extracted_free(struct extracted *x)
{
	decoded_free(&x->dec);
	text_origin_free(x->origin);
	memset(x, 0, sizeof *x);
}

/* ---- whole files, for --dump-text and --dump-outline ---- */

int
extract_file(const char *path, const struct extract_opts *o, struct document **doc)
{
	unsigned char *data;
	size_t len;
	enum doc_kind k;
	struct extracted x;
	char *err;
	int rc = strcmp(path, "-") == 0 ? read_stream(0, &data, &len) : read_file(path, &data, &len);

	*doc = NULL;
	if (rc != 0) {
		say("%s: %s", path, strerror(errno));
		return 2;
	}
	k = doc_kind_of_bytes(data, len);
	if (!extract_reads(k)) {
		char *what = doc_kind_advice(k, path);

		say("%s: not read: %s", path, what);
		free(what);
		free(data);
		return 2;
	}
	if (extract_owned(data, len, o, &x, &err) != 0) {
		say("%s: %s", path, err);
		free(err);
		return 2;
	}
	free(x.dec.bad);
	if (x.format == INPUT_TEXT && md_name(path)) {
		*doc = md_document(path, x.dec.text, x.dec.len);
	} else {
		*doc = doc_new(path, x.dec.text, x.dec.len);
		doc_set_origin(*doc, x.origin);
	}
	return 0;
}

void
extract_dump_text(const struct document *doc, bool json, FILE *out)
{
	const struct text_origin *org = doc_origin(doc);
	const char *text = doc_text(doc);
	/* A .docx: one line per paragraph (an empty last paragraph is a
	 * line the text's line index does not count); text: its lines. */
	size_t i, n = org ? text_origin_count(org) : doc_len(doc) ? doc_line_count(doc) : 0;

	for (i = 0; i < n; i++) {
		const struct line_origin *lo = text_origin_line(org, i);
		size_t a = doc_len(doc), b = a;

		if (i < doc_line_count(doc))
			doc_line_span(doc, i, &a, &b);
		if (!json) {
			fprintf(out, "%6zu\t", i + 1);
			put_text_block(out, text + a, b - a);
			fputc('\n', out);
			continue;
		}
		fprintf(out, "{\"line\":%zu", i + 1);
		if (lo) {
			size_t label = lo->label_len <= b - a ? lo->label_len : b - a;

			fprintf(out, ",\"paragraph\":%zu,\"story\":\"%s\",\"style\":", lo->paragraph,
			    docx_story_name(lo->story));
			put_json_str(out, lo->style);
			fputs(",\"numbering\":", out);
			put_json_strn(out, text + a, label);
		}
		fputs(",\"text\":", out);
		put_json_strn(out, text + a, b - a);
		fputs("}\n", out);
	}
}
