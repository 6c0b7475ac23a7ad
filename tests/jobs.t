#!/bin/sh
# -j N: the output and the exit status do not depend on the number of
# threads, in every format (workers format the files themselves for the
# formats that allow it, the printing thread does the others) and with
# the options that change what is printed: --quiet, --fail-on, --baseline
# (filtered in order by the printing thread), --write-baseline.
# Input: every report in tests/fixtures (findings of every rule).
. "$(dirname "$0")/lib.sh"

formats="gcc json sarif github checkstyle junit csv summary"
echo "1..$((8 * 2 + 4 * 2 + 2))"
cd "$fx" || exit 1
# Reports only: the .txt files that have an expected output.
files=$(for f in *.expected; do [ -f "${f%.expected}.txt" ] && echo "${f%.expected}.txt"; done)
[ -n "$files" ] || { echo "Bail out! no fixtures"; exit 1; }
lint() { "$bin" --rules "$root/rules" --color never "$@" $files 2>"$tmp/err"; echo "rc=$?" >>"$tmp/err"; }

for f in $formats; do
	lint -j1 --format "$f" >"$tmp/a"; mv "$tmp/err" "$tmp/ea"
	lint -j2 --format "$f" >"$tmp/b"; mv "$tmp/err" "$tmp/eb"
	lint -j3 --format "$f" --show-source --column-unit char >"$tmp/c"; mv "$tmp/err" "$tmp/ec"
	lint -j1 --format "$f" --show-source --column-unit char >"$tmp/d"; mv "$tmp/err" "$tmp/ed"
	same "--format $f: -j2 prints what -j1 prints" "$tmp/a" "$tmp/b"
	cat "$tmp/ea" "$tmp/ed" >"$tmp/e1"; cat "$tmp/eb" "$tmp/ec" >"$tmp/e2"
	cmp -s "$tmp/c" "$tmp/d" && cmp -s "$tmp/e1" "$tmp/e2" && ok "--format $f: -j3 with --show-source, and the exit statuses" ||
	    { notok "--format $f: -j3 with --show-source, and the exit statuses"; diff "$tmp/e1" "$tmp/e2" | sed 's/^/# /' >&2; }
done

"$bin" --rules "$root/rules" -j1 --write-baseline "$tmp/bl1" $files >/dev/null 2>&1
"$bin" --rules "$root/rules" -j2 --write-baseline "$tmp/bl2" $files >/dev/null 2>&1
same "--write-baseline: -j2 records what -j1 records" "$tmp/bl1" "$tmp/bl2"
# A baseline of half the files: the others still report.
half=$(echo "$files" | awk 'NR % 2')
"$bin" --rules "$root/rules" -j1 --write-baseline "$tmp/half" $half >/dev/null 2>&1
lint -j2 >"$tmp/a"
[ "$(wc -l <"$tmp/a")" -gt 100 ] && ok "the fixtures produce findings" || notok "the fixtures produce findings"
for opts in "--baseline half" "--quiet" "--fail-on warning" "--fail-on never --quiet"; do
	o=$(echo "$opts" | sed "s|--baseline half|--baseline $tmp/half|")
	# shellcheck disable=SC2086
	lint -j1 $o >"$tmp/a"; mv "$tmp/err" "$tmp/ea"
	# shellcheck disable=SC2086
	lint -j2 $o >"$tmp/b"; mv "$tmp/err" "$tmp/eb"
	same "$opts: -j2 prints what -j1 prints" "$tmp/a" "$tmp/b"
	same "$opts: -j2 has -j1's exit status and stderr" "$tmp/ea" "$tmp/eb"
done
[ "$fails" -eq 0 ]
