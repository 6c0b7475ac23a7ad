#!/bin/sh
# --format html (issue 19): the audit page, without a browser
# (tests/html-browser.t reads it in Chromium).
#
# Input: the five seeds, a Markdown seed and a hostile report
# (tests/fixtures/html/: <script>, quotes and & in its text, its issuer and
# its file name) under the packs named explicitly (the layout pack, which
# never fires on text, stays out so its edits do not move the golden).
# The golden page tests/fixtures/html/audit.html is compared byte for byte;
# to renew it after a deliberate change, run this test with
# HTML_GOLDEN_UPDATE=1 and read the diff.
. "$(dirname "$0")/lib.sh"

echo "1..29"
cd "$fx" || exit 1
packs="--rules ../../rules/fazhi-report.yaml --rules ../../rules/gbt9704.yaml
--rules ../../rules/punctuation.yaml --rules ../../rules/residue.yaml
--rules ../../rules/residue-lines.yaml --rules ../../rules/terms.yaml"
hostile=$(ls html/hostile*.txt)
set -- seed-000.txt seed-001.txt seed-002.txt seed-003.txt seed-004.txt markdown/seed-001.md "$hostile"
# shellcheck disable=SC2086
page() { "$bin" $packs --format html "$@"; }
page "$@" >"$tmp/page.html" 2>"$tmp/err"; rc=$?
# shellcheck disable=SC2086
"$bin" $packs "$@" >"$tmp/gcc.txt" 2>/dev/null; grc=$?

# ---- the golden page ----
if [ "${HTML_GOLDEN_UPDATE:-}" = 1 ]; then cp "$tmp/page.html" html/audit.html; fi
same "the page over the samples equals html/audit.html byte for byte" html/audit.html "$tmp/page.html"
is "exit status as with --format gcc; nothing on stderr" "$grc" "$rc$(cat "$tmp/err")"
page "$@" >"$tmp/page2.html" 2>/dev/null
same "the same bytes again" "$tmp/page.html" "$tmp/page2.html"
page -j2 "$@" >"$tmp/page3.html" 2>/dev/null
t "with -j2: the same but for the command line" \
    "[ \"\$(diff '$tmp/page.html' '$tmp/page3.html' | grep -c '^>')\" = 1 ] && diff '$tmp/page.html' '$tmp/page3.html' | grep -q '^> <p class=\"meta\">命令：.* -j2 '"
t "no timestamp without --report-date" "! grep -q '审查日期' '$tmp/page.html'"
page --report-date 2026-03-05 "$@" >"$tmp/dated.html" 2>/dev/null
t "--report-date prints that date in the header" "grep -q '审查日期 2026-03-05</p>' '$tmp/dated.html'"
is "--report-date changes the date line and the command line only" 2 \
    "$(diff "$tmp/page.html" "$tmp/dated.html" | grep -c '^>')"
page --report-date 2026-13-05 "$@" >/dev/null 2>"$tmp/err"; rc=$?
is "a bad --report-date is a usage error" "2 gwlint: --report-date: expected YYYY-MM-DD, got '2026-13-05'" \
    "$rc $(head -n 1 "$tmp/err")"

# ---- it parses as XML (XHTML-compatible) and as HTML ----
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$tmp/page.html" >"$tmp/x.out" 2>&1; rc=$?
	is "xmllint --noout: well-formed XML" "0" "$rc$(head -c 300 "$tmp/x.out")"
	# libxml2's HTML parser knows HTML 4 only: its complaints about HTML5
	# and SVG element names are the only ones allowed.
	xmllint --html --noout "$tmp/page.html" >"$tmp/h.out" 2>&1
	grep 'parser error' "$tmp/h.out" |
	    grep -Ev 'Tag (header|nav|section|figure|figcaption|svg|g|rect|text|line|circle|title|details|summary|mark) invalid' \
	    >"$tmp/h.bad" || true
	is "xmllint --html --noout: no error but HTML5 tag names" "" "$(head -c 400 "$tmp/h.bad")"
