/* SPDX-License-Identifier: MIT */
/** \file fuzz_escape.c
 * \brief libFuzzer target: output escaping.  Any file name bytes and any
 *        message → every format parses and has the right number of records.
 *
 * Input: CTRL PATH \0 MESSAGE \0 FIX \0 TEXT.  CTRL's low 4 bits + 1 are the
 * number of findings, bit 4 adds --show-source to gcc, bit 5 turns colour
 * on, bit 6 gives the findings the fix, bit 7 picks the utf16 column unit.
 * PATH is the file name (empty: "x"), MESSAGE and FIX any bytes (stray
 * bytes included: the formatters must cope even though messages are
 * normally valid UTF-8); TEXT goes through decode() as a file would.  The
 * findings are spread over the text on character boundaries, with two rule
 * ids and the three severities.
 *
 * Each of the nine formats writes into memory and is checked:
 *  - everything: valid UTF-8; no control character but LF, TAB and (csv)
 *    CR; no C1, bidi, or line separator character; no ESC but gwlint's own
 *    colour sequences (gcc with colour);
 *  - the escaped form of the path contains none of those and undoes to the
 *    original bytes;
 *  - gcc: one line per finding beginning "ESCAPED-PATH:L:C: " (3 with
 *    --show-source); json: one valid JSON object per line; sarif and
 *    codequality: one valid JSON document with one result each, codequality
 *    fingerprints distinct; github: one command per finding (and the plain
 *    list after more than 10, no line of it beginning "::", after white
 *    space as the runner skips it); checkstyle and
 *    junit: well-formed XML (a small checker below) with the right number of
 *    elements and lines; csv: BOM, RFC 4180 records of 9 fields, one per
 *    finding after the header; summary: its fixed number of lines.
 * A failed check abort()s with a message on stderr.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "document.h"
#include "finding.h"
#include "report.h"
#include "report/escape.h"
#include "util.h"

#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FAIL(...) (fprintf(stderr, "fuzz_escape: " __VA_ARGS__), fputc('\n', stderr), abort())

/* ---- UTF-8 ---- */

static size_t
u8(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t len, i;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, v = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, v = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, v = c & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) ||
	    (len == 4 && (v < 0x10000 || v > 0x10FFFF)))
		return 0;
	*cp = v;
	return len;
}

static bool
unsafe(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

/* The whole output: valid UTF-8, only safe characters (LF, TAB, and CR
 * where allowed), ESC only as gwlint's own colour sequences. */
static void
check_chars(const char *fmt, const char *s, size_t n, bool cr_ok, bool color)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = u8((const unsigned char *)s + i, n - i, &cp);

		if (k == 0)
			FAIL("%s: invalid UTF-8 at byte %zu", fmt, i);
		if (cp == 0x1B && color) {
			static const char *const own[] = {"\033[1m", "\033[0m", "\033[1;31m",
			    "\033[1;35m", "\033[1;36m", "\033[1;32m"};
			size_t j;

			for (j = 0; j < sizeof own / sizeof *own; j++)
				if (n - i >= strlen(own[j]) && memcmp(s + i, own[j], strlen(own[j])) == 0)
					break;
			if (j == sizeof own / sizeof *own)
				FAIL("%s: ESC not of a colour at byte %zu", fmt, i);
			i += strlen(own[j]);
			continue;
		}
		if (unsafe(cp) && cp != '\n' && cp != '\t' && !(cp == '\r' && cr_ok))
			FAIL("%s: control or bidi U+%04X at byte %zu", fmt, (unsigned)cp, i);
		i += k;
	}
}

