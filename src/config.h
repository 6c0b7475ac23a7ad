/* SPDX-License-Identifier: MIT */
/** \file config.h
 * \brief The project config, `.gwlint.yaml`: found upward from each file
 *        (or named by --config), merged under the command line.
 *
 *     enable: [rule-id, ...]          run these rules
 *     disable: [rule-id, ...]         do not run these
 *     severity: {rule-id: level, ...} error | warning | info
 *     variables:
 *       report_year: 2023             as --year
 *       issuer: 某某市司法局            the {issuer} variable
 *       issuer_type: department       government | department (filing window)
 *     packs: [path, ...]              extra rule packs (relative to the config)
 *     include: [glob, ...]            files found in directories: lint only these
 *     exclude: [glob, ...]            ... and never these
 *
 * Precedence: a rule's default, then the config, then the command line
 * (--enable, --disable, --severity, --year).  Extra packs apply to the
 * files that config governs.  Errors are positioned like rule-pack errors,
 * and every one is reported (up to YTREE_MAX_ERRORS).
 */
#ifndef GWLINT_CONFIG_H
#define GWLINT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "document.h"
#include "finding.h"
#include "lint.h"
#include "pack.h"

#define CONFIG_NAME ".gwlint.yaml"
/** Also found (a folder holding both is an error). */
#define CONFIG_NAME_ALT ".gwlint.yml"

struct config;
struct configs;

/** A registry of the configs met in this run; `forced` is --config (or NULL). */
struct configs *configs_new(const char *forced, enum column_unit unit, int origin);
void configs_free(struct configs *cs);

/**
 * The config governing `path` (a file, or "-" for stdin: the current
 * directory): the forced one, else the nearest CONFIG_NAME upward.  *out is
 * NULL when there is none (CONFIG_NAME_ALT counts as CONFIG_NAME; both in
 * one folder is an error).  Returns 0, or -1 with *err set (caller frees).
 */
int configs_lookup(struct configs *cs, const char *path, struct config **out, char **err);

/** Append every config's extra packs (each once) to *list. */
void configs_packs(const struct configs *cs, const char ***list, size_t *n);

/** What the command line says about rules (its ids exist in the rule set:
 *  the caller checked them); it wins over every config. */
struct cli_rules {
	const char *const *enable;    /**< --enable */
	size_t nenable;
	const char *const *disable;   /**< --disable */
	size_t ndisable;
	const struct sev_override *sev; /**< --severity, in order (the last wins) */
	size_t nsev;
};

/**
 * Check the rule ids the configs name against rs and build each config's
 * settings, and the settings of files without a config: `base` (its year is
 * --year, 0 if not given), every rule on with no severity set, then the
 * config, then `cli`.  This is the one place a rule's enabled state and
 * user-set severity are decided.  Returns 0, or -1 with *err set.
 */
int configs_resolve(struct configs *cs, struct ruleset *rs, const struct lint_settings *base,
    const struct cli_rules *cli, char **err);

/** Settings for files governed by c (NULL: no config). After configs_resolve. */
const struct lint_settings *config_settings(const struct configs *cs, const struct config *c);
/** Severity rule index i is shown with under c (NULL: no config): the one the
 *  user set, else the rule's default (a kind may grade single findings). */
enum severity config_severity(const struct configs *cs, const struct config *c,
    struct ruleset *rs, size_t i);

/**
 * The trust model.  A config found by walking upward, and each pack it
 * names, is used only if it is owned by us (the effective uid) or root,
 * and neither it nor the folder it lies in (owned by us or root too) can be
 * written by group or others;
 * otherwise the config is ignored with a notice on stderr, unless
 * `trust_found` (--trust-config).  --config FILE is trusted, packs and all.
 * Every config's packs must lie, links and .. resolved, in the config's
 * folder or below, or below one of `allow` (--allow-packs): otherwise a
 * positioned error.  Call before the first lookup.  Returns 0, or -1 with
 * *err set (an --allow-packs folder that does not exist).
 */
int configs_set_trust(struct configs *cs, bool trust_found, const char *const *allow,
    size_t nallow, char **err);

/** Whether rule r was loaded from pack path p (a file, or a directory of packs). */
bool rule_from_pack(const struct rule *r, const char *p);

/** Whether a file met while walking a directory is linted (include/exclude). */
bool config_wants(const struct config *c, const char *path);

/** Where the effective report year comes from, for config_print. */
enum year_source { YEAR_FROM_REPORT = 0, YEAR_FROM_CLI, YEAR_FROM_CONFIG };

/**
 * --print-config: the settings for `file` under c (NULL: no config), after
 * configs_resolve: the config file, report_year and where it comes from,
 * issuer, issuer_type, the packs (`packs`: the command line's or the
 * default ones; then the config's), include, exclude, whether a folder walk
 * lints the file, and every rule with its effective severity and state.
 * Text: one "key: value" line per setting (lists repeat the key); or JSON.
 */
void config_print(const struct configs *cs, const struct config *c, struct ruleset *rs,
    const char *file, const char *const *packs, size_t npacks, bool year_from_cli,
    FILE *out, bool json);

/**
 * --init: write a commented CONFIG_NAME in the current directory that loads
 * as an empty config, listing rs's rules and severities in comments.
 * Refuses (-1, *err set) when CONFIG_NAME or CONFIG_NAME_ALT exists.
 */
int config_init(struct ruleset *rs, char **err);

#endif
