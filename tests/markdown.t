#!/bin/sh
# Markdown read as Markdown (src/input/markdown.c):
#  - the Markdown twin of each real report (tests/fixtures/markdown/, made
#    by gen.py beside them) gives exactly the findings of its .txt original
#    (line, rule, message, exit status), and each finding's byte span in
#    the .md holds the original's text (once the twin's escapes are read);
#  - markup in a .md is not conversion residue; the same bytes in a .txt are;
#  - positions, --show-source and JSON byte offsets are the .md source's;
#  - a folder walk lints report-like .md files only; a named one always;
#  - --fix edits a .md through its map: text bytes only, markup never;
#  - hostile Markdown: deep nesting, a 1 MB line, NULs, invalid UTF-8, a
#    file of markup only: each one defined outcome.
#
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"
md=$fx/markdown
gw() { "$bin" --rules "$root/rules" --color never "$@"; }
# json FILE...: "line rule message" per finding
rlm() { gw --format json "$@" | sed 's/"column":[0-9]*,//; s/"end_line":[0-9]*,"end_column":[0-9]*,//; s/"start_byte":[0-9]*,"end_byte":[0-9]*,//; s/"path":"[^"]*",//'; }

# ---- the twins ----
for s in 000 001 002 003 004; do
	(cd "$fx" && rlm "seed-$s.txt" >"$tmp/t.$s"; echo $? >"$tmp/trc.$s")
	(cd "$md" && rlm "seed-$s.md" >"$tmp/m.$s"; echo $? >"$tmp/mrc.$s")
	if [ -s "$tmp/t.$s" ] && cmp -s "$tmp/t.$s" "$tmp/m.$s" && cmp -s "$tmp/trc.$s" "$tmp/mrc.$s"; then
		ok "seed-$s.md: the findings of seed-$s.txt ($(wc -l <"$tmp/t.$s"): line, rule, message, exit)"
	else
		nok "seed-$s.md: the findings of seed-$s.txt"
		diff "$tmp/t.$s" "$tmp/m.$s" | head -20 | sed 's/^/# /' >&2
	fi
done
if command -v python3 >/dev/null 2>&1; then
	mkdir "$tmp/gen" && python3 "$md/gen.py" "$tmp/gen" >/dev/null
	if [ "$(ls "$tmp/gen" | wc -l)" = 5 ] && (for s in 000 001 002 003 004; do
	    cmp -s "$tmp/gen/seed-$s.md" "$md/seed-$s.md" || exit 1; done); then
		ok "gen.py makes the committed twins, byte for byte"
	else
		nok "gen.py makes the committed twins, byte for byte"
	fi
	for s in 000 001 002 003 004; do
		gw --format json --column-unit byte "$fx/seed-$s.txt" >"$tmp/tj" 2>/dev/null
		gw --format json --column-unit byte "$md/seed-$s.md" >"$tmp/mj" 2>/dev/null
		if python3 - "$fx/seed-$s.txt" "$md/seed-$s.md" "$tmp/tj" "$tmp/mj" >"$tmp/py" 2>&1 <<'EOF'
import json, re, sys
txt = open(sys.argv[1], 'rb').read()
src = open(sys.argv[2], 'rb').read()
tj = [json.loads(l) for l in open(sys.argv[3], encoding='utf-8')]
mj = [json.loads(l) for l in open(sys.argv[4], encoding='utf-8')]
assert len(tj) == len(mj) and tj, 'finding counts'
def unmd(b):
    # the twin's Markdown read back: escapes, entities, the markup gen.py adds
    s = b.decode('utf-8', 'ignore')
    s = s.replace('](https://www.gov.cn/)', '')
    s = re.sub(r'\\([!-/:-@\[-`{-~])|&#32;|&#9;|\*\*|\*|\[|^#{1,3} |^- ',
               lambda m: m.group(1) if m.group(1) else {'&#32;': ' ', '&#9;': '\t'}.get(m.group(0), ''),
               s, flags=re.M)
    return s
for t, m in zip(tj, mj):
    ts, te, ms, me = t['start_byte'], t['end_byte'], m['start_byte'], m['end_byte']
    # the column is the byte's place in its .md line
    ls = src.rfind(b'\n', 0, ms) + 1
    assert m['column'] == ms - ls + 1, ('column', m)
    assert src.count(b'\n', 0, ms) + 1 == m['line'], ('line', m)
    want = txt[ts:te].decode('utf-8')
    got = unmd(src[ms:me])
    if te == ts:  # an empty span: the text from there on
        want = txt[ts:ts + 12].decode('utf-8', 'ignore')
        got = unmd(src[ms:ms + 60])[:len(want)]
    assert got == want, (t['rule'], want, got)
print(len(tj))
EOF
		then
			ok "seed-$s.md: every finding's line, byte column and span point at the original's text ($(cat "$tmp/py") findings)"
		else
			nok "seed-$s.md: every finding's span points at the original's text"
			sed 's/^/# /' "$tmp/py" >&2
		fi
	done
