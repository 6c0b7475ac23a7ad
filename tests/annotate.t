#!/bin/sh
# --annotate OUT FILE (issue 18): a copy of a .docx with each finding as a
# Word comment on exactly its characters; --annotate-fixes: the safe fixes
# as tracked changes.  For every .docx fixture and seed twin:
#  - the copy reads back (gwlint's own reader) to the same --dump-text;
#  - tests/annotate-check.py (an independent reader, Python's zipfile and
#    ElementTree) finds one gwlint comment per finding of --format json,
#    naming its rule, anchored on the finding's characters;
#  - every XML part of the copy is well-formed (xmllint);
#  - python3-docx opens it and sees the original's paragraphs;
# then: the original is never written; annotating twice, and a document
# with tracked changes, fields, tables, text boxes, keeps them and the
# comments already there; the accepted text of --annotate-fixes is what
# --fix makes of the extracted text; the copy is the same bytes each run,
# --report-date dates the comments; OUT = FILE (same name, same inode) is
# refused; the hostile catalogue (tests/hostile-docx.t) gives exit 2 and no
# copy; LibreOffice (optional) keeps one office:annotation per finding.
. "$(dirname "$0")/lib.sh"
d=$fx/docx
tw=$fx/docx-twins
py=/usr/bin/python3
if ! "$bin" --help 2>/dev/null | grep -q -- '--annotate OUT'; then
	echo "1..0 # SKIP $bin has no --annotate"
	exit 0
fi
docs="$d/basic.docx $d/defaultns.docx $d/fields.docx $d/numfmt.docx $d/overrides.docx
$d/relocated.docx $d/relocated-ct.docx $d/strict.docx $d/textbox.docx $tw/asides.docx
$tw/stories.docx $tw/seed-000.docx $tw/seed-000-numbered.docx $tw/seed-000-pydocx.docx
$tw/seed-001.docx $tw/seed-001-numbered.docx $tw/seed-002.docx $tw/seed-002-pydocx.docx
$tw/seed-003-numbered.docx $tw/seed-004.docx"
ndocs=$(echo $docs | wc -w)
echo "1..$((ndocs * 5 + 31))"
cd "$tmp" || exit 1

have_py=no
[ -x $py ] && have_py=yes
have_pydocx=no
$py -c 'import docx' 2>/dev/null && have_pydocx=yes

# parts OUT.docx DIR: unpack the copy; every XML part well-formed
wellformed() {
	rm -rf "$2" && mkdir "$2" && (cd "$2" && unzip -q "$1") || return 1
	find "$2" -type f \( -name '*.xml' -o -name '*.rels' \) -exec xmllint --noout {} + 2>xmllint.err
}

for f in $docs; do
	b=$(basename "$f" .docx)
	cp "$f" orig.docx
	"$bin" --color never --annotate "$b.out.docx" "$f" >out 2>err
	rc=$?
	t "$b: exit 0 or 1, the copy written, the original unchanged, nothing on stdout" \
		'{ [ $rc = 0 ] || [ $rc = 1 ]; } && [ -s "$b.out.docx" ] && cmp -s "$f" orig.docx && [ ! -s out ]'
	"$bin" --dump-text "$f" >want.txt 2>/dev/null
	"$bin" --dump-text "$b.out.docx" >got.txt 2>&1
	same "$b: the copy's --dump-text is the original's" want.txt got.txt
	"$bin" --format json "$f" >findings.jsonl 2>/dev/null
	"$bin" --format json --dump-text "$f" >dump.jsonl 2>/dev/null
	if [ $have_py = yes ]; then
		if $py "$here/annotate-check.py" "$b.out.docx" findings.jsonl dump.jsonl >chk 2>&1; then
			ok "$b: one comment per finding ($(wc -l <findings.jsonl)), each on the finding's characters"
		else
			nok "$b: comments and anchors"
			head -5 chk | sed 's/^/# /' >&2
		fi
	else
		skip "$b: /usr/bin/python3 is not installed: anchors not cross-read"
	fi
	if wellformed "$tmp/$b.out.docx" x; then
		ok "$b: every XML part of the copy is well-formed"
	else
		nok "$b: xmllint"
		head -5 xmllint.err | sed 's/^/# /' >&2
	fi
	if [ $have_pydocx = yes ] && ! $py -c 'import sys, docx; docx.Document(sys.argv[1])' "$f" 2>/dev/null; then
		skip "$b: python3-docx cannot open the original either"
	elif [ $have_pydocx = yes ]; then
		if $py -c '
