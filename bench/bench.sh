#!/bin/sh
# SPDX-License-Identifier: MIT
# bench.sh — what `make bench` runs: speed, memory and scaling of gwlint,
# with grep -P and ripgrep on the same files in the same run as the floor.
#
# Environment: GWLINT (binary, default build/gwlint), RULES (packs, default
# rules), BENCH_OUT (generated data, default bench/out), BENCH_RUNS (timed
# runs per corpus measure, default 5), BENCH_README (the file whose
# "Performance" section is rewritten, default README.md; empty: none).
#
# Every figure printed and written into the README is measured here; the
# tables are generated, never edited by hand.
set -eu

GWLINT=${GWLINT:-build/gwlint}
RULES=${RULES:-rules}
OUT=${BENCH_OUT:-bench/out}
RUNS=${BENCH_RUNS:-5}
README=${BENCH_README-README.md}
TMP=$OUT/tmp
. bench/lib.sh
need hyperfine; need rg; need perl; need /usr/bin/time

[ -x "$GWLINT" ] || { say "bench: $GWLINT not built"; exit 2; }
if [ ! -f "$OUT/manifest.txt" ] || [ bench/gencorpus.pl -nt "$OUT/manifest.txt" ]; then
	say "bench: generating the corpus (fixed seed) ..."
	rm -rf "$OUT"
	perl bench/gencorpus.pl -n 2000 -b 100 examples "$OUT"
fi
rm -rf "$TMP"
mkdir -p "$TMP"

CORPUS=$OUT/corpus
ONE=$OUT/one.txt
nfiles=$(find "$CORPUS" -name '*.txt' | wc -l)
cbytes=$(find "$CORPUS" -name '*.txt' -exec cat {} + | wc -c)
obytes=$(wc -c < "$ONE")
perl bench/packs.pl union "$RULES" > "$TMP/union.re" 2> "$TMP/union.n"
# packs.pl prints the count last on stderr, after any notice of a pattern
# it leaves out (a block scalar, e.g. the terms pack's extended patterns).
npat=$(tail -n 1 "$TMP/union.n")
sed '$d' "$TMP/union.n" >&2
nleft=$(sed '$d' "$TMP/union.n" | grep -c 'left out' || true)
nrules=$("$GWLINT" --rules "$RULES" --list-rules | tail -n +2 | awk '$3 != "engine"' | wc -l)
# rg's default engine has no look-around; --engine auto falls back to PCRE2.
RG="rg -j1 -c --no-messages --engine auto"

# Peak RSS in KiB of a command (output discarded).
rss() { /usr/bin/time -f %M -o "$TMP/rss" "$@" >/dev/null 2>&1 || true; tail -n 1 "$TMP/rss"; }
sec() { perl -e 'printf "%.3f", $ARGV[0]' "$1"; }
mib() { perl -e 'printf "%.1f", $ARGV[0] / 1024' "$1"; }
f1() { echo "$1" | cut -d' ' -f1; }
f2() { echo "$1" | cut -d' ' -f2; }
f4() { echo "$1" | cut -d' ' -f4; }

say "bench: $nfiles files, $cbytes bytes; $nrules rules ($npat regexes); $RUNS runs each"
load0=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- the corpus: gwlint 1 thread and -j2, grep -P, rg ----
say "bench: corpus ..."
g1=$(timed g1 "$RUNS" 1 "$GWLINT" --rules "$RULES" -j1 "$CORPUS")
g2=$(timed g2 "$RUNS" 1 "$GWLINT" --rules "$RULES" -j2 "$CORPUS")
gp=$(timed gp "$RUNS" 1 grep -P -c -r -f "$TMP/union.re" "$CORPUS")
rgt=$(timed rg "$RUNS" 1 $RG -f "$TMP/union.re" "$CORPUS")
# What two CPUs give right now: two independent gwlint -j1 processes, each
# on half of the corpus, at the same time (no threads involved).
half1=$(ls -d "$CORPUS"/0[0-9][0-9] | head -10 | tr '\n' ' ')
half2=$(ls -d "$CORPUS"/0[0-9][0-9] | tail -n +11 | tr '\n' ' ')
gpp=$(timed gpp "$RUNS" 1 sh -c "'$GWLINT --rules $RULES -j1 $half1 >/dev/null & $GWLINT --rules $RULES -j1 $half2 >/dev/null; wait'")
nfind=$("$GWLINT" --rules "$RULES" -j1 "$CORPUS" | wc -l)
ngrep=$(grep -P -c -r -f "$TMP/union.re" "$CORPUS" | awk -F: '{s += $NF} END {print s + 0}')
nrg=$($RG -f "$TMP/union.re" "$CORPUS" | awk -F: '{s += $NF} END {print s + 0}')
r1=$(rss "$GWLINT" --rules "$RULES" -j1 "$CORPUS")
r2=$(rss "$GWLINT" --rules "$RULES" -j2 "$CORPUS")
rgp=$(rss grep -P -c -r -f "$TMP/union.re" "$CORPUS")
rrg=$(rss $RG -f "$TMP/union.re" "$CORPUS")

