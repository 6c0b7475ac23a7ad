/* SPDX-License-Identifier: MIT */
/** \file escape.c
 * \brief Escaping for the output formats, in one place (notation: escape.h).
 */
#include "escape.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "../utf8.h"

/* A character no output shows as it is: controls, line and paragraph
 * separators, and the bidirectional controls (which reorder what a
 * terminal or a web page shows around them). */
static bool
cp_unsafe(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

static void
put_buf(FILE *out, struct buf *b)
{
	if (b->len)
		fwrite(b->data, 1, b->len, out);
	buf_free(b);
}

/* The escape of code point cp (< 0x80: \xNN, else \uXXXX). */
static void
buf_cp_escape(struct buf *b, uint32_t cp)
{
	if (cp < 0x80)
		buf_printf(b, "\\x%02x", (unsigned)cp);
	else
		buf_printf(b, "\\u%04x", (unsigned)cp);
}

size_t
text_unit(struct buf *b, const char *s, size_t n, int *escaped)
{
	uint32_t cp;
	size_t k = utf8_next((const unsigned char *)s, n, &cp);

	if (k == 0) {
		buf_printf(b, "\\x%02x", (unsigned char)s[0]);
		*escaped = 1;
		return 1;
	}
	if (cp != '\t' && cp_unsafe(cp)) {
		buf_cp_escape(b, cp);
		*escaped = 1;
		return k;
	}
	*escaped = 0;
	return k;
}

/* Text into b: flags say what to do with LF and CR. */
enum { T_PATH = 1, T_NL_SPACE = 2, T_NL_KEEP = 4 };

static void
buf_escaped(struct buf *b, const char *s, size_t n, unsigned flags)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t k;
		int esc;

		if (c >= 0x20 && c < 0x7F && c != '\\') {
			buf_putc(b, (char)c);
			i++;
			continue;
		}
		if (c == '\\') {
			buf_puts(b, flags & T_PATH ? "\\\\" : "\\");
			i++;
			continue;
		}
		if (c == '\n' || c == '\r' || c == '\t') {
			if (flags & T_PATH)
				buf_puts(b, c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t");
			else if (c == '\t' || (flags & T_NL_KEEP))
				buf_putc(b, (char)c);
			else if (flags & T_NL_SPACE)
				buf_putc(b, ' ');
			else
				buf_cp_escape(b, c);
			i++;
			continue;
		}
		k = text_unit(b, s + i, n - i, &esc);
		if (!esc)
			buf_append(b, s + i, k);
		i += k;
	}
}

void
buf_path(struct buf *b, const char *path)
{
	buf_escaped(b, path, strlen(path), T_PATH);
}

char *
path_escaped(const char *path)
{
	struct buf b = {0};

	buf_path(&b, path);
	return buf_steal(&b);
}

void
put_path(FILE *out, const char *path)
{
	struct buf b = {0};

	buf_path(&b, path);
	put_buf(out, &b);
}

void
buf_text_line(struct buf *b, const char *s)
{
	buf_escaped(b, s, strlen(s), T_NL_SPACE);
}

void
say(const char *fmt, ...)
{
	struct buf msg = {0}, b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	buf_puts(&b, "gwlint: ");
	buf_escaped(&b, msg.data ? msg.data : "", msg.len, 0);
	buf_putc(&b, '\n');
	buf_free(&msg);
	fflush(stdout);
	put_buf(stderr, &b);
}

void
put_text_block(FILE *out, const char *s, size_t n)
{
	struct buf b = {0};

	buf_escaped(&b, s, n, T_NL_KEEP);
	put_buf(out, &b);
}

void
put_text_line(FILE *out, const char *s)
{
	struct buf b = {0};

	buf_text_line(&b, s);
	put_buf(out, &b);
}

/* ---- JSON ---- */

void
buf_json_strn(struct buf *b, const char *s, size_t n)
{
	size_t i = 0;

	buf_putc(b, '"');
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t k;

		switch (c) {
		case '"': buf_puts(b, "\\\""); i++; continue;
		case '\\': buf_puts(b, "\\\\"); i++; continue;
		case '\n': buf_puts(b, "\\n"); i++; continue;
		case '\r': buf_puts(b, "\\r"); i++; continue;
		case '\t': buf_puts(b, "\\t"); i++; continue;
		case '\b': buf_puts(b, "\\b"); i++; continue;
		case '\f': buf_puts(b, "\\f"); i++; continue;
		default: break;
		}
		k = utf8_next((const unsigned char *)s + i, n - i, &cp);
		if (k == 0) {
			/* JSON text is Unicode: a stray byte is shown as "\xNN". */
			buf_printf(b, "\\\\x%02x", c);
			i++;
		} else if (cp_unsafe(cp)) {
			buf_printf(b, "\\u%04x", (unsigned)cp); /* the same string, lossless */
			i += k;
		} else {
			buf_append(b, s + i, k);
			i += k;
		}
	}
	buf_putc(b, '"');
}

void
put_json_strn(FILE *out, const char *s, size_t n)
{
	struct buf b = {0};

	buf_json_strn(&b, s, n);
	put_buf(out, &b);
}

