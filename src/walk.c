/* SPDX-License-Identifier: MIT */
/** \file walk.c
 * \brief The folder walk and the files gwlint cannot lint (SPEC §8:
 * nothing passes unchecked).
 */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include "input/expatlib.h"
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "input/ziplib.h"

#include "input/extract.h"
#include "util.h"
#include "input/markdown.h"
#include "report/escape.h"

/* ---- recognising documents by content ---- */

/* The bytes of a file in memory, or an open file read with pread. */
struct src {
	const unsigned char *mem;
	int fd;
	uint64_t size;
};

/* Read up to n bytes at off; returns how many were read. */
static size_t
src_read(const struct src *s, uint64_t off, unsigned char *buf, size_t n)
{
	size_t got = 0;

	if (off >= s->size)
		return 0;
	if (n > s->size - off)
		n = (size_t)(s->size - off);
	if (s->mem) {
		memcpy(buf, s->mem + off, n);
		return n;
	}
	while (got < n) {
		ssize_t r = pread(s->fd, buf + got, n - got, (off_t)(off + got));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Longest ZIP end record search (the record plus the longest comment). */
#define ZIP_TAIL (22 + 65535)
/* Most central directory read to name a ZIP file's kind. */
#define ZIP_CD_MAX ((size_t)4 << 20)

struct zip_names {
	bool content_types, word, ofd, mimetype;
	bool cd_whole;   /* the central directory was read whole (ZIP_CD_MAX) */
	size_t entries;  /* central directory entries seen */
};

static void
zip_name(struct zip_names *z, const unsigned char *name, size_t n)
{
	if (n == 19 && memcmp(name, "[Content_Types].xml", 19) == 0)
		z->content_types = true;
	else if (n > 5 && memcmp(name, "word/", 5) == 0)
		z->word = true;
	else if (n == 7 && memcmp(name, "OFD.xml", 7) == 0)
		z->ofd = true;
	else if (n == 8 && memcmp(name, "mimetype", 8) == 0)
		z->mimetype = true;
}

/* The names in the central directory; false when there is no end record. */
static bool
zip_central(const struct src *s, struct zip_names *z)
{
	size_t tail = s->size < ZIP_TAIL ? (size_t)s->size : ZIP_TAIL, got, i, cdlen;
	unsigned char *buf = xmalloc(tail ? tail : 1), *cd;
	uint32_t cdoff;
	bool found = false;

	got = src_read(s, s->size - tail, buf, tail);
	for (i = got >= 22 ? got - 22 + 1 : 0; i-- > 0;)
		if (memcmp(buf + i, "PK\5\6", 4) == 0) {
			found = true;
			break;
		}
	if (!found) {
		free(buf);
		return false;
	}
	cdlen = le32(buf + i + 12);
	cdoff = le32(buf + i + 16);
	free(buf);
	if (cdoff >= s->size)
		return true;
	if (cdlen > s->size - cdoff)
		cdlen = (size_t)(s->size - cdoff);
	z->cd_whole = cdlen <= ZIP_CD_MAX;
	if (cdlen > ZIP_CD_MAX)
		cdlen = ZIP_CD_MAX;
	cd = xmalloc(cdlen ? cdlen : 1);
	cdlen = src_read(s, cdoff, cd, cdlen);
	for (i = 0; i + 46 <= cdlen && memcmp(cd + i, "PK\1\2", 4) == 0;) {
		size_t nl = le16(cd + i + 28), step = 46 + nl + le16(cd + i + 30) + le16(cd + i + 32);

		if (i + 46 + nl > cdlen)
			break;
		zip_name(z, cd + i + 46, nl);
		z->entries++;
		i += step;
	}
	free(cd);
	return true;
}

/* Most of the start of a ZIP without its end record (a cut download) read
 * for local entry names. */
#define ZIP_LOCAL_SCAN ((size_t)64 << 10)

/* The names of the local entries in the first ZIP_LOCAL_SCAN bytes: a
 * truncated .docx still shows its word/ parts, which come early. */
static void
zip_local(const struct src *s, struct zip_names *z)
{
	unsigned char *buf = xmalloc(ZIP_LOCAL_SCAN);
	size_t got = src_read(s, 0, buf, ZIP_LOCAL_SCAN), i;

	for (i = 0; i + 30 <= got; i++) {
		size_t nl;

		if (buf[i] != 'P' || memcmp(buf + i, "PK\3\4", 4) != 0)
			continue;
		nl = le16(buf + i + 26);
		if (i + 30 + nl > got)
			break;
		zip_name(z, buf + i + 30, nl);
	}
	free(buf);
}

/*
 * A package without word/ parts may still be a Word document whose main
 * part lives elsewhere (the reader follows _rels/.rels): ask its
 * [Content_Types].xml for the WordprocessingML main document content type,
 * on an Override (any part name) or a Default (an extension).  Bounded:
 * only for a central directory read whole by zip_central and within the
 * reader's entry limit, at most CT_MAX inflated bytes of that one part,
 * streamed through expat (which never holds it whole), a DOCTYPE refused.
 */
#define CT_MAX ((size_t)1 << 20)
#define CT_NS "http://schemas.openxmlformats.org/package/2006/content-types"
#define CT_SEP '\x01'

static const char *const word_main_types[] = {
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
	"application/vnd.ms-word.document.macroEnabled.main+xml",
	"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
};

struct ct_scan {
	XML_Parser p;
	unsigned depth;
	bool word;
};

static void XMLCALL
ct_start(void *u, const XML_Char *name, const XML_Char **atts)
{
	struct ct_scan *c = u;
	static const char ns[] = CT_NS;
	size_t i;

	/* <Types><Default .../> or <Override .../></Types>: depth 2. */
	if (++c->depth != 2 || strncmp(name, ns, sizeof ns - 1) != 0 ||
	    name[sizeof ns - 1] != CT_SEP ||
	    (strcmp(name + sizeof ns, "Default") != 0 && strcmp(name + sizeof ns, "Override") != 0))
		return;
	for (; atts[0] != NULL; atts += 2) {
		if (strcmp(atts[0], "ContentType") != 0)
			continue;
		for (i = 0; i < sizeof word_main_types / sizeof *word_main_types; i++)
			if (strcasecmp(atts[1], word_main_types[i]) == 0) {
				c->word = true;
				XML_StopParser(c->p, XML_FALSE);
				return;
			}
	}
}

static void XMLCALL
ct_end(void *u, const XML_Char *name)
{
	struct ct_scan *c = u;

	(void)name;
	c->depth--;
}

static void XMLCALL
ct_doctype(void *u, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
    int internal)
{
	struct ct_scan *c = u;

	(void)name, (void)sysid, (void)pubid, (void)internal;
	XML_StopParser(c->p, XML_FALSE);
}

static bool
ct_names_word(const struct src *s, const struct zip_names *z)
{
	struct docx_limits lim;
	zip_error_t ze;
	zip_t *za = NULL;
	zip_file_t *zf;
	zip_int64_t idx;
	struct ct_scan c = {NULL, 0, false};
	char *chunk;
	size_t got = 0;
	off_t pos = -1;

	docx_limits_default(&lim);
	if (!z->cd_whole || z->entries > lim.max_entries)
		return false;
	zip_error_init(&ze);
	if (s->mem) {
		zip_source_t *zs = zip_source_buffer_create(s->mem, s->size, 0, &ze);

		if (zs != NULL && (za = zip_open_from_source(zs, ZIP_RDONLY, &ze)) == NULL)
			zip_source_free(zs);
	} else {
		int fd2 = dup(s->fd);
		int e;

		pos = lseek(s->fd, 0, SEEK_CUR);
		if (fd2 >= 0 && (za = zip_fdopen(fd2, ZIP_RDONLY, &e)) == NULL)
			close(fd2);
	}
	zip_error_fini(&ze);
	if (za == NULL)
		goto out;
	idx = zip_name_locate(za, "[Content_Types].xml", ZIP_FL_NOCASE);
	zf = idx < 0 ? NULL : zip_fopen_index(za, (zip_uint64_t)idx, 0);
	if (zf == NULL) {
		zip_discard(za);
		goto out;
	}
	c.p = XML_ParserCreateNS(NULL, CT_SEP);
	if (c.p == NULL)
		fatal("out of memory");
	XML_SetUserData(c.p, &c);
	XML_SetElementHandler(c.p, ct_start, ct_end);
	XML_SetStartDoctypeDeclHandler(c.p, ct_doctype);
	chunk = xmalloc(16384);
	while (!c.word && got < CT_MAX) {
		zip_int64_t n = zip_fread(zf, chunk, CT_MAX - got < 16384 ? CT_MAX - got : 16384);

		if (n < 0 || XML_Parse(c.p, chunk, (int)n, n == 0) != XML_STATUS_OK || n == 0)
			break;
		got += (size_t)n;
	}
	free(chunk);
	XML_ParserFree(c.p);
	zip_fclose(zf);
	zip_discard(za);
out:
	if (pos >= 0)
		(void)lseek(s->fd, pos, SEEK_SET);
	return c.word;
}

static enum doc_kind
zip_kind(const struct src *s)
{
	struct zip_names z = {false, false, false, false, false, 0};
	unsigned char h[30 + 8 + 64];
	size_t got = src_read(s, 0, h, sizeof h);
	bool first_mimetype = got >= 38 && le16(h + 26) == 8 && memcmp(h + 30, "mimetype", 8) == 0;

	if (!zip_central(s, &z))
		zip_local(s, &z);
	if (got >= 30) /* the first entry too (the end record may be gone) */
		zip_name(&z, h + 30, le16(h + 26) < got - 30 ? le16(h + 26) : got - 30);
	if (z.content_types)
		return z.word || ct_names_word(s, &z) ? DOC_DOCX : DOC_OOXML_OTHER;
	if (z.ofd)
		return DOC_OFD;
	if (first_mimetype || z.mimetype) {
		/* OpenDocument: the first entry, stored, is its media type. */
		size_t at = 30 + 8 + (first_mimetype ? le16(h + 28) : 0);
		static const char odt[] = "application/vnd.oasis.opendocument.text";

		if (first_mimetype && at + sizeof odt - 1 <= got &&
		    memcmp(h + at, odt, sizeof odt - 1) == 0)
			return DOC_ODT;
		return DOC_ODF_OTHER;
	}
	return DOC_ZIP;
}

/* An OLE2 compound file: the stream names in its first directory sector. */
static enum doc_kind
ole2_kind(const struct src *s)
{
	unsigned char h[512], dir[4096];
	unsigned shift;
	uint32_t first;
	uint64_t off;
	size_t got, i;

	if (src_read(s, 0, h, sizeof h) < 0x40)
		return DOC_OLE2;
	shift = le16(h + 0x1E);
	first = le32(h + 0x30);
	if (shift < 9 || shift > 16 || first >= 0xFFFFFFFAu)
		return DOC_OLE2;
	off = ((uint64_t)first + 1) << shift;
	got = src_read(s, off, dir, (size_t)1 << (shift < 12 ? shift : 12));
	for (i = 0; i + 128 <= got; i += 128) {
		char name[32];
		unsigned nl = le16(dir + i + 0x40), k;

		if (nl < 2 || nl > 64)
			continue;
		for (k = 0; k < nl / 2 - 1 && k < sizeof name - 1; k++)
			name[k] = dir[i + 2 * k + 1] ? '?' : (char)dir[i + 2 * k];
		name[k] = '\0';
		if (strcmp(name, "WordDocument") == 0)
			return DOC_OLE2_WORD;
		if (strcmp(name, "EncryptedPackage") == 0)
			return DOC_OLE2_CRYPT;
	}
	return DOC_OLE2;
}

static enum doc_kind
doc_kind_of(const struct src *s)
{
	unsigned char m[8];
	size_t got = src_read(s, 0, m, sizeof m);

	if (got >= 4 && memcmp(m, "PK\3\4", 4) == 0)
		return zip_kind(s);
	if (got >= 4 && memcmp(m, "PK\5\6", 4) == 0)
		return DOC_ZIP;      /* an empty archive */
	if (got == 8 && memcmp(m, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return ole2_kind(s);
	if (got >= 5 && memcmp(m, "%PDF-", 5) == 0)
		return DOC_PDF;
	if (got >= 5 && memcmp(m, "{\\rtf", 5) == 0)
		return DOC_RTF;
	return DOC_NONE;
}

enum doc_kind
doc_kind_of_bytes(const unsigned char *data, size_t len)
{
	struct src s = {data, -1, len};

	return doc_kind_of(&s);
}

enum doc_kind
doc_kind_of_fd(int fd)
{
	struct stat st;
	struct src s = {NULL, fd, 0};

	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return DOC_NONE;
	s.size = (uint64_t)st.st_size;
	return doc_kind_of(&s);
}

bool
doc_kind_report_like(enum doc_kind k)
{
	switch (k) {
	case DOC_DOCX: case DOC_OLE2_WORD: case DOC_OLE2_CRYPT: case DOC_PDF:
	case DOC_RTF: case DOC_ODT: case DOC_OFD:
		return true;
	default:
		return false;
	}
}

/* The conversion to .docx that LibreOffice does from the shell (it writes
 * NAME.docx into the current folder). */
#define SOFFICE "soffice --headless --convert-to docx"

/* path as one word for a POSIX shell: in single quotes, each ' as '\''. */
static char *
shell_quote(const char *path)
{
	struct buf b = {0};

	buf_putc(&b, '\'');
	for (; *path; path++) {
		if (*path == '\'')
			buf_puts(&b, "'\\''");
		else
			buf_putc(&b, *path);
	}
	buf_putc(&b, '\'');
	return buf_steal(&b);
}

char *
doc_kind_advice(enum doc_kind k, const char *path)
{
	char *q = shell_quote(path), *msg = NULL;

	switch (k) {
	case DOC_DOCX:
		msg = xasprintf("a Word document (.docx)");
		break;
	case DOC_OLE2_WORD:
		msg = xasprintf("a Word 97-2003 or WPS binary document (.doc, .wps), which gwlint "
		    "cannot read: save it as a Word document (.docx) in Word or WPS, or run "
		    SOFFICE " %s, and lint the .docx", q);
		break;
	case DOC_OLE2_CRYPT:
		msg = xasprintf("a password-protected (encrypted) Word document, which gwlint "
		    "cannot read: remove the password in Word or WPS, save it as .docx and lint "
		    "that");
		break;
	case DOC_OLE2:
		msg = xasprintf("an OLE2 compound file (Word 97-2003 .doc, WPS .wps, an "
		    "encrypted .docx or another Office file), which gwlint cannot read: "
		    "save it as a Word document (.docx) in Word or WPS, or run "
		    SOFFICE " %s, and lint the .docx", q);
		break;
	case DOC_PDF:
		msg = xasprintf("a PDF file, which gwlint cannot read: extract its text with "
		    "pdftotext -enc UTF-8 %s (poppler-utils; a scanned PDF needs OCR "
		    "first) and lint the .txt", q);
		break;
	case DOC_RTF:
		msg = xasprintf("an RTF document, which gwlint cannot read: save it as a "
		    "Word document (.docx) in Word or WPS, or run " SOFFICE " %s, and lint "
		    "the .docx", q);
		break;
	case DOC_ODT:
		msg = xasprintf("an OpenDocument text (.odt), which gwlint cannot read: "
		    "run " SOFFICE " %s (or save it as .docx) and lint the .docx", q);
		break;
	case DOC_OFD:
		msg = xasprintf("an OFD document, which gwlint cannot read: export its text "
		    "from an OFD reader as a .txt (UTF-8) and lint that");
		break;
	case DOC_OOXML_OTHER:
		msg = xasprintf("an Office Open XML file that is not a Word document "
		    "(a spreadsheet or presentation?), which gwlint cannot read: lint the "
		    "report's text as a .txt (UTF-8)");
		break;
	case DOC_ODF_OTHER:
		msg = xasprintf("an OpenDocument file that is not a text document, which "
		    "gwlint cannot read: lint the report's text as a .txt (UTF-8)");
		break;
	case DOC_ZIP:
		msg = xasprintf("a ZIP archive, which gwlint cannot read: unpack it and "
		    "lint the .txt files in it");
		break;
	case DOC_BY_NAME:
		msg = xasprintf("named like a document (Word, WPS, PDF ...) but not one gwlint "
		    "recognises: if it is plain text, rename it to .txt or name it on the "
		    "command line");
		break;
	case DOC_NONE:
		msg = xasprintf("not a file gwlint can read");
		break;
	}
	free(q);
	return msg;
}

/* ---- names ---- */

static bool
has_ext(const char *name, const char *const *exts)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	if (dot == NULL || dot == name)
		return false;
	for (i = 0; exts[i]; i++)
		if (strcasecmp(dot + 1, exts[i]) == 0)
			return true;
	return false;
}

bool
walk_lintable_name(const char *name)
{
	static const char *const txt[] = {"txt", NULL};

	return has_ext(name, txt);
}

bool
walk_document_name(const char *name)
{
	static const char *const docs[] = {
		"docx", "docm", "dotx", "dotm", "doc", "dot", "wps", "wpt",
		"pdf", "rtf", "odt", "ott", "ofd", NULL,
	};

	return has_ext(name, docs);
}

bool
walk_markdown_name(const char *name)
{
	static const char *const md[] = {"md", "markdown", "mdown", "mkd", "mkdn", NULL};

	return has_ext(name, md);
}

const char *
walk_fix_refusal(const char *path)
{
	/* Nothing is refused by name now: a Markdown file is fixed through its
	 * source map (fix_markdown), and only its text's bytes change. */
	(void)path;
	return NULL;
}

/* ---- the file list ---- */

void
fl_add(struct filelist *fl, char *path, bool walked, enum doc_kind doc)
{
	fl->v = xgrow(fl->v, &fl->cap, fl->n + 1, sizeof *fl->v);
	fl->v[fl->n].path = path;
	fl->v[fl->n].walked = walked;
	fl->v[fl->n++].doc = doc;
}

void
fl_free(struct filelist *fl)
{
	size_t i;

	for (i = 0; i < fl->n; i++)
		free(fl->v[i].path);
	free(fl->v);
	memset(fl, 0, sizeof *fl);
}

/* ---- the walk ---- */

/* A directory entry to lint, report or enter. */
struct dir_entry {
	char *path;
	bool dir;
	enum doc_kind doc;
};

static int
cmp_entry_path(const void *a, const void *b)
{
	return strcmp(((const struct dir_entry *)a)->path, ((const struct dir_entry *)b)->path);
}

/* The type of a directory entry as lstat's st_mode bits: from readdir's
 * d_type when the file system gives it (no system call), else lstat.
 * 0: it vanished. */
static mode_t
entry_type(const struct dirent *de, const char *path)
{
	struct stat st;

	switch (de->d_type) {
	case DT_REG: return S_IFREG;
	case DT_DIR: return S_IFDIR;
	case DT_LNK: return S_IFLNK;
	case DT_FIFO: return S_IFIFO;
	case DT_SOCK: return S_IFSOCK;
	case DT_CHR: return S_IFCHR;
	case DT_BLK: return S_IFBLK;
	default:
		return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0;
	}
}

/* Where a symbolic link leads when that is outside root (the caller
 * frees it), else NULL.  One that does not resolve (dangling, a loop)
 * counts as inside: reading it reports why. */
static char *
link_outside(const char *path, const char *root)
{
	char *real = realpath(path, NULL);
	size_t n = strlen(root);

	if (real == NULL || strcmp(root, "/") == 0 ||
	    (strncmp(real, root, n) == 0 && (real[n] == '/' || real[n] == '\0'))) {
		free(real);
		return NULL;
	}
	return real;
}

/* The kind of a regular file found by the walk (DOC_NONE: not a document).
 * A file named like a document that cannot be opened is DOC_NONE with
 * *unopened set: reading it later says why. */
static enum doc_kind
sniff(const char *path, bool by_name, bool *unopened)
{
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	enum doc_kind k;

	if (fd < 0) {
		*unopened = by_name;
		return DOC_NONE;
	}
	k = doc_kind_of_fd(fd);
	close(fd);
	if (by_name)
		return k != DOC_NONE ? k : DOC_BY_NAME;
	return doc_kind_report_like(k) ? k : DOC_NONE;
}

/* A Markdown file found by the walk: whether it is a report
 * (md_report_like on its first bytes).  One that cannot be opened is
 * taken: reading it later says why. */
static bool
markdown_report(const char *path, const char *name)
{
	unsigned char head[MD_HEAD_BYTES];
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	size_t got = 0;

	if (fd < 0)
		return true;
	while (got < sizeof head) {
		ssize_t r = read(fd, head + got, sizeof head - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	return md_report_like(name, head, got);
}

int
walk_dir(const char *dir, const char *root, struct filelist *fl, int depth, bool quiet)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct dir_entry *here = NULL;
	size_t i, n = 0, cap = 0;
	int rc = 0;

	if (d == NULL) {
		say("%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		mode_t m;
		char *p;
		bool txt, docname, md, unopened = false;
		enum doc_kind doc = DOC_NONE;

		if (de->d_name[0] == '.')
			continue;
		{
			size_t dl = strlen(dir);

			while (dl > 1 && dir[dl - 1] == '/')
				dl--;
			p = xasprintf("%.*s%s%s", (int)dl, dir, dir[dl - 1] == '/' ? "" : "/",
			    de->d_name);
		}
		m = entry_type(de, p);
		if (m == 0) {
			free(p);
			continue;
		}
		txt = walk_lintable_name(de->d_name);
		docname = !txt && walk_document_name(de->d_name);
		md = !txt && !docname && walk_markdown_name(de->d_name);
		if ((txt || docname || md) && S_ISLNK(m)) {
			char *out = link_outside(p, root);

			if (out) {
				if (!quiet)
					say("%s: skipped (a symbolic link out of "
					    "the folder walked, to %s)", p, out);
				free(out);
				free(p);
				continue;
			}
		}
		if (md && (S_ISREG(m) || S_ISLNK(m))) {
			/* Only a report is linted: a README.md is not. */
			if (!markdown_report(p, de->d_name)) {
				free(p);
				continue;
			}
			txt = true;
		} else if (docname && (S_ISREG(m) || S_ISLNK(m)))
			doc = sniff(p, true, &unopened);
		else if (!txt && S_ISREG(m))
			doc = sniff(p, false, &unopened);
		if (doc != DOC_NONE && extract_reads(doc)) {
			/* A document the input stage reads (.docx): linted. */
			doc = DOC_NONE;
			txt = true;
		}
		if (S_ISDIR(m) || doc != DOC_NONE || unopened ||
		    (txt && (S_ISREG(m) || S_ISLNK(m)))) {
			here = xgrow(here, &cap, n + 1, sizeof *here);
			here[n].path = p;
			here[n].doc = doc;
			here[n++].dir = S_ISDIR(m);
		} else {
			if (txt || docname || md)
				say("%s: skipped (a %s, not a regular file)",
				    p, file_type(m));
			free(p);
		}
	}
	closedir(d);
	if (n > 1)
		qsort(here, n, sizeof *here, cmp_entry_path);
	for (i = 0; i < n; i++) {
		if (here[i].dir) {
			if (depth >= 64) {
				say("%s: not entered (directories nested "
				    "deeper than 64)", here[i].path);
				rc = -1;
			} else if (walk_dir(here[i].path, root, fl, depth + 1, quiet) != 0) {
				rc = -1;
			}
			free(here[i].path);
		} else {
			fl_add(fl, here[i].path, true, here[i].doc);
		}
	}
	free(here);
	return rc;
}
