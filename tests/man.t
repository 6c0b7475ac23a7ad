#!/bin/sh
# The man page: groff reads it without warnings, and it documents every
# long option --help lists and every output format.
. "$(dirname "$0")/lib.sh"
page=$root/man/gwlint.1
echo "1..3"
if command -v groff >/dev/null 2>&1; then
	w=$(groff -man -Tutf8 -ww "$page" 2>&1 >/dev/null)
	if [ -z "$w" ]; then echo "ok 1 - groff -ww: no warnings"
	else echo "not ok 1 - groff -ww: no warnings"; echo "$w" | sed 's/^/# /'; fi
else
	echo "ok 1 # SKIP groff not installed"
fi
missing=""
for o in $("$bin" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	grep -q -- "$(printf '%s' "$o" | sed 's/-/\\\\-/g')" "$page" || missing="$missing $o"
done
if [ -z "$missing" ]; then echo "ok 2 - every option of --help is in the man page"
else echo "not ok 2 - options missing from the man page:$missing"; fi
missing=""
for f in gcc json sarif github checkstyle junit csv summary codequality; do
	grep -q "^\.B $f\$" "$page" || missing="$missing $f"
done
if [ -z "$missing" ]; then echo "ok 3 - every format is described"
else echo "not ok 3 - formats missing from the man page:$missing"; fi
