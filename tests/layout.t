#!/bin/sh
# GB/T 9704 layout on .docx (rules/gbt9704-layout.yaml, kind layout).
#
# tests/fixtures/layout-*.docx (written by tests/fixtures/layout/gen.py)
# against layout-*.expected byte for byte, with the layout pack alone, run
# from tests/fixtures; the generator rewrites the same bytes; the
# conforming 公文 is silent and the Word-defaults one gets each rule it
# should exactly once; the pack is silent on the same 公文 as text; a
# province changes a value by editing only a copy of the pack.
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"

pack=$root/rules/gbt9704-layout.yaml
cases=$(cd "$fx" && ls layout-*.docx | sed 's/\.docx$//')
total=0
for c in $cases; do total=$((total + 1)); done
echo "1..$((total + 10))"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }

for c in $cases; do
	(cd "$fx" && "$bin" --rules "$pack" --color never "$c.docx" >"$tmp/out" 2>"$tmp/err")
	if [ -f "$fx/$c.expected" ] && cmp -s "$fx/$c.expected" "$tmp/out" && [ ! -s "$tmp/err" ]; then
		ok "$c.docx: golden output"
	else
		nok "$c.docx: golden output"
		diff -u "$fx/$c.expected" "$tmp/out" | sed 's/^/# /'
		sed 's/^/# stderr: /' "$tmp/err"
	fi
done

# the generator is deterministic and the committed fixtures are its output
if /usr/bin/python3 "$fx/layout/gen.py" --check >"$tmp/gen" 2>&1; then
	ok "gen.py --check: the fixtures are the generator's, byte for byte"
else
	nok "gen.py --check"; sed 's/^/# /' "$tmp/gen"
fi

# the conforming 公文 is silent; Word's defaults fire every rule but the
# two that Word's A4 and its single footer satisfy, and the page number's indent
# (Word centres it: page-number-place's finding), each exactly once
if [ ! -s "$fx/layout-conforming.expected" ]; then ok "conforming: silent"
else nok "conforming: silent"; fi
"$bin" --rules "$pack" --list-rules | awk 'NR > 1 && /^layout-/ { print $1 }' | sort >"$tmp/ids"
sed -n 's/.*\[\(layout-[a-z0-9-]*\)\]$/\1/p' "$fx/layout-word-defaults.expected" | sort >"$tmp/got"
grep -v -x -e layout-page-size -e layout-page-number -e layout-page-number-indent "$tmp/ids" >"$tmp/want"
if cmp -s "$tmp/want" "$tmp/got"; then ok "word-defaults: every rule once (page size, presence aside)"
else nok "word-defaults: every rule once"; diff -u "$tmp/want" "$tmp/got" | sed 's/^/# /'; fi

# silent on text: the same 公文's text, as .txt (and on stdin)
"$bin" --dump-text "$fx/layout-word-defaults.docx" | cut -f2- >"$tmp/wd.txt"
"$bin" --rules "$pack" --color never "$tmp/wd.txt" >"$tmp/out" 2>&1
rc=$?
if [ $rc = 0 ] && [ ! -s "$tmp/out" ] && [ -s "$tmp/wd.txt" ]; then ok "text input: the layout pack is silent"
else nok "text input: the layout pack is silent (rc $rc)"; sed 's/^/# /' "$tmp/out"; fi

# a province edits one value of a copy of the pack: 天头 34 mm ± 1
sed -e '/check: margin-top/,/message:/{s/min: 2041/min: 1871/;s/max: 2154/max: 1984/}' "$pack" >"$tmp/prov.yaml"
(cd "$fx" && "$bin" --rules "$tmp/prov.yaml" --color never layout-conforming.docx) >"$tmp/out" 2>&1
if cmp -s "$pack" "$tmp/prov.yaml"; then
	nok "province: the edit changed nothing in the copy"
elif grep -q '^layout-conforming.docx:1:1: warning: 天头.*2098 twips.*1871–1984 twips.*\[layout-margin-top\]$' "$tmp/out" &&
    [ "$(wc -l <"$tmp/out")" = 1 ]; then
	ok "province: a value edited in the pack moves the finding (2098 now outside 1871–1984)"
else
	nok "province: a value edited in the pack moves the finding"; sed 's/^/# /' "$tmp/out"
fi

# findings land on the offending run: the highlighted second run of line 2
"$bin" --rules "$pack" --format json "$fx/layout-word-defaults.docx" >"$tmp/j" 2>&1
if perl -MJSON::PP -ne 'my $f = decode_json($_); next unless $f->{rule} eq "layout-text-colour";
	exit(($f->{line} == 2 && $f->{column} == 27 && $f->{end_line} == 2 && $f->{end_column} == 59) ? 0 : 1);
	END { exit 1 unless defined $f }' <"$tmp/j"; then
	ok "text-colour: the finding spans the highlighted run (2:27 to 2:59)"
else
	nok "text-colour: the finding starts at the highlighted run"; head -c 600 "$tmp/j" | sed 's/^/# /'
fi

# --list-rules says which rules need a .docx (table and JSON); --explain too
"$bin" --rules "$root/rules" --list-rules >"$tmp/list"
if [ "$(grep -c '(.docx only)$' "$tmp/list")" = "$(grep -c '^layout-' "$tmp/list")" ] &&
    [ "$(grep -c '^layout-' "$tmp/list")" -gt 20 ] && ! grep -v '^layout-' "$tmp/list" | grep -q '(.docx only)'; then
	ok "--list-rules: exactly the layout rules are marked (.docx only)"
else nok "--list-rules: exactly the layout rules are marked (.docx only)"; fi
"$bin" --rules "$root/rules" --list-rules --format json >"$tmp/lj"
if perl -MJSON::PP -e 'local $/; my $r = decode_json(<STDIN>); my $bad = 0;
	for (@$r) { $bad++ if ($_->{kind} eq "layout") != ($_->{input} eq "docx") || $_->{input} !~ /^(docx|any)$/ } exit $bad' <"$tmp/lj"; then
	ok "--list-rules --format json: input is docx for the layout kind, any otherwise"
else nok "--list-rules --format json: input field"; fi
"$bin" --rules "$root/rules" --explain layout-heading1-font >"$tmp/ex"
if sed -n 1p "$tmp/ex" | grep -q '^layout-heading1-font: warning, pack gbt9704-layout, kind layout, scope text, reads a .docx (silent on text and Markdown)$' &&
    grep -q '^source: GB/T 9704-2012 7.3.3$' "$tmp/ex" && grep -q '不看样式名' "$tmp/ex"; then
	ok "--explain: a layout rule says it reads a .docx, its clause and explanation"
else nok "--explain layout-heading1-font"; sed 's/^/# /' "$tmp/ex"; fi

# the man page and README.md name every layout rule
missing=""
sed 's/\\-/-/g' "$root/man/gwlint.1" >"$tmp/man"
for id in $(grep '^layout-' "$tmp/list" | cut -d' ' -f1); do
	grep -q "^\.BR* $id\( [,.]\)*\$" "$tmp/man" || missing="$missing man:$id"
	grep -q "\`$id\`" "$root/README.md" || missing="$missing README:$id"
done
if [ -z "$missing" ]; then ok "man page and README.md name every layout rule"
else nok "man page and README.md name every layout rule:$missing"; fi
