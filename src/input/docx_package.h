/* SPDX-License-Identifier: MIT */
/** \file docx_package.h
 * \brief What the .docx readers share about the OPC package: namespace
 *        URIs (Transitional and Strict), relationship parts, target
 *        resolution and the main part's name.
 *
 * The layout pass (docx_layout.c) finds every part it reads through these:
 * the main part from _rels/.rels (officeDocument), else the main content
 * type of [Content_Types].xml, else word/document.xml; the parts the main
 * part names (settings, styles, theme, fontTable, footers) through its
 * relationship part, by relationship type (Transitional or Strict URIs:
 * the type's last segment) or by id.
 */
#ifndef GWLINT_DOCX_PACKAGE_H
#define GWLINT_DOCX_PACKAGE_H

#include <stddef.h>
#include "ziplib.h"

#include "docx.h"

/** expat's separator between a namespace URI and a local name. */
#define DOCX_NS_SEP '\x01'

enum docx_ns {
	DOCX_NS_NONE,   /**< no namespace */
	DOCX_NS_OTHER,  /**< a namespace none of these */
	DOCX_NS_W,      /**< WordprocessingML main (Transitional or Strict) */
	DOCX_NS_MC,     /**< markup compatibility */
	DOCX_NS_CT,     /**< package content types */
	DOCX_NS_PR,     /**< package relationships */
	DOCX_NS_A,      /**< DrawingML main (theme), Transitional or Strict */
	DOCX_NS_R,      /**< officeDocument relationships (r:id), Transitional or Strict */
};

/** The namespace of an expat name ("URI\x01local") and, in *local, its local part. */
enum docx_ns docx_ns_split(const char *name, const char **local);

/** A relationship target resolved against the folder `dir` ("" or "word/"):
 *  "/x" from the package root, "." and ".." applied.  malloc'd. */
char *docx_pkg_resolve(const char *dir, const char *target);

struct docx_rel {
	char *id, *type, *target;   /**< target resolved to a part name */
};

struct docx_rels {
	struct docx_rel *v;
	size_t n, cap;
};

/** Read part `name` (found without case) into *data (NUL-terminated,
 *  malloc'd) within the limits, adding its size to *total.
 *  \return 1 read, 0 absent, -1 unreadable or over a limit. */
int docx_pkg_read(zip_t *za, const char *name, const struct docx_limits *lim, size_t *total,
    char **data, size_t *len);

/** Parse relationship part `name` of the package; internal targets are
 *  resolved against the folder of the source part, `dir`.
 *  \return 1 read, 0 absent, -1 bad (rels keeps what was read). */
int docx_pkg_rels(zip_t *za, const char *name, const char *dir, const struct docx_limits *lim,
    size_t *total, struct docx_rels *rels);
/** The first relationship whose type's last segment is `suffix`, or NULL. */
const struct docx_rel *docx_rels_type(const struct docx_rels *rels, const char *suffix);
/** The relationship of id `id`, or NULL. */
const struct docx_rel *docx_rels_id(const struct docx_rels *rels, const char *id);
void docx_rels_free(struct docx_rels *rels);

/** The main part's name (malloc'd) when the package has it, else NULL. */
char *docx_pkg_main(zip_t *za, const struct docx_limits *lim, size_t *total);

#endif
