#!/bin/sh
# Every rule of the packs in rules/ has a failing fixture (NAME-fail*.txt,
# whose expected output names the rule) and a passing one (NAME-pass*.txt,
# whose expected output does not).
. "$(dirname "$0")/lib.sh"
ids=$("$bin" --rules "$root/rules" --list-rules | awk 'NR > 1 { print $1 }')
echo "1..$(( $(echo "$ids" | wc -l) * 2 ))"
n=0
for id in $ids; do
	n=$((n + 1))
	found=""
	for f in "$fx/$id"-fail*.expected; do
		[ -f "$f" ] && grep -q "\[$id\]\$" "$f" && found=$f
	done
	if [ -n "$found" ]; then echo "ok $n - $id has a failing fixture"
	else echo "not ok $n - $id has a failing fixture (tests/fixtures/$id-fail*.txt naming [$id])"; fi
	n=$((n + 1))
	found=""
	for f in "$fx/$id"-pass*.expected; do
		[ -f "$f" ] && ! grep -q "\[$id\]\$" "$f" && found=$f
	done
	if [ -n "$found" ]; then echo "ok $n - $id has a passing fixture"
	else echo "not ok $n - $id has a passing fixture (tests/fixtures/$id-pass*.txt without [$id])"; fi
done
