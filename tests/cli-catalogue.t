#!/bin/sh
# --list-rules (table and JSON), --explain, --enable/--disable/--severity.
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"
g() { "$bin" --rules "$root/rules" --color never "$@"; }

echo "1..22"

g --list-rules >"$tmp/list" 2>"$tmp/err"; rc=$?
t "--list-rules exits 0" '[ $rc = 0 ] && [ ! -s "$tmp/err" ]'
t "--list-rules has a header" 'head -1 "$tmp/list" | grep -q "^ID  *SEVERITY  *PACK  *SOURCE$"'
t "--list-rules row: id, severity, pack, source" \
  'grep -q "^halfwidth-punct  *warning  *punctuation  *GB/T 15834-2011 5.1.1" "$tmp/list"'
t "--list-rules lists the residue pack" 'grep -q "^conversion-residue  *error  *residue " "$tmp/list"'

g --list-rules --format json >"$tmp/json"; rc=$?
t "--list-rules --format json exits 0" '[ $rc = 0 ]'
t "JSON parses and has one object per table row" \
  '[ "$(perl -MJSON::PP -e "local \$/; print scalar @{decode_json(<STDIN>)}" <"$tmp/json")" = "$(($(wc -l <"$tmp/list") - 1))" ]'
t "JSON carries id, severity, pack, source, explain, examples, fix" \
  'perl -MJSON::PP -e "local \$/; my (\$r) = grep { \$_->{id} eq q(range-dash) } @{decode_json(<STDIN>)};
   exit !(\$r && \$r->{severity} eq q(warning) && \$r->{pack} eq q(punctuation) && \$r->{source} =~ /4\.13\.3\.2/
   && \$r->{explain} ne q() && \$r->{examples}{fail} =~ /2021-2025/ && \$r->{fix})" <"$tmp/json"'

g --explain range-dash >"$tmp/ex" 2>"$tmp/err"; rc=$?
t "--explain exits 0" '[ $rc = 0 ] && [ ! -s "$tmp/err" ]'
t "--explain names the clause" 'grep -q "^source: GB/T 15834-2011 4.13.3.2" "$tmp/ex"'
t "--explain shows failing and passing examples" \
  'grep -q "^fails:  《法治政府建设实施纲要（2021-2025年）》" "$tmp/ex" && grep -q "^passes: " "$tmp/ex"'
t "--explain says the fix is automatic" 'grep -q "^fix: " "$tmp/ex"'

g --explain halfwidth-punc >"$tmp/ex" 2>"$tmp/err"; rc=$?
t "--explain unknown id exits 2 with nothing on stdout" '[ $rc = 2 ] && [ ! -s "$tmp/ex" ]'
t "--explain unknown id suggests the nearest" \
  'grep -q "unknown rule .halfwidth-punc. (did you mean .halfwidth-punct.?)" "$tmp/err"'
g --explain date-in-txt >/dev/null 2>"$tmp/err"
t "--explain suggests several near ids" 'grep -q "did you mean .date-in-text." "$tmp/err"'

cd "$fx" || exit 1
g --disable halfwidth-punct halfwidth-punct-fail.txt >"$tmp/o"; rc=$?
t "--disable silences a rule" '[ $rc = 0 ] && [ ! -s "$tmp/o" ]'
g --disable halfwidth-punct --enable halfwidth-punct halfwidth-punct-fail.txt >"$tmp/o"
t "--enable after --disable runs it again" 'cmp -s "$tmp/o" halfwidth-punct-fail.expected'
g --severity halfwidth-punct=error halfwidth-punct-fail.txt >"$tmp/o"; rc=$?
t "--severity raises the level and the exit status" \
  '[ $rc = 1 ] && [ "$(grep -c ": error: .*\[halfwidth-punct\]" "$tmp/o")" = 6 ]'
g --severity conversion-residue=info conversion-residue-fail.txt >"$tmp/o"; rc=$?
t "--severity lowers the level (exit 0)" '[ $rc = 0 ] && ! grep -q ": error: " "$tmp/o"'
g --list-rules --severity range-unit=info --disable range-dash >"$tmp/o"
t "--list-rules shows overrides" \
  'grep -q "^range-unit  *info " "$tmp/o" && grep -q "^range-dash  .*(disabled)$" "$tmp/o"'
g --disable no-such-rule x.txt 2>"$tmp/err" >/dev/null; rc=$?
t "--disable unknown id exits 2" '[ $rc = 2 ] && grep -q "unknown rule .no-such-rule." "$tmp/err"'
g --severity halfwidth-punct=loud x.txt 2>/dev/null >/dev/null; rc=$?
t "--severity with a bad level exits 2" '[ $rc = 2 ]'
g --fix --fix-dry-run x.txt 2>/dev/null >/dev/null; rc=$?
t "--fix with --fix-dry-run is a usage error" '[ $rc = 2 ]'
[ $fails = 0 ]
