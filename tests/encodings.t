#!/bin/sh
# Every real report (tests/fixtures/seed-*.txt) converted to GB18030 (no
# BOM), UTF-16LE (BOM) and UTF-16BE (BOM) at test time with iconv gives
# exactly the findings of its UTF-8 original: same lines, columns (in
# every column unit) and messages.
#
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"

seeds=$(cd "$here/fixtures" && ls seed-*.txt)
nseeds=$(echo "$seeds" | wc -w)
units="display byte char utf16"
echo "1..$((nseeds * 4 * 4 + 1))"
n=0
fails=0

if ! command -v iconv >/dev/null 2>&1; then
	i=0; while [ $i -lt $((nseeds * 16 + 1)) ]; do
		i=$((i + 1)); echo "ok $i # SKIP iconv not installed"; done
	exit 0
fi

mkdir "$tmp/utf-8" "$tmp/gb18030" "$tmp/utf-16le" "$tmp/utf-16be"
for s in $seeds; do
	cp "$here/fixtures/$s" "$tmp/utf-8/$s"
	iconv -f UTF-8 -t GB18030 "$here/fixtures/$s" > "$tmp/gb18030/$s"
	{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$here/fixtures/$s"; } > "$tmp/utf-16le/$s"
	{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$here/fixtures/$s"; } > "$tmp/utf-16be/$s"
done

# The copies must really differ from UTF-8, or the test proves nothing.
n=$((n + 1))
if iconv -f UTF-8 -t UTF-8 "$tmp/gb18030/seed-000.txt" >/dev/null 2>&1; then
	echo "not ok $n - the GB18030 copy is not valid UTF-8"; fails=$((fails + 1))
else
	echo "ok $n - the GB18030 copy is not valid UTF-8"
fi

run() { # dir unit file
	(cd "$tmp/$1" && "$bin" --rules "$root/rules" --color never --column-unit "$2" "$3" \
		>"$tmp/out.$1" 2>"$tmp/err.$1"; echo $? >"$tmp/rc.$1")
}
for s in $seeds; do
	for u in $units; do
		run utf-8 "$u" "$s"
		for e in utf-8 gb18030 utf-16le utf-16be; do
			n=$((n + 1))
			[ "$e" = utf-8 ] || run "$e" "$u" "$s"
			if [ "$e" = utf-8 ]; then
				# The original itself: decodes without complaint.
				if [ -s "$tmp/err.utf-8" ] || grep -q 'input-encoding' "$tmp/out.utf-8"; then
					echo "not ok $n - $s utf-8 ($u): clean"; fails=$((fails + 1))
				else
					echo "ok $n - $s utf-8 ($u): clean, $(wc -l < "$tmp/out.utf-8") findings"
				fi
			elif cmp -s "$tmp/out.utf-8" "$tmp/out.$e" && cmp -s "$tmp/rc.utf-8" "$tmp/rc.$e" &&
			    [ ! -s "$tmp/err.$e" ]; then
				echo "ok $n - $s $e ($u): the findings of the UTF-8 original"
			else
				echo "not ok $n - $s $e ($u): the findings of the UTF-8 original"
				fails=$((fails + 1))
				diff -u "$tmp/out.utf-8" "$tmp/out.$e" | sed 's/^/# /' >&2
				sed 's/^/# stderr: /' "$tmp/err.$e" >&2
			fi
		done
	done
done
[ $fails -eq 0 ]
