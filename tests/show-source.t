#!/bin/sh
# --show-source on long lines: a window around each finding (40 display
# columns either side, at most 80 of the finding, "..." where the line is
# cut), so that the output is bounded per finding; the caret stays exact in
# display columns (CJK two wide, a 4-byte character, a tab, an escaped
# control).  A line of at most 160 code points is shown whole, as before.
#
# show-source/pack.yaml   one rule: every run of X
# show-source/long.txt    cut on both sides, on one side, a wide finding,
#                         tab + 𠮷 + control, a short line
# show-source/long.expected   the exact output
# show-source/many.txt    1,300 findings on one 28.6 KB line
. "$(dirname "$0")/lib.sh"
echo "1..4"
cd "$here" || exit 1
lint() { "$bin" --rules show-source/pack.yaml --color never --show-source "$@"; }

lint show-source/long.txt >"$tmp/long" 2>"$tmp/err"
if [ $? = 0 ] && cmp -s show-source/long.expected "$tmp/long"; then
	ok "long lines: windows, cuts and carets byte for byte"
else
	nok "long lines: windows, cuts and carets byte for byte"
	diff -u show-source/long.expected "$tmp/long" | sed 's/^/# /' >&2
fi

lint show-source/many.txt >"$tmp/many" 2>"$tmp/err"
rc=$?
bytes=$(wc -c <"$tmp/many")
lines=$(wc -l <"$tmp/many")
echo "# 1,300 findings on a 28.6 KB line: $bytes bytes of output" >&2
# The whole line each time would be about 50 MB.
if [ "$rc" = 0 ] && [ "$lines" = 3900 ] && [ "$bytes" -lt 400000 ]; then
	ok "1,300 findings on one long line: under 400 KB of output"
else
	nok "1,300 findings on one long line: under 400 KB of output (exit $rc, $lines lines, $bytes bytes)"
fi
longest=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$tmp/many")
if [ "$longest" -le 400 ]; then
	ok "no line of the output over 400 bytes (longest: $longest)"
else
	nok "no line of the output over 400 bytes (longest: $longest)"
fi
# Every caret sits under an X in what is shown (display columns: the
# shown line is CJK, two columns each, then X).
perl -CSD -ne '
	if (/^ (.*)$/ && !/^ +\^/) { $src = $1; next }
	if (/^( +)\^/) {
		my $col = length($1) - 1; my ($w, $i) = (0, 0);
		my @c = split //, $src;
		for (; $i < @c && $w < $col; $i++) { $w += $c[$i] =~ /\p{Han}|\x{FF0C}/ ? 2 : 1 }
		$bad++ unless $w == $col && $i < @c && $c[$i] eq "X";
	}
	END { exit($bad ? 1 : 0) }' "$tmp/many"
[ $? = 0 ] && ok "every caret under its X (display columns)" || nok "every caret under its X (display columns)"
[ $fails -eq 0 ]
