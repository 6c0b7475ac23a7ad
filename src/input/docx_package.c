/* SPDX-License-Identifier: MIT */
/** \file docx_package.c
 * \brief The OPC package as the .docx readers see it (docx_package.h).
 */
#include "docx_package.h"

#include "expatlib.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util.h"

static const struct {
	const char *uri;
	enum docx_ns ns;
} ns_uris[] = {
	{"http://schemas.openxmlformats.org/wordprocessingml/2006/main", DOCX_NS_W},
	{"http://purl.oclc.org/ooxml/wordprocessingml/main", DOCX_NS_W},
	{"http://schemas.openxmlformats.org/markup-compatibility/2006", DOCX_NS_MC},
	{"http://schemas.openxmlformats.org/package/2006/content-types", DOCX_NS_CT},
	{"http://schemas.openxmlformats.org/package/2006/relationships", DOCX_NS_PR},
	{"http://schemas.openxmlformats.org/drawingml/2006/main", DOCX_NS_A},
	{"http://purl.oclc.org/ooxml/drawingml/main", DOCX_NS_A},
	{"http://schemas.openxmlformats.org/officeDocument/2006/relationships", DOCX_NS_R},
	{"http://purl.oclc.org/ooxml/officeDocument/relationships", DOCX_NS_R},
};

enum docx_ns
docx_ns_split(const char *name, const char **local)
{
	const char *sep = strrchr(name, DOCX_NS_SEP);
	size_t n, i;

	if (sep == NULL) {
		*local = name;
		return DOCX_NS_NONE;
	}
	*local = sep + 1;
	n = (size_t)(sep - name);
	for (i = 0; i < ARRAY_LEN(ns_uris); i++)
		if (strlen(ns_uris[i].uri) == n && memcmp(ns_uris[i].uri, name, n) == 0)
			return ns_uris[i].ns;
	return DOCX_NS_OTHER;
}

char *
docx_pkg_resolve(const char *dir, const char *target)
{
	struct buf in = {0}, out = {0};
	char *seg, *save = NULL;

	if (target[0] == '/')
		buf_puts(&in, target + 1);
	else {
		buf_puts(&in, dir);
		buf_puts(&in, target);
	}
	buf_putc(&out, '\0');
	out.len = 0;
	for (seg = in.data ? strtok_r(in.data, "/", &save) : NULL; seg;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			char *slash;

			if (out.len == 0)
				continue;
			slash = strrchr(out.data, '/');
			out.len = slash ? (size_t)(slash - out.data) : 0;
			out.data[out.len] = '\0';
			continue;
		}
		if (out.len)
			buf_putc(&out, '/');
		buf_puts(&out, seg);
	}
	buf_free(&in);
	return buf_steal(&out);
}

int
docx_pkg_read(zip_t *za, const char *name, const struct docx_limits *lim, size_t *total,
    char **data, size_t *len)
{
	zip_int64_t idx, n;
	zip_stat_t st;
	zip_file_t *zf;
	struct buf b = {0};
	char chunk[16384];

	*data = NULL;
	*len = 0;
	if (name == NULL || *name == '\0' || (idx = zip_name_locate(za, name, ZIP_FL_NOCASE)) < 0)
		return 0;
	/* as the text reader reads a part: the size the entry states is
	 * checked first, then the bytes it really inflates to, to EOF */
	zip_stat_init(&st);
	if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    st.size > lim->max_part)
		return -1;
	zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
	if (zf == NULL)
		return -1;
	while ((n = zip_fread(zf, chunk, sizeof chunk)) > 0) {
		if ((size_t)n > lim->max_part - b.len || (size_t)n > lim->max_total - *total ||
		    b.len + (size_t)n > INT32_MAX) {
			n = -1;
			break;
		}
		buf_append(&b, chunk, (size_t)n);
		*total += (size_t)n;
	}
	zip_fclose(zf);
	if (n < 0) {
		buf_free(&b);
		return -1;
	}
	*len = b.len;
	*data = buf_steal(&b);
	return 1;
}

/* ---- relationship parts and [Content_Types].xml ---- */

struct pkg_ps {
	struct docx_rels *rels;
	const char *dir;
	char *main_ct;
	unsigned depth, max_depth;
	int bad;
};

static const char *
plain_attr(const char **atts, const char *name)
{
	size_t i;

	for (i = 0; atts[i]; i += 2)
		if (strcmp(atts[i], name) == 0)
			return atts[i + 1];
	return NULL;
}

static const char *const main_types[] = {
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
	"application/vnd.ms-word.document.macroEnabled.main+xml",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
	"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
};

