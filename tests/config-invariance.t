#!/bin/sh
# A config that says nothing about a rule changes nothing about it (issue 14,
# bug 1): every golden fixture (tests/golden.t: NAME.txt, NAME.args) gives
# byte-identical stdout and the same exit status with no config, an empty
# config, a comment-only config and `enable: []`.  Then the severity a user
# sets wins over a kind's grading (far-severity, deep-severity, `also`), and
# the command line wins over the config.
#
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"

: >"$tmp/empty.yaml"
printf '# a project config that only has a comment\n' >"$tmp/comment.yaml"
printf 'enable: []\n' >"$tmp/enable.yaml"
variants="empty comment enable"

cases=$(cd "$fx" && ls *.txt | sed 's/\.txt$//')
total=0
for c in $cases; do [ -f "$fx/$c.expected" ] && total=$((total + 1)); done
echo "1..$((total + 11))"

# run NAME OUT [options...]: the fixture as golden.t runs it; prints the exit status.
run() {
	c=$1 o=$2
	shift 2
	args=""
	[ -f "$fx/$c.args" ] && args=$(cat "$fx/$c.args")
	# shellcheck disable=SC2086
	(cd "$fx" && "$bin" --rules "$root/rules" --color never $args "$@" "$c.txt" \
		>"$o" 2>/dev/null)
	echo $?
}

for c in $cases; do
	[ -f "$fx/$c.expected" ] || continue
	want=$(run "$c" "$tmp/none.out")
	bad=""
	for v in $variants; do
		got=$(run "$c" "$tmp/$v.out" --config "$tmp/$v.yaml")
		if [ "$got" != "$want" ] || ! cmp -s "$tmp/none.out" "$tmp/$v.out"; then
			bad="$bad $v"
			echo "# $c with the $v config: exit $got (without: $want)" >&2
			diff -u "$tmp/none.out" "$tmp/$v.out" | sed 's/^/# /' >&2
		fi
	done
	if [ -z "$bad" ]; then ok "fixture $c: same output and exit status under an empty, comment-only and enable: [] config"
	else nok "fixture $c: output or exit status moved under:$bad"; fi
done

# sev FIXTURE CONFIG-TEXT [options...]: "LINE:SEV" of each finding, then
# "rc=N"; CONFIG-TEXT "-": no config.
sev() {
	c=$1
	cfg="--config $tmp/c.yaml"
	[ "$2" = - ] && cfg=""
	printf '%s\n' "$2" >"$tmp/c.yaml"
	shift 2
	# shellcheck disable=SC2086
	(cd "$fx" && "$bin" --rules "$root/rules" --color never $cfg "$@" \
		"$c.txt" 2>&1; echo "rc=$?") |
		sed -n 's/^[^:]*:\([0-9]*\):[0-9]*: \([a-z]*\): .*/\1:\2/p; s/^rc=/rc=/p' | tr '\n' ' '
}

# check NAME GOT WANT
check() {
	if [ "$2" = "$3" ]; then ok "$1"
	else nok "$1"; echo "# got:  $2" >&2; echo "# want: $3" >&2; fi
}

far=date-timing-fail-far
gap=heading-numbering-fail-gap
check "graded: date-timing a year late is an error under a config that does not name it" \
	"$(sev $far 'disable: [heading-numbering]')" "23:error rc=1 "
check "a config's severity for the graded rule wins over far-severity" \
	"$(sev $far 'severity: {date-timing: warning}')" "23:warning rc=0 "
check "a config's severity for title-keywords wins over the grade of its also: patterns" \
	"$(sev title-keywords-fail-report 'severity: {title-keywords: error}')" "1:error rc=1 "
check "... which stay graded under a config that does not name the rule" \
	"$(sev title-keywords-fail-report 'severity: {date-timing: error}')" "1:warning rc=0 "
check "a config's severity for heading-numbering wins over deep-severity at every level" \
	"$(sev $gap 'severity: {heading-numbering: error}')" "10:error 18:error rc=1 "
check "a config's severity for another rule leaves heading-numbering's grading" \
	"$(sev $gap 'severity: {date-timing: info}')" "10:warning 18:error rc=1 "
check "--severity beats the config's severity" \
	"$(sev $far 'severity: {date-timing: warning}' --severity date-timing=info)" "23:info rc=0 "
check "--severity at the rule's default level still wins over far-severity" \
	"$(sev $far - --severity date-timing=warning)" "23:warning rc=0 "
check "... also under a config" \
	"$(sev $far '' --severity date-timing=warning)" "23:warning rc=0 "
check "--severity for the graded rule, no config naming it: the user's level at every depth" \
	"$(sev $gap 'enable: []' --severity heading-numbering=info)" "10:info 18:info rc=0 "
out=$(cd "$fx" && printf 'severity: {date-timing: info}\n' >"$tmp/c.yaml" &&
	"$bin" --rules "$root/rules" --config "$tmp/c.yaml" --severity date-timing=error \
	--print-config $far.txt | grep -E '^rule: (date-timing|heading-numbering) ')
check "--print-config shows the command line's severity over the config's, defaults elsewhere" \
	"$(echo $out)" "rule: date-timing error on rule: heading-numbering error on"

[ $fails -eq 0 ]