/* Undo the escaped form of a path (escape.h). */
static char *
unescape_path(const char *e, size_t *len)
{
	struct buf b = {0};

	while (*e) {
		if (*e != '\\') {
			buf_putc(&b, *e++);
			continue;
		}
		e++;
		switch (*e) {
		case '\\': buf_putc(&b, '\\'); e++; break;
		case 't': buf_putc(&b, '\t'); e++; break;
		case 'n': buf_putc(&b, '\n'); e++; break;
		case 'r': buf_putc(&b, '\r'); e++; break;
		case 'x': {
			unsigned v;

			if (sscanf(e + 1, "%2x", &v) != 1)
				FAIL("path: bad \\x escape");
			buf_putc(&b, (char)v);
			e += 3;
			break;
		}
		case 'u': {
			unsigned v;
			char u[4];
			size_t k;

			if (sscanf(e + 1, "%4x", &v) != 1)
				FAIL("path: bad \\u escape");
			if (v < 0x800) {
				u[0] = (char)(0xC0 | v >> 6), u[1] = (char)(0x80 | (v & 0x3F)), k = 2;
			} else {
				u[0] = (char)(0xE0 | v >> 12), u[1] = (char)(0x80 | ((v >> 6) & 0x3F));
				u[2] = (char)(0x80 | (v & 0x3F)), k = 3;
			}
			buf_append(&b, u, k);
			e += 5;
			break;
		}
		default:
			FAIL("path: a lone backslash in the escaped form");
		}
	}
	*len = b.len;
	return b.data ? b.data : xstrdup("");
}

/* ---- a JSON validator (RFC 8259, depth-limited) ---- */

struct js {
	const char *s;
	size_t n, i;
	int depth;
};

static void js_value(struct js *j);

static void
js_ws(struct js *j)
{
	while (j->i < j->n && strchr(" \t\n\r", j->s[j->i]) && j->s[j->i])
		j->i++;
}

static void
js_string(struct js *j)
{
	if (j->i >= j->n || j->s[j->i] != '"')
		FAIL("json: string expected at %zu", j->i);
	j->i++;
	for (;;) {
		unsigned char c;

		if (j->i >= j->n)
			FAIL("json: unterminated string");
		c = (unsigned char)j->s[j->i];
		if (c == '"') {
			j->i++;
			return;
		}
		if (c < 0x20)
			FAIL("json: raw control character in a string at %zu", j->i);
		if (c == '\\') {
			j->i++;
			if (j->i >= j->n)
				FAIL("json: bad escape");
			c = (unsigned char)j->s[j->i];
			if (c == 'u') {
				size_t k;

				for (k = 1; k <= 4; k++)
					if (j->i + k >= j->n || !strchr("0123456789abcdefABCDEF", j->s[j->i + k]) ||
					    j->s[j->i + k] == '\0')
						FAIL("json: bad \\u escape");
				j->i += 5;
			} else if (strchr("\"\\/bfnrt", c) && c) {
				j->i++;
			} else {
				FAIL("json: bad escape \\%c", c);
			}
			continue;
		}
		j->i++;
	}
}

static void
js_value(struct js *j)
{
	js_ws(j);
	if (j->i >= j->n)
		FAIL("json: value expected at end");
	if (++j->depth > 64)
		FAIL("json: too deep");
	switch (j->s[j->i]) {
	case '{':
		j->i++;
		js_ws(j);
		if (j->i < j->n && j->s[j->i] == '}') {
			j->i++;
			break;
		}
		for (;;) {
			js_ws(j);
			js_string(j);
			js_ws(j);
			if (j->i >= j->n || j->s[j->i] != ':')
				FAIL("json: ':' expected at %zu", j->i);
			j->i++;
			js_value(j);
			js_ws(j);
			if (j->i < j->n && j->s[j->i] == ',') {
				j->i++;
				continue;
			}
			if (j->i < j->n && j->s[j->i] == '}') {
				j->i++;
				break;
			}
			FAIL("json: ',' or '}' expected at %zu", j->i);
		}
		break;
	case '[':
		j->i++;
		js_ws(j);
		if (j->i < j->n && j->s[j->i] == ']') {
			j->i++;
			break;
		}
		for (;;) {
			js_value(j);
			js_ws(j);
			if (j->i < j->n && j->s[j->i] == ',') {
				j->i++;
				continue;
			}
			if (j->i < j->n && j->s[j->i] == ']') {
				j->i++;
				break;
			}
			FAIL("json: ',' or ']' expected at %zu", j->i);
		}
		break;
	case '"':
		js_string(j);
		break;
	default:
		if (strncmp(j->s + j->i, "null", 4) == 0)
			j->i += 4;
		else if (strncmp(j->s + j->i, "true", 4) == 0)
			j->i += 4;
		else if (strncmp(j->s + j->i, "false", 5) == 0)
			j->i += 5;
		else if (j->s[j->i] == '-' || (j->s[j->i] >= '0' && j->s[j->i] <= '9')) {
			if (j->s[j->i] == '-')
				j->i++;
			if (j->i >= j->n || j->s[j->i] < '0' || j->s[j->i] > '9')
				FAIL("json: bad number");
			while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9')
				j->i++;
		} else
			FAIL("json: unexpected '%c' at %zu", j->s[j->i], j->i);
	}
	j->depth--;
}