else
	skip "python3 not installed (twins regenerated)"
	for s in 000 001 002 003 004; do skip "python3 not installed (span check of seed-$s.md)"; done
fi

# ---- markup is not residue in a .md ----
cat >"$tmp/r.md" <<'EOF'
# 某县人民政府关于2023年度法治政府建设情况的报告

## 一、主要举措和成效

（一）**加强**组织领导。全年召开会议5次。
EOF
cp "$tmp/r.md" "$tmp/r.txt"
gw "$tmp/r.md" >"$tmp/out" 2>&1
if ! grep -q 'conversion-residue' "$tmp/out"; then ok ".md: ** and # are markup, not conversion residue"; else nok ".md: ** and # are markup"; cat "$tmp/out" >&2; fi
gw "$tmp/r.txt" >"$tmp/out" 2>&1
if [ "$(grep -c 'conversion-residue' "$tmp/out")" -ge 3 ]; then ok ".txt: the same ** and # are residue"; else nok ".txt: the same ** and # are residue"; cat "$tmp/out" >&2; fi

# ---- positions in the source ----
cat >"$tmp/p.md" <<'EOF'
# 某县人民政府关于2023年度法治政府建设情况的报告

> **加强**领导,全年召开会议5次。
EOF
gw --show-source "$tmp/p.md" >"$tmp/out" 2>&1
if grep -q '^[^ ]*p\.md:3:15: warning: .*\[halfwidth-punct\]$' "$tmp/out" &&
    grep -q '^ > \*\*加强\*\*领导,全年' "$tmp/out"; then
	ok "gcc: line 3, display column 15 of the .md line; --show-source shows the .md line"
else
	nok "gcc position and --show-source in the .md"; cat "$tmp/out" >&2
fi
gw --format json "$tmp/p.md" | grep 'halfwidth-punct' >"$tmp/out"
if grep -q '"line":3,"column":15,"end_line":3,"end_column":16,.*"start_byte":89,"end_byte":90' "$tmp/out"; then
	ok "json: columns and byte offsets of the .md source"
else
	nok "json: columns and byte offsets of the .md source"; cat "$tmp/out" >&2
fi
gw --stdin-filename p.md - <"$tmp/p.md" >"$tmp/out" 2>&1
if grep -q '^p\.md:3:15: warning' "$tmp/out"; then ok "stdin with --stdin-filename x.md is read as Markdown"; else nok "stdin as Markdown"; cat "$tmp/out" >&2; fi

# ---- which .md files a walk lints ----
mkdir -p "$tmp/w/sub"
printf '# gwlint\n\n用于检查工作报告的工具,示例。\n' >"$tmp/w/README.md"
printf '# 会议纪要\n\n讨论了工作,形成意见。\n' >"$tmp/w/notes.md"
printf '# 关于2023年度法治政府建设情况的报告\n\n全年召开会议5次,形成纪要。\n' >"$tmp/w/sub/report.md"
printf '# 关于2023年度法治政府建设情况的报告\n' >"$tmp/w/sub/CHANGELOG.md"
printf '某县人民政府关于2023年度法治政府建设情况的报告\n全年召开会议5次,形成纪要。\n' >"$tmp/w/a.txt"
(cd "$tmp" && gw --format json w) | sed 's/.*"path":"\([^"]*\)".*/\1/' | sort -u >"$tmp/out"
if [ "$(cat "$tmp/out" | tr '\n' ' ')" = "w/a.txt w/sub/report.md " ]; then
	ok "a walk lints a.txt and the report-like sub/report.md, not README.md, notes.md, CHANGELOG.md"
else
	nok "a walk lints report-like .md only"; cat "$tmp/out" >&2
fi
(cd "$tmp" && gw w/README.md) >"$tmp/out" 2>&1
if grep -q '^w/README\.md:3:.*halfwidth-punct' "$tmp/out"; then ok "a .md named on the command line is always linted"; else nok "a named .md is linted"; cat "$tmp/out" >&2; fi

# ---- --fix through the map ----
cat >"$tmp/f.md" <<'EOF'
# 某县人民政府关于2023年度法治政府建设情况的报告

## 一、主要举措和成效

（一）**加强**组织领导,全年召开会议5次。

- 完成*重点*任务3项,取得成效。
EOF
cat >"$tmp/f.want" <<'EOF'
# 某县人民政府关于2023年度法治政府建设情况的报告

## 一、主要举措和成效

（一）**加强**组织领导，全年召开会议5次。

- 完成*重点*任务3项，取得成效。
EOF
gw --fix-dry-run "$tmp/f.md" >"$tmp/diff" 2>"$tmp/err"
if grep -q '^+（一）\*\*加强\*\*组织领导，全年' "$tmp/diff" && grep -q '^+- 完成\*重点\*任务3项，取得' "$tmp/diff" &&
    grep -q 'would apply 2 fixes' "$tmp/err"; then
	ok "--fix-dry-run: a diff of the .md, markup kept"