static void XMLCALL
pkg_start(void *u, const char *name, const char **atts)
{
	struct pkg_ps *s = u;
	const char *local, *id, *type, *t, *mode;
	enum docx_ns ns = docx_ns_split(name, &local);
	size_t i;

	if (++s->depth > s->max_depth) {
		s->bad = 1;
		return;
	}
	if (s->rels && ns == DOCX_NS_PR && strcmp(local, "Relationship") == 0) {
		id = plain_attr(atts, "Id");
		type = plain_attr(atts, "Type");
		t = plain_attr(atts, "Target");
		mode = plain_attr(atts, "TargetMode");
		if (type == NULL || t == NULL || (mode && strcasecmp(mode, "External") == 0))
			return;
		s->rels->v = xgrow(s->rels->v, &s->rels->cap, s->rels->n + 1, sizeof *s->rels->v);
		s->rels->v[s->rels->n].id = xstrdup(id ? id : "");
		s->rels->v[s->rels->n].type = xstrdup(type);
		s->rels->v[s->rels->n].target = docx_pkg_resolve(s->dir, t);
		s->rels->n++;
	} else if (!s->rels && ns == DOCX_NS_CT && strcmp(local, "Override") == 0 &&
	    s->main_ct == NULL && (type = plain_attr(atts, "ContentType")) != NULL &&
	    (t = plain_attr(atts, "PartName")) != NULL) {
		for (i = 0; i < ARRAY_LEN(main_types); i++)
			if (strcasecmp(type, main_types[i]) == 0)
				s->main_ct = docx_pkg_resolve("", t);
	}
}

static void XMLCALL
pkg_end(void *u, const char *name)
{
	struct pkg_ps *s = u;

	(void)name;
	if (s->depth)
		s->depth--;
}

static void XMLCALL
pkg_doctype(void *u, const char *name, const char *sysid, const char *pubid, int has_internal)
{
	struct pkg_ps *s = u;

	(void)name; (void)sysid; (void)pubid; (void)has_internal;
	s->bad = 1;
}

static int
pkg_parse(zip_t *za, const char *name, const struct docx_limits *lim, size_t *total,
    struct pkg_ps *s)
{
	char *data;
	size_t len;
	int rc = docx_pkg_read(za, name, lim, total, &data, &len);
	XML_Parser xp;

	if (rc != 1)
		return rc;
	xp = XML_ParserCreateNS(NULL, DOCX_NS_SEP);
	if (xp == NULL)
		fatal("out of memory");
	s->max_depth = lim->max_depth;
	XML_SetUserData(xp, s);
	XML_SetElementHandler(xp, pkg_start, pkg_end);
	XML_SetStartDoctypeDeclHandler(xp, pkg_doctype);
	if (XML_Parse(xp, data, (int)len, 1) != XML_STATUS_OK)
		s->bad = 1;
	XML_ParserFree(xp);
	free(data);
	return s->bad ? -1 : 1;
}

int
docx_pkg_rels(zip_t *za, const char *name, const char *dir, const struct docx_limits *lim,
    size_t *total, struct docx_rels *rels)
{
	struct pkg_ps s;

	memset(&s, 0, sizeof s);
	s.rels = rels;
	s.dir = dir;
	return pkg_parse(za, name, lim, total, &s);
}

/* The last segment of a relationship type is its kind, in Transitional
 * (…/officeDocument/2006/relationships/styles) and Strict
 * (…/ooxml/officeDocument/relationships/styles) alike. */
const struct docx_rel *
docx_rels_type(const struct docx_rels *rels, const char *suffix)
{
	size_t i, n = strlen(suffix), t;

	for (i = 0; i < rels->n; i++) {
		t = strlen(rels->v[i].type);
		if (t > n && rels->v[i].type[t - n - 1] == '/' &&
		    strcmp(rels->v[i].type + t - n, suffix) == 0)
			return &rels->v[i];
	}
	return NULL;
}

const struct docx_rel *
docx_rels_id(const struct docx_rels *rels, const char *id)
{
	size_t i;

	for (i = 0; id && i < rels->n; i++)
		if (strcmp(rels->v[i].id, id) == 0)
			return &rels->v[i];
	return NULL;
}

void
docx_rels_free(struct docx_rels *rels)
{
	size_t i;

	for (i = 0; i < rels->n; i++) {
		free(rels->v[i].id);
		free(rels->v[i].type);
		free(rels->v[i].target);
	}
	free(rels->v);
	memset(rels, 0, sizeof *rels);
}

static int
exists(zip_t *za, const char *name)
{
	return name && *name && zip_name_locate(za, name, ZIP_FL_NOCASE) >= 0;
}

char *
docx_pkg_main(zip_t *za, const struct docx_limits *lim, size_t *total)
{
	struct docx_rels rels = {0};
	const struct docx_rel *r;
	struct pkg_ps s;
	char *name = NULL;

	if (docx_pkg_rels(za, "_rels/.rels", "", lim, total, &rels) >= 0 &&
	    (r = docx_rels_type(&rels, "officeDocument")) != NULL && exists(za, r->target))
		name = xstrdup(r->target);
	docx_rels_free(&rels);
	if (name)
		return name;
	memset(&s, 0, sizeof s);
	pkg_parse(za, "[Content_Types].xml", lim, total, &s);
	if (s.main_ct && exists(za, s.main_ct))
		return s.main_ct;
	free(s.main_ct);
	return exists(za, "word/document.xml") ? xstrdup("word/document.xml") : NULL;
}
