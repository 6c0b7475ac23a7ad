#!/usr/bin/python3
# Read an annotated copy (gwlint --annotate) independently of gwlint and
# check it against the findings of the original (gwlint --format json) and
# its text (gwlint --format json --dump-text):
#  - word/comments.xml holds, after the comments it had before (--base N),
#    exactly one comment by gwlint per finding, in the findings' order by
#    start, each naming the finding's rule;
#  - every comment id is unique, and each new comment has exactly one
#    w:commentRangeStart, w:commentRangeEnd and w:commentReference in the
#    story parts;
#  - the characters between its range start and end (w:t text, w:tab as a
#    TAB, w:br as a space, paragraphs joined by LF, inserted text boxes and
#    mc:Fallback copies left out) are the finding's span of the text; a
#    span in a paragraph's automatic numbering (in no w:t) anchors on text
#    of that paragraph; a w:sym stands for any one character or none (the
#    reader maps symbol fonts).
# Usage: annotate-check.py COPY.docx FINDINGS.jsonl DUMP.jsonl [BASE]
# Prints one line per problem; exit status 0 when there is none.
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

W = None
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
problems = []


def bad(msg):
    problems.append(msg)
    print(msg)


copy, findings_path, dump_path = sys.argv[1:4]
base = int(sys.argv[4]) if len(sys.argv) > 4 else 0
findings = [json.loads(l) for l in open(findings_path, encoding="utf-8") if l.strip()]
dump = [json.loads(l) for l in open(dump_path, encoding="utf-8") if l.strip()]
text = "\n".join(d["text"] for d in dump).encode("utf-8")
starts = []
off = 0
for d in dump:
    starts.append(off)
    off += len(d["text"].encode("utf-8")) + 1

z = zipfile.ZipFile(copy)
names = z.namelist()
cm_name = [n for n in names if re.search(r"(^|/)(gwlint-)?comments\.xml$", n, re.I)]
if len(cm_name) != 1:
    bad("comments part: %r" % cm_name)
    sys.exit(1)
croot = ET.fromstring(z.read(cm_name[0]))
W = croot.tag[1:croot.tag.index("}")]
q = lambda local: "{%s}%s" % (W, local)
comments = croot.findall(q("comment"))
ids = [c.get(q("id")) for c in comments]
if len(set(ids)) != len(ids):
    bad("comment ids repeat: %r" % ids)
new = comments[base:]
if len(new) != len(findings):
    bad("%d new comments for %d findings" % (len(new), len(findings)))
for c in new:
    if c.get(q("author")) != "gwlint":
        bad("comment %s: author %r" % (c.get(q("id")), c.get(q("author"))))

# the text each comment range covers, in every story part
anchored = {}
marks = {}
for part in names:
    if not part.endswith(".xml") or part == cm_name[0]:
        continue
    data = z.read(part)
    if b"commentRange" not in data and b"commentReference" not in data:
        continue
    open_ranges = {}
    stack = []
    txbx = 0
    skip = 0
    for ev, el in ET.iterparse(__import__("io").BytesIO(data), events=("start", "end")):
        if ev == "start":
            stack.append(el.tag)
            if el.tag == "{%s}Fallback" % MC or el.tag in (q("del"), q("moveFrom")):
                skip += 1
            if el.tag == q("txbxContent"):
                txbx += 1
            if skip:
                continue
            if el.tag == q("commentRangeStart"):
                i = el.get(q("id"))
                marks.setdefault(i, []).append("start")
                open_ranges[i] = ["", txbx]
            elif el.tag == q("commentRangeEnd"):
                i = el.get(q("id"))
                marks.setdefault(i, []).append("end")
                if i in open_ranges:
                    anchored[i] = open_ranges.pop(i)[0]
            elif el.tag == q("commentReference"):
                marks.setdefault(el.get(q("id")), []).append("ref")
            continue
        stack.pop()
        if el.tag == "{%s}Fallback" % MC or el.tag in (q("del"), q("moveFrom")):
            skip -= 1
            continue
        if el.tag == q("txbxContent"):
            txbx -= 1
        if skip:
            continue
        add = None
        parent = stack[-1] if stack else None
        if el.tag == q("t"):
            # the reader's line ends in a paragraph: a space
            add = re.sub("[\n\r\v\f\x85\u2028\u2029]", " ", el.text or "")
        elif el.tag == q("sym") and parent == q("r"):
            add = "\x00"       # its font's mapping: any one character, or none
        elif el.tag in (q("tab"), q("ptab")) and parent == q("r"):
            add = "\t"
        elif el.tag in (q("br"), q("cr")) and parent == q("r"):
            add = " "
        elif el.tag == q("noBreakHyphen") and parent == q("r"):
            add = "\u2011"
        elif el.tag == q("p"):
            add = "\n"
        if add is not None:
            for r in open_ranges.values():
                if r[1] == txbx:
                    r[0] += add

order = sorted(range(len(findings)), key=lambda k: findings[k]["start_byte"])
for c, k in zip(new, order):
    f = findings[k]
    cid = c.get(q("id"))
    body = "".join(t.text or "" for t in c.iter(q("t")))
    if "[%s]" % f["rule"] not in body:
        bad("comment %s: rule %s not in %r" % (cid, f["rule"], body[:80]))
    if sorted(marks.get(cid, [])) != ["end", "ref", "start"]:
        bad("comment %s: marks %r" % (cid, marks.get(cid)))
        continue
    s, e = f["start_byte"], f["end_byte"]
    line = max(i for i in range(len(starts)) if starts[i] <= s)
    lab = len(dump[line]["numbering"].encode("utf-8"))
    ptext = dump[line]["text"].encode("utf-8")
    if lab and ptext[lab:lab + 1] in (b"\t", b" "):
        lab += 1
    got = anchored.get(cid)
    if s - starts[line] < lab:
        if e - starts[line] <= lab:
            rest = ptext[lab:].decode("utf-8")
            if got is None or not rest.startswith(got):
                bad("comment %s (%s, in the numbering): anchored %r, not the start of %r" %
                    (cid, f["rule"], got, rest[:40]))
            continue
        s = starts[line] + lab
    want = text[s:e].decode("utf-8", "replace")
    if got is not None and "\x00" in got:
        pat = "".join(".?" if ch == "\x00" else re.escape(ch) for ch in got)
        if re.fullmatch(pat, want, re.S):
            got = want
    if got != want:
        bad("comment %s (%s at %d..%d): anchored %r, the finding's span is %r" %
            (cid, f["rule"], s, e, got, want))
sys.exit(1 if problems else 0)
