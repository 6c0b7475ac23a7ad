#!/bin/sh
# Start-up (issue 14, README Performance): a run links only what every run
# needs.  libzip (and the libcrypto, libbz2 and libz it pulls in) is loaded
# at the first .docx, not at start-up: a .txt or Markdown run never loads
# it, a .docx run does and gets its findings, and a libzip that cannot be
# loaded stops the run with a clear message and exit status 2 (the
# GWLINT_TEST_NO_LIBZIP hook of the sanitizer build).
. "$(dirname "$0")/lib.sh"
echo "1..5"
printf '某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n' > "$tmp/r.txt"
docx=$(ls "$fx"/*.docx | head -n 1)

LD_DEBUG=files "$bin" "$tmp/r.txt" >/dev/null 2>"$tmp/ld.txt"
if grep -q 'file=libpcre2-8' "$tmp/ld.txt"; then
	if grep -Eq 'file=lib(zip|crypto)\.' "$tmp/ld.txt"; then
		nok "a .txt run does not load libzip or libcrypto"
		grep -E 'file=lib(zip|crypto)\.' "$tmp/ld.txt" | head -5 | sed 's/^/# /' >&2
	else
		ok "a .txt run does not load libzip or libcrypto"
	fi
else
	skip "LD_DEBUG=files says nothing here (not glibc's loader?)"
fi

LD_DEBUG=files "$bin" "$docx" >/dev/null 2>"$tmp/ld.txt"
if grep -q 'file=libpcre2-8' "$tmp/ld.txt"; then
	if grep -q 'file=libzip\.' "$tmp/ld.txt"; then ok "a .docx run loads libzip"; else
		nok "a .docx run loads libzip"; fi
else
	skip "LD_DEBUG=files says nothing here (not glibc's loader?)"
fi

"$bin" "$docx" >"$tmp/a.out" 2>&1; rc=$?
# Two .docx in one run, on two workers: libzip is loaded once, by either.
"$bin" -j2 "$docx" "$docx" >"$tmp/b.out" 2>&1; rc2=$?
if [ "$rc" -le 1 ] && [ -s "$tmp/a.out" ] && [ "$rc2" = "$rc" ] &&
    [ "$(cat "$tmp/a.out" "$tmp/a.out")" = "$(cat "$tmp/b.out")" ]; then
	ok "a .docx gets its findings, alone and twice with -j2 (exit $rc)"
else
	nok "a .docx gets its findings, alone and twice with -j2 (exit $rc / $rc2)"
	head -5 "$tmp/a.out" "$tmp/b.out" | sed 's/^/# /' >&2
fi

GWLINT_TEST_NO_LIBZIP=1 "$bin" "$tmp/r.txt" >/dev/null 2>"$tmp/err"; rc=$?
if [ "$rc" -le 1 ] && [ ! -s "$tmp/err" ]; then ok "without libzip a .txt is linted as before"; else
	nok "without libzip a .txt is linted as before (exit $rc)"; sed 's/^/# /' "$tmp/err" >&2; fi
GWLINT_TEST_NO_LIBZIP=1 "$bin" "$docx" >/dev/null 2>"$tmp/err"; rc=$?
if [ "$rc" = 2 ] && grep -q '^gwlint: cannot load libzip' "$tmp/err"; then
	ok "without libzip a .docx stops the run: exit 2, 'gwlint: cannot load libzip ...'"
elif [ "$rc" = 1 ] || [ "$rc" = 0 ]; then
	skip "GWLINT_TEST_NO_LIBZIP is a hook of the sanitizer build (make check); this binary has none"
else
	nok "without libzip a .docx stops the run (exit $rc)"; sed 's/^/# /' "$tmp/err" >&2
fi
[ $fails -eq 0 ]
