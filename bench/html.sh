#!/bin/sh
# SPDX-License-Identifier: MIT
# html.sh — the audit page in `make bench` (run after bench.sh, which
# generates bench/out/): `--format html` over the whole generated corpus
# (2,000 reports): gwlint's time and peak RSS, the page's size, and how long
# headless Chromium takes to load and lay it out (--dump-dom: the page is
# parsed, styled and its DOM serialised) and to print it to PDF.  Prints
# its lines to stdout; writes nothing into the README.
#
# Environment: as bench.sh (GWLINT, RULES, BENCH_OUT).  Chromium is
# optional: without it the render times are reported as skipped.
set -eu

GWLINT=${GWLINT:-build/gwlint}
RULES=${RULES:-rules}
OUT=${BENCH_OUT:-bench/out}
TMP=$OUT/tmp-html

. bench/lib.sh
[ -x "$GWLINT" ] || { say "bench: $GWLINT not built"; exit 2; }
[ -d "$OUT/corpus" ] || { say "bench: $OUT/corpus missing (bench/bench.sh makes it)"; exit 2; }
rm -rf "$TMP"
mkdir -p "$TMP"
case $TMP in /*) ;; *) TMP=$PWD/$TMP ;; esac
page=$TMP/audit.html
nfiles=$(find "$OUT/corpus/" -name '*.txt' | wc -l)

say "bench: html page ..."
t0=$(date +%s.%N)
/usr/bin/time -f %M -o "$TMP/rss" "$GWLINT" --rules "$RULES" --format html "$OUT/corpus" >"$page" 2>/dev/null || true
t1=$(date +%s.%N)
bytes=$(wc -c <"$page")
nfind=$(grep -c '<li class="finding' "$page" || true)
rows=$(grep -c '^<tr class="st-' "$page" || true)
echo
echo "Audit page (\`--format html\`) over the $nfiles generated reports: $rows rows, $nfind findings,"
echo "$(perl -e 'printf "%.1f", $ARGV[0] / 1e6' "$bytes") MB ($bytes bytes; $(perl -e 'printf "%.1f", $ARGV[0] / $ARGV[1] / 1024' "$bytes" "$rows") KiB per report),"
echo "made in $(perl -e 'printf "%.2f", $ARGV[1] - $ARGV[0]' "$t0" "$t1") s with a peak RSS of $(perl -e 'printf "%.1f", $ARGV[0] / 1024' "$(tail -n 1 "$TMP/rss")") MiB."

chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ]; then
	echo "Chromium: not installed, render time skipped (make test-tools installs it)."
	exit 0
fi
run_chrome() {
	timeout 900 "$chrome" --headless --disable-gpu --no-sandbox --no-first-run \
	    --user-data-dir="$TMP/profile" "$@" 2>/dev/null
}
# timed_chrome OUT ARGS...: Chromium's stdout to OUT; its wall time in s,
# or "more than 900".
timed_chrome() {
	o=$1
	shift
	t0=$(date +%s.%N)
	rc=0
	run_chrome "$@" >"$o" || rc=$?
	t1=$(date +%s.%N)
	if [ "$rc" = 124 ]; then echo "more than 900"; else perl -e 'printf "%.1f", $ARGV[1] - $ARGV[0]' "$t0" "$t1"; fi
}
tdom=$(timed_chrome "$TMP/dom.html" --dump-dom "file://$page")
dom=$(grep -c '<li class="finding' "$TMP/dom.html" || true)
# Print: a page of the first 100 reports (one folder of the corpus); each
# report starts an A4 page.
"$GWLINT" --rules "$RULES" --format html "$OUT/corpus/000" >"$TMP/audit100.html" 2>/dev/null || true
n100=$(grep -c '^<tr class="st-' "$TMP/audit100.html" || true)
tpdf=$(timed_chrome /dev/null --no-pdf-header-footer --print-to-pdf="$TMP/audit100.pdf" "file://$TMP/audit100.html")
pages=$(pdfinfo "$TMP/audit100.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
echo "Chromium $("$chrome" --version 2>/dev/null | sed -n 's/^Chromium \([0-9.]*\).*/\1/p') (headless, wall time; the machine may be shared): loads and lays out the"
echo "$rows-report page (--dump-dom; $dom findings in its DOM) in $tdom s; prints a page of $n100 reports"
echo "($(wc -c <"$TMP/audit100.html") bytes) to PDF in $tpdf s (${pages:-?} A4 pages)."
