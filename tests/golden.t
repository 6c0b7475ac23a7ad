#!/bin/sh
# Golden CLI tests, as TAP.
#
# tests/fixtures/NAME.txt       input report
# tests/fixtures/NAME.expected  exact stdout (run from tests/fixtures)
# tests/fixtures/NAME.args      extra options, one line (optional)
# tests/fixtures/NAME.rc        expected exit status (optional; default 1 if
#                               the expected output has an error, else 0)
# tests/fixtures/NAME.stderr    exact stderr (optional; default: empty)
# tests/bad-packs/NAME.yaml     a broken pack; NAME.expected is the exact
#                               stderr, exit status 2
#
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"

out() { echo "$@"; }

check_case() { # name kind(out|err) expected-file actual-file want-rc got-rc
	n=$((n + 1))
	if cmp -s "$3" "$4" && [ "$5" = "$6" ]; then
		out "ok $n - $1"
	else
		out "not ok $n - $1"
		fails=$((fails + 1))
		[ "$5" = "$6" ] || echo "# exit status: got $6, expected $5" >&2
		diff -u "$3" "$4" | sed 's/^/# /' >&2
	fi
}

cases=$(cd "$here/fixtures" && ls *.txt 2>/dev/null | sed 's/\.txt$//')
packs=$(cd "$here/bad-packs" 2>/dev/null && ls *.yaml 2>/dev/null | sed 's/\.yaml$//')
total=0
for c in $cases; do [ -f "$here/fixtures/$c.expected" ] && total=$((total + 1)); done
for c in $packs; do total=$((total + 1)); done
echo "1..$total"

for c in $cases; do
	f=$here/fixtures
	[ -f "$f/$c.expected" ] || continue
	args=""
	[ -f "$f/$c.args" ] && args=$(cat "$f/$c.args")
	# shellcheck disable=SC2086
	(cd "$f" && "$bin" --rules "$root/rules" --color never $args "$c.txt" \
		>"$tmp/out" 2>"$tmp/err")
	rc=$?
	if [ -f "$f/$c.rc" ]; then want=$(cat "$f/$c.rc")
	elif grep -q ': error: ' "$f/$c.expected"; then want=1
	else want=0; fi
	if [ -f "$f/$c.stderr" ]; then
		cat "$tmp/err" >>"$tmp/out.all"
		if ! cmp -s "$f/$c.stderr" "$tmp/err"; then
			echo "# stderr differs for $c:" >&2
			diff -u "$f/$c.stderr" "$tmp/err" | sed 's/^/# /' >&2
			want="$want (stderr)"
		fi
	elif [ -s "$tmp/err" ]; then
		echo "# unexpected stderr for $c:" >&2
		sed 's/^/# /' "$tmp/err" >&2
		want="$want (stderr)"
	fi
	check_case "fixture $c" out "$f/$c.expected" "$tmp/out" "$want" "$rc"
done

for c in $packs; do
	d=$here/bad-packs
	(cd "$d" && "$bin" --rules "$c.yaml" "$root/tests/fixtures/empty-input.txt" \
		>"$tmp/out" 2>"$tmp/err")
	rc=$?
	if [ -s "$tmp/out" ]; then
		echo "# unexpected stdout for bad pack $c" >&2
		rc="$rc (stdout)"
	fi
	check_case "bad pack $c" err "$d/$c.expected" "$tmp/err" 2 "$rc"
done

[ $fails -eq 0 ]