void
put_json_str(FILE *out, const char *s)
{
	if (s == NULL)
		fputs("null", out);
	else
		put_json_strn(out, s, strlen(s));
}

void
put_json_path(FILE *out, const char *path)
{
	struct buf e = {0}, b = {0};

	buf_path(&e, path);
	buf_json_strn(&b, e.data ? e.data : "", e.len);
	put_buf(out, &b);
	buf_free(&e);
}

/* ---- XML ---- */

void
buf_xml(struct buf *b, const char *s, size_t n, bool attr)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t k;

		switch (c) {
		case '<': buf_puts(b, "&lt;"); i++; continue;
		case '>': buf_puts(b, "&gt;"); i++; continue;
		case '&': buf_puts(b, "&amp;"); i++; continue;
		case '"': buf_puts(b, "&quot;"); i++; continue;
		case '\'': buf_puts(b, "&apos;"); i++; continue;
		/* Kept as references in attributes: a literal LF would be
		 * normalised to a space, a literal CR dropped. */
		case '\n': buf_puts(b, attr ? "&#10;" : "\n"); i++; continue;
		case '\r': buf_puts(b, "&#13;"); i++; continue;
		case '\t': buf_puts(b, attr ? "&#9;" : "\t"); i++; continue;
		default: break;
		}
		k = utf8_next((const unsigned char *)s + i, n - i, &cp);
		if (k == 0) {
			buf_printf(b, "\\x%02x", c);
			i++;
		} else if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) {
			/* Not characters XML 1.0 can hold, even as references. */
			buf_cp_escape(b, cp);
			i += k;
		} else if (cp_unsafe(cp)) {
			buf_printf(b, "&#x%x;", (unsigned)cp);
			i += k;
		} else {
			buf_append(b, s + i, k);
			i += k;
		}
	}
}

void
put_xml(FILE *out, const char *s)
{
	struct buf b = {0};

	buf_xml(&b, s, strlen(s), true);
	put_buf(out, &b);
}

void
put_xml_text(FILE *out, const char *s)
{
	struct buf b = {0};

	buf_xml(&b, s, strlen(s), false);
	put_buf(out, &b);
}

void
put_xml_path(FILE *out, const char *path)
{
	struct buf e = {0}, b = {0};

	buf_path(&e, path);
	buf_xml(&b, e.data ? e.data : "", e.len, true);
	put_buf(out, &b);
	buf_free(&e);
}

/* ---- CSV ---- */

/* The field e[0..n), already free of unsafe controls. */
static void
csv_field(FILE *out, const char *e, size_t n)
{
	bool formula = n > 0 && strchr("=+-@\t\r", e[0]) != NULL;
	size_t i;

	if (!formula && memchr(e, ',', n) == NULL && memchr(e, '"', n) == NULL &&
	    memchr(e, '\r', n) == NULL && memchr(e, '\n', n) == NULL) {
		fwrite(e, 1, n, out);
		return;
	}
	fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (i = 0; i < n; i++) {
		if (e[i] == '"')
			fputc('"', out);
		fputc(e[i], out);
	}
	fputc('"', out);
}

void
put_csv(FILE *out, const char *s)
{
	struct buf e = {0};

	if (s == NULL)
		return;
	buf_escaped(&e, s, strlen(s), T_NL_KEEP);
	csv_field(out, e.data ? e.data : "", e.len);
	buf_free(&e);
}

void
put_csv_path(FILE *out, const char *path)
{
	struct buf e = {0};

	buf_path(&e, path);
	csv_field(out, e.data ? e.data : "", e.len);
	buf_free(&e);
}

/* ---- URI ---- */

void
put_uri_path(FILE *out, const char *p)
{
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    strchr("-._~/", c))
			fputc(c, out);
		else
			fprintf(out, "%%%02X", c);
	}
}

/* ---- GitHub workflow commands ---- */

static void
gh_escape(FILE *out, const char *s, size_t n, int prop)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '%': fputs("%25", out); break;
		case '\r': fputs("%0D", out); break;
		case '\n': fputs("%0A", out); break;
		case ':':
			if (prop)
				fputs("%3A", out);
			else
				fputc(':', out);
			break;
		case ',':
			if (prop)
				fputs("%2C", out);
			else
				fputc(',', out);
			break;
		default: fputc(s[i], out);
		}
	}
}

/* GitHub's log shows ANSI colours: controls other than CR and LF (which
 * the toolkit's own escaping carries) are escaped as text first. */
static void
put_gh(FILE *out, const char *s, int prop)
{
	struct buf e = {0};

	buf_escaped(&e, s, strlen(s), T_NL_KEEP);
	gh_escape(out, e.data ? e.data : "", e.len, prop);
	buf_free(&e);
}

void put_gh_data(FILE *out, const char *s) { put_gh(out, s, 0); }
void put_gh_prop(FILE *out, const char *s) { put_gh(out, s, 1); }

void
put_gh_path(FILE *out, const char *path)
{
	struct buf e = {0};

	buf_path(&e, path);
	gh_escape(out, e.data ? e.data : "", e.len, 1);
	buf_free(&e);
}