else
	nok "--fix-dry-run on .md"; cat "$tmp/diff" "$tmp/err" >&2
fi
gw --fix "$tmp/f.md" >/dev/null 2>"$tmp/err"
if cmp -s "$tmp/f.md" "$tmp/f.want"; then ok "--fix rewrites the text bytes of the .md, never its markup"; else nok "--fix on .md"; diff "$tmp/f.want" "$tmp/f.md" >&2; cat "$tmp/err" >&2; fi
# A fix whose edit crosses markup (the nested quote around **内**) is skipped and said.
cat >"$tmp/g.md" <<'EOF'
# 某县人民政府关于2023年度法治政府建设情况的报告

开展“法治“**进**”社区”活动,全年5次。

召开会议5次,形成纪要。
EOF
cp "$tmp/g.md" "$tmp/g.orig"
gw --fix "$tmp/g.md" >/dev/null 2>"$tmp/err"
if grep -q 'applied the fixes on 1 line; 1 line not fixed (an edit there would touch Markdown markup)' "$tmp/err" &&
    grep -q '^开展“法治“\*\*进\*\*”社区”活动,全年5次。$' "$tmp/g.md" && grep -q '^召开会议5次，形成纪要。$' "$tmp/g.md"; then
	ok "--fix: a line whose edit crosses markup is left as it was, and said"
else
	nok "--fix: a line across markup"; cat "$tmp/err" >&2; diff "$tmp/g.orig" "$tmp/g.md" >&2
fi

# ---- hostile Markdown ----
perl -e 'print ">" x 100000, " 加强领导,全年\n"' >"$tmp/deep.md"
timeout 20 "$bin" --rules "$root/rules" --format json --column-unit byte "$tmp/deep.md" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -le 1 ] && [ ! -s "$tmp/err" ] && grep -q '"line":1,"column":100014,.*halfwidth-punct' "$tmp/out"; then
	ok "100,000 nested block quotes: linted, the comma at byte column 100014"
else
	nok "deep nesting (exit $rc)"; head -c 600 "$tmp/out" "$tmp/err" >&2
fi
perl -e 'print "# 关于2023年度法治政府建设情况的报告\n\n", "**法治**建设" x 70000, ",完\n"' >"$tmp/long.md"
timeout 20 "$bin" --rules "$root/rules" --format json --column-unit byte "$tmp/long.md" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -le 1 ] && [ ! -s "$tmp/err" ] && grep -q '"line":3,"column":1120001,.*halfwidth-punct' "$tmp/out"; then
	ok "a 1.1 MB Markdown line: linted, the comma at byte column 1120001"
else
	nok "1 MB line (exit $rc)"; grep halfwidth "$tmp/out" | head -c 600 >&2; head -c 600 "$tmp/err" >&2
fi
printf '# 标题\n\000正文\n' >"$tmp/nul.md"
gw "$tmp/nul.md" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q 'nul\.md: not linted: a binary file' "$tmp/err"; then ok "a NUL in the first block: not linted, exit 2, as a .txt"; else nok "NUL (exit $rc)"; cat "$tmp/err" >&2; fi
gw --binary --format json --column-unit byte "$tmp/nul.md" >"$tmp/out" 2>"$tmp/err"
if grep -q '"line":2,"column":1,.*input-encoding' "$tmp/out"; then ok "--binary: the NUL reported at its place in the .md (2:1)"; else nok "--binary NUL position"; cat "$tmp/out" "$tmp/err" >&2; fi
printf '## 一、标题\n**正文**\377内容\n' >"$tmp/bad.md"
gw --format json --column-unit byte "$tmp/bad.md" >"$tmp/out" 2>"$tmp/err"
if grep -q '"line":2,"column":11,"end_line":2,"end_column":12,.*input-encoding' "$tmp/out"; then
	ok "invalid UTF-8: decoded first, reported at its byte in the .md (2:11)"
else
	nok "invalid UTF-8 position"; cat "$tmp/out" "$tmp/err" >&2
fi
printf -- '---\n***\n#\n> \n- \n```\n```\n' >"$tmp/only.md"
printf '\n\n\n\n\n\n\n' >"$tmp/only.txt"
gw "$tmp/only.md" 2>&1 | sed 's/only\.md/F/' >"$tmp/o1"; echo $? >>"$tmp/o1"
gw "$tmp/only.txt" 2>&1 | sed 's/only\.txt/F/' >"$tmp/o2"; echo $? >>"$tmp/o2"
if cmp -s "$tmp/o1" "$tmp/o2" && [ -s "$tmp/o1" ]; then ok "a file of markup only: the findings of as many empty lines"; else nok "markup only"; diff "$tmp/o2" "$tmp/o1" >&2; fi

echo "1..$n"
[ $fails -eq 0 ]