else
	skip "xmllint not installed"
	skip "xmllint not installed"
fi

# ---- everything from a report is escaped ----
is "no <script or <img element anywhere (file name, issuer, text)" 0 \
    "$(grep -c '<script\|<img' "$tmp/page.html")"
t "the hostile file name is shown escaped" \
    "grep -q 'html/hostile&lt;script&gt;&quot;&amp;&apos;.txt</a>' '$tmp/page.html'"
t "the hostile issuer is shown escaped" \
    "grep -q '<td>某县&quot;&lt;script&gt;&amp;amp;局</td>' '$tmp/page.html'"
t "the hostile text, in context, is shown escaped" \
    "grep -q '建设<mark>,</mark>&lt;script&gt;alert(1)&lt;/script&gt;，&quot;A&amp;B&quot; &amp; &apos;C&apos; &lt;img' '$tmp/page.html'"
t "a message quoting < > is escaped; the finding's span is in <mark>" \
    "grep -q '<mark>&lt;法治政府建设实施纲要&gt;</mark>' '$tmp/page.html' && grep -q '不能用“&lt;&gt;”作书名号' '$tmp/page.html'"
t "the command line is shell-quoted and escaped" \
    "grep -q \"'html/hostile&lt;script&gt;&quot;&amp;'\\\\\\\\''.txt'</code>\" '$tmp/page.html'"

esc=$(printf '\033'); rlo=$(printf '\342\200\256')
printf '某县司法局关于2023年度法治政府建设情况的报告\n\n2023年，我局推进法治\033[31m政府%s建设,全年办案。\n' "$rlo" \
    >"$tmp/a${esc}[31m${rlo}b.txt"
page "$tmp/a${esc}[31m${rlo}b.txt" >"$tmp/ctl.html" 2>/dev/null
is "ESC and U+202E in a name and in the text never reach the page raw" "0 0" \
    "$(grep -c "$esc" "$tmp/ctl.html") $(grep -c "$rlo" "$tmp/ctl.html")"
t "... they are shown as \\x1b and \\u202e (name) and \\x1b, &#x202e; (text)" \
    "grep -q 'a\\\\x1b\\[31m\\\\u202eb.txt</a>' '$tmp/ctl.html' && grep -q '法治\\\\x1b\\[31m政府&#x202e;建设' '$tmp/ctl.html'"

# ---- one row per report, every finding once, the header's counts ----
is "one status row per report" 7 "$(grep -c '^<tr class="st-' "$tmp/page.html")"
is "one <details> per report" 7 "$(grep -c '^<details class="report' "$tmp/page.html")"
is "every finding once (as many <li> as gcc lines)" "$(wc -l <"$tmp/gcc.txt")" \
    "$(grep -c '<li class="finding' "$tmp/page.html")"
