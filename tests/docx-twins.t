#!/bin/sh
# The .docx twins of the real reports (tests/fixtures/docx-twins/, made by
# gen.py there): each gives exactly the findings of its .txt original —
# same lines, columns in every unit, messages, exit status, nothing on
# stderr (the .docx-only layout findings aside) — with the headings typed (seed-NNN.docx), as automatic Word
# numbering (seed-NNN-numbered.docx) and written by python3-docx
# (seed-NNN-pydocx.docx); --dump-text prints the .txt's lines; gen.py
# regenerates the committed files byte for byte.
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"

tw=$fx/docx-twins
seeds=$(cd "$fx" && ls seed-*.txt | sed 's/\.txt$//')
nseeds=$(echo "$seeds" | wc -w)
flavours="typed numbered pydocx"
units="display byte char utf16"
echo "1..$((nseeds * 3 * 4 + nseeds * 3 + nseeds + 1))"

twin() { # seed flavour -> file name
	case $2 in typed) echo "$1.docx" ;; *) echo "$1-$2.docx" ;; esac
}
mkdir "$tmp/t"
for s in $seeds; do
	cp "$fx/$s.txt" "$tmp/t/$s.txt"
	for f in $flavours; do cp "$tw/$(twin "$s" "$f")" "$tmp/t/"; done
done
cd "$tmp/t" || exit 1
g() { "$bin" --rules "$root/rules" --color never "$@"; }

for s in $seeds; do
	for u in $units; do
		g --column-unit "$u" "$s.txt" >want 2>want.err; echo $? >want.rc
		for f in $flavours; do
			d=$(twin "$s" "$f")
			# The findings, with the twin's name for the .txt's.
			g --column-unit "$u" "$d" >got.raw 2>got.err; echo $? >got.rc
			# the layout rules (rules/gbt9704-layout.yaml) read what only
			# the .docx has: their findings are tests/layout.t's business
			sed "s/^$d:/$s.txt:/" got.raw | grep -v ' \[layout-[a-z0-9-]*\]$' >got
			if [ -s want ] && cmp -s want got && cmp -s want.rc got.rc && [ ! -s got.err ]; then
				ok "$d ($u): the findings of $s.txt ($(wc -l <want) lines, exit $(cat want.rc))"
			else
				nok "$d ($u): the findings of $s.txt"
				diff -u want got | sed 's/^/# /' | head -40 >&2
				sed 's/^/# stderr: /' got.err >&2
				echo "# exit: want $(cat want.rc), got $(cat got.rc)" >&2
			fi
		done
	done
	g --dump-text "$s.txt" >want.dump
	for f in $flavours; do
		d=$(twin "$s" "$f")
		g --dump-text "$d" >got.dump 2>got.err
		if [ -s want.dump ] && cmp -s want.dump got.dump && [ ! -s got.err ]; then
			ok "--dump-text $d: the lines of $s.txt"
		else
			nok "--dump-text $d: the lines of $s.txt"
			diff -u want.dump got.dump | sed 's/^/# /' | head -20 >&2
		fi
	done
	# The numbered twin really is numbered: its headings' ordinals come
	# from numbering.xml, not from the paragraphs' text.
	d=$(twin "$s" numbered)
	nl=$(g --format json --dump-text "$d" | grep -c '"numbering":"[^"]')
	other=$(g --format json --dump-text "$d" | grep '"numbering":"[^"]' |
	    grep -cv '"numbering":"\([一二三四五六七八九十]*、\|（[一二三四五六七八九十]*）\)"')
	if [ "$nl" -gt 0 ] && [ "$other" = 0 ]; then
		ok "$d: $nl headings take their ordinal from numbering.xml"
	else
		nok "$d: headings numbered by numbering.xml: $nl ($other not 一、 or （一）)"
	fi
done

# gen.py makes the committed files again, byte for byte.
if command -v /usr/bin/python3 >/dev/null 2>&1; then
	mkdir -p "$tmp/regen/docx-twins"
	cp "$fx"/seed-*.txt "$tmp/regen/"
	cp "$tw/gen.py" "$tmp/regen/docx-twins/"
	if /usr/bin/python3 -c 'import docx' 2>/dev/null; then which="every twin"; else
		which="the stdlib twins (python3-docx not installed)"
		cp "$tw"/*-pydocx.docx "$tmp/regen/docx-twins/"
	fi
	/usr/bin/python3 "$tmp/regen/docx-twins/gen.py" >/dev/null 2>"$tmp/regen.err"
	bad=""
	for f in "$tw"/*.docx; do
		cmp -s "$f" "$tmp/regen/docx-twins/$(basename "$f")" || bad="$bad $(basename "$f")"
	done
	if [ -z "$bad" ] && [ -z "$(ls "$tmp/regen/docx-twins" | grep -v -e '\.docx$' -e '^gen\.py$')" ]; then
		ok "gen.py regenerates $which byte for byte"
	else
		nok "gen.py regenerates the committed twins byte for byte (differ:$bad)"
		sed 's/^/# /' "$tmp/regen.err" >&2
	fi
else
	skip "/usr/bin/python3 is not installed (gen.py cannot be run)"
fi
[ $fails -eq 0 ]
