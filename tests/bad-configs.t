#!/bin/sh
# Broken project configs: every wrong shape, type, duplicate key, unknown
# key and non-UTF-8 byte is an error with the file, line and column of the
# offending node, and exit status 2.
#
# tests/bad-configs/NAME.yaml      a broken config (its first line says why)
# tests/bad-configs/NAME.expected  the exact stderr
#
# Each is given as --config NAME.yaml (run from tests/bad-configs) with the
# bundled packs, so that rule ids are checked too.
. "$(dirname "$0")/lib.sh"
d=$here/bad-configs
cases=$(cd "$d" && ls *.yaml | sed 's/\.yaml$//')
echo "1..$(echo "$cases" | wc -l)"
for c in $cases; do
	n=$((n + 1))
	(cd "$d" && "$bin" --rules "$root/rules" --config "$c.yaml" \
		"$root/tests/fixtures/empty-input.txt" >"$tmp/out" 2>"$tmp/err")
	rc=$?
	if [ "$rc" = 2 ] && [ ! -s "$tmp/out" ] && cmp -s "$d/$c.expected" "$tmp/err"; then
		echo "ok $n - bad config $c"
	else
		echo "not ok $n - bad config $c"
		fails=$((fails + 1))
		echo "# exit status $rc (want 2)" >&2
		diff -u "$d/$c.expected" "$tmp/err" | sed 's/^/# /' >&2
	fi
done
[ $fails -eq 0 ]
