#!/bin/sh
# An independent reader agrees with gwlint: python3-docx (lxml, its own
# package and XML code) reads every .docx twin of the real reports
# (tests/fixtures/docx-twins/) and its paragraphs must be those that
# `gwlint --dump-text --format json` prints: the same count and, paragraph
# by paragraph, the same text once gwlint's rendered automatic numbering
# (which python-docx does not render) is taken off; and the numbering is
# there exactly where python-docx sees a w:numPr on the paragraph or its
# style chain (w:numId 0 switching it off).  Skipped, with the reason,
# where python3-docx is not installed (the fixtures are committed; CI's
# test step installs it: Makefile TEST_DEB_PKGS).
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"

files=$(ls "$fx"/docx-twins/*.docx)
nfiles=$(echo "$files" | wc -l)
echo "1..$nfiles"
if ! /usr/bin/python3 -c 'import docx' 2>/dev/null; then
	for f in $files; do skip "python3-docx is not installed (apt-get install python3-docx): $(basename "$f") not cross-read"; done
	exit 0
fi

cat >"$tmp/cross.py" <<'PY'
# For each FILE DUMP pair: python-docx's paragraphs in gwlint's reading
# order (body with table cells and text boxes after their host, then
# footnotes, endnotes) against gwlint's JSON lines.  Prints one line per
# file: "ok N" or "not ok" and the differences.
import json, sys
import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def numbered(p):
    """Whether Word numbers p: a w:numPr on it, else on its style chain."""
    ppr = p._p.pPr
    num = ppr.find(qn("w:numPr")) if ppr is not None else None
    st = p.style if p.part is not None else None
    while num is None and st is not None:
        sp = st.element.find(qn("w:pPr"))
        num = sp.find(qn("w:numPr")) if sp is not None else None
        st = st.base_style
    if num is None:
        return False
    nid = num.find(qn("w:numId"))
    return nid is None or nid.get(qn("w:val")) != "0"


def textboxes(p, parent):
    """Text box paragraphs in p: each mc:AlternateContent read once (its
    Choice), text boxes outside one as they are."""
    out = []
    for tx in p._p.iter(qn("w:txbxContent")):
        anc = tx.getparent()
        skip = False
        while anc is not None and anc is not p._p:
            if anc.tag == "{%s}Fallback" % MC:
                skip = True
            anc = anc.getparent()
        if not skip:
            out += [(Paragraph(q, parent), "textbox") for q in tx.iterchildren(qn("w:p"))]
    return out


def body(container, story, parent):
    out = []
    for el in container.iterchildren():
        if el.tag == qn("w:p"):
            p = Paragraph(el, parent)
            out.append((p, story))
            out += textboxes(p, parent)
        elif el.tag == qn("w:tbl"):
            for row in Table(el, parent).rows:
                for cell in row.cells:
                    out += body(cell._tc, "table", parent)
    return out


def notes(d, kind):
    for part in d.part.package.parts:
        if str(part.partname) == "/word/%ss.xml" % kind:
            root = parse_xml(part.blob)
            return [(Paragraph(q, None), kind) for n in root.iterchildren(qn("w:" + kind))
                    if n.get(qn("w:type")) is None for q in n.iter(qn("w:p"))]
    return []


def check(path, dump):
    lines = [json.loads(l) for l in open(dump, encoding="utf-8")]
    d = docx.Document(path)
    paras = body(d.element.body, "body", d._body) + notes(d, "footnote") + notes(d, "endnote")
    errs = []
    if len(paras) != len(lines):
        errs.append("python-docx reads %d paragraphs, gwlint %d" % (len(paras), len(lines)))
    for i, ((p, story), l) in enumerate(zip(paras, lines)):
        label = l.get("numbering", "")
        if l["paragraph"] != i + 1:
            errs.append("line %d: paragraph %d" % (i + 1, l["paragraph"]))
        if l["story"] != story:
            errs.append("line %d: story %s, python-docx %s" % (i + 1, l["story"], story))
        if not l["text"].startswith(label) or l["text"][len(label):] != p.text:
            errs.append("line %d: python-docx %r, gwlint %r (numbering %r)" % (i + 1, p.text, l["text"], label))
        if story != "footnote" and story != "endnote" and bool(label) != numbered(p):
            errs.append("line %d: numbering %r, python-docx sees %s numPr" % (i + 1, label, "a" if numbered(p) else "no"))
        psty = p._p.pPr.pStyle.val if p._p.pPr is not None and p._p.pPr.pStyle is not None else None
        if l["style"] != psty:
            errs.append("line %d: style %r, python-docx %r" % (i + 1, l["style"], psty))
    return len(paras), errs


args = sys.argv[1:]
for path, dump in zip(args[::2], args[1::2]):
    try:
        n, errs = check(path, dump)
    except Exception as e:  # a reader error is a failure, not a crash of the test
        n, errs = 0, ["python-docx: %r" % e]
    print("ok %d" % n if not errs else "not ok")
    for e in errs[:10]:
        print("#", e)
PY

set --
i=0
for f in $files; do
	i=$((i + 1))
	if "$bin" --format json --dump-text "$f" >"$tmp/dump$i" 2>"$tmp/err$i"; then :; else
		echo "# gwlint: $(cat "$tmp/err$i")" >&2
	fi
	set -- "$@" "$f" "$tmp/dump$i"
done
/usr/bin/python3 "$tmp/cross.py" "$@" >"$tmp/cross.out" 2>&1
i=0
for f in $files; do
	i=$((i + 1))
	res=$(awk -v k="$i" '/^(ok|not ok)/ { j++ } j == k' "$tmp/cross.out")
	case $res in
	"ok "*) ok "$(basename "$f"): python-docx reads the same ${res#ok } paragraphs, stories, styles and text" ;;
	*) nok "$(basename "$f"): python-docx and gwlint --dump-text disagree"
	   echo "$res" | sed -n '2,$p' >&2 ;;
	esac
done
if [ "$(grep -c '^ok \|^not ok' "$tmp/cross.out")" != "$nfiles" ]; then
	sed 's/^/# /' "$tmp/cross.out" >&2
	nok "the cross-reader answered for every file"
fi
[ $fails -eq 0 ]
