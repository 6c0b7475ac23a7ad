#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""txt2docx.py — the .docx side of `make bench` (bench/docx.sh).

Usage: txt2docx.py SRC DST

SRC is a .txt file or a folder (every *.txt below it); DST the .docx file or
folder to write (the same tree, .txt → .docx).  Each line becomes one
paragraph (so gwlint's extracted text is the .txt byte for byte), split into
runs where the script changes (Han / Latin and digits), as Word writes it;
a TAB is <w:tab/>.  Deterministic (fixed zip times and order), standard
library only.
"""
import os
import sys
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
      'officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="%s/officeDocument" Target="word/document.xml"/>'
        '</Relationships>' % R)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_ok(ch):
    c = ord(ch)
    return c >= 0x20 and not 0xD800 <= c <= 0xDFFF and c not in (0xFFFE, 0xFFFF) or ch == "\t"


def is_han(ch):
    c = ord(ch)
    return 0x2E80 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF or 0xFF00 <= c <= 0xFFEF or 0x3000 <= c <= 0x303F


def para(line):
    runs, cur, han = [], "", None
    for ch in line:
        if not xml_ok(ch):
            ch = "\ufffd"
        h = is_han(ch)
        if cur and h != han:
            runs.append(cur)
            cur = ""
        cur += ch
        han = h
    if cur:
        runs.append(cur)
    out = []
    for r in runs:
        pieces = []
        for i, p in enumerate(r.split("\t")):
            if i:
                pieces.append("<w:tab/>")
            if p:
                pieces.append('<w:t xml:space="preserve">%s</w:t>' % esc(p))
        out.append("<w:r>%s</w:r>" % "".join(pieces))
    return "<w:p>%s</w:p>" % "".join(out)


def convert(src, dst):
    text = open(src, encoding="utf-8", errors="replace", newline="").read()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="%s" xmlns:r="%s"><w:body>%s<w:sectPr/></w:body></w:document>'
           % (W, R, "".join(para(l) for l in lines)))
    os.makedirs(os.path.dirname(dst) or ".", exist_ok=True)
    with zipfile.ZipFile(dst, "w") as z:
        for name, data in (("[Content_Types].xml", CT), ("_rels/.rels", RELS),
                           ("word/document.xml", doc)):
            zi = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data.encode("utf-8"))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: txt2docx.py SRC DST")
    src, dst = sys.argv[1:]
    if os.path.isfile(src):
        convert(src, dst)
        return
    for d, _, files in sorted(os.walk(src)):
        for f in sorted(files):
            if f.endswith(".txt"):
                rel = os.path.relpath(os.path.join(d, f), src)
                convert(os.path.join(d, f), os.path.join(dst, rel[:-4] + ".docx"))


if __name__ == "__main__":
    main()
