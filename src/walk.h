/* SPDX-License-Identifier: MIT */
/** \file walk.h
 * \brief Which files a run lints: the folder walk, report-like files that
 * cannot be linted (Word, WPS, PDF ...), and the files --fix may rewrite.
 */
#ifndef GWLINT_WALK_H
#define GWLINT_WALK_H

#include <stdbool.h>
#include <stddef.h>

/** What a file is by content (DOC_DOCX is read by src/input/; the rest
 *  but DOC_NONE cannot be linted). */
enum doc_kind {
	DOC_NONE = 0,      /**< text (or unknown): lint it */
	DOC_DOCX,          /**< Office Open XML word-processing (.docx) */
	DOC_OOXML_OTHER,   /**< Office Open XML, not Word (.xlsx, .pptx) */
	DOC_OLE2_WORD,     /**< OLE2 with a WordDocument stream (.doc, WPS .wps) */
	DOC_OLE2_CRYPT,    /**< OLE2 with an EncryptedPackage (a password-protected .docx) */
	DOC_OLE2,          /**< another or unidentified OLE2 compound file */
	DOC_PDF,
	DOC_RTF,
	DOC_ODT,           /**< OpenDocument text (.odt) */
	DOC_ODF_OTHER,     /**< another OpenDocument file */
	DOC_OFD,           /**< OFD fixed-layout document (GB/T 33190) */
	DOC_ZIP,           /**< another ZIP archive */
	DOC_BY_NAME,       /**< named like a document, content not recognised */
};

/** Report-like files: by content, a kind a folder walk reports (Word, PDF ...). */
bool doc_kind_report_like(enum doc_kind k);

/** The kind of a file's bytes (DOC_NONE for text and unknown data). */
enum doc_kind doc_kind_of_bytes(const unsigned char *data, size_t len);

/** The kind of an open regular file, reading at most a few blocks of it. */
enum doc_kind doc_kind_of_fd(int fd);

/**
 * One line for stderr after "gwlint: PATH: ": what the file is and how to
 * get it checked.  The caller frees it.
 */
char *doc_kind_advice(enum doc_kind k, const char *path);

/** *.txt, in any letter case: a folder walk lints it. */
bool walk_lintable_name(const char *name);
/** A document extension (.docx, .doc, .wps, .pdf, .rtf, .odt ...), any case. */
bool walk_document_name(const char *name);
/** A Markdown extension (.md, .markdown ...), any case. */
bool walk_markdown_name(const char *name);

/**
 * Why --fix must not rewrite path, or NULL when it may (a Markdown file is
 * fixed through its source map).
 * A symbolic link is refused where the file is opened for fixing (fix.c),
 * without a race.
 */
const char *walk_fix_refusal(const char *path);

/** One input file. */
struct walk_file {
	char *path;
	bool walked;          /**< found by the folder walk, not named */
	enum doc_kind doc;    /**< a walked file known not to be lintable */
};

/** The input files in order. */
struct filelist {
	struct walk_file *v;
	size_t n, cap;
	size_t excluded;      /**< walked files a config's include/exclude dropped */
};

/** Append a file (path is taken over). */
void fl_add(struct filelist *fl, char *path, bool walked, enum doc_kind doc);
/** Free every path and the list. */
void fl_free(struct filelist *fl);

/**
 * Append the files under dir, sorted: *.txt (any case), report-like
 * Markdown files (md_report_like) and the documents the input stage reads
 * (.docx, by content: extract_reads) to lint, and the other report-like
 * files (by extension or content) marked with their kind.
 * Hidden names are skipped; symbolic links to directories are not
 * followed; a symbolic link to a file outside root (dir's real path) is
 * skipped with a notice unless quiet; nesting deeper than 64 is an error.
 * Returns 0, or -1 after printing an error (the rest is still walked).
 */
int walk_dir(const char *dir, const char *root, struct filelist *fl, int depth, bool quiet);

#endif