# Status per file from the gcc lines: any error: 不合格; any warning: 需修改.
want=$(perl -ne 'next unless /^(.*?):\d+:\d+: (error|warning|info): /;
    $w{$1} = 2 if $2 eq "error"; $w{$1} ||= 1 if $2 eq "warning"; $w{$1} ||= 0;
    END { my @c = (0, 0, 0); $c[$w{$_}]++ for keys %w; print "$c[0] $c[1] $c[2]" }' "$tmp/gcc.txt")
got=$(perl -ne 'while (/id="n-(pass|revise|fail)">(\d+)</g) { $c{$1} = $2 }
    END { print "$c{pass} $c{revise} $c{fail}" }' "$tmp/page.html")
is "合格/需修改/不合格 from severities only (gcc's lines agree)" "$want" "$got"
t "the rows are sorted by status then path" \
    "grep -o '^<tr class=\"st-[a-z]*\"><td><a href=\"#r[0-9]*\">[^<]*' '$tmp/page.html' | sed 's/^<tr class=\"st-//; s/\"><td><a href=\"#r[0-9]*\">/ /; s/^fail/0/; s/^revise/1/; s/^pass/2/' >'$tmp/rows' && LC_ALL=C sort -c '$tmp/rows'"

# ---- the facts from the outline: content matrix, filing window ----
cell() { # FILE: the row's cells from the report year to the status
	grep -o "^<tr class=\"st-[a-z]*\"><td><a href=\"#r[0-9]*\">$1</a>.*" "$2" |
	    sed 's/<[^>]*>/|/g; s/||*/|/g'
}
cat >"$tmp/missing.txt" <<'X'
某县司法局关于2023年度法治政府建设情况的报告

2023年，我局认真推进法治政府建设，现将有关情况报告如下。
一、主要举措和成效
局主要负责同志履行推进法治建设第一责任人职责。
二、其他工作
全年办理案件12件。

某县司法局
2024年3月15日
X
sed 's/某县司法局/某县人民政府/' "$tmp/missing.txt" >"$tmp/gov.txt"
page "$tmp/missing.txt" "$tmp/gov.txt" >"$tmp/m.html" 2>/dev/null
is "content matrix: 不足 and 安排 missing take 原因 and the plan's year with them" \
    "|missing.txt|某县司法局|部门|2023|2024年3月15日|逾期|✓|✗|✗|✓|✗|✗|2|1|1|不合格|" \
    "$(cell "$tmp/missing.txt" "$tmp/m.html" | sed "s,$tmp/,,")"
is "filing window: a government's 3月15日 is in its window" \
    "|gov.txt|某县人民政府|党委政府|2023|2024年3月15日|按期|" \
    "$(cell "$tmp/gov.txt" "$tmp/m.html" | sed "s,$tmp/,," | cut -d'|' -f1-7)|"
page --disable section-shortcomings --disable date-timing "$tmp/missing.txt" >"$tmp/d.html" 2>/dev/null
is "a disabled rule's item is unchecked (–), not present" \
    "|missing.txt|某县司法局|部门|2023|2024年3月15日|未检查|✓|–|–|✓|✗|✗|" \
    "$(cell "$tmp/missing.txt" "$tmp/d.html" | sed "s,$tmp/,," | cut -d'|' -f1-13)|"

# ---- a .docx: paragraph numbers ----
"$bin" --format html docx/basic.docx >"$tmp/docx.html" 2>/dev/null
t "a .docx finding shows its paragraph number" "grep -q 'title=\"段落 [0-9]*，第 [0-9]* 列\">¶' '$tmp/docx.html'"

# ---- memory: 2,000 reports in one page ----
# Peak RSS of the release binary, as memory.t measures it (ASan's shadow
# memory would swamp it): $GWLINT_REL, default build/gwlint.
rel=${GWLINT_REL:-$root/build/gwlint}
if [ -x /usr/bin/time ] && [ -x "$rel" ] && [ -d "$root/examples" ]; then
	perl "$root/bench/gencorpus.pl" -n 2000 -b 1 "$root/examples" "$tmp/corpus" >/dev/null 2>&1
	/usr/bin/time -f %M -o "$tmp/rss" "$rel" --format html "$tmp/corpus/corpus" >"$tmp/big.html" 2>/dev/null
	kib=$(tail -n 1 "$tmp/rss")
	t "2,000 reports: peak RSS ${kib} KiB < 32 MiB (SPEC §6), page $(wc -c <"$tmp/big.html") bytes" \
	    "[ '$kib' -lt 32768 ]"
	is "2,000 reports: 2,000 rows" 2000 "$(grep -c '^<tr class="st-' "$tmp/big.html")"
else
	skip "needs $rel (make build/gwlint), GNU time (/usr/bin/time) and examples/"
	skip "needs $rel (make build/gwlint), GNU time (/usr/bin/time) and examples/"
fi
[ $fails -eq 0 ]
