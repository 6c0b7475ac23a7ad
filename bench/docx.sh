#!/bin/sh
# SPDX-License-Identifier: MIT
# docx.sh — the .docx path of `make bench` (run after bench.sh): one
# ordinary report (bench/out/one.txt, about 14 KB) as a .docx, wall time
# with start-up, against the same report as text; and the whole generated
# corpus as .docx files (bench/txt2docx.py: one paragraph per line, so the
# text gwlint extracts is the .txt byte for byte), in MB/s of extracted text.
# Both check first that the .docx gives exactly the findings of its .txt.
#
# Environment: as bench.sh (GWLINT, RULES, BENCH_OUT, BENCH_RUNS,
# BENCH_README).  Writes its table between the README's bench-docx markers
# (added after the Performance table when missing).
set -eu

GWLINT=${GWLINT:-build/gwlint}
RULES=${RULES:-rules}
OUT=${BENCH_OUT:-bench/out}
RUNS=${BENCH_RUNS:-5}
README=${BENCH_README-README.md}
DOCX=$OUT/docx
TMP=$OUT/tmp-docx
PY=/usr/bin/python3
[ -x $PY ] || PY=python3

. bench/lib.sh
need hyperfine; need perl; need "$PY"
[ -x "$GWLINT" ] || { say "bench: $GWLINT not built"; exit 2; }
if [ ! -f "$OUT/manifest.txt" ]; then
	say "bench: generating the corpus (fixed seed) ..."
	perl bench/gencorpus.pl -n 2000 -b 100 examples "$OUT"
fi
if [ ! -f "$DOCX/stamp" ] || [ bench/txt2docx.py -nt "$DOCX/stamp" ] || [ "$OUT/manifest.txt" -nt "$DOCX/stamp" ]; then
	say "bench: writing the corpus as .docx ..."
	rm -rf "$DOCX"
	"$PY" bench/txt2docx.py "$OUT/corpus" "$DOCX/corpus"
	"$PY" bench/txt2docx.py "$OUT/one.txt" "$DOCX/one.docx"
	: > "$DOCX/stamp"
fi
rm -rf "$TMP"
mkdir -p "$TMP"

f() { echo "$1" | cut -d' ' -f"$2"; }

# Same findings, or the figures compare different work.  The layout rules
# (rules/gbt9704-layout.yaml) read what only a .docx has (page, grid,
# fonts): their findings are set aside here, as in tests/docx-twins.t.
nolayout() { grep -v ' \[layout-[a-z0-9-]*\]$' || true; }
"$GWLINT" --rules "$RULES" "$OUT/one.txt" | sed 's/^[^:]*:/F:/' >"$TMP/one.txt.out" || true
"$GWLINT" --rules "$RULES" "$DOCX/one.docx" | sed 's/^[^:]*:/F:/' | nolayout >"$TMP/one.docx.out" || true
cmp -s "$TMP/one.txt.out" "$TMP/one.docx.out" || { say "bench: one.docx does not give one.txt's findings"; exit 1; }
ntxt=$("$GWLINT" --rules "$RULES" -j1 "$OUT/corpus" | wc -l)
ndocx=$("$GWLINT" --rules "$RULES" -j1 "$DOCX/corpus" | nolayout | wc -l)
[ "$ntxt" = "$ndocx" ] || { say "bench: the .docx corpus gives $ndocx findings, the text corpus $ntxt"; exit 1; }