# ---- one ordinary report, start-up included ----
say "bench: one report ..."
o1=$(timed o1 100 10 "$GWLINT" --rules "$RULES" "$ONE")
: > "$TMP/empty.txt"
o0=$(timed o0 100 10 "$GWLINT" --rules "$RULES" "$TMP/empty.txt")
# The floor: starting a process that does nothing, on this machine now.
otrue=$(timed otrue 100 10 /bin/true)
ogp=$(timed ogp 100 10 grep -P -c -f "$TMP/union.re" "$ONE")
org=$(timed org 100 10 $RG -f "$TMP/union.re" "$ONE")
onf=$("$GWLINT" --rules "$RULES" "$ONE" | wc -l)
or1=$(rss "$GWLINT" --rules "$RULES" "$ONE")

# ---- input size: one file of 25, 50 and 100 MB ----
say "bench: big files ..."
sizes=""
for s in 25 50 100; do
	f=$OUT/big-$s.txt
	b=$(wc -c < "$f")
	runs=3
	t=$(timed big$s $runs 0 "$GWLINT" --rules "$RULES" "$f")
	r=$(rss "$GWLINT" --rules "$RULES" "$f")
	n=$("$GWLINT" --rules "$RULES" "$f" | wc -l)
	sizes="$sizes$s $b $(f1 "$t") $(f2 "$t") $r $n $(f4 "$t")
"
done
bt=$(timed bigrg 3 0 $RG -f "$TMP/union.re" "$OUT/big-100.txt")

# ---- number of rules: 1, 2 and 4 copies of the packs, on 500 reports ----
say "bench: rule count ..."
subdirs="$CORPUS/000 $CORPUS/001 $CORPUS/002 $CORPUS/003 $CORPUS/004"
subbytes=$(find $subdirs -name "*.txt" -exec cat {} + | wc -c)
rules=""
for k in 1 2 4; do
	perl bench/packs.pl copies "$RULES" $k "$TMP/rules-x$k"
	nr=$("$GWLINT" --rules "$TMP/rules-x$k" --list-rules | tail -n +2 | awk '$3 != "engine"' | wc -l)
	t=$(timed rx$k "$RUNS" 1 "$GWLINT" --rules "$TMP/rules-x$k" -j1 $subdirs)
	rules="$rules$k $nr $(f1 "$t") $(f2 "$t") $(f4 "$t")
