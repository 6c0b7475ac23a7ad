/* SPDX-License-Identifier: MIT */
/** \file lazylib.c
 * \brief Loading a library at first use (see lazylib.h).
 */
#include "lazylib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* dlsym gives an object pointer: copied, not cast, into a function
 * pointer (ISO C has no conversion between the two). */
static void
set_fn(const struct lazylib *lib, lazylib_fn *slot, void *sym)
{
	if (sizeof sym != sizeof *slot)
		fatal("cannot load %s: function pointers differ from data pointers here", lib->name);
	memcpy(slot, &sym, sizeof sym);
}

void
lazylib_load(const struct lazylib *lib, lazylib_fn *slots)
{
	const char *absent = NULL;
	char why[512] = "not found";
	void *h = NULL;
	size_t i;

#ifdef GWLINT_TEST_HOOKS
	/* tests/startup.t: a library that cannot be loaded. */
	if (getenv(lib->test_env) != NULL)
		absent = "libgwlint-test-absent.so";
#endif
	for (i = 0; lib->sonames[i] != NULL && h == NULL; i++) {
		h = dlopen(absent != NULL ? absent : lib->sonames[i], RTLD_NOW | RTLD_LOCAL);
		if (h == NULL && i == 0) {
			const char *e = dlerror();

			if (e != NULL)
				snprintf(why, sizeof why, "%s", e);
		}
	}
	if (h == NULL)
		fatal("cannot load %s (%s), which %s needs: %s", lib->name, lib->sonames[0],
		    lib->needed_by, why);
	for (i = 0; i < lib->nfuncs; i++) {
		void *sym = dlsym(h, lib->funcs[i]);

		if (sym == NULL)
			fatal("cannot load %s: %s has no %s", lib->name, lib->sonames[0], lib->funcs[i]);
		set_fn(lib, &slots[i], sym);
	}
}
