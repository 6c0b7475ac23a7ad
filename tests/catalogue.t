#!/bin/sh
# Every rule id in the packs has a failing fixture (RULE-fail*.txt or, for
# the layout rules that read a .docx, RULE-fail*.docx, whose expected output
# names [RULE]), a passing fixture (RULE-pass*.txt or .docx whose expected
# output does not), a source and an explanation.  One TAP test
# per id; a failure says exactly what the id lacks.
#
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"

if ! "$bin" --rules "$root/rules" --list-rules --format json >"$tmp/rules.json" 2>"$tmp/err"; then
	echo "1..1"
	echo "not ok 1 - gwlint --list-rules --format json failed"
	sed 's/^/# /' "$tmp/err"
	exit 1
fi
# One line per rule: id<TAB>has-source<TAB>has-explain<TAB>has-examples
perl -MJSON::PP -e '
	local $/; my $r = decode_json(<STDIN>);
	for (@$r) {
		my $ex = $_->{examples} || {};
		printf "%s\t%d\t%d\t%d\n", $_->{id},
		    (defined $_->{source} && $_->{source} =~ /\S/) ? 1 : 0,
		    (defined $_->{explain} && $_->{explain} =~ /\S/) ? 1 : 0,
		    (defined $ex->{fail} && defined $ex->{pass}) ? 1 : 0;
	}' <"$tmp/rules.json" >"$tmp/ids" || { echo "1..1"; echo "not ok 1 - bad JSON"; exit 1; }
# Rules whose examples stand alone (text-wide checks): each example into
# its own file, EX/ID.fail and EX/ID.pass.
mkdir "$tmp/ex"
perl -MJSON::PP -e '
	local $/; my $r = decode_json(<STDIN>);
	for (@$r) {
		next unless $_->{scope} eq "text" && $_->{kind} =~ /^(pattern|pairs|titles)$/;
		for my $k ("fail", "pass") {
			next unless defined $_->{examples}{$k};
			open my $f, ">:encoding(UTF-8)", "$ARGV[0]/$_->{id}.$k" or die;
			print $f $_->{examples}{$k}, "\n";
		}
	}' "$tmp/ex" <"$tmp/rules.json"
nex=$(ls "$tmp/ex" | wc -l)

total=$(wc -l <"$tmp/ids")
echo "1..$((total + 1 + nex))"
n=0
missing_all=""
while IFS="$(printf '\t')" read -r id src expl exs; do
	n=$((n + 1))
	missing=""
	fail_ok=0
	pass_ok=0
	for f in "$fx/$id"-fail*.txt "$fx/$id"-fail*.docx; do
		[ -f "$f" ] || continue
		e=${f%.*}.expected
		[ -f "$e" ] && grep -qF "[$id]" "$e" && fail_ok=1
	done
	for f in "$fx/$id"-pass*.txt "$fx/$id"-pass*.docx; do
		[ -f "$f" ] || continue
		e=${f%.*}.expected
		[ -f "$e" ] && ! grep -qF "[$id]" "$e" && pass_ok=1
	done
	[ $fail_ok = 1 ] || missing="$missing failing-fixture($id-fail*.txt naming [$id])"
	[ $pass_ok = 1 ] || missing="$missing passing-fixture($id-pass*.txt without [$id])"
	[ "$src" = 1 ] || missing="$missing source"
	[ "$expl" = 1 ] || missing="$missing explain"
	[ "$exs" = 1 ] || missing="$missing examples.fail/pass"
	if [ -z "$missing" ]; then
		echo "ok $n - $id: fixtures, source, explanation"
	else
		echo "not ok $n - $id lacks:$missing"
		missing_all="$missing_all $id"
	fi
done <"$tmp/ids"

# The examples --explain shows are true: the failing one is reported by
# its rule alone, the passing one is not.
all_ids=$(cut -f1 "$tmp/ids")
for f in "$tmp"/ex/*; do
	[ -f "$f" ] || continue
	b=$(basename "$f")
	id=${b%.*}
	kind=${b##*.}
	dis=""
	for o in $all_ids; do [ "$o" = "$id" ] || dis="$dis --disable $o"; done
	# shellcheck disable=SC2086
	"$bin" --rules "$root/rules" --year 2023 $dis --fail-on never "$f" >"$tmp/exout" 2>&1
	n=$((n + 1))
	if [ "$kind" = fail ]; then
		if grep -qF "[$id]" "$tmp/exout"; then echo "ok $n - $id: its failing example is reported"
		else echo "not ok $n - $id: its failing example is not reported"; missing_all="$missing_all $id"; fi
	else
		if grep -qF "[$id]" "$tmp/exout"; then echo "not ok $n - $id: its passing example is reported"; missing_all="$missing_all $id"
			sed 's/^/# /' "$tmp/exout"
		else echo "ok $n - $id: its passing example is clean"; fi
	fi
done

# Every id of SPEC §5 is in some pack (the catalogue is complete).
n=$((n + 1))
spec_ids="section-achievements section-shortcomings shortcomings-causes
responsibility-content responsibility-heading section-next-year-plan
next-year-plan-year heading-year section-order title-year title-keywords
title-body-year date-timing report-contains-request docnum-bracket docnum-year
docnum-serial date-format date-valid heading-ordinal-form heading-numbering
heading-level-skip heading-terminal-punct main-recipient-colon fuzhu-format
halfwidth-punct range-dash range-dash-lost nested-title-marks nested-quotes
dunhao-between-titles unmatched-pair range-unit date-in-text mixed-date-forms
known-document-title conversion-residue template-placeholder broken-paragraph
unnumbered-heading space-in-cjk duplicated-char"
absent=""
for id in $spec_ids; do
	cut -f1 "$tmp/ids" | grep -qx "$id" || absent="$absent $id"
done
if [ -z "$absent" ]; then
	echo "ok $n - every SPEC §5 id is in a pack"
else
	echo "not ok $n - SPEC §5 ids not in any pack:$absent"
fi
[ -n "$missing_all" ] && echo "# ids lacking fixtures/source/explanation:$missing_all" >&2
[ -z "$missing_all" ] && [ -z "$absent" ]