"
done
# Instructions (callgrind), a figure that does not depend on the load.
ir100=""
if command -v valgrind >/dev/null 2>&1; then
	say "bench: instruction count (callgrind, 100 reports) ..."
	ir100=$(ir "$GWLINT" --rules "$RULES" -j1 "$CORPUS/000")
	ir1=$(ir "$GWLINT" --rules "$RULES" "$ONE")
	# Start-up alone: the packs read and compiled, an empty report linted.
	: > "$TMP/empty.txt"
	ir0=$(ir "$GWLINT" --rules "$RULES" "$TMP/empty.txt")
	b100=$(cat "$CORPUS"/000/*.txt | wc -c)
fi
load1=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- the table ----
cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
memk=$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)
ccv=$(${CC:-cc} --version 2>/dev/null | head -1)
ratio=$(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$(f1 "$g1")" "$(f1 "$rgt")")
scal=$(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$(f1 "$g1")" "$(f1 "$g2")")

{
echo "Measured by \`make bench\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) CPUs ($cpu),"
echo "$(perl -e 'printf "%.1f", $ARGV[0] / 1048576' "$memk") GiB RAM, $(uname -sr), $ccv, -O2."
echo "Load average before/after the run: $load0 / $load1 (the machine may be shared;"
echo "times are the minimum and median of $RUNS runs by hyperfine, output to a pipe)."
echo "Corpus: $nfiles generated reports, $(perl -e 'printf "%.1f", $ARGV[0] / 1e6' "$cbytes") MB"
echo "(\`bench/gencorpus.pl\`, fixed seed); $nrules rules in the default packs; grep and rg run"
echo "the union of $npat of their \`pattern:\` regexes (variables filled in; $nleft block-scalar"
echo "pattern(s) left out; the other kinds' lexicons and structure have no regex equivalent)."
echo
echo "| corpus ($nfiles files) | min s | median s | MB/s (min) | CPU s (mean) | MB per CPU s | peak RSS MiB | findings / matching lines |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
row() { echo "| $1 | $(sec "$(f1 "$2")") | $(sec "$(f2 "$2")") | $(mbs "$cbytes" "$(f1 "$2")") | $(sec "$(f4 "$2")") | $(mbs "$cbytes" "$(f4 "$2")") | $3 | $4 |"; }
row "gwlint -j1" "$g1" "$(mib "$r1")" "$nfind"
row "gwlint -j2" "$g2" "$(mib "$r2")" "$nfind"
row "2 × gwlint -j1 on halves, at once (what 2 CPUs give now)" "$gpp" "" ""
row "grep -P -c (union)" "$gp" "$(mib "$rgp")" "$ngrep"
row "rg -j1 -c (union)" "$rgt" "$(mib "$rrg")" "$nrg"
echo
echo "gwlint -j1 / rg time ratio: **$ratio**; -j2 speed-up over -j1: **$scal×** on $(nproc) CPUs"
echo "(two separate processes on the two halves: **$(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$(f1 "$g1")" "$(f1 "$gpp")")×**)."
if [ -n "$ir100" ]; then
	echo
	echo "Instructions (callgrind, independent of load): $(perl -e 'printf "%.1f", $ARGV[0] / $ARGV[1]' "$ir100" "$b100") per byte over the first 100 reports"
	echo "($(perl -e 'printf "%.0f", $ARGV[0] / 1e6' "$ir100") M for $(perl -e 'printf "%.2f", $ARGV[0] / 1e6' "$b100") MB, start-up included); one report: $(perl -e 'printf "%.1f", $ARGV[0] / 1e6' "$ir1") M instructions,"
	echo "of which start-up (an empty report) $(perl -e 'printf "%.1f", $ARGV[0] / 1e6' "$ir0") M."
fi
echo
# A row of the one-report table: NAME STATS [INSTRUCTIONS].
orow() {
	echo "| $1 | $(ms "$(f1 "$2")") | $(ms "$(f2 "$2")") | $(ms "$(echo "$2" | cut -d' ' -f3)") | $(ms "$(f4 "$2")") ($(ms "$(echo "$2" | cut -d' ' -f5)") + $(ms "$(echo "$2" | cut -d' ' -f6)")) | ${3:+$(perl -e 'printf "%.1f M", $ARGV[0] / 1e6' "$3")} |"
}
echo "| one report ($obytes bytes), start-up included, 100 runs | min ms | median ms | mean ms | CPU ms, mean (user + sys) | instructions |"
echo "|---|---:|---:|---:|---:|---:|"
orow "gwlint ($onf findings, peak RSS $(mib "$or1") MiB)" "$o1" "${ir1:-}"
orow "gwlint on an empty file (start-up alone)" "$o0" "${ir0:-}"
orow "grep -P -c (union)" "$ogp"
orow "rg -j1 -c (union)" "$org"
orow "/bin/true (starting a process, the floor here)" "$otrue"
echo
echo "Target (issue 14): one ordinary report in ≤ 5 ms wall, start-up included. Here: min"
echo "$(ms "$(f1 "$o1")") ms ($(met "$(f1 "$o1")")), mean $(ms "$(echo "$o1" | cut -d' ' -f3)") ms ($(met "$(echo "$o1" | cut -d' ' -f3)")), CPU $(ms "$(f4 "$o1")") ms ($(met "$(f4 "$o1")"));"
echo "starting /bin/true alone takes $(ms "$(f1 "$otrue")") ms (min) on this machine now."
echo
echo "| one file (input size) | bytes | min s | median s | MB/s | CPU s | CPU s per 100 MB | peak RSS MiB | RSS − file MiB | findings |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s' "$sizes" | while read -r s b t m r n c; do
	echo "| big-$s.txt | $b | $(sec "$t") | $(sec "$m") | $(mbs "$b" "$t") | $(sec "$c") | $(perl -e 'printf "%.3f", $ARGV[0] / $ARGV[1] * 1e8' "$c" "$b") | $(mib "$r") | $(perl -e 'printf "%.1f", ($ARGV[0] * 1024 - $ARGV[1]) / 1048576' "$r" "$b") | $n |"
done
echo "| rg -j1 -c on big-100.txt | 100004154 | $(sec "$(f1 "$bt")") | $(sec "$(f2 "$bt")") | $(mbs 100000000 "$(f1 "$bt")") | $(sec "$(f4 "$bt")") | | | | |"
echo
echo "| rule count (copies of the packs; 500 reports, $(perl -e 'printf "%.1f", $ARGV[0] / 1e6' "$subbytes") MB, -j1) | rules | min s | median s | CPU s | CPU ms per added rule |"
echo "|---|---:|---:|---:|---:|---:|"
c1=$(printf '%s' "$rules" | head -1 | cut -d' ' -f5)
n1=$(printf '%s' "$rules" | head -1 | cut -d' ' -f2)
printf '%s' "$rules" | while read -r k nr t m c; do
	if [ "$k" = 1 ]; then per="(base)"; else
		per=$(perl -e 'printf "%.2f", ($ARGV[0] - $ARGV[1]) * 1000 / ($ARGV[2] - $ARGV[3])' "$c" "$c1" "$nr" "$n1"); fi
	echo "| ×$k | $nr | $(sec "$t") | $(sec "$m") | $(sec "$c") | $per |"
done
} > "$TMP/table.md"

cat "$TMP/table.md"

if [ -n "$README" ] && [ -f "$README" ]; then
	readme_block "$README" "$TMP/table.md" bench
	say "bench: table written into $README (Performance)"
fi