nfiles=$(find "$DOCX/corpus" -name '*.docx' | wc -l)
dbytes=$(find "$DOCX/corpus" -name '*.docx' -exec cat {} + | wc -c)
# The extracted text is the .txt byte for byte (checked above through the findings).
xbytes=$(find "$OUT/corpus" -name '*.txt' -exec cat {} + | wc -c)
obytes=$(wc -c < "$DOCX/one.docx")
say "bench: .docx: one report, 100 runs each ..."
load0=$(cut -d' ' -f1-3 /proc/loadavg)
ot=$(timed otxt 100 10 "$GWLINT" --rules "$RULES" "$OUT/one.txt")
od=$(timed odocx 100 10 "$GWLINT" --rules "$RULES" "$DOCX/one.docx")
say "bench: .docx: the corpus, $RUNS runs ..."
ct=$(timed ctxt "$RUNS" 1 "$GWLINT" --rules "$RULES" -j1 "$OUT/corpus")
cd=$(timed cdocx "$RUNS" 1 "$GWLINT" --rules "$RULES" -j1 "$DOCX/corpus")
load1=$(cut -d' ' -f1-3 /proc/loadavg)
irt="" ird=""
if command -v valgrind >/dev/null 2>&1; then
	irt=$(ir "$GWLINT" --rules "$RULES" "$OUT/one.txt")
	ird=$(ir "$GWLINT" --rules "$RULES" "$DOCX/one.docx")
fi

{
echo "The \`.docx\` path (\`bench/docx.sh\`, $(date -u '+%Y-%m-%d %H:%M UTC'); load average $load0 / $load1):"
echo "\`one.txt\` as \`one.docx\` ($obytes bytes; \`bench/txt2docx.py\`: one paragraph per line, runs split"
echo "where the script changes, as Word does), and the $nfiles corpus reports as \`.docx\`"
echo "($(perl -e 'printf "%.1f", $ARGV[0] / 1e6' "$dbytes") MB of packages, $(perl -e 'printf "%.1f", $ARGV[0] / 1e6' "$xbytes") MB of extracted text); each gives exactly the findings of its \`.txt\`"
echo "(and the layout rules' findings, which only a \`.docx\` can have)."
echo
mi() { [ -n "$1" ] && perl -e 'printf "%.1f M", $ARGV[0] / 1e6' "$1"; }
echo "| input | min ms / s | median | mean | CPU, mean (user + sys) | instructions | MB/s of text (min) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
echo "| one report, .txt, start-up included (100 runs) | $(ms "$(f "$ot" 1)") ms | $(ms "$(f "$ot" 2)") ms | $(ms "$(f "$ot" 3)") ms | $(ms "$(f "$ot" 4)") ms ($(ms "$(f "$ot" 5)") + $(ms "$(f "$ot" 6)")) | $(mi "$irt") | |"
echo "| one report, .docx, start-up included (100 runs) | $(ms "$(f "$od" 1)") ms | $(ms "$(f "$od" 2)") ms | $(ms "$(f "$od" 3)") ms | $(ms "$(f "$od" 4)") ms ($(ms "$(f "$od" 5)") + $(ms "$(f "$od" 6)")) | $(mi "$ird") | |"
echo "| corpus, .txt, -j1 | $(f "$ct" 1) s | $(f "$ct" 2) s | $(f "$ct" 3) s | $(f "$ct" 4) s | | $(mbs "$xbytes" "$(f "$ct" 1)") |"
echo "| corpus, .docx, -j1 | $(f "$cd" 1) s | $(f "$cd" 2) s | $(f "$cd" 3) s | $(f "$cd" 4) s | | $(mbs "$xbytes" "$(f "$cd" 1)") |"
echo
echo "Target (issue 14): one ordinary report in ≤ 5 ms wall, start-up included. .docx: min"
echo "$(ms "$(f "$od" 1)") ms ($(met "$(f "$od" 1)")), mean $(ms "$(f "$od" 3)") ms ($(met "$(f "$od" 3)")), CPU $(ms "$(f "$od" 4)") ms ($(met "$(f "$od" 4)"))."
if [ -n "$ird" ]; then
	echo
	echo "Instructions (callgrind) for the one report: .txt $(perl -e 'printf "%.1f", $ARGV[0] / 1e6' "$irt") M, .docx $(perl -e 'printf "%.1f", $ARGV[0] / 1e6' "$ird") M"
	echo "(reading the package and its XML: $(perl -e 'printf "%.1f", ($ARGV[1] - $ARGV[0]) / 1e6' "$irt" "$ird") M)."
fi
} > "$TMP/table.md"
cat "$TMP/table.md"

if [ -n "$README" ] && [ -f "$README" ]; then
	readme_block "$README" "$TMP/table.md" bench-docx bench
	say "bench: .docx table written into $README (Performance)"
fi