/* s[0..n) is exactly one JSON value (white space around it allowed). */
static void
json_one(const char *s, size_t n)
{
	struct js j = {s, n, 0, 0};

	js_value(&j);
	js_ws(&j);
	if (j.i != n)
		FAIL("json: trailing bytes at %zu", j.i);
}

/* ---- a small XML 1.0 well-formedness checker ---- */

static bool
xml_char(uint32_t cp)
{
	return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
	    (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* A reference at s[i] ('&'): its length. */
static size_t
xml_ref(const char *s, size_t n, size_t i)
{
	static const char *const ent[] = {"&lt;", "&gt;", "&amp;", "&quot;", "&apos;"};
	size_t k;

	for (k = 0; k < 5; k++)
		if (n - i >= strlen(ent[k]) && memcmp(s + i, ent[k], strlen(ent[k])) == 0)
			return strlen(ent[k]);
	if (n - i > 3 && s[i + 1] == '#') {
		unsigned long v;
		char *end;
		char tmp[16];
		size_t m = n - i < sizeof tmp - 1 ? n - i : sizeof tmp - 1;

		memcpy(tmp, s + i, m);
		tmp[m] = '\0';
		if (tmp[2] == 'x')
			v = strtoul(tmp + 3, &end, 16);
		else
			v = strtoul(tmp + 2, &end, 10);
		if (*end != ';' || end == tmp + 2 || !xml_char((uint32_t)v))
			FAIL("xml: bad character reference at %zu", i);
		return (size_t)(end - tmp) + 1;
	}
	FAIL("xml: bad '&' at %zu", i);
}

static bool
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '-' || c == '_' || c == '.' || c == ':';
}

/* Well-formed; returns the number of elements named `count`. */
static size_t
xml_check(const char *s, size_t n, const char *count)
{
	const char *stack[16];
	size_t lens[16], depth = 0, i = 0, found = 0, roots = 0;

	if (strncmp(s, "<?xml ", 6) != 0)
		FAIL("xml: no declaration");
	i = (size_t)(strstr(s, "?>") - s) + 2;
	while (i < n) {
		if (s[i] == '<') {
			bool close = s[i + 1] == '/';
			size_t a = i + (close ? 2 : 1), b = a, nlen;

			while (b < n && name_char(s[b]))
				b++;
			if (b == a)
				FAIL("xml: bad tag at %zu", i);
			if (close) {
				if (depth == 0 || lens[depth - 1] != b - a ||
				    memcmp(stack[depth - 1], s + a, b - a) != 0)
					FAIL("xml: mismatched end tag at %zu", i);
				depth--;
				if (b >= n || s[b] != '>')
					FAIL("xml: bad end tag at %zu", i);
				i = b + 1;
				continue;
			}
			nlen = b - a;
			if (depth == 0 && roots++)
				FAIL("xml: a second root element at %zu", i);
			if (strlen(count) == b - a && memcmp(count, s + a, b - a) == 0)
				found++;
			/* Attributes. */
			for (;;) {
				size_t na;

				while (b < n && s[b] == ' ')
					b++;
				if (b < n && (s[b] == '>' || (s[b] == '/' && b + 1 < n && s[b + 1] == '>')))
					break;
				na = b;
				while (b < n && name_char(s[b]))
					b++;
				if (b == na || b + 1 >= n || s[b] != '=' || s[b + 1] != '"')
					FAIL("xml: bad attribute at %zu", b);
				b += 2;
				while (b < n && s[b] != '"') {
					if (s[b] == '<')
						FAIL("xml: '<' in an attribute at %zu", b);
					if (s[b] == '&')
						b += xml_ref(s, n, b);
					else
						b++;
				}
				if (b >= n)
					FAIL("xml: unterminated attribute");
				b++;
			}
			if (s[b] == '/') {
				i = b + 2;
			} else {
				if (depth == 16)
					FAIL("xml: too deep");
				stack[depth] = s + a;
				lens[depth++] = nlen;
				i = b + 1;
			}
			continue;
		}
		if (s[i] == '&') {
			i += xml_ref(s, n, i);
			continue;
		}
		if (depth == 0 && !strchr(" \n", s[i]))
			FAIL("xml: text outside the root at %zu", i);
		{
			uint32_t cp;
			size_t k = u8((const unsigned char *)s + i, n - i, &cp);

			if (k == 0 || !xml_char(cp))
				FAIL("xml: not an XML character at %zu", i);
			i += k;
		}
	}
	if (depth || roots != 1)
		FAIL("xml: unclosed elements or no root");
	return found;
}

/* ---- the harness ---- */

static size_t
count_str(const char *s, size_t n, const char *pat)
{
	size_t c = 0, m = strlen(pat), i;

	for (i = 0; i + m <= n; i++)
		if (memcmp(s + i, pat, m) == 0)
			c++;
	return c;
}

static size_t
count_lines(const char *s, size_t n)
{
	return count_str(s, n, "\n");
}

/* Records of an RFC 4180 file after the BOM; every record must have 9 fields. */
static size_t
csv_records(const char *s, size_t n)
{
	size_t i = 0, recs = 0, fields = 1;

	if (n < 3 || memcmp(s, "\xef\xbb\xbf", 3) != 0)
		FAIL("csv: no BOM");
	i = 3;
	while (i < n) {
		if (s[i] == '"') {
			i++;
			for (;;) {
				if (i >= n)
					FAIL("csv: unterminated quoted field");
				if (s[i] == '"') {
					if (i + 1 < n && s[i + 1] == '"') {
						i += 2;
						continue;
					}
					i++;
					break;
				}
				i++;
			}
			if (i < n && s[i] != ',' && s[i] != '\r')
				FAIL("csv: text after a closing quote at %zu", i);
			continue;
		}
		if (s[i] == ',') {
			fields++;
			i++;
		} else if (s[i] == '\r') {
			if (i + 1 >= n || s[i + 1] != '\n')
				FAIL("csv: CR without LF at %zu", i);
			if (fields != 9)
				FAIL("csv: record %zu has %zu fields", recs, fields);
			recs++;
			fields = 1;
			i += 2;
		} else if (s[i] == '\n') {
			FAIL("csv: bare LF at %zu", i);
		} else {
			i++;
		}
	}
	return recs;
}

static void
run_format(const char *name, const char *path, const struct document *doc,
    const struct findings *fs, bool show, bool color, enum column_unit unit, size_t nrules)
{
	const struct formatter *fmt = formatter_find(name);
	struct report_ctx rc = {0};
	char *out = NULL, *ep = path_escaped(path);
	size_t len = 0, n = findings_count(fs), i;
	FILE *f = open_memstream(&out, &len);

	if (fmt == NULL || f == NULL)
		FAIL("%s: no such format", name);
	rc.out = f;
	rc.unit = unit;
	rc.origin = 1;
	rc.show_source = show && strcmp(name, "gcc") == 0;
	rc.color = color;
	rc.csv_bom = true;
	if (fmt->prepare && fmt->prepare(&rc) != NULL)
		FAIL("%s: prepare refused", name);
	if (fmt->begin)
		fmt->begin(&rc);
	fmt->file(&rc, doc, fs);
	if (fmt->end)
		fmt->end(&rc);
	fclose(f);

	check_chars(name, out, len, strcmp(name, "csv") == 0, color && strcmp(name, "gcc") == 0);
	if (strcmp(name, "gcc") == 0) {
		const char *p = out;

		if (count_lines(out, len) != n * (rc.show_source ? 3 : 1))
			FAIL("gcc: %zu lines for %zu findings", count_lines(out, len), n);
		for (i = 0; i < n; i++) {
			const char *q = p;

			if (color) {
				if (strncmp(q, "\033[1m", 4) != 0)
					FAIL("gcc: no bold");
				q += 4;
			}
			if (strncmp(q, ep, strlen(ep)) != 0 || q[strlen(ep)] != ':')
				FAIL("gcc: line %zu does not begin with the escaped path", i);
			p = strchr(p, '\n') + 1;
			if (rc.show_source)
				p = strchr(strchr(p, '\n') + 1, '\n') + 1;
		}
	} else if (strcmp(name, "json") == 0) {
		const char *p = out, *e = out + len;

		for (i = 0; p < e; i++) {
			const char *nl = memchr(p, '\n', (size_t)(e - p));

			if (nl == NULL)
				FAIL("json: no final LF");
			if (*p != '{')
				FAIL("json: a line is not an object");
			json_one(p, (size_t)(nl - p));
			p = nl + 1;
		}
		if (i != n)
			FAIL("json: %zu lines for %zu findings", i, n);
	} else if (strcmp(name, "sarif") == 0) {
		json_one(out, len);
		if (count_str(out, len, "\"ruleId\":") != n)
			FAIL("sarif: wrong number of results");
	} else if (strcmp(name, "codequality") == 0) {
		const char *p = out;

		json_one(out, len);
		if (count_str(out, len, "\"fingerprint\":") != n)
			FAIL("codequality: wrong number of issues");
		/* Fingerprints distinct. */
		{
			char (*fp)[33] = xcalloc(n ? n : 1, sizeof *fp);
			size_t k = 0, a, b;

			while ((p = strstr(p, "\"fingerprint\":\"")) != NULL) {
				memcpy(fp[k++], p + 15, 32);
				p += 15;
			}
			for (a = 0; a < k; a++)
				for (b = a + 1; b < k; b++)
					if (strcmp(fp[a], fp[b]) == 0)
						FAIL("codequality: fingerprint %s twice", fp[a]);
			free(fp);
		}
	} else if (strcmp(name, "github") == 0) {
		size_t ann = 0, plain = 0, other = 0;
		const char *p = out, *e = out + len;

		while (p < e) {
			const char *nl = memchr(p, '\n', (size_t)(e - p));

			if (nl == NULL)
				FAIL("github: no final LF");
			if (strncmp(p, "::error file=", 13) == 0 || strncmp(p, "::warning file=", 15) == 0 ||
			    strncmp(p, "::notice file=", 14) == 0)
				ann++;
			else if (strncmp(p, "gwlint: ", 8) == 0)
				other++;
			else if (strncmp(p + strspn(p, " "), "::", 2) == 0 ||
			    strncmp(p + strspn(p, " "), "\xe3\x80\x80::", 5) == 0)
				FAIL("github: a plain line begins with '::' after white space");
			else
				plain++;
			p = nl + 1;
		}
		if (ann != n || plain != (n > 10 ? n : 0) || other != (n > 10))
			FAIL("github: %zu commands, %zu plain lines for %zu findings", ann, plain, n);
	} else if (strcmp(name, "checkstyle") == 0) {
		if (xml_check(out, len, "error") != n)
			FAIL("checkstyle: wrong number of <error>");
	} else if (strcmp(name, "junit") == 0) {
		size_t want = n ? 5 + n + 3 * nrules : 6;

		xml_check(out, len, "failure");
		if (count_lines(out, len) != want)
			FAIL("junit: %zu lines, want %zu", count_lines(out, len), want);
	} else if (strcmp(name, "csv") == 0) {
		if (csv_records(out, len) != n + 1)
			FAIL("csv: wrong number of records");
	} else if (strcmp(name, "summary") == 0) {
		if (count_lines(out, len) != nrules + 6)
			FAIL("summary: %zu lines, want %zu", count_lines(out, len), nrules + 6);
	}
	free(out);
	free(ep);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const formats[] = {"gcc", "json", "sarif", "github", "checkstyle",
	    "junit", "csv", "summary", "codequality"};
	static const char *const rules[] = {"fz-a", "fz-b"};
	const char *p = (const char *)data, *e = p + size, *part[3];
	size_t plen[3], k, i, n, textlen, nrules;
	unsigned ctrl;
	char *path, *msg, *fix;
	struct decoded dec;
	struct document *doc;
	struct findings *fs;
	bool used[2] = {false, false};

	if (size == 0)
		return 0;
	ctrl = data[0];
	p++;
	for (k = 0; k < 3; k++) {
		const char *z = memchr(p, '\0', (size_t)(e - p));

		part[k] = p;
		plen[k] = z ? (size_t)(z - p) : (size_t)(e - p);
		p = z ? z + 1 : e;
	}
	path = plen[0] ? xstrndup(part[0], plen[0]) : xstrdup("x");
	msg = xstrndup(part[1], plen[1]);
	fix = xstrndup(part[2], plen[2]);
	/* The path round-trips through its escaped form. */
	{
		char *ep = path_escaped(path), *back;
		size_t blen;

		check_chars("path", ep, strlen(ep), false, false);
		if (strchr(ep, '\n') || strchr(ep, '\t'))
			FAIL("path: LF or TAB left in the escaped form");
		back = unescape_path(ep, &blen);
		if (blen != strlen(path) || memcmp(back, path, blen) != 0)
			FAIL("path: the escaped form does not undo to the path");
		free(back);
		free(ep);
	}
	/* The text as read_file hands it over: a NUL after the bytes.  (decode()
	 * read one byte past an exact-size buffer after a run of Han text — issue
	 * 13 #1, found here too and kept in tests/fuzz-regress/escape/; the
	 * decoder is fuzz_lint's and the UTF-8 target's subject, this target's
	 * is the output.) */
	{
		unsigned char *copy = xmalloc((size_t)(e - p) + 1);

		memcpy(copy, p, (size_t)(e - p));
		copy[e - p] = 0;
		decode(copy, (size_t)(e - p), ENC_AUTO, &dec);
		free(copy);
	}
	free(dec.bad);
	textlen = dec.len;
	doc = doc_new(path, dec.text, dec.len);
	fs = findings_new();
	n = (ctrl & 15) + 1;
	for (i = 0; i < n; i++) {
		const char *t = doc_text(doc);
		size_t s = textlen ? (i * 7919 + ctrl * 31) % (textlen + 1) : 0, end;

		while (s > 0 && s < textlen && ((unsigned char)t[s] & 0xC0) == 0x80)
			s--;
		end = s + (i % 5);
		if (end > textlen)
			end = textlen;
		while (end < textlen && ((unsigned char)t[end] & 0xC0) == 0x80)
			end++;
		used[i % 2] = true;
		findings_add(fs, s, end, rules[i % 2], (enum severity)(SEV_INFO + i % 3),
		    i % 3 == 2 ? xasprintf("%s (%zu)", msg, i) : xstrdup(msg),
		    (ctrl & 64) ? xstrdup(fix) : NULL);
	}
	nrules = (size_t)used[0] + (size_t)used[1];
	for (k = 0; k < sizeof formats / sizeof *formats; k++)
		run_format(formats[k], path, doc, fs, (ctrl & 16) != 0, (ctrl & 32) != 0,
		    (ctrl & 128) ? COL_UTF16 : COL_DISPLAY, nrules);
	findings_free(fs);
	doc_free(doc);
	free(path);
	free(msg);
	free(fix);
	return 0;
}
