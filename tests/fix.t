#!/bin/sh
# --fix and --fix-dry-run on copies of the real reports and on edge cases:
# exact bytes after fixing, nothing introduced, idempotence, mode, CRLF,
# GB18030, BOM, refusals and the failure path (test hooks of the sanitizer
# build: GWLINT_TEST_FAIL_WRITE, GWLINT_TEST_TOUCH_BEFORE_WRITE).
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"
g() { "$bin" --rules "$root/rules" --color never "$@"; }

echo "1..49"

# What each real report must look like after --fix: the original with
# exactly the fixable defects repaired, every other byte the same.
want() {
	case $1 in
	seed-001) sed 's/\[bookmark: _GoBack\]//' ;;
	seed-002) sed '13s/\*\*//g; 19s/\*\*//g; 21s/,/，/g; 23s/,/，/g; 23s/(/（/g; 23s/)/）/g' ;;
	seed-004) sed '4s/2021-2025/2021—2025/; 4s/</〈/; 4s/>/〉/; 23s/,/，/' ;;
	*) cat ;;
	esac
}

# Findings as "FILE:LINE [rule]", one line each: columns move when a fix
# changes a line's width, and messages may quote text a fix changed.
nocol() { sed 's/^\([^:]*:[0-9]*\):.*\(\[[^]]*\]\)$/\1 \2/' "$1" | sort; }

cd "$tmp" || exit 1
for s in seed-000 seed-001 seed-002 seed-003 seed-004; do
	cp "$fx/$s.txt" "$s.txt"
	g "$s.txt" >"$s.before" 2>/dev/null
	g --fix "$s.txt" >"$s.after" 2>"$s.err"
	want "$s" <"$fx/$s.txt" >"$s.want"
	t "$s: --fix leaves exactly the expected bytes" 'cmp -s "$s.txt" "$s.want"'
	g "$s.txt" >"$s.relint" 2>/dev/null
	t "$s: --fix prints what is left = a fresh lint of the result" 'cmp -s "$s.after" "$s.relint"'
	nocol "$s.before" >"$s.b"
	nocol "$s.relint" >"$s.r"
	t "$s: introduces no finding (per line and rule)" '[ -z "$(comm -13 "$s.b" "$s.r")" ]'
	g --fix-dry-run "$s.txt" >"$s.diff2" 2>/dev/null
	t "$s: nothing fixable is left (dry run prints no diff)" '[ ! -s "$s.diff2" ]'
	cp "$s.txt" "$s.once"
	g --fix "$s.txt" >/dev/null 2>"$s.err2"
	t "$s: fixing twice changes nothing the second time" 'cmp -s "$s.txt" "$s.once" && [ ! -s "$s.err2" ]'
done
left=$(wc -l <seed-001.relint)
t "seed-001: the summary says what was applied and what is left" \
  'grep -q "^gwlint: seed-001.txt: applied 1 fix; $left findings\{0,1\} left ($left with no safe fix)$" seed-001.err'
t "seed-002: the unfixable finding is reported (space in the title)" \
  'grep -q "^seed-002.txt:5:27: warning: .*\[space-in-cjk\]" seed-002.after && grep -q "^gwlint: seed-002.txt: applied 31 fixes; " seed-002.err'

# --fix-dry-run: a unified diff that patch(1) applies to give the --fix result.
cp "$fx/seed-004.txt" d.txt
g --fix-dry-run d.txt >d.diff 2>d.err; rc=$?
t "dry run leaves the file alone" 'cmp -s d.txt "$fx/seed-004.txt"'
t "dry run prints a unified diff" 'head -2 d.diff | grep -q "^+++ b/d.txt" && grep -q "^@@ -1,7 +1,7 @@$" d.diff'
t "dry run exit status follows what would be left (0)" '[ $rc = 0 ]'
if command -v patch >/dev/null 2>&1; then
	patch -s -p1 <d.diff >/dev/null 2>&1
	t "the diff applies with patch -p1 and gives the --fix result" 'cmp -s d.txt seed-004.want'
else
	skip "patch not installed"
fi

# A last line without a line end that a fix empties.
printf 'abc\n\342\200\224 2 \342\200\224' >p.txt
cp p.txt p2.txt
g --fix-dry-run p.txt >p.diff 2>/dev/null
g --fix p2.txt >/dev/null 2>&1
t "a page-number last line is removed, its line end kept" '[ "$(od -An -c p2.txt | tr -s " ")" = " a b c \\n" ]'
if command -v patch >/dev/null 2>&1; then
	patch -s -p1 <p.diff >/dev/null 2>&1
	t "the diff of an emptied last line applies" 'cmp -s p.txt p2.txt'
else
	skip "patch not installed"
fi

# Mode kept.
cp "$fx/seed-001.txt" m.txt
chmod 640 m.txt
g --fix m.txt >/dev/null 2>&1
t "mode is kept" '[ "$(stat -c %a m.txt)" = 640 ] && ! grep -q "_GoBack" m.txt'
t "no temporary file is left" '[ -z "$(ls -A | grep gwlint-fix)" ]'

