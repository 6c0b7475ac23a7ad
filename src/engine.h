/* SPDX-License-Identifier: MIT */
/** \file engine.h
 * \brief The rules the engine reports itself (`input-encoding`,
 *        `report-year-unknown`, `rule-limit`): full rules, in every rule
 *        set whatever packs are loaded.
 *
 * They are a table here rather than a pack because they must exist
 * whatever --rules names (a set of packs replaces the bundled ones, and
 * input-encoding is what keeps --fix off a file with bad bytes), and no
 * pack check finds them: decoding, the year lookup and the regex limits
 * raise them.  Each row owns its id, default severity, source, Chinese
 * explanation, examples and message templates ($1..$3, expanded as pack
 * messages are).  They appear in the catalogue as pack `engine`, kind
 * `engine`; --enable, --disable, --severity and the config take their ids;
 * a pack cannot define a rule with one of their ids.
 */
#ifndef GWLINT_ENGINE_H
#define GWLINT_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "check.h"

/** The built-in rule ids. */
#define RULE_INPUT_ENCODING "input-encoding"
#define RULE_YEAR_UNKNOWN "report-year-unknown"
#define RULE_LIMIT "rule-limit"

/** The messages the engine rules print; each belongs to one rule. */
enum engine_msg {
	EMSG_BAD_BYTES,     /**< input-encoding: $1 encoding, $2 bytes, $3 file offset */
	EMSG_NUL,           /**< input-encoding: $1 count, $2 file offset */
	EMSG_NO_CONVERTER,  /**< input-encoding: $1 encoding */
	EMSG_YEAR_UNKNOWN,  /**< report-year-unknown */
	EMSG_RULE_LIMIT,    /**< rule-limit: $1 the rule stopped */
	EMSG__COUNT
};

/** Number of engine rules. */
size_t engine_rule_count(void);
/** Fill r (zeroed by the caller) with engine rule i: the pack loader's part. */
void engine_rule_fill(size_t i, struct rule *r);
/** Whether id is an engine rule's. */
bool engine_rule_id(const char *id);
/** Message m expanded with args (a new string). */
char *engine_message(enum engine_msg m, const char *const *args, size_t nargs);

#endif
