#!/bin/sh
# The rendering is the ground truth of what the XML promises: where
# LibreOffice (soffice) and poppler-utils (pdftotext, pdfinfo) are
# installed, tests/fixtures/layout-render-conforming.docx, which the layout
# pack passes, is converted to PDF and must come out on A4 with 22 lines of
# body text on every full page (the page number's line aside);
# layout-render-word.docx (Word's defaults: grid 312, 25.4 mm margins),
# which the pack flags, must not.  LibreOffice is optional (not a required
# test tool): each test is skipped, saying why, where it is missing.
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"

echo "1..4"
n=0
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 ||
    ! command -v pdfinfo >/dev/null 2>&1; then
	why="LibreOffice (soffice) or poppler-utils (pdftotext, pdfinfo) is not installed; LibreOffice is optional"
	for t in convert conforming word gwlint; do skip "$why: $t"; done
	exit 0
fi
pack=$root/rules/gbt9704-layout.yaml

# gwlint: silent on the conforming one, the line grid flagged on Word's
(cd "$fx" && "$bin" --rules "$pack" --color never layout-render-conforming.docx layout-render-word.docx) >"$tmp/lint" 2>&1
n=$((n + 1))
if ! grep -q '^layout-render-conforming' "$tmp/lint" &&
    grep -q '^layout-render-word.docx:1:1: warning: 行网格.*\[layout-line-grid\]$' "$tmp/lint"; then
	echo "ok $n - gwlint: conforming silent, Word's defaults get layout-line-grid"
else
	echo "not ok $n - gwlint: conforming silent, Word's defaults get layout-line-grid"; head -5 "$tmp/lint" | sed 's/^/# /'
fi

# a private LibreOffice profile, so that no user's settings or running instance interfere
n=$((n + 1))
if timeout 300 soffice --headless --norestore "-env:UserInstallation=file://$tmp/lo-profile" \
    --convert-to pdf --outdir "$tmp" "$fx/layout-render-conforming.docx" "$fx/layout-render-word.docx" \
    >"$tmp/lo.log" 2>&1 && [ -s "$tmp/layout-render-conforming.pdf" ] && [ -s "$tmp/layout-render-word.pdf" ]; then
	echo "ok $n - soffice --convert-to pdf"
else
	echo "not ok $n - soffice --convert-to pdf"; sed 's/^/# /' "$tmp/lo.log"
fi

# lines of text on each page but the last, the page number's line (— N —) aside
per_page() {
	pdftotext -layout "$1" - | awk 'BEGIN { RS = "\f" } NF {
		n = 0; k = split($0, L, "\n")
		for (i = 1; i <= k; i++) if (L[i] ~ /[^ \t]/ && L[i] !~ /^[ \t]*—[ \t]*[0-9]+[ \t]*—[ \t]*$/) n++
		print n }' | sed '$d'
}

n=$((n + 1))
pages=$(per_page "$tmp/layout-render-conforming.pdf" | sed 1d | tr '\n' ' ')
if pdfinfo "$tmp/layout-render-conforming.pdf" 2>/dev/null | grep -q '^Page size:.*(A4)$' &&
    [ -n "$pages" ] && [ -z "$(echo $pages | tr ' ' '\n' | grep -v -x 22)" ]; then
	echo "ok $n - conforming: A4, 22 lines on every full page (pages 2.. but the last: $pages)"
else
	echo "not ok $n - conforming: A4, 22 lines on every full page (got: $pages)"
	pdfinfo "$tmp/layout-render-conforming.pdf" 2>&1 | grep -i 'page' | sed 's/^/# /'
fi

n=$((n + 1))
first=$(per_page "$tmp/layout-render-word.pdf" | head -1)
if [ -n "$first" ] && [ "$first" -gt 22 ]; then
	echo "ok $n - Word's defaults: not 22 lines a page ($first on the first page)"
else
	echo "not ok $n - Word's defaults: not 22 lines a page (got: $first)"
fi
