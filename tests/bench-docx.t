#!/bin/sh
# The .docx side of the benchmark (bench/docx.sh): bench/txt2docx.py turns
# the generated corpus into .docx files that give exactly the findings of
# their .txt (the figures compare the same work), deterministically.
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"
echo "1..3"
py=/usr/bin/python3; [ -x $py ] || py=python3
if ! command -v $py >/dev/null 2>&1; then
	skip "python3 is not installed"; skip "python3 is not installed"; skip "python3 is not installed"; exit 0
fi
perl "$root/bench/gencorpus.pl" -n 20 -b 1 "$root/examples" "$tmp/g" 2>/dev/null
$py "$root/bench/txt2docx.py" "$tmp/g/corpus" "$tmp/d1" && $py "$root/bench/txt2docx.py" "$tmp/g/corpus" "$tmp/d2"
$py "$root/bench/txt2docx.py" "$tmp/g/one.txt" "$tmp/one.docx"
if [ "$(find "$tmp/d1" -name '*.docx' | wc -l)" = 20 ] && diff -r "$tmp/d1" "$tmp/d2" >/dev/null; then
	ok "txt2docx.py writes the 20 reports as .docx, the same bytes twice"
else nok "txt2docx.py writes the 20 reports as .docx, the same bytes twice"; fi
(cd "$tmp/g/corpus" && "$bin" --rules "$root/rules" .) | sed 's/\.txt:/:/' >"$tmp/want"
# (the .docx-only layout findings aside: tests/layout.t checks those)
(cd "$tmp/d1" && "$bin" --rules "$root/rules" .) | sed 's/\.docx:/:/' |
	grep -v ' \[layout-[a-z0-9-]*\]$' >"$tmp/got"
if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
	ok "the .docx corpus gives the text corpus' $(wc -l <"$tmp/want") findings"
else nok "the .docx corpus gives the text corpus' findings"; diff "$tmp/want" "$tmp/got" | head -10 | sed 's/^/# /' >&2; fi
"$bin" --rules "$root/rules" "$tmp/g/one.txt" | sed 's/^[^:]*:/F:/' >"$tmp/w1"
"$bin" --rules "$root/rules" "$tmp/one.docx" | sed 's/^[^:]*:/F:/' | grep -v ' \[layout-[a-z0-9-]*\]$' >"$tmp/g1"
if [ -s "$tmp/w1" ] && cmp -s "$tmp/w1" "$tmp/g1"; then ok "one.docx gives one.txt's findings"
else nok "one.docx gives one.txt's findings"; fi
[ $fails -eq 0 ]
