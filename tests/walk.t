#!/bin/sh
# Which files a run lints (SPEC §8 "Nothing passes unchecked", Trust):
# WPS/Word 97-2003/PDF files named or found by a walk, and a .docx the
# reader refuses (here: a package whose document.xml is not Word's), are
# errors with one line each (real .docx files are linted: docx-cli.t), a
# run that lints nothing exits 2, *.txt in any letter case is walked and a
# README.md is not (issue 16: only report-like *.md are; see markdown.t),
# --fix rewrites a named Markdown file through its source map (markup kept)
# but never writes through a symbolic link, and walks never follow a link
# out of the folder given.
# The documents are built here (python3's zipfile, printf), not committed.
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"
g() { "$bin" --rules "$root/rules" --color never "$@"; }

# run ARGS...: stdout in out, stderr in err, status in rc
run() { g "$@" >out 2>err; rc=$?; }
# lines FILE: the number of lines in FILE
lines() { wc -l <"$1" | tr -d ' '; }
echo "1..32"

cd "$tmp" || exit 1
cp "$fx/seed-001.txt" good.txt          # one safe fix: [bookmark: _GoBack]
g good.txt >good.out 2>/dev/null

# Documents: a .docx (OOXML with word/, but its document.xml is <x/>), an .xlsx (OOXML, not Word), a
# plain ZIP, an OLE2 .doc (a WordDocument stream), an OLE2 file that is
# not a document (Thumbs.db), a PDF.
if command -v python3 >/dev/null 2>&1; then
	python3 - <<'PY'
