#!/bin/sh
# Inputs the fuzzers (fuzz/) found crashing or hanging, kept as regression
# cases and run through the binary under test (ASan+UBSan in make check):
#   tests/fuzz-regress/lint/*  a report, linted with --binary: exit 0 or 1
#   tests/fuzz-regress/pack/*  a rule pack: loads (exit 0 or 1) or is
#                              refused with one positioned message (exit 2)
#   tests/fuzz-regress/config/*  a .gwlint.yaml given with --config: the
#                              same outcomes as a pack
# Each must finish within 20 seconds.
#
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"
d=$here/fuzz-regress

lint=$(ls "$d/lint" 2>/dev/null)
pack=$(ls "$d/pack" 2>/dev/null)
config=$(ls "$d/config" 2>/dev/null)
total=$(( $(echo $lint | wc -w) + $(echo $pack | wc -w) + $(echo $config | wc -w) + 1 ))
echo "1..$total"
n=1
echo "ok 1 - the regression directories are there" # one test even when empty
fails=0
printf '某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n' > "$tmp/in.txt"

for f in $lint; do
	n=$((n + 1))
	timeout 20 "$bin" --rules "$root/rules" --color never --binary "$d/lint/$f" \
		>"$tmp/out" 2>"$tmp/err"
	rc=$?
	if { [ $rc = 0 ] || [ $rc = 1 ]; } && [ ! -s "$tmp/err" ]; then
		echo "ok $n - lint $f (exit $rc)"
	else
		echo "not ok $n - lint $f (exit $rc)"; fails=$((fails + 1))
		head -c 2000 "$tmp/err" | sed 's/^/# /' >&2
	fi
done
for f in $pack; do
	n=$((n + 1))
	(cd "$d/pack" && timeout 20 "$bin" --rules "$f" --color never "$tmp/in.txt" \
		>"$tmp/out" 2>"$tmp/err")
	rc=$?
	if { [ $rc = 0 ] || [ $rc = 1 ]; } && [ ! -s "$tmp/err" ]; then
		echo "ok $n - pack $f loads (exit $rc)"
	elif [ $rc = 2 ] && [ "$(wc -l < "$tmp/err")" = 1 ] &&
	    grep -q "^gwlint: $f:[0-9]*:[0-9]*: " "$tmp/err"; then
		echo "ok $n - pack $f refused: $(cut -c1-100 "$tmp/err")"
	else
		echo "not ok $n - pack $f (exit $rc)"; fails=$((fails + 1))
		head -c 2000 "$tmp/err" | sed 's/^/# /' >&2
	fi
done
for f in $config; do
	n=$((n + 1))
	(cd "$d/config" && timeout 20 "$bin" --rules "$root/rules" --config "$f" --color never \
		"$tmp/in.txt" >"$tmp/out" 2>"$tmp/err")
	rc=$?
	if { [ $rc = 0 ] || [ $rc = 1 ]; } && [ ! -s "$tmp/err" ]; then
		echo "ok $n - config $f loads (exit $rc)"
	elif [ $rc = 2 ] && [ "$(wc -l < "$tmp/err")" = 1 ] && grep -q "^gwlint: $f:" "$tmp/err"; then
		echo "ok $n - config $f refused: $(cut -c1-100 "$tmp/err")"
	else
		echo "not ok $n - config $f (exit $rc)"; fails=$((fails + 1))
		head -c 2000 "$tmp/err" | sed 's/^/# /' >&2
	fi
done
[ $fails -eq 0 ]
