#!/bin/sh
# The development set (issue 15): every finding gwlint gives on the real
# report openings in ../shared/corpus/wild and on the five sample reports in
# ../shared/corpus/seeds must have a verdict in tests/wild-verdicts.tsv, and
# every verdict a finding.  Prints the precision table (tests/wild-stats.sh).
#
# GWLINT_WILD names the wild set's folder (default: ../shared/corpus/wild
# next to the project); the seeds are the folder "seeds" beside it
# (GWLINT_SEEDS overrides).  Without the wild set the test is skipped: the
# project stands alone.
. "$(dirname "$0")/lib.sh"

wild=${GWLINT_WILD:-$root/../shared/corpus/wild}
seeds=${GWLINT_SEEDS:-$wild/../seeds}
verdicts=$here/wild-verdicts.tsv
echo "1..3"
if ! ls "$wild"/*.txt >/dev/null 2>&1; then
	skip "no development set at $wild (set GWLINT_WILD)"
	skip "no development set"
	skip "no development set"
	exit 0
fi

# One finding a line: set file line rule severity.
findings() { # set dir
	(cd "$2" && "$bin" --rules "$root/rules" --color never -- *.txt) 2>"$tmp/err.$1" |
	sed -n 's/^\(.*\):\([0-9][0-9]*\):[0-9][0-9]*: \(error\|warning\|info\): .* \[\([a-z0-9-]*\)\]$/\1	\2	\4	\3/p' |
	sed "s/^/$1	/"
}
findings wild "$wild" >"$tmp/findings"
if ls "$seeds"/*.txt >/dev/null 2>&1; then
	findings seeds "$seeds" >>"$tmp/findings"
else
	echo "# no seeds at $seeds: the table covers the wild set only"
fi

if [ -s "$tmp/findings" ] && ! grep -qv '^# \|^$' "$tmp/err.wild"; then
	ok "gwlint ran on the development set ($(wc -l <"$tmp/findings") findings)"
else
	nok "gwlint ran on the development set"
	sed 's/^/# /' "$tmp/err.wild"
fi

"$here/wild-stats.sh" "$tmp/findings" "$verdicts" >"$tmp/stats"
rc=$?
if grep -q '^\(unjudged\|stale\|bad\|ambiguous\)' "$tmp/stats"; then
	nok "every finding has a verdict and every verdict a finding"
	grep '^\(unjudged\|stale\|bad\|ambiguous\)' "$tmp/stats" | LC_ALL=C sort | sed 's/^/# /'
else
	ok "every finding has a verdict and every verdict a finding"
fi
[ $rc -le 1 ] && ok "precision table" || nok "precision table (wild-stats.sh exit $rc)"
grep -v '^\(unjudged\|stale\|bad\|ambiguous\)' "$tmp/stats" | sed 's/^/# /'
[ $fails -eq 0 ]