import sys, docx
a = [p.text for p in docx.Document(sys.argv[1]).paragraphs]
b = [p.text for p in docx.Document(sys.argv[2]).paragraphs]
sys.exit(a != b)' "$b.out.docx" "$f" 2>py.err; then
			ok "$b: python3-docx opens the copy; its paragraphs are the original's"
		else
			nok "$b: python3-docx"
			sed 's/^/# /' py.err | tail -3 >&2
		fi
	else
		skip "$b: python3-docx is not installed"
	fi
done

# ---- what must survive, twice over ----
f=$d/basic.docx
"$bin" --annotate-fixes --annotate once.docx "$f" >out 2>err
"$bin" --annotate twice.docx once.docx >out 2>err
rc=$?
t "annotating the annotated copy: exit 1" '[ $rc = 1 ]'
"$bin" --dump-text once.docx >want.txt
"$bin" --dump-text twice.docx >got.txt
same "annotating twice: the text is unchanged" want.txt got.txt
{ unzip -p once.docx word/comments.xml | sed 's/<w:comment /\n&/g' | sed 's/<\/w:comments>$//'; echo; } >c1
unzip -p twice.docx word/comments.xml | sed 's/<w:comment /\n&/g' | sed 's/<\/w:comments>$//' >c2
n1=$(grep -c '^<w:comment ' c1)
t "annotating twice: the first copy's $n1 comments are kept byte for byte, in front" \
	'[ "$n1" -gt 0 ] && head -n "$(wc -l <c1)" c2 | cmp -s - c1'
t "annotating twice: the comment ids are unique" \
	'[ -z "$(grep -o "<w:comment w:id=\"[0-9]*\"" c2 | sort | uniq -d)" ]'
"$bin" --format json once.docx >findings.jsonl
"$bin" --format json --dump-text once.docx >dump.jsonl
if [ $have_py = yes ]; then
	t "annotating twice: the new comments are anchored on their findings, after the old ones" \
		'$py "$here/annotate-check.py" twice.docx findings.jsonl dump.jsonl "$n1" >chk 2>&1 || { head -5 chk >&2; false; }'
else
	skip "annotating twice: /usr/bin/python3 is not installed"
fi
count() { unzip -p "$1" word/document.xml | grep -o "$2" | wc -l; }
for m in '<w:ins ' '<w:del ' '<w:fldChar ' '<w:fldSimple ' '<w:tbl>' '<w:txbxContent' '<w:hyperlink ' 'commentRangeStart'; do
	t "annotating twice: every $m of the first copy is kept" \
		'[ "$(count once.docx "$m")" -gt 0 ] && [ "$(count twice.docx "$m")" -ge "$(count once.docx "$m")" ]'
done
unzip -p twice.docx word/document.xml | grep -o '<w:ins [^>]*>\|<w:del [^>]*>' | sort >revs2
unzip -p once.docx word/document.xml | grep -o '<w:ins [^>]*>\|<w:del [^>]*>' | sort >revs1
t "annotating twice: the tracked changes (the original's and gwlint's) are all there" 'cmp -s revs1 revs2'
unzip -Z1 "$f" | sort >e0
ok_same=yes
for e in $(cat e0); do
	case $e in word/document.xml|word/_rels/document.xml.rels|\[Content_Types\].xml) continue ;; esac
	unzip -p "$f" "$e" >p0 && unzip -p twice.docx "$e" >p1 && cmp -s p0 p1 || ok_same="no: $e"
done
is "every other part (numbering, styles, footnotes ...) is copied byte for byte" yes "$ok_same"

# ---- --annotate-fixes ----
for s in seed-002 seed-004; do
	"$bin" --dump-text "$tw/$s.docx" | sed 's/^ *[0-9]*\t//' >fixed.txt
	"$bin" --fix fixed.txt >/dev/null 2>&1
	"$bin" --annotate-fixes --annotate fx.docx "$tw/$s.docx" >out 2>err
	"$bin" --dump-text fx.docx | sed 's/^ *[0-9]*\t//' >accepted.txt
	nins=$(unzip -p fx.docx word/document.xml | grep -o '<w:ins [^>]*w:author="gwlint"' | wc -l)
	t "$s: --annotate-fixes: $nins tracked insertions by gwlint; accepting them all gives --fix's text" \
		'[ "$nins" -gt 0 ] && cmp -s fixed.txt accepted.txt'
