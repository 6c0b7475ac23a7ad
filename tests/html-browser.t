#!/bin/sh
# --format html (issue 19) in a real browser: headless Chromium reads the
# page over the samples (the input of tests/html.t).
#
#  - --dump-dom: the status table has one row per report; every finding of
#    --format json appears once (report, line:col, rule); each <mark> holds
#    exactly the finding's characters (the file's bytes at start_byte ..
#    end_byte, to the end of the line);
#  - --print-to-pdf, then pdftotext: every finding is in print (the details
#    are expanded by the print CSS), as "line:col severity rule";
#  - --screenshot (with a CJK font): a PNG is made; the developer looks at
#    it (make the one they looked at with HTML_SHOT=FILE).
#
# Needs chromium, python3 and pdftotext (make test-tools installs chromium,
# fonts-wqy-microhei and poppler-utils); skipped with a message where absent.
. "$(dirname "$0")/lib.sh"

chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ] || ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP chromium or python3 not installed (make test-tools installs chromium)"
	exit 0
fi
echo "1..7"
cd "$fx" || exit 1
packs="--rules ../../rules/fazhi-report.yaml --rules ../../rules/gbt9704.yaml
--rules ../../rules/punctuation.yaml --rules ../../rules/residue.yaml
--rules ../../rules/residue-lines.yaml --rules ../../rules/terms.yaml"
hostile=$(ls html/hostile*.txt)
set -- seed-000.txt seed-001.txt seed-002.txt seed-003.txt seed-004.txt markdown/seed-001.md "$hostile"
# shellcheck disable=SC2086
"$bin" $packs --format html "$@" >"$tmp/page.html" 2>/dev/null
# shellcheck disable=SC2086
"$bin" $packs --format json "$@" >"$tmp/findings.json" 2>/dev/null
# Chromium: headless, its profile in $tmp, no sandbox when run as root.
run_chrome() {
	timeout 300 "$chrome" --headless --disable-gpu --no-sandbox --no-first-run \
	    --user-data-dir="$tmp/profile" --hide-scrollbars "$@" 2>>"$tmp/chrome.err"
}

# ---- the DOM as Chromium built it ----
run_chrome --dump-dom "file://$tmp/page.html" >"$tmp/dom.html"
cat >"$tmp/dom.py" <<'PY'
import json, sys
from html.parser import HTMLParser
from collections import Counter

dom, findings, nfiles = sys.argv[1], sys.argv[2], int(sys.argv[3])

class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows = 0
        self.path = None
        self.finds = []      # (path, pos, rule, mark text)
        self.cur = None
        self.in_mark = False
        self.in_status = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "table" and "status" in cls:
            self.in_status = True
        if tag == "tr" and self.in_status and any(c.startswith("st-") for c in cls):
            self.rows += 1
        if tag == "details" and "report" in cls:
            self.path = a.get("data-path")
        if tag == "li" and "finding" in cls:
            self.cur = [self.path, a.get("data-pos"), a.get("data-rule"), None]
        if tag == "mark" and self.cur is not None:
            self.in_mark = True
            self.cur[3] = ""
    def handle_endtag(self, tag):
        if tag == "table":
            self.in_status = False
        if tag == "mark":
            self.in_mark = False
        if tag == "li" and self.cur is not None:
            self.finds.append(tuple(self.cur))
            self.cur = None
    def handle_data(self, data):
        if self.in_mark:
            self.cur[3] += data

p = Page()
p.feed(open(dom, encoding="utf-8").read())
want, marks = Counter(), Counter()
for line in open(findings, encoding="utf-8"):
    f = json.loads(line)
    want[(f["path"], "%d:%d" % (f["line"], f["column"]), f["rule"])] += 1
    raw = open(f["path"], "rb").read()[f["start_byte"]:f["end_byte"]]
    text = raw.split(b"\n")[0].split(b"\r")[0].decode("utf-8")
    marks[(f["path"], "%d:%d" % (f["line"], f["column"]), f["rule"], text)] += 1
got = Counter((a, b, c) for a, b, c, _ in p.finds)
gotm = Counter(p.finds)
print("rows %d" % p.rows)
print("findings %s" % ("same" if got == want else "differ: want-got %s got-want %s" %
      (dict(want - got), dict(got - want))))
print("marks %s" % ("same" if gotm == marks else "differ: want-got %s got-want %s" %
      (dict(marks - gotm), dict(gotm - marks))))
print("count %d" % len(p.finds))
PY
python3 "$tmp/dom.py" "$tmp/dom.html" "$tmp/findings.json" $# >"$tmp/dom.out" 2>&1
is "--dump-dom: one row per report in the status table" "rows $#" "$(grep '^rows' "$tmp/dom.out")"
is "--dump-dom: every finding of --format json once (report, line:col, rule)" "findings same" \
    "$(grep '^findings\|Error' "$tmp/dom.out")"
is "--dump-dom: each <mark> holds exactly the finding's characters" "marks same" \
    "$(grep '^marks\|Error' "$tmp/dom.out")"
is "--dump-dom: as many findings as --format json has" "count $(wc -l <"$tmp/findings.json")" \
    "$(grep '^count' "$tmp/dom.out")"

# ---- print: every finding on paper ----
if command -v pdftotext >/dev/null 2>&1; then
	run_chrome --no-pdf-header-footer --print-to-pdf="$tmp/page.pdf" "file://$tmp/page.html" >/dev/null
	pdftotext -layout "$tmp/page.pdf" "$tmp/page.txt"
	perl -ne 'while (/(\d+:\d+)\s+(错误|警告|提示)\s+([a-z0-9-]+)/g) {
	    my %s = ("错误" => "error", "警告" => "warning", "提示" => "info"); print "$1 $s{$2} $3\n" }' \
	    "$tmp/page.txt" | sort >"$tmp/pdf.got"
	perl -MJSON::PP -ne '$o = decode_json($_); print "$o->{line}:$o->{column} $o->{severity} $o->{rule}\n"' \
	    "$tmp/findings.json" | sort >"$tmp/pdf.want"
	same "--print-to-pdf | pdftotext: every finding is in print (details expanded)" "$tmp/pdf.want" "$tmp/pdf.got"
	# A page that starts with a report's summary line (status, path,
	# counts): one per report when each report begins a page.
	starts=$(python3 -c 'import re, sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
first = [next((l for l in p.splitlines() if l.strip()), "") for p in pages]
print(sum(1 for l in first if re.search(r"错误 \d+ · 警告 \d+ · 提示 \d+", l)))' "$tmp/page.txt")
	is "print: each report starts a new page" "$#" "$starts"
else
	skip "pdftotext not installed (poppler-utils)"
	skip "pdftotext not installed (poppler-utils)"
fi

# ---- screenshot ----
if fc-list 2>/dev/null | grep -qi 'wqy\|noto sans cjk\|source han'; then
	shot=${HTML_SHOT:-$tmp/page.png}
	run_chrome --window-size=1280,2400 --screenshot="$shot" "file://$tmp/page.html" >/dev/null
	t "--screenshot with a CJK font: a PNG (look at it: HTML_SHOT=FILE)" \
	    "[ \"\$(head -c 8 '$shot' | od -An -tx1 | tr -d ' ')\" = 89504e470d0a1a0a ]"
else
	skip "no CJK font (fonts-wqy-microhei or fonts-noto-cjk)"
fi
[ $fails -eq 0 ]
