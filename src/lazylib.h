/* SPDX-License-Identifier: MIT */
/** \file lazylib.h
 * \brief A shared library loaded when one of its functions is first
 *        called, not at start-up.
 *
 * Loading and relocating a library costs every run, whether or not the
 * run uses it (libzip with its libcrypto: 3.4 ms; expat, cmark, cJSON,
 * libyaml and libcyaml together: 0.7 ms more, against a 5 ms budget for
 * one report; README, Performance).  So gwlint links only PCRE2 and
 * utf8proc, which every run needs; each other library has a small header
 * of its own (input/ziplib.h, input/expatlib.h, input/cmarklib.h,
 * lsp/cjsonlib.h, yamllib.h, cyamllib.h) that a reader includes instead of
 * the library's header.  That header still includes the library's own for
 * the types, lists the functions gwlint calls (an X-macro) and #defines
 * each function's name to
 *
 *     LAZYLIB_FN(getter, name)
 *
 * an expression of the function's own pointer type: the getter loads the
 * library on its first call (dlopen, once per process, any thread) and
 * returns the function's address in it.  A call `XML_Parse(p, ...)` thus
 * calls expat's own XML_Parse, and a function used as a value (libcyaml's
 * cyaml_mem in a cyaml_config_t) is the library's own function.
 *
 * When the library cannot be loaded, or lacks one of the functions, the
 * run stops: "gwlint: cannot load LIB (SONAME), which WHAT needs: WHY",
 * exit status 2, as a missing library at start-up did before.  In the
 * sanitizer build (GWLINT_TEST_HOOKS) the environment variable
 * GWLINT_TEST_NO_<LIB> (GWLINT_TEST_NO_LIBZIP, ..._LIBEXPAT, ..._LIBCMARK,
 * ..._LIBCJSON, ..._LIBYAML, ..._LIBCYAML) makes that library unloadable,
 * for tests/startup.t.
 *
 * Adding a function gwlint calls is one row of the library's X-macro list
 * and one #define in its header (a #define cannot be generated).
 */
#ifndef GWLINT_LAZYLIB_H
#define GWLINT_LAZYLIB_H

#include <pthread.h>
#include <stddef.h>

/** A function of a loaded library, before it is given its own type again
 *  (any function pointer converts to this and back). */
typedef void (*lazylib_fn)(void);

/** One library loaded at first use. */
struct lazylib {
	const char *name;            /**< "libzip": in the message */
	const char *const *sonames;  /**< file names tried in order; NULL ends */
	const char *needed_by;       /**< "reading .docx files": in the message */
	const char *test_env;        /**< GWLINT_TEST_NO_LIBZIP (test hook) */
	const char *const *funcs;    /**< names of the functions gwlint calls */
	size_t nfuncs;
};

/** Loads \p lib and stores its functions' addresses in slots[0..nfuncs),
 *  in the order of lib->funcs; stops the run (fatal, exit 2) when the
 *  library cannot be loaded or lacks one of them.  Called once per library,
 *  by the getter LAZYLIB_DEFINE writes.  The library stays loaded until the
 *  process ends. */
void lazylib_load(const struct lazylib *lib, lazylib_fn *slots);

/* In a library's header: one index per function of its list FUNCS, and
 * the getter's declaration. */
#define LAZYLIB_INDEX_(f) LAZYLIB_I_##f,
#define LAZYLIB_DECLARE(getter, FUNCS) \
	enum { FUNCS(LAZYLIB_INDEX_) }; \
	lazylib_fn getter(int i)

/* The library's function f, with its own type: what the header #defines f
 * to.  Inside this expansion f is not expanded again, so __typeof__ sees
 * the library's declaration. */
#ifndef __CPPCHECK__
#define LAZYLIB_FN(getter, f) ((__typeof__(&f))getter(LAZYLIB_I_##f))
#else
/* cppcheck (make lint defines __CPPCHECK__) misreads the cast call above
 * (it takes the call's value for the getter's argument): it is shown the
 * library's function instead. */
#define LAZYLIB_FN(getter, f) f
#endif

/* In the library's stand-in file: the getter, loading the library once
 * (pthread_once) on its first call.  The variadic arguments are the file
 * names to try, in order. */
#define LAZYLIB_NAME_(f) #f,
#define LAZYLIB_DEFINE(getter, FUNCS, libname, what, env, ...) \
	static const char *const getter##_sonames[] = {__VA_ARGS__, NULL}; \
	static const char *const getter##_funcs[] = {FUNCS(LAZYLIB_NAME_)}; \
	static lazylib_fn getter##_slots[sizeof getter##_funcs / sizeof getter##_funcs[0]]; \
	static pthread_once_t getter##_once = PTHREAD_ONCE_INIT; \
	static void \
	getter##_load(void) \
	{ \
		static const struct lazylib lib = {libname, getter##_sonames, what, env, \
			getter##_funcs, sizeof getter##_funcs / sizeof getter##_funcs[0]}; \
		lazylib_load(&lib, getter##_slots); \
	} \
	lazylib_fn \
	getter(int i) \
	{ \
		pthread_once(&getter##_once, getter##_load); \
		return getter##_slots[i]; \
	}

#endif
