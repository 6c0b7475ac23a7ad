#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check a GitLab Code Quality report against GitLab's documented format.

GitLab's documentation ("Code Quality report format") requires a JSON array
of objects, each with:
  description            string
  check_name             string
  fingerprint            string, unique in the report
  severity               one of info, minor, major, critical, blocker
  location.path          string (relative to the repository)
  location.lines.begin   integer (or location.positions.begin.line)
Other keys are allowed (the Code Climate spec's type, categories ...).

Usage: codequality-schema.py FILE [EXPECTED-COUNT]
Prints "ok N" or the first problem; exit status 0 only when it conforms.
"""
import json
import sys

SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def fail(msg):
    print("codequality: " + msg)
    sys.exit(1)


def main():
    with open(sys.argv[1], "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")  # strict: JSON text is UTF-8
    except UnicodeDecodeError as e:
        fail("not UTF-8: %s" % e)
    try:
        doc = json.loads(text)
    except ValueError as e:
        fail("not JSON: %s" % e)
    if not isinstance(doc, list):
        fail("the top level is not an array")
    seen = set()
    for i, o in enumerate(doc):
        where = "item %d" % i
        if not isinstance(o, dict):
            fail(where + ": not an object")
        for k in ("description", "check_name", "fingerprint", "severity"):
            if not isinstance(o.get(k), str):
                fail(where + ": %s missing or not a string" % k)
        if o["fingerprint"] == "":
            fail(where + ": empty fingerprint")
        if o["fingerprint"] in seen:
            fail(where + ": fingerprint %s not unique" % o["fingerprint"])
        seen.add(o["fingerprint"])
        if o["severity"] not in SEVERITIES:
            fail(where + ": severity %r not one of GitLab's" % o["severity"])
        loc = o.get("location")
        if not isinstance(loc, dict) or not isinstance(loc.get("path"), str):
            fail(where + ": location.path missing")
        if loc["path"].startswith("/") or loc["path"].startswith("./"):
            fail(where + ": location.path %r is not relative" % loc["path"])
        lines = loc.get("lines")
        pos = loc.get("positions")
        if isinstance(lines, dict):
            b = lines.get("begin")
        elif isinstance(pos, dict) and isinstance(pos.get("begin"), dict):
            b = pos["begin"].get("line")
        else:
            fail(where + ": neither location.lines nor location.positions")
        if not isinstance(b, int) or isinstance(b, bool) or b < 1:
            fail(where + ": begin line %r is not a positive integer" % (b,))
    if len(sys.argv) > 2 and len(doc) != int(sys.argv[2]):
        fail("%d items, expected %s" % (len(doc), sys.argv[2]))
    print("ok %d" % len(doc))


main()
