/* SPDX-License-Identifier: MIT */
/** \file escape.c
 * \brief Escaping for the output formats, in one place.
 */
#include "escape.h"

#include <string.h>

#include "../util.h"

void
put_json_strn(FILE *out, const char *s, size_t n)
{
	struct buf b = {0};

	buf_json_strn(&b, s, n);
	fwrite(b.data, 1, b.len, out);
	buf_free(&b);
}

void
put_json_str(FILE *out, const char *s)
{
	if (s == NULL)
		fputs("null", out);
	else
		put_json_strn(out, s, strlen(s));
}

static void
xml_escape(FILE *out, const char *s, int attr)
{
	for (; *s; s++) {
		if (!attr && *s == '\n') {
			fputc('\n', out);
			continue;
		}
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '&': fputs("&amp;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&apos;", out); break;
		/* Kept in attributes too: a literal LF would be normalised away. */
		case '\n': fputs("&#10;", out); break;
		case '\r': fputs("&#13;", out); break;
		case '\t': fputs("&#9;", out); break;
		default:
			if (c < 0x20)
				fputs("\xef\xbf\xbd", out); /* not allowed in XML 1.0 */
			else
				fputc(c, out);
		}
	}
}

void put_xml(FILE *out, const char *s) { xml_escape(out, s, 1); }
void put_xml_text(FILE *out, const char *s) { xml_escape(out, s, 0); }

void
put_csv(FILE *out, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

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

static void
put_gh(FILE *out, const char *s, int prop)
{
	for (; *s; s++) {
		switch (*s) {
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
		default: fputc(*s, out);
		}
	}
}

void put_gh_data(FILE *out, const char *s) { put_gh(out, s, 0); }
void put_gh_prop(FILE *out, const char *s) { put_gh(out, s, 1); }
