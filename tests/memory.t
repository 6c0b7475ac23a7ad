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
echo "1..6"
if [ ! -x "$rel" ] || [ ! -x /usr/bin/time ]; then
	for i in 1 2 3 4 5 6; do echo "ok $i # SKIP needs $rel (make build/gwlint) and GNU time (/usr/bin/time)"; done
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
[ "$fails" -eq 0 ]
