#!/bin/sh
# Inputs the fuzzers (fuzz/) found crashing or hanging, and the interesting
# seeds, kept as regression cases in tests/fuzz-regress/NAME/ for every
# target fuzz/fuzz_NAME.c:
#  1. every target has its folder, with at least one input;
#  2. every input runs through its own target's code (the target built with
#     ASan+UBSan and fuzz/driver.c by make tests, in $FUZZ_DRIVERS, default
#     build/san/fuzz): exit 0, nothing on stderr, within 20 seconds;
#  3. and through the binary under test:
#   lint/*    a report, linted with --binary: exit 0 or 1
#   pack/*    a rule pack: loads (exit 0 or 1) or is refused with one
#             positioned message (exit 2)
#   config/*  a .gwlint.yaml given with --config: the same outcomes as a pack
#
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"
d=$here/fuzz-regress
drv=${FUZZ_DRIVERS:-$root/build/san/fuzz}

targets=$(cd "$root/fuzz" && ls fuzz_*.c | sed 's/^fuzz_//; s/\.c$//')
lint=$(ls "$d/lint" 2>/dev/null)
pack=$(ls "$d/pack" 2>/dev/null)
config=$(ls "$d/config" 2>/dev/null)
ninputs=0
for t in $targets; do ninputs=$((ninputs + $(ls "$d/$t" 2>/dev/null | wc -l))); done
total=$(( $(echo $lint | wc -w) + $(echo $pack | wc -w) + $(echo $config | wc -w) + ninputs + 1 ))
echo "1..$total"
n=1
fails=0
missing=""
for t in $targets; do
	[ -n "$(ls "$d/$t" 2>/dev/null)" ] || missing="$missing $t"
done
if [ -z "$missing" ]; then
	echo "ok 1 - every fuzz target ($(echo $targets)) has regression inputs in tests/fuzz-regress/NAME/"
else
	echo "not ok 1 - no tests/fuzz-regress/NAME/ inputs for:$missing"; fails=$((fails + 1))
fi

for t in $targets; do
	for f in $(ls "$d/$t" 2>/dev/null); do
		n=$((n + 1))
		if [ ! -x "$drv/fuzz_$t" ]; then
			echo "not ok $n - $t $f: no $drv/fuzz_$t (make tests builds it)"
			fails=$((fails + 1)); continue
		fi
		timeout 20 "$drv/fuzz_$t" "$d/$t/$f" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ $rc = 0 ] && [ ! -s "$tmp/err" ]; then
			echo "ok $n - fuzz_$t runs $f"
		else
			echo "not ok $n - fuzz_$t on $f (exit $rc)"; fails=$((fails + 1))
			head -c 2000 "$tmp/err" | sed 's/^/# /' >&2
		fi
	done
done
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
