/* SPDX-License-Identifier: MIT */
/** \file common.h
 * \brief What the libFuzzer targets share: loading the default packs once.
 */
#ifndef GWLINT_FUZZ_COMMON_H
#define GWLINT_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#include "pack.h"

#ifndef FUZZ_RULES_DIR
#define FUZZ_RULES_DIR "rules"
#endif

/**
 * Load the packs of $GWLINT_FUZZ_RULES, else FUZZ_RULES_DIR; a failure ends
 * the fuzzer (`who` names the target in the message).
 */
static inline struct ruleset *
fuzz_load_rules(const char *who)
{
	const char *dir = getenv("GWLINT_FUZZ_RULES");
	const char *paths[1];
	char *err = NULL;
	struct ruleset *rs;

	paths[0] = dir ? dir : FUZZ_RULES_DIR;
	rs = ruleset_load(paths, 1, 1, COL_DISPLAY, 1, &err);
	if (rs == NULL) {
		fprintf(stderr, "%s: cannot load %s: %s\n", who, paths[0], err);
		exit(1);
	}
	return rs;
}

#endif
