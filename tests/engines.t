#!/bin/sh
# Which PCRE2 engine runs (issue 14, start-up; src/regex.c, match_engines):
# a pattern's searches run PCRE2's interpreter until they have done enough
# to pay for JIT-compiling it, so one report makes almost no JIT code
# (JIT-compiling every pattern a report searches was most of the time of
# a run over one report), while a batch moves its busy patterns to the
# JIT.  Which engine ran does not change a finding (t-engines checks the
# limit cases): a report gives the same findings alone as in a batch.
#  - one real report (tests/fixtures/seed-003.txt, 14 KB): pcre2_jit_compile
#    is called at most 3 times (21 before; seen with gdb);
#  - the five seed reports 6 times each in one run: at least 10 times;
#  - each of those 30 gets the findings it gets alone, -j1 and -j2.
# The gdb checks print a TAP skip where gdb is missing or cannot run.
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 1
echo "1..4"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

report=$fx/seed-003.txt
# The batch: the five seed reports (46 findings), 6 copies of each.
mkdir batch
for k in 0 1 2 3 4; do
	for i in 1 2 3 4 5 6; do
		cp "$fx/seed-00$k.txt" "batch/s$k-$i.txt"
	done
done

jits() { calls_of pcre2_jit_compile_8 '"jit"' "$@"; }
if [ "$(uname -m)" = x86_64 ] && jits one "$report"; then
	t "one report: at most 3 patterns JIT-compiled ($(wc -l <one))" '[ "$(wc -l <one)" -le 3 ]'
	jits many -j1 batch
	t "30 reports in one run: at least 10 ($(wc -l <many))" '[ "$(wc -l <many)" -ge 10 ]'
else
	skip "gdb is missing or cannot run $bin here (x86-64 only)"
	skip "gdb is missing or cannot run $bin here (x86-64 only)"
fi

: >want
for f in $(cd batch && LC_ALL=C ls); do
	cp "batch/$f" alone.txt
	"$bin" --color never alone.txt | sed "s|^alone\.txt:|batch/$f:|" >>want
done
"$bin" --color never -j1 batch >got1
"$bin" --color never -j2 batch >got2
t "the 30 in one run (-j1): each gives the findings it gives alone ($(wc -l <want) in all)" \
    '[ "$(wc -l <want)" -ge 200 ] && cmp -s want got1'
t "and with -j2" 'cmp -s want got2'
[ $fails -eq 0 ]
