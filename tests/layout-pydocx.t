#!/bin/sh
# An independent reader agrees with gwlint's layout findings: python3-docx
# (lxml, its own package and XML code) reads the page size, margins and the
# effective size and East Asian font of every run (docDefaults → the
# paragraph style's base_style chain → the character style → the run, as
# python-docx exposes them) of each tests/fixtures/layout-*.docx, decides
# from the pack's own values (read from rules/gbt9704-layout.yaml) which of
# page-size, margin-*, body-/title-/heading1-/heading2- size and font must
# fire on which line, and that must be exactly what gwlint reports for
# those rules.  Theme fonts are not resolved by python-docx: the fixtures
# using them are compared on everything but fonts.  Skipped, with the
# reason, where python3-docx is not installed.
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"

# python-docx reads Transitional packages only: the Strict OOXML fixtures
# (layout-*-strict*.docx) are not cross-read.
files=$(ls "$fx"/layout-*.docx | grep -v -- '-strict')
nfiles=$(echo "$files" | wc -l)
echo "1..$nfiles"
if ! /usr/bin/python3 -c 'import docx, yaml' 2>/dev/null; then
	for f in $files; do skip "python3-docx or python3-yaml is not installed (apt-get install python3-docx python3-yaml): $(basename "$f") not cross-read"; done
	exit 0
fi

cat >"$tmp/cross.py" <<'PY'
import re, sys
import docx, yaml
from docx.oxml.ns import qn

pack = {r["id"]: r for r in yaml.safe_load(open(sys.argv[1], encoding="utf-8"))["rules"]}
path, report = sys.argv[2], sys.argv[3]
CHECKED = {"layout-page-size", "layout-margin-top", "layout-margin-bottom", "layout-margin-left",
           "layout-margin-right", "layout-body-size", "layout-title-size", "layout-heading1-size",
           "layout-heading2-size", "layout-body-font", "layout-title-font", "layout-heading1-font",
           "layout-heading2-font", "layout-heading3-font"}
d = docx.Document(path)
want = set()
tw = lambda length: length.twips if length is not None else None
# each section from its first paragraph (a paragraph whose pPr holds a
# sectPr ends one); a landscape section is reported by page-size alone
starts = [1] + [i + 2 for i, p in enumerate(d.paragraphs)
                if p._p.pPr is not None and p._p.pPr.find(qn("w:sectPr")) is not None]
for s, first in zip(d.sections, starts):
    pw, ph = tw(s.page_width), tw(s.page_height)
    r = pack["layout-page-size"]
    if abs(pw - r["width"]) > r["tolerance"] or abs(ph - r["height"]) > r["tolerance"]:
        want.add(("layout-page-size", first))
    if pw > ph:
        continue
    for side, val in (("top", tw(s.top_margin)), ("bottom", tw(s.bottom_margin)),
                      ("left", tw(s.left_margin) + tw(s.gutter)), ("right", tw(s.right_margin))):
        r = pack["layout-margin-" + side]
        if not r["min"] <= val <= r["max"]:
            want.add(("layout-margin-" + side, first))

defaults = d.styles.element.find(qn("w:docDefaults"))
def_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
uses_theme = False

def ea_of(rpr):
    global uses_theme
    if rpr is None or rpr.find(qn("w:rFonts")) is None:
        return None
    f = rpr.find(qn("w:rFonts"))
    if f.get(qn("w:eastAsiaTheme")):
        uses_theme = True
        return "(theme)"
    return f.get(qn("w:eastAsia"))

def sz_of(rpr):
    if rpr is None or rpr.find(qn("w:sz")) is None:
        return None
    return int(rpr.find(qn("w:sz")).get(qn("w:val")))

def chain(style):
    out, seen = [], set()
    while style is not None and style.style_id not in seen and len(out) < 32:
        seen.add(style.style_id)
        out.append(style)
        style = style.base_style
    return list(reversed(out))

alt = {}
for part in d.part.package.parts:
    if str(part.partname) == "/word/fontTable.xml":
        x = part.blob.decode("utf-8")
        for name, a in re.findall(r'<w:font w:name="([^"]*)"><w:altName w:val="([^"]*)"/>', x):
            alt[name] = a

for i, p in enumerate(d.paragraphs):
    line = i + 1
    t = p.text
    role = "title" if i == 0 else "heading1" if t.startswith("一、") else \
        "heading2" if t.startswith("（一）") else "heading3" if re.match(r"\d+[．.]", t) else \
        "closing" if i >= len(d.paragraphs) - 2 else "body"
    if role == "closing":
        continue
    for run in p.runs:
        ea, sz = ea_of(def_rpr), sz_of(def_rpr)
        levels = [st.element.find(qn("w:rPr")) for st in chain(p.style)]
        rs = run.style if run._r.rPr is not None and run._r.rPr.find(qn("w:rStyle")) is not None else None
        levels += [st.element.find(qn("w:rPr")) for st in chain(rs)] if rs is not None else []
        levels.append(run._r.rPr)
        for rpr in levels:
            ea = ea_of(rpr) or ea
            sz = sz_of(rpr) or sz
        if "layout-%s-size" % role in pack and sz != pack["layout-%s-size" % role]["value"]:
            want.add(("layout-%s-size" % role, line))
        fonts = pack["layout-%s-font" % role]["fonts"]
        if ea != "(theme)" and ea not in fonts and alt.get(ea) not in fonts:
            want.add(("layout-%s-font" % role, line))

got = set()
for l in open(report, encoding="utf-8"):
    m = re.match(r"[^:]*:(\d+):\d+: \w+: .* \[(layout-[a-z0-9-]+)\]$", l)
    if m and m.group(2) in CHECKED and not (uses_theme and m.group(2).endswith("-font")):
        got.add((m.group(2), int(m.group(1))))
if uses_theme:
    want = {w for w in want if not w[0].endswith("-font")}
if got == want:
    print("ok %d findings agree%s" % (len(got), " (fonts through the theme not compared)" if uses_theme else ""))
else:
    print("not ok python-docx: %s; gwlint: %s" % (sorted(want - got), sorted(got - want)))
PY

n=0
for f in $files; do
	n=$((n + 1))
	b=$(basename "$f")
	"$bin" --rules "$root/rules/gbt9704-layout.yaml" --color never "$f" >"$tmp/out" 2>&1
	res=$(/usr/bin/python3 "$tmp/cross.py" "$root/rules/gbt9704-layout.yaml" "$f" "$tmp/out" 2>&1)
	case $res in
	ok*) echo "ok $n - $b: ${res#ok }" ;;
	*) echo "not ok $n - $b"; echo "$res" | sed 's/^/# /' ;;
	esac
done
