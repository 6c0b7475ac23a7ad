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

say() { printf '%s\n' "$*" >&2; }
[ -x "$GWLINT" ] || { say "bench: $GWLINT not built"; exit 2; }
[ -d "$OUT/corpus" ] || { say "bench: $OUT/corpus missing (bench/bench.sh makes it)"; exit 2; }
rm -rf "$TMP"
mkdir -p "$TMP"
page=$TMP/audit.html
case $page in /*) ;; *) page=$PWD/$page ;; esac
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
t0=$(date +%s.%N)
run_chrome --dump-dom "file://$page" >"$TMP/dom.html" || true
t1=$(date +%s.%N)
dom=$(grep -c '<li class="finding' "$TMP/dom.html" || true)
t2=$(date +%s.%N)
run_chrome --no-pdf-header-footer --print-to-pdf="$TMP/audit.pdf" "file://$page" >/dev/null || true
t3=$(date +%s.%N)
pages=$(perl -0777 -ne 'my $n = () = /\/Type\s*\/Page[^s]/g; print $n' "$TMP/audit.pdf" 2>/dev/null || echo 0)
echo "Chromium $("$chrome" --version 2>/dev/null | sed -n 's/^Chromium \([0-9.]*\).*/\1/p') (headless, wall time on a shared machine): load and lay out"
echo "(--dump-dom, $dom findings in its DOM) $(perl -e 'printf "%.1f", $ARGV[1] - $ARGV[0]' "$t0" "$t1") s;" \
    "print to PDF $(perl -e 'printf "%.1f", $ARGV[1] - $ARGV[0]' "$t2" "$t3") s ($pages A4 pages)."
