#!/bin/sh
# Peak memory with -j: a constant plus one file's text and findings per
# worker, whatever the number of files (README, Input and reliability).
# Before, workers formatted whole files into memory and the printing thread
# waited for batches of 16, so every file's output was held at once.
# Input: 6 files of 3 MB of "中," (750,000 findings each).  Peak RSS by
# GNU time, of the release binary (ASan's shadow memory would swamp it):
# $GWLINT_REL, default build/gwlint.
. "$(dirname "$0")/lib.sh"
rel=${GWLINT_REL:-$root/build/gwlint}
echo "1..8"
if [ ! -x "$rel" ] || [ ! -x /usr/bin/time ]; then
	for i in 1 2 3 4 5 6 7 8; do echo "ok $i # SKIP needs $rel (make build/gwlint) and GNU time (/usr/bin/time)"; done
	exit 0
fi
n=0
fails=0
# rss OUT ARGS...: run the release binary, stdout to OUT; peak RSS (KiB)
# and exit status in $tmp/rss.
rss() {
	out=$1
	shift
	/usr/bin/time -f '%M %x' -o "$tmp/rss" "$rel" --rules "$root/rules" --color never "$@" >"$out" 2>"$tmp/err"
	cat "$tmp/rss" | tail -n 1
}
kib() { echo "$1" | cut -d' ' -f1; }

cd "$tmp" || exit 1
pairs=750000
perl -e "print '中,' x $pairs" >big1.txt
for i in 2 3 4 5 6; do cp big1.txt "big$i.txt"; done
printf '中,\n' >tiny.txt
files="big1.txt big2.txt big3.txt big4.txt big5.txt big6.txt"

r0=$(rss /dev/null tiny.txt)
r1=$(rss a1 -j1 $files)
per=$(($(kib "$r1") - $(kib "$r0")))
# The constant: the 16 MiB that finished files may hold for the printing
# thread, and allocator slack per thread.
slack=$((16 * 1024 + 8 * 1024 * 4))
echo "# peak RSS KiB: one small file $(kib "$r0"); -j1 $(kib "$r1") (one file: $per)"
# Findings are compact: 24 bytes each stored (48 before, and a sort's
# scratch copy doubled that), text and sorting included under 48.
most=$((pairs * 48 / 1024))
[ "$per" -gt $((pairs * 8 / 1024)) ] && [ "$per" -le "$most" ] &&
    ok "one file of $pairs findings takes at most 48 bytes a finding ($per KiB, bound $most)" ||
    notok "one file of $pairs findings takes at most 48 bytes a finding ($per KiB, bound $most)"

for w in 2 4; do
	r=$(rss "a$w" -j"$w" $files)
	limit=$(($(kib "$r1") + (w - 1) * per + slack))
	echo "# -j$w: $(kib "$r") KiB; bound $limit"
	[ "$(kib "$r")" -le "$limit" ] && ok "-j$w: peak RSS within -j1 + $((w - 1)) files + constant" ||
	    notok "-j$w: peak RSS $(kib "$r") KiB over -j1 + $((w - 1)) files + constant ($limit KiB)"
	if cmp -s a1 "a$w" && [ "${r#* }" = "${r1#* }" ]; then ok "-j$w prints what -j1 prints, same exit status"; else
		notok "-j$w prints what -j1 prints, same exit status"; fi
done

# A format the printing thread formats itself (workers hand over text and
# findings): the same bound.
s1=$(rss s1 -j1 --format summary $files)
s2=$(rss s2 -j2 --format summary $files)
limit=$(($(kib "$s1") + per + slack))
echo "# --format summary: -j1 $(kib "$s1") KiB, -j2 $(kib "$s2") KiB; bound $limit"
[ "$(kib "$s2")" -le "$limit" ] && cmp -s s1 s2 &&
    ok "--format summary -j2: same output, peak RSS within -j1 + 1 file + constant" ||
    notok "--format summary -j2: same output, peak RSS $(kib "$s2") KiB (bound $limit)"
# A pattern with {issuer} is compiled anew for every issuer: 8,000 reports
# of distinct issuers take what one takes, plus a constant (before, each
# new issuer copied the list of every variant so far and kept the old
# list: 761 MB).
mkdir iss
printf 'pack: iss\nrules:\n  - id: iss\n    severity: warning\n    kind: pattern\n    pattern: %s\n    message: m\n' \
    "'{issuer}'" >iss.yaml
perl -e 'for my $i (1 .. 8000) { open my $f, ">", "iss/r$i.txt" or die;
	print $f "某${i}县人民政府关于2023年度法治政府建设情况的报告\n正文某${i}县人民政府。\n" }'
/usr/bin/time -f '%M %x' -o "$tmp/rss" "$rel" --rules iss.yaml --color never iss/r1.txt >/dev/null 2>&1
i1=$(kib "$(tail -n 1 "$tmp/rss")")
for w in 1 2; do
	/usr/bin/time -f '%M %x' -o "$tmp/rss" "$rel" --rules iss.yaml --color never -j$w iss >iss.out 2>&1
	r=$(tail -n 1 "$tmp/rss")
	limit=$((i1 + 8 * 1024))
	echo "# {issuer} over 8,000 issuers -j$w: $(kib "$r") KiB (one report: $i1; bound $limit)"
	if [ "$(kib "$r")" -le "$limit" ] && [ "$(grep -c '\[iss\]$' iss.out)" -eq 16000 ]; then
		ok "{issuer} pattern over 8,000 distinct issuers (-j$w): peak RSS within one report's + 8 MiB"
	else
		notok "{issuer} pattern over 8,000 distinct issuers (-j$w): $(kib "$r") KiB (bound $limit), $(grep -c '\[iss\]$' iss.out) findings (want 16000)"
	fi
done

[ "$fails" -eq 0 ]
