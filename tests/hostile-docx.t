#!/bin/sh
# The hostile .docx catalogue (issue 16) through the command line: each
# package has one defined outcome: exit 2 with one "gwlint: FILE: ..."
# message naming the limit or the refusal, or a normal run (exit 0 or 1,
# nothing on stderr) in bounded time.  The packages are in
# tests/fixtures/docx/ (written by gen.py); the two too big to commit (100,000
# paragraphs, one 5 MB paragraph) are written here by gen.py --big.  The
# reader's own unit test is tests/t-docx.c.  `timeout 60` only detects a hang.
#
# Skipped while the binary does not read .docx (no --dump-text in --help).
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"
d=$fx/docx
if ! "$bin" --help 2>/dev/null | grep -q -- '--dump-text'; then
	echo "1..0 # SKIP $bin does not read .docx yet (no --dump-text)"
	exit 0
fi
echo "1..11"
cd "$tmp" || exit 1

run() {
	timeout 60 "$bin" --color never "$@" >out 2>err
	rc=$?
}
# refused NAME FILE TEXT: exit 2, one stderr line "gwlint: ...FILE...TEXT"
refused() {
	run "$2"
	if [ "$rc" = 2 ] && [ "$(wc -l < err)" = 1 ] && grep -q "^gwlint: .*$(basename "$2")" err &&
	    grep -qF -- "$3" err; then
		ok "$1: $(cut -c1-120 err)"
	else
		nok "$1 (exit $rc)"
		sed 's/^/# /' err | head -5 >&2
	fi
}
# read_ok NAME FILE: exit 0 or 1, nothing on stderr
read_ok() {
	run "$2"
	if { [ "$rc" = 0 ] || [ "$rc" = 1 ]; } && [ ! -s err ]; then
		ok "$1 (exit $rc)"
	else
		nok "$1 (exit $rc)"
		sed 's/^/# /' err | head -5 >&2
	fi
}

refused "zip bomb: a part inflating past 64 MiB" "$d/hostile-bomb.docx" \
	"word/document.xml: inflates to more than 67108864 bytes (the limit of one part)"
refused "billion laughs: the DOCTYPE is refused" "$d/hostile-doctype.docx" \
	"word/document.xml:2:16: a DOCTYPE is refused"
refused "no word/document.xml" "$d/hostile-nodoc.docx" \
	"no main document part (word/document.xml): not a Word document"
refused "a truncated zip" "$d/hostile-truncated.docx" "hostile-truncated.docx"
refused "an unknown namespace at the root" "$d/hostile-unknown-ns.docx" \
	"the root element is not a WordprocessingML w:document"
refused "nesting past 256 elements" "$d/hostile-deep.docx" \
	"elements nested deeper than 256 (the limit)"
read_ok "a dangling numId: read, no label" "$d/hostile-dangling.docx"
read_ok "a style basedOn cycle: read" "$d/hostile-cycle.docx"
if [ -x /usr/bin/python3 ] && /usr/bin/python3 "$d/gen.py" --big "$tmp"; then
	read_ok "100,000 paragraphs" "$tmp/big-paras.docx"
	read_ok "one 5 MB paragraph" "$tmp/big-para.docx"
	run --dump-text "$tmp/big-paras.docx"
	if [ "$(grep -c '第[0-9]*段。' out)" = 100000 ]; then
		ok "--dump-text shows the 100,000 paragraphs"
	else
		nok "--dump-text shows $(grep -c '第[0-9]*段。' out) of 100,000 paragraphs (exit $rc)"
	fi
else
	skip "100,000 paragraphs: /usr/bin/python3 cannot write them"
	skip "one 5 MB paragraph: /usr/bin/python3 cannot write it"
	skip "--dump-text of 100,000 paragraphs"
fi
[ $fails -eq 0 ]
