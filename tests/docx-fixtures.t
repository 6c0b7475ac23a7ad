#!/bin/sh
# The .docx fixtures (tests/fixtures/docx/*.docx) are what their generator
# writes: gen.py --check regenerates them into a temporary folder with fixed
# zip timestamps and compares byte for byte.  Needs /usr/bin/python3 (its
# standard zipfile only); skipped without it.
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
if [ ! -x "$py" ]; then
	echo "1..0 # SKIP $py is not installed (the fixture generator needs it)"
	exit 0
fi
echo "1..2"
out=$("$py" "$here/fixtures/docx/gen.py" --check 2>&1)
if [ $? = 0 ]; then
	echo "ok 1 - gen.py regenerates every .docx fixture byte for byte"
else
	echo "not ok 1 - gen.py --check: $out"
fi
n=$(ls "$here/fixtures/docx/"*.docx | wc -l)
if [ "$n" -ge 15 ]; then
	echo "ok 2 - $n fixtures"
else
	echo "not ok 2 - only $n fixtures in tests/fixtures/docx"
fi
