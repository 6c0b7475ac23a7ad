/* SPDX-License-Identifier: MIT */
/** \file server.h
 * \brief `gwlint --lsp`: a language server (LSP 3.17) over a byte stream.
 *
 * Single-threaded.  Documents are synchronised in full; each is linted in
 * process on open, on save, and after a change once no newer change came
 * for `debounce_ms` (the versions in between are never linted).  Positions
 * are sent in the unit the client and server agree on at initialize
 * (utf-8 if offered, else utf-32, else utf-16).  Settings: the command
 * line's (`lsp_params`), then the nearest .gwlint.yaml as for the command
 * line (configs_resolve decides, as for a lint run); a config or pack is
 * read again when it changed (mtime, size, inode) or when the client says
 * so (workspace/didChangeWatchedFiles).
 */
#ifndef GWLINT_LSP_SERVER_H
#define GWLINT_LSP_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "../config.h"
#include "../lint.h"
#include "transport.h"

/** Deepest JSON nesting read (LSP messages nest about 8 deep). */
#define LSP_JSON_DEPTH 64

/** What the command line decides for the server (main.c fills it). */
struct lsp_params {
	const char *const *packs;  /**< --rules, in order, or the default packs */
	size_t npacks;
	const char *config;        /**< --config FILE, or NULL */
	bool trust_config;         /**< --trust-config */
	const char *const *allow;  /**< --allow-packs */
	size_t nallow;
	bool fix_config_packs;     /**< --fix-from-config-packs */
	struct lint_settings base; /**< --year, --encoding, --binary */
	struct cli_rules cli;      /**< --enable, --disable, --severity */
	int debounce_ms;           /**< quiet time after a change before linting */
	size_t max_frame;          /**< longest frame read (LSP_FRAME_MAX) */
	bool log;                  /**< log protocol problems on stderr */
};

/**
 * Serve until `exit` or the end of input.  Returns the exit status: 0 when
 * `exit` (or the end of input) came after `shutdown`, else 1.
 */
int lsp_serve(const struct lsp_params *p, const struct lsp_io *io);

#endif