import zipfile
def ooxml(name, part):
    with zipfile.ZipFile(name, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(part, "<x/>")
ooxml("a.docx", "word/document.xml")
ooxml("t.xlsx", "xl/workbook.xml")
with zipfile.ZipFile("z.zip", "w") as z:
    z.writestr("r.txt", "text")
def ole2(name, stream):
    h = bytearray(512)
    h[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    h[0x1E] = 9                     # 512-byte sectors; directory at sector 0
    d = bytearray(512)
    for i, s in enumerate(["Root Entry", stream]):
        u = (s + "\0").encode("utf-16le")
        d[i * 128:i * 128 + len(u)] = u
        d[i * 128 + 0x40] = len(u)
    open(name, "wb").write(bytes(h + d))
ole2("d.doc", "WordDocument")
ole2("Thumbs.db", "Catalog")
PY
	have_py=1
else
	have_py=
fi
printf '%%PDF-1.4\n%%\342\343\317\323\n1 0 obj\n' >p.pdf

if [ -n "$have_py" ]; then
	# 1. gwlint -q a.docx: one line, exit 2 (it was silent, exit 0): the
	#    reader's message, placed in the package.
	run -q a.docx
	t "a named .docx the reader refuses: exit 2 and one line, even with -q" \
	  '[ $rc = 2 ] && [ ! -s out ] && [ "$(lines err)" = 1 ] &&
	   grep -q "^gwlint: a.docx: word/document.xml:1:1: .*WordprocessingML" err'
	run a.docx
	t "the .docx line (without -q) never advises --binary" \
	  '[ $rc = 2 ] && [ "$(lines err)" = 1 ] && ! grep -q -- --binary err'

	# 2. A .txt that is really a ZIP (a renamed archive): named by content.
	cp z.zip renamed.txt
	run renamed.txt
	t "a ZIP named .txt: a ZIP archive, exit 2, no --binary advice" \
	  '[ $rc = 2 ] && grep -q "^gwlint: renamed.txt: not linted: a ZIP archive" err && ! grep -q -- --binary err'

	# 3. A folder of documents with one report: the report is linted, each
	#    document is one line, exit 2; the same with -j2.
	mkdir docs
	cp a.docx docs/a.docx && cp a.docx docs/B.DOCX && cp d.doc docs/c.doc
	cp p.pdf docs/d.pdf && cp a.docx docs/noext && cp good.txt docs/r.txt
	cp t.xlsx Thumbs.db z.zip docs/
	run docs
	sed 's/^good\.txt/docs\/r.txt/' good.out >want
	t "a walk: the report linted, exit 2" '[ $rc = 2 ] && cmp -s want out'
	t "a walk: one line per document (.docx, .DOCX, .doc, .pdf, Word without extension)" \
	  '[ "$(lines err)" = 5 ] &&
	   grep -q "^gwlint: docs/B.DOCX: word/document.xml:1:1: " err &&
	   grep -q "^gwlint: docs/a.docx: word/document.xml:1:1: " err &&
	   grep -q "^gwlint: docs/c.doc: not linted: a Word 97-2003 or WPS binary document (.doc, .wps), .*save it as a Word document (.docx) .*soffice --headless --convert-to docx" err &&
	   grep -q "^gwlint: docs/d.pdf: not linted: a PDF file, .*pdftotext" err &&
	   grep -q "^gwlint: docs/noext: word/document.xml:1:1: " err'
	t "a walk: a spreadsheet, a ZIP and Thumbs.db are not reports (no line)" \
	  '! grep -q "xlsx\|z.zip\|Thumbs" err'
	cp out out1; cp err err1
	run -j2 docs
	t "a walk with -j2: the same output, lines and exit status" \
	  '[ $rc = 2 ] && cmp -s out out1 && cmp -s err err1'

	# 4. --skip-unreadable: notices instead (hidden by -q), exit as for the rest.
	run --skip-unreadable docs
	t "--skip-unreadable: the same lines as notices, exit 1 from the report" \
	  '[ $rc = 1 ] && cmp -s want out && [ "$(lines err)" = 5 ] && ! grep -v ": skipped: " err >/dev/null'
	run --skip-unreadable -q a.docx
	t "--skip-unreadable with only documents: nothing linted is still exit 2" \
	  '[ $rc = 2 ] && [ "$(cat err)" = "gwlint: no file was linted: 1 skipped (cannot be read as text)" ]'
else
	for i in 1 2 3 4 5 6 7 8 9; do skip "python3 is needed to build .docx fixtures"; done
fi

run --dump-outline p.pdf
t "--dump-outline on a PDF: a line saying what it is, exit 2, no outline" \
  '[ $rc = 2 ] && [ ! -s out ] && grep -q "^gwlint: p.pdf: not read: a PDF file" err'

# 5. PDF named, and a document name whose content is not a document.
run p.pdf good.txt
t "a named PDF: one line with pdftotext, exit 2, the other file linted" \
  '[ $rc = 2 ] && cmp -s good.out out && [ "$(lines err)" = 1 ] && grep -q "^gwlint: p.pdf: not linted: a PDF file, .*pdftotext" err'
mkdir fake && echo 'just text' >fake/notes.doc
run fake
t "a walk: a .doc that is not a Word file is reported, not linted as text" \
  '[ $rc = 2 ] && grep -q "^gwlint: fake/notes.doc: not linted: named like a document" err && [ ! -s out ]'

mkdir gone && ln -s nowhere.pdf gone/lost.pdf
run gone
t "a walk: a document name that cannot be opened says why (the read error)" \
  '[ $rc = 2 ] && [ "$(cat err)" = "gwlint: gone/lost.pdf: No such file or directory" ]'

# 6. Nothing linted: an empty folder, even with -q.
mkdir empty
run -q empty
t "an empty folder: exit 2 with a message, even with -q" \
  '[ $rc = 2 ] && [ "$(cat err)" = "gwlint: no file was linted: no *.txt or *.docx file in the paths given" ]'
run --write-baseline bl.txt empty
t "an empty folder with --write-baseline: exit 2 too" '[ $rc = 2 ] && grep -q "no file was linted" err'

# 7. exclude: ["*"] in a config (issue 13 #17): nothing linted, exit 2.
mkdir ex && cp good.txt ex/r.txt && printf 'exclude: ["*"]\n' >ex/.gwlint.yaml
run ex
t 'exclude: ["*"]: nothing linted, exit 2 with a message' \
  '[ $rc = 2 ] && [ ! -s out ] && grep -q "^gwlint: no file was linted: the 1 file found is excluded by the config" err'

# 8. Letter case: REPORT.TXT is walked.
mkdir up && cp good.txt up/REPORT.TXT
run up
sed 's/^good\.txt/up\/REPORT.TXT/' good.out >want
t "REPORT.TXT is walked (extensions in any case)" '[ $rc = 1 ] && cmp -s want out && [ ! -s err ]'

# 9. Markdown (issue 16): a README.md is not walked; a named one is linted
#    as Markdown and --fix edits its text bytes only, markup kept.
mkdir md && cp good.txt md/r.txt
printf '## 一、总体情况\n\n**加粗**的段落, 在此。\n' >md/README.md
cp md/README.md readme.orig
run md
sed 's/^good\.txt/md\/r.txt/' good.out >want
t "README.md is not walked" '[ $rc = 1 ] && cmp -s want out && ! grep -q README out'
run md/README.md
t "a named .md is linted as Markdown (the comma at 3:15 of the source)" \
  '[ $rc = 1 ] && grep -q "^md/README.md:3:15: warning: .*halfwidth-punct" out'
run --fix md/README.md
t "--fix on a named .md: the comma fixed in the source, # and ** kept" \
  '[ $rc = 1 ] && [ "$(cat md/README.md)" = "$(printf "## 一、总体情况\n\n**加粗**的段落， 在此。")" ] &&
   grep -q "^gwlint: md/README.md: applied 1 fix" err'
cp readme.orig md/README.md
# Issue 13 #11: --fix . stripped # and ** from every *.md.
(cd md && g --fix . >../out 2>../err); rc=$?
t "--fix . leaves README.md alone and fixes the report" \
  '[ $rc -le 1 ] && cmp -s md/README.md readme.orig && ! grep -q _GoBack md/r.txt'
run --fix-dry-run md/README.md
t "--fix-dry-run on a .md: a diff of the source, markup kept" \
  '[ $rc = 1 ] && grep -q "^+\*\*加粗\*\*的段落， 在此。" out && cmp -s md/README.md readme.orig'

# 10. Symbolic links (issue 13 #5): out of the folder, never followed;
#     inside it, linted but never written through.
mkdir home repo repo/sub
cp good.txt home/notes.txt && cp good.txt home/notes.orig
ln -s ../home/notes.txt repo/a.txt
cp good.txt repo/r.txt
ln -s r.txt repo/in.txt && ln -s ../r.txt repo/sub/up.txt
run repo
t "a link out of the folder: skipped with a notice, not linted" \
  '[ $rc = 1 ] && ! grep -q "^repo/a.txt:" out && grep -q "^repo/in.txt:" out && grep -q "^repo/sub/up.txt:" out &&
   [ "$(grep -c "" err)" = 1 ] && grep -q "^gwlint: repo/a.txt: skipped (a symbolic link out of the folder walked, to .*/home/notes.txt)$" err'
run -q repo
t "-q hides that notice" '[ $rc = 1 ] && [ ! -s err ]'
run --fix repo
t "--fix on the folder: the file outside is not changed" 'cmp -s home/notes.txt home/notes.orig'
t "--fix on the folder: links inside refused (a line each, exit 2), the regular file fixed" \
  '[ $rc = 2 ] && ! grep -q _GoBack repo/r.txt &&
   grep -q "^gwlint: repo/in.txt: not fixed: it is a symbolic link" err &&
   grep -q "^gwlint: repo/sub/up.txt: not fixed: it is a symbolic link" err'
cp good.txt repo/r.txt && cp good.txt repo/r.orig
run --fix repo/in.txt
t "--fix on a named link: refused, exit 2, its target unchanged" \
  '[ $rc = 2 ] && cmp -s repo/r.txt repo/r.orig && grep -q "^gwlint: repo/in.txt: not fixed: it is a symbolic link" err'
# The folder given may itself be a link: its files are inside it.
ln -s repo replink
run replink
t "a folder given through a link: links inside it still count as inside" \
  '[ $rc = 1 ] && grep -q "^replink/in.txt:" out && grep -q "replink/a.txt: skipped" err'

# 11. Loops and depth keep working: a directory link to its parent is not
#     entered; nesting past 64 is an error.
mkdir loop && cp good.txt loop/r.txt && ln -s .. loop/up && ln -s . loop/self
run loop
sed 's/^good\.txt/loop\/r.txt/' good.out >want
t "directory link loops are not followed" '[ $rc = 1 ] && cmp -s want out && [ ! -s err ]'
d=deep; i=0
while [ $i -lt 66 ]; do d=$d/d; i=$((i + 1)); done
mkdir -p "$d" && cp good.txt deep/r.txt && cp good.txt "$d/r.txt"
run deep
t "a tree deeper than 64: the rest linted, one line, exit 2" \
  '[ $rc = 2 ] && grep -q "^deep/r.txt:" out && grep -q "not entered (directories nested deeper than 64)" err'

# 12. Seams found in review: a Markdown file behind a symbolic link is
#     refused as a link (Markdown itself is no longer refused), and standard
#     input is named by --stdin-filename in every notice.
printf '一、测试,内容\n' > real.md && ln -s real.md link.md
run --fix link.md
t "--fix on a Markdown link: refused as a symbolic link, exit 2, its target unchanged" \
  '[ $rc = 2 ] && grep -q "^gwlint: link.md: not fixed: it is a symbolic link" err &&
   [ "$(cat real.md)" = "一、测试,内容" ]'
printf 'a\000b' | "$bin" --rules "$root/rules" --color never --stdin-filename r.txt - >out 2>err; rc=$?
t "binary standard input is named by --stdin-filename" \
  '[ $rc = 2 ] && grep -q "^gwlint: r.txt: not linted: a binary file" err'

[ $fails -eq 0 ]
