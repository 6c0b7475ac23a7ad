#!/bin/sh
# The benchmark's inputs: the corpus generator is deterministic and plants
# defects the packs find; the grep/rg floor regex is a valid PCRE2 union of
# every pattern in the packs; the pack copies for the rule-count run load.
. "$(dirname "$0")/lib.sh"
check() { if eval "$2"; then ok "$1"; else notok "$1"; fi; }
echo "1..7"

perl "$root/bench/gencorpus.pl" -n 30 -b 1 "$root/examples" "$tmp/a" 2>/dev/null
perl "$root/bench/gencorpus.pl" -n 30 -b 1 "$root/examples" "$tmp/b" 2>/dev/null
check "the generator writes 30 reports, one.txt and the big files" \
    '[ "$(find "$tmp/a/corpus" -name "*.txt" | wc -l)" -eq 30 ] && [ -s "$tmp/a/one.txt" ] && [ -s "$tmp/a/big-100.txt" ] && [ -s "$tmp/a/big-25.txt" ]'
check "same seed, same bytes" 'diff -r "$tmp/a" "$tmp/b" >/dev/null'
check "the big file is the size asked for (1 MB)" \
    '[ "$(wc -c <"$tmp/a/big-100.txt")" -ge 1000000 ] && [ "$(wc -c <"$tmp/a/big-100.txt")" -lt 1100000 ]'
check "big-25 is a prefix of big-100" \
    'cmp -s "$tmp/a/big-25.txt" "$tmp/a/big-100.txt" 2>/dev/null || [ $? -eq 1 ] && [ "$(head -c "$(wc -c <"$tmp/a/big-25.txt")" "$tmp/a/big-100.txt" | md5sum)" = "$(md5sum <"$tmp/a/big-25.txt")" ]'
"$bin" --rules "$root/rules" "$tmp/a/corpus" >"$tmp/out" 2>&1
check "gwlint finds planted defects in the corpus (docnum-bracket, next-year-plan-year)" \
    'grep -q "\[docnum-bracket\]" "$tmp/out" && grep -q "\[next-year-plan-year\]" "$tmp/out"'
perl "$root/bench/packs.pl" union "$root/rules" >"$tmp/union.re" 2>"$tmp/union.n"
check "the union of $(cat "$tmp/union.n") pack regexes compiles in grep -P" \
    'grep -P -c -f "$tmp/union.re" "$tmp/a/one.txt" >/dev/null 2>"$tmp/grep.err"; [ ! -s "$tmp/grep.err" ]'
perl "$root/bench/packs.pl" copies "$root/rules" 2 "$tmp/x2"
# Pack rules only: the engine's own three (pack engine) are there once whatever is loaded.
n1=$("$bin" --rules "$root/rules" --list-rules | tail -n +2 | awk '$3 != "engine"' | wc -l)
n2=$("$bin" --rules "$tmp/x2" --list-rules 2>&1 | tail -n +2 | awk '$3 != "engine"' | wc -l)
check "two renamed copies of the packs load, with twice the rules ($n1 -> $n2)" '[ "$n2" -eq $((2 * n1)) ]'