done
"$bin" --annotate plain.docx "$tw/seed-002.docx" >out 2>err
t "without --annotate-fixes no tracked change is proposed" \
	'! unzip -p plain.docx word/document.xml | grep -q "w:author=\"gwlint\""'

# ---- the copy is reproducible; --report-date ----
"$bin" --annotate again.docx "$tw/seed-002.docx" >out 2>err
t "the same input gives the same bytes" 'cmp -s plain.docx again.docx'
"$bin" --report-date 2024-03-31 --annotate dated.docx "$tw/seed-002.docx" >out 2>err
t "--report-date dates every comment" \
	'[ "$(unzip -p dated.docx word/comments.xml | grep -o "w:date=\"2024-03-31T00:00:00Z\"" | wc -l)" = "$(unzip -p dated.docx word/comments.xml | grep -o "<w:comment " | wc -l)" ]'
"$bin" --report-date 2024-02-30 --annotate dated.docx "$tw/seed-002.docx" >out 2>err
rc=$?
t "--report-date 2024-02-30 is a usage error" '[ $rc = 2 ] && grep -q "^gwlint: --report-date" err'

# ---- refusals ----
cp "$tw/seed-001.docx" in.docx
cp in.docx keep.docx
"$bin" --annotate in.docx in.docx >out 2>err
rc=$?
t "OUT = FILE is refused (exit 2), the file unchanged" \
	'[ $rc = 2 ] && grep -q "^gwlint: in.docx: refused: the output of --annotate is the input" err && cmp -s in.docx keep.docx'
ln in.docx hard.docx
"$bin" --annotate hard.docx in.docx >out 2>err
rc=$?
t "OUT a hard link to FILE (same inode) is refused" '[ $rc = 2 ] && grep -q "refused" err && cmp -s in.docx keep.docx'
"$bin" --annotate ./in.docx "$tmp/in.docx" >out 2>err
rc=$?
t "OUT naming FILE another way is refused" '[ $rc = 2 ] && cmp -s in.docx keep.docx'
printf '关于2023年法治政府建设情况的报告\n' >report.txt
"$bin" --annotate t.docx report.txt >out 2>err
rc=$?
t "a text file: exit 2, a message, no copy" \
	'[ $rc = 2 ] && grep -q "^gwlint: report.txt: --annotate needs a Word document" err && [ ! -e t.docx ]'
"$bin" --annotate-fixes in.docx >out 2>err
rc=$?
t "--annotate-fixes alone is a usage error" '[ $rc = 2 ] && grep -q "needs --annotate" err'
"$bin" --annotate two.docx in.docx keep.docx >out 2>err
rc=$?
t "two files is a usage error, no copy" '[ $rc = 2 ] && [ ! -e two.docx ]'
mkdir ro && chmod 555 ro
"$bin" --annotate ro/x.docx in.docx >out 2>err
rc=$?
if [ "$(id -u)" = 0 ]; then
	skip "an unwritable folder (running as root: it is writable)"
else
	t "an unwritable folder: exit 2, no copy, no temporary file" '[ $rc = 2 ] && [ -z "$(ls -A ro)" ]'
fi
t "no temporary file is left next to the copies" '[ -z "$(ls -A | grep gwlint-annotate)" ]'
hostile_ok=yes
for h in bomb doctype nodoc truncated unknown-ns deep; do
	rm -f h.docx
	timeout 60 "$bin" --annotate h.docx "$d/hostile-$h.docx" >out 2>err
	rc=$?
	if [ $rc != 2 ] || [ -e h.docx ] || ! grep -q "^gwlint: .*hostile-$h.docx" err; then
		hostile_ok="no: hostile-$h.docx (exit $rc)"
	fi
done
is "the hostile packages: exit 2, the reader's message, no copy" yes "$hostile_ok"

# ---- LibreOffice (optional) ----
if command -v soffice >/dev/null 2>&1; then
	"$bin" --format json "$tw/seed-002.docx" >f2.jsonl
	mkdir lo
	HOME=$tmp timeout 300 soffice --headless --convert-to odt --outdir lo plain.docx >lo.out 2>&1
	a=$(unzip -p lo/plain.odt content.xml 2>/dev/null | grep -o '<office:annotation[ >]' | wc -l)
	t "LibreOffice converts the copy to ODT with one office:annotation per finding ($a)" \
		'[ -s lo/plain.odt ] && [ "$a" = "$(wc -l <f2.jsonl)" ]'
else
	skip "LibreOffice (soffice) is not installed: not converted"
fi
[ $fails -eq 0 ]
