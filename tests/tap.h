/* SPDX-License-Identifier: MIT */
/** \file tap.h
 * \brief A small TAP (Test Anything Protocol) producer for gwlint's C tests.
 *
 * Header only.  Results go to stdout ("ok N - name"), diagnostics to stderr
 * ("# ..."), so prove shows failures without -v.  A test program does
 *     plan(n) or nothing (lazy plan), checks..., return done_testing();
 * Exit status: 0 all passed, number of failures (max 254), 255 on a plan
 * mismatch.  A failed check makes the exit status non-zero however the
 * program ends (an atexit handler enforces it, so `return 0` after failures
 * cannot hide them).
 */
#ifndef GWLINT_TAP_H
#define GWLINT_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int tap_run, tap_failed, tap_planned = -1;
static const char *tap_todo_reason;

/* At exit: failures (or a plan not met) end the program with a non-zero
 * status, whatever main returned. */
static void
tap_at_exit(void)
{
	fflush(stdout);
	fflush(stderr);
	if (tap_failed)
		_exit(tap_failed > 254 ? 254 : tap_failed);
	if (tap_planned >= 0 && tap_planned != tap_run)
		_exit(255);
}

static void
tap_vline(FILE *f, const char *prefix, const char *fmt, va_list ap)
{
	char msg[4096];
	const char *p, *nl;

	vsnprintf(msg, sizeof msg, fmt, ap);
	for (p = msg;; p = nl + 1) {
		nl = strchr(p, '\n');
		fprintf(f, "%s%.*s\n", prefix, nl ? (int)(nl - p) : (int)strlen(p), p);
		if (nl == NULL || nl[1] == '\0')
			break;
	}
}

static __attribute__((unused, format(printf, 1, 2))) int
diag(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	tap_vline(stderr, "# ", fmt, ap);
	va_end(ap);
	fflush(stderr);
	return 0;
}

static __attribute__((unused, format(printf, 1, 2))) int
note(const char *fmt, ...)
{
	va_list ap;

	fflush(stderr);
	va_start(ap, fmt);
	tap_vline(stdout, "# ", fmt, ap);
	va_end(ap);
	return 0;
}

static __attribute__((unused)) void
plan(int n)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	tap_planned = n;
	printf("1..%d\n", n);
}

static __attribute__((unused, format(printf, 1, 2))) void
skip_all(const char *fmt, ...)
{
	va_list ap;

	printf("1..0 # SKIP ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	exit(0);
}

static __attribute__((unused, format(printf, 1, 2))) _Noreturn void
bail_out(const char *fmt, ...)
{
	va_list ap;

	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	exit(255);
}

static int
tap_vok(const char *file, int line, int pass, const char *fmt, va_list ap)
{
	char name[1024];

	vsnprintf(name, sizeof name, fmt, ap);
	if (tap_run == 0)
		atexit(tap_at_exit);
	tap_run++;
	fflush(stderr);
	printf("%sok %d - %s", pass ? "" : "not ", tap_run, name);
	if (tap_todo_reason)
		printf(" # TODO %s", tap_todo_reason);
	printf("\n");
	fflush(stdout);
	if (!pass) {
		if (!tap_todo_reason)
			tap_failed++;
		diag("  Failed %stest '%s'\n  at %s line %d.",
		    tap_todo_reason ? "(TODO) " : "", name, file, line);
	}
	return pass;
}

static __attribute__((unused, format(printf, 4, 5))) int
tap_ok_at(const char *file, int line, int pass, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = tap_vok(file, line, pass, fmt, ap);
	va_end(ap);
	return r;
}

static __attribute__((unused, format(printf, 6, 7))) int
tap_cmp_int_at(const char *file, int line, long long got, long long want,
    int equal, const char *fmt, ...)
{
	va_list ap;
	int pass = equal ? got == want : got != want, r;

	va_start(ap, fmt);
	r = tap_vok(file, line, pass, fmt, ap);
	va_end(ap);
	if (!pass)
		diag("         got: %lld\n    %s: %lld", got,
		    equal ? "expected" : "  anything but", want);
	return r;
}

/* Print a string with control characters, U+3000 and invalid bytes escaped. */
static void
tap_quote(const char *s, char *out, size_t cap)
{
	size_t o = 0;

	if (s == NULL) {
		snprintf(out, cap, "NULL");
		return;
	}
	out[o++] = '\'';
	for (; *s && o + 8 < cap; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n')
			o += (size_t)snprintf(out + o, cap - o, "\\n");
		else if (c == '\t')
			o += (size_t)snprintf(out + o, cap - o, "\\t");
		else if (c < 0x20 || c == 0x7f)
			o += (size_t)snprintf(out + o, cap - o, "\\x%02x", c);
		else if (c == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80) {
			o += (size_t)snprintf(out + o, cap - o, "\\u3000");
			s += 2;
		} else
			out[o++] = (char)c;
	}
	out[o++] = '\'';
	out[o] = '\0';
}

static __attribute__((unused, format(printf, 6, 7))) int
tap_cmp_str_at(const char *file, int line, const char *got, const char *want,
    int equal, const char *fmt, ...)
{
	va_list ap;
	int same = (got == NULL || want == NULL) ? got == want : strcmp(got, want) == 0;
	int pass = equal ? same : !same, r;
	char g[8192], w[8192];

	va_start(ap, fmt);
	r = tap_vok(file, line, pass, fmt, ap);
	va_end(ap);
	if (!pass) {
		tap_quote(got, g, sizeof g);
		tap_quote(want, w, sizeof w);
		diag("         got: %s\n    %s: %s", g,
		    equal ? "expected" : "  anything but", w);
	}
	return r;
}

#define ok(cond, ...) tap_ok_at(__FILE__, __LINE__, !!(cond), __VA_ARGS__)
#define is_int(got, want, ...) \
	tap_cmp_int_at(__FILE__, __LINE__, (long long)(got), (long long)(want), 1, __VA_ARGS__)
#define isnt_int(got, want, ...) \
	tap_cmp_int_at(__FILE__, __LINE__, (long long)(got), (long long)(want), 0, __VA_ARGS__)
#define is_str(got, want, ...) tap_cmp_str_at(__FILE__, __LINE__, (got), (want), 1, __VA_ARGS__)
#define isnt_str(got, want, ...) tap_cmp_str_at(__FILE__, __LINE__, (got), (want), 0, __VA_ARGS__)

static __attribute__((unused, format(printf, 2, 3))) void
skip(int n, const char *fmt, ...)
{
	char reason[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	while (n-- > 0)
		printf("ok %d # SKIP %s\n", ++tap_run, reason);
}

static __attribute__((unused)) void
todo_start(const char *reason)
{
	tap_todo_reason = reason;
}

static __attribute__((unused)) void
todo_end(void)
{
	tap_todo_reason = NULL;
}

static __attribute__((unused)) int
done_testing(void)
{
	if (tap_planned < 0)
		printf("1..%d\n", tap_run);
	fflush(stdout);
	if (tap_planned >= 0 && tap_planned != tap_run) {
		diag("Looks like you planned %d tests but ran %d.", tap_planned, tap_run);
		return 255;
	}
	if (tap_failed)
		diag("Looks like you failed %d test%s of %d.", tap_failed,
		    tap_failed == 1 ? "" : "s", tap_run);
	return tap_failed > 254 ? 254 : tap_failed;
}

#endif