# CRLF kept.
sed 's/$/\r/' "$fx/seed-002.txt" >c.txt
g --fix c.txt >/dev/null 2>&1
sed 's/$/\r/' seed-002.want >c.want
t "CRLF line ends are kept" 'cmp -s c.txt c.want'

# GB18030 kept.
iconv -f UTF-8 -t GB18030 "$fx/seed-004.txt" >gb.txt
g --fix gb.txt >/dev/null 2>gb.err; rc=$?
iconv -f UTF-8 -t GB18030 seed-004.want >gb.want
t "GB18030 file is fixed and written back in GB18030" '[ $rc = 0 ] && cmp -s gb.txt gb.want'

# UTF-8 BOM kept.
printf '\357\273\277' >b.txt
cat "$fx/seed-001.txt" >>b.txt
g --fix b.txt >/dev/null 2>&1
t "a UTF-8 BOM is kept" '[ "$(head -c 3 b.txt | od -An -tx1 | tr -d " ")" = efbbbf ] && ! grep -q _GoBack b.txt'

# Overlapping fixes settle over passes: ( and ) and the dash inside a
# title that known-document-title also reports.
cp "$fx/known-document-title-fail-form.txt" o.txt
g --fix o.txt >o.out 2>/dev/null; rc=$?
t "overlapping findings: all fixed over passes, title then right" \
  '[ $rc = 0 ] && [ ! -s o.out ] && grep -q "《法治政府建设实施纲要（2015—2020年）》" o.txt'

# A symbolic link named directly: never written through (issue 13 #5, #9:
# /dev/stdin and /proc/self/fd/N are links too); the target is untouched.
cp "$fx/seed-001.txt" target.txt
cp target.txt target.orig
ln -s target.txt link.txt
g --fix link.txt >/dev/null 2>link.err; rc=$?
t "through a symbolic link nothing is fixed: exit 2, a message" \
  '[ $rc = 2 ] && [ -L link.txt ] && cmp -s target.txt target.orig && grep -q "^gwlint: link.txt: not fixed: it is a symbolic link" link.err'

# Refusals: file unchanged, exit 2, a message.
printf 'abc\377\n' >bad.txt
cat "$fx/seed-001.txt" >>bad.txt
cp bad.txt bad.orig
g --fix bad.txt >/dev/null 2>bad.err; rc=$?
t "invalid bytes: not fixed, exit 2, message" \
  '[ $rc = 2 ] && cmp -s bad.txt bad.orig && grep -q "not fixed: the file has invalid byte sequences" bad.err'
g --fix - <"$fx/seed-001.txt" >/dev/null 2>s.err; rc=$?
t "--fix refuses standard input" '[ $rc = 2 ] && grep -q "standard input" s.err'
g --fix-dry-run --stdin-filename in.txt - <"$fx/seed-001.txt" >s.diff 2>/dev/null
t "--fix-dry-run works on standard input" 'grep -q "^-\[bookmark: _GoBack\]" s.diff'

# Fixes that never settle (one rule undoes the other): nothing is written.
cat >osc.yaml <<'YAML'
pack: oscillate
rules:
  - id: a-to-b
    severity: warning
    kind: pattern
    pattern: 甲
    message: 甲 to 乙
    fix: 乙
  - id: b-to-a
    severity: warning
    kind: pattern
    pattern: 乙
    message: 乙 to 甲
    fix: 甲
YAML
printf '甲乙\n' >osc.txt
cp osc.txt osc.orig
"$bin" --rules osc.yaml --fix osc.txt >/dev/null 2>osc.err; rc=$?
t "fixes that do not settle: file unchanged, exit 2" '[ $rc = 2 ] && cmp -s osc.txt osc.orig'
t "fixes that do not settle: the message says so" 'grep -q "not fixed: the fixes did not settle after 8 passes" osc.err'

# Failure path: a write that fails half-way leaves the original intact.
cp "$fx/seed-002.txt" w.txt
GWLINT_TEST_FAIL_WRITE=1 g --fix w.txt >/dev/null 2>w.err; rc=$?
if [ $rc = 2 ]; then
	t "failed write: exit 2 and a message" 'grep -q "not fixed: writing the corrected file failed" w.err'
	t "failed write: the file is untouched" 'cmp -s w.txt "$fx/seed-002.txt"'
	t "failed write: no partial or temporary file is left" '[ "$(ls -A | grep -c gwlint-fix)" = 0 ]'
else
	skip "binary built without GWLINT_TEST_HOOKS"
	skip "binary built without GWLINT_TEST_HOOKS"
	skip "binary built without GWLINT_TEST_HOOKS"
fi
cp "$fx/seed-001.txt" ch.txt
GWLINT_TEST_TOUCH_BEFORE_WRITE=1 g --fix ch.txt >/dev/null 2>ch.err; rc=$?
if [ $rc = 2 ]; then
	t "a file changed since it was read is not written" \
	  'grep -q "changed since it was read" ch.err && grep -q _GoBack ch.txt'
else
	skip "binary built without GWLINT_TEST_HOOKS"
fi
[ $fails = 0 ]
