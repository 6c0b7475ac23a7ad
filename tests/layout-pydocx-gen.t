#!/bin/sh
# Layout fixtures from an independent writer: tests/fixtures/layout/gen_pydocx.py
# has python3-docx's API write a conforming 公文, python-docx's template
# as it comes, and a three-section document (a landscape A4 section for a
# wide table, a last section with Word's top margin).  The committed
# tests/fixtures/layout-pydocx-*.docx are compared with their .expected by
# tests/layout.t without python-docx; here, where python3-docx is
# installed, a fresh set is written and gwlint must report on it exactly
# what the .expected files say (python-docx stamps the zip entries with the
# time, so the bytes differ; the findings must not).  Skipped, with the
# reason, where python3-docx is not installed.
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"

names="layout-pydocx-conforming layout-pydocx-defaults layout-pydocx-sections"
echo "1..4"
if ! /usr/bin/python3 -c 'import docx' 2>/dev/null; then
	for c in generate $names; do skip "python3-docx is not installed (apt-get install python3-docx): $c not regenerated"; done
	exit 0
fi
n=1
mkdir "$tmp/gen"
if /usr/bin/python3 "$fx/layout/gen_pydocx.py" "$tmp/gen" >"$tmp/log" 2>&1; then
	echo "ok 1 - gen_pydocx.py writes the fixtures with python-docx"
else
	echo "not ok 1 - gen_pydocx.py"; sed 's/^/# /' "$tmp/log"
fi
for c in $names; do
	n=$((n + 1))
	(cd "$tmp/gen" && "$bin" --rules "$root/rules/gbt9704-layout.yaml" --color never "$c.docx" >"$tmp/out" 2>"$tmp/err")
	if cmp -s "$fx/$c.expected" "$tmp/out" && [ ! -s "$tmp/err" ]; then
		echo "ok $n - $c: a fresh python-docx copy gets the committed findings ($(wc -l <"$tmp/out") lines)"
	else
		echo "not ok $n - $c: a fresh python-docx copy gets the committed findings"
		diff -u "$fx/$c.expected" "$tmp/out" | sed 's/^/# /'; sed 's/^/# stderr: /' "$tmp/err"
	fi
done
