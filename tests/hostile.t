#!/bin/sh
# Hostile input: every case has a defined outcome (a finding or a message,
# and an exit status), checked exactly.  Big inputs are generated here, in
# a temporary directory, never committed.
#
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 1

# lint ARGS...: stdout in out, stderr in err, status in rc
lint() {
	"$bin" --rules "$root/rules" --color never "$@" >out 2>err
	rc=$?
}
# The input cases run with one small pack of their own (plus the built-in
# input-encoding finding), so that they do not change when the real packs
# grow.
cat > mini.yaml <<'EOF'
pack: mini
rules:
  - id: bracket-year
    severity: error
    kind: pattern
    pattern: '\[((?:19|20)\d{2})\]'
    message: 年份应使用六角括号：〔$1〕
EOF
lintmini() {
	"$bin" --rules mini.yaml --color never "$@" >out 2>err
	rc=$?
}
# secs: wall-clock seconds since $t0
now() { date +%s; }

echo "1..24"

# A small report with one known finding (文号 brackets, line 3 col 5).
printf '某县人民政府关于2023年度法治政府建设情况的报告\n\n东政[2023]3号\n' > good.txt
lint good.txt
grep -v '^good.txt:1:1: ' out > good.expected   # the missing sections at 1:1
printf 'good.txt:3:5: error: 发文字号的年份应使用六角括号：〔2023〕 [docnum-bracket]\n' > want
: > none
if [ "$rc" = 1 ] && cmp -s want good.expected; then ok "a small report lints (baseline)"
else nok "a small report lints (baseline)"; sed 's/^/# /' out >&2; fi
cp out good.out

# 1. Nonexistent path: message, exit 2, the other path still linted.
lint missing.txt good.txt
echo 'gwlint: missing.txt: No such file or directory' > want.err
expect "nonexistent path: exit 2, other paths linted" 2 good.out want.err

# 2. Binary file (NUL in the first block): not linted, so one line and
#    exit 2 (nothing passes unchecked); a notice with --skip-unreadable.
printf 'abc\000def\n' > bin.txt
lint bin.txt good.txt
echo 'gwlint: bin.txt: not linted: a binary file (NUL bytes); use --binary to lint it as text, or --encoding utf-16le (utf-16be) for UTF-16 without a BOM' > want.err
expect "binary file: not linted, one line, exit 2, others linted" 2 good.out want.err
lint --skip-unreadable bin.txt good.txt
echo 'gwlint: bin.txt: skipped: a binary file (NUL bytes); use --binary to lint it as text, or --encoding utf-16le (utf-16be) for UTF-16 without a BOM' > want.err
expect "binary file with --skip-unreadable: a notice, exit as for the rest" 1 good.out want.err

# 3. NUL in text with --binary: input-encoding at the NUL, rest linted.
printf '东政[2023]3号\nab\000\000c\n' > nul.txt
lintmini --binary nul.txt
cat > want <<'EOF'
nul.txt:1:5: error: 年份应使用六角括号：〔2023〕 [bracket-year]
nul.txt:2:3: error: 文本中有 NUL 字符（2 个，位于文件偏移 19），按 U+001A 读入；文件其余部分照常检查 [input-encoding]
EOF
expect "NUL in text with --binary: positioned input-encoding" 1 want none

# 4. NUL past the first 8 KiB: not binary, reported where it is.
perl -e 'print "\n" x 9000, "ab\0\n"' > latenul.txt
lintmini latenul.txt
cat > want <<'EOF'
latenul.txt:9001:3: error: 文本中有 NUL 字符（1 个，位于文件偏移 9002），按 U+001A 读入；文件其余部分照常检查 [input-encoding]
EOF
expect "NUL past the first block: linted, positioned" 1 want none

# 5. 100 MB with no newline: one line, an invalid byte at its very end is
#    found at the right byte column, in bounded time.
perl -e 'print "2023年，"; print "我县推进法治政府建设，取得成效" x 2272727; print "\xFF"' > big.txt
size=$(wc -c < big.txt)
t0=$(now)
lintmini --column-unit byte big.txt
secs=$(( $(now) - t0 ))
printf 'big.txt:1:%d: error: 无效的 UTF-8 字节序列（1 字节，位于文件偏移 %d）；文件其余部分照常检查 [input-encoding]\n' \
	"$size" $((size - 1)) > want
expect "100 MB without a newline: positioned finding (${secs}s)" 1 want none
if [ "$secs" -le 60 ]; then ok "100 MB without a newline in ${secs}s (limit 60)"
else nok "100 MB without a newline in ${secs}s (limit 60)"; fi
rm -f big.txt

# 6. Lines over 1 MB: line and display column after a 2 MB line.
perl -e 'print "标题\n", "a" x 2000000, "\xFF\n", "\xFE\n"' > long.txt
lintmini long.txt
cat > want <<'EOF'
long.txt:2:2000001: error: 无效的 UTF-8 字节序列（1 字节，位于文件偏移 2000007）；文件其余部分照常检查 [input-encoding]
long.txt:3:1: error: 无效的 UTF-8 字节序列（1 字节，位于文件偏移 2000009）；文件其余部分照常检查 [input-encoding]
EOF
expect "lines over 1 MB: exact line and column" 1 want none

# 7. Mixed CRLF, LF and lone CR: lines counted right, columns without CR.
printf '某县人民政府关于2023年度法治政府建设情况的报告\r\n\r\r\n东政[2023]3号\n' > eol.txt
lint eol.txt
grep -v ':1:1: ' out > got
printf 'eol.txt:4:5: error: 发文字号的年份应使用六角括号：〔2023〕 [docnum-bracket]\n' > want
if cmp -s want got && [ "$rc" = 1 ]; then ok "mixed CRLF/LF/CR: line 4, column 5"
else nok "mixed CRLF/LF/CR: line 4, column 5"; sed 's/^/# /' out >&2; fi

# 8. Many lone CRs and one LF at the end: linear, not quadratic.
perl -e 'print "a\r" x 2000000, "\xFF\n"' > cr.txt
t0=$(now)
lintmini cr.txt
secs=$(( $(now) - t0 ))
printf 'cr.txt:2000001:1: error: 无效的 UTF-8 字节序列（1 字节，位于文件偏移 4000000）；文件其余部分照常检查 [input-encoding]\n' > want
expect "2 million lone CRs then LF: line 2000001 in ${secs}s" 1 want none

# 9. Empty and white-space-only files are reports missing every mandated
#    part: the same findings at 1:1 as an empty report, exit 1.
: > empty.txt
printf ' \n\t\n\343\200\200\r\n' > blank.txt
lint empty.txt
sed 's/^empty\.txt:/blank.txt:/' out > want
lint blank.txt
if [ "$rc" = 1 ] && cmp -s want out && [ -s out ] && ! grep -v ':1:1: ' out >/dev/null
then ok "white-space-only file: as an empty one, all at 1:1, exit 1"
else nok "white-space-only file: as an empty one, all at 1:1, exit 1"; sed 's/^/# /' out >&2; fi

# 10. A directory with 10,000 files (and a few names that are not *.txt;
#     not a document name such as *.doc, which a walk reports: tests/walk.t).
mkdir many
(cd many && i=1 && while [ $i -le 10000 ]; do
	printf '东政[2023]%d号\n' $i > "r$i.txt"; i=$((i + 1)); done
	echo x > notes.csv && echo x > README.md && echo x > .hidden.txt)
t0=$(now)
lintmini many
secs=$(( $(now) - t0 ))
files=$(cut -d: -f1 out | sort -u | wc -l)
if [ "$rc" = 1 ] && [ "$files" = 10000 ] && [ "$(wc -l < out)" = 10000 ] && [ ! -s err ]
then ok "10,000 files in a directory: each linted once (${secs}s)"
else nok "10,000 files in a directory: each linted once (${secs}s)"; echo "# files=$files rc=$rc" >&2; fi
rm -rf many

# 11. Symbolic link loops: in a directory, and named on the command line.
mkdir loops && cp good.txt loops/good.txt
ln -s a.txt loops/b.txt && ln -s b.txt loops/a.txt && ln -s .. loops/up
lint loops
sed 's/^good.txt/loops\/good.txt/' good.out > want
cat > want.err <<'EOF'
gwlint: loops/a.txt: Too many levels of symbolic links
gwlint: loops/b.txt: Too many levels of symbolic links
EOF
expect "symlink loop in a directory: message per link, exit 2, rest linted" 2 want want.err
lint loops/a.txt
echo 'gwlint: loops/a.txt: Too many levels of symbolic links' > want.err
expect "symlink loop named: message, exit 2" 2 none want.err

# 12. FIFOs: skipped when found in a directory (never opened, no hang);
#     read like a file when named.
mkdir fifo && mkfifo fifo/pipe.txt && cp good.txt fifo/good.txt
"$bin" --rules "$root/rules" --color never fifo >out 2>err &
pid=$!
i=0; while kill -0 $pid 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 $pid 2>/dev/null; then
	kill $pid; nok "FIFO in a directory: skipped (it hung)"
else
	wait $pid; rc=$?
	sed 's/^good.txt/fifo\/good.txt/' good.out > want
	echo 'gwlint: fifo/pipe.txt: skipped (a FIFO, not a regular file)' > want.err
	expect "FIFO in a directory: skipped with a notice" 1 want want.err
fi
(cat good.txt > fifo/pipe.txt &)
lint fifo/pipe.txt
sed 's/^good.txt/fifo\/pipe.txt/' good.out > want
expect "FIFO named on the command line: read" 1 want none

# 13. Unreadable file: Permission denied, exit 2, the others linted.
#     root reads a mode-000 file, so drop to nobody with setpriv.
cp good.txt locked.txt && chmod 000 locked.txt
chmod 755 "$tmp"
if [ "$(id -u)" != 0 ]; then
	lint locked.txt good.txt
	echo 'gwlint: locked.txt: Permission denied' > want.err
	expect "unreadable file: exit 2, other paths linted" 2 good.out want.err
elif command -v setpriv >/dev/null 2>&1 &&
    setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$bin" 2>/dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$bin" --rules "$root/rules" --color never locked.txt good.txt >out 2>err
	rc=$?
	echo 'gwlint: locked.txt: Permission denied' > want.err
	expect "unreadable file (as nobody): exit 2, other paths linted" 2 good.out want.err
else
	skip "unreadable file: running as root without setpriv, mode 000 does not stop root"
fi

# 14. Larger than 1 GiB (a sparse file): refused before reading, exit 2.
if truncate -s 1073741825 huge.txt 2>/dev/null; then
	lint huge.txt good.txt
	echo 'gwlint: huge.txt: not read: larger than 1 GiB' > want.err
	expect "file over 1 GiB: refused, exit 2, others linted" 2 good.out want.err
	rm -f huge.txt
else
	skip "cannot make a sparse file here"
fi

# 16. Forced GB18030 with a byte that does not decode; UTF-16LE with an
#     unpaired surrogate: positioned in the decoded text, the rest read.
printf '\261\250\270\346\377[2023]\n' > gb.txt            # 报告<FF>[2023]
lintmini --encoding gb18030 gb.txt
cat > want <<'EOF'
gb.txt:1:5: error: 无效的 GB18030 字节序列（1 字节，位于文件偏移 4）；文件其余部分照常检查 [input-encoding]
gb.txt:1:6: error: 年份应使用六角括号：〔2023〕 [bracket-year]
EOF
expect "forced GB18030, a bad byte: positioned, rest linted" 1 want none
printf '\377\376\000\116\000\330[\0002\0000\0002\0003\000]\000' > u16.txt  # 一<D800>[2023]
lintmini u16.txt
cat > want <<'EOF'
u16.txt:1:3: error: 无效的 UTF-16LE 字节序列（2 字节，位于文件偏移 4）；文件其余部分照常检查 [input-encoding]
u16.txt:1:4: error: 年份应使用六角括号：〔2023〕 [bracket-year]
EOF
expect "UTF-16LE, an unpaired surrogate: positioned, rest linted" 1 want none

# 17. One defect, one finding, whatever else starts there: a finding that
#     sorts before the covering known-document-title at the same start
#     (aaa-mark) used to stop it from dropping the range-dash inside it.
cat > mark.yaml <<'EOF'
pack: mark
rules:
  - id: aaa-mark
    severity: info
    kind: pattern
    pattern: '《'
    message: 书名号
EOF
printf '某县人民政府2023年度法治政府建设情况报告\n\n贯彻《法治政府建设实施纲要（2021-2025年）》。\n' > cover.txt
lint --rules mark.yaml cover.txt
if [ "$rc" = 1 ] && grep -q '^cover.txt:3:5: error: .*\[known-document-title\]$' out &&
	! grep -q 'range-dash\|aaa-mark' out
then ok "a covering finding drops what is inside it after a same-start finding"
else nok "a covering finding drops what is inside it after a same-start finding"
	sed 's/^/# /' out err >&2; fi

# 18. 2,000 rules on the same 50 spans (100,000 findings): one finding a
#     span (the error that mends it), in bounded time.
perl -CO -Mutf8 -e 'print "pack: same\nrules:\n"; for $i (0 .. 1999) {
	printf "  - id: r%04d\n    severity: %s\n    kind: pattern\n    pattern: \"甲\"\n    message: m\n%s",
	    $i, $i % 3 ? "warning" : "error", $i % 2 ? "    fix: 乙\n" : "" }' > same.yaml
perl -CO -Mutf8 -e 'print "甲" x 50, "\n"' > same.txt
perl -e 'for $c (0 .. 49) { printf "same.txt:1:%d: error: m [r0003]\n", 2 * $c + 1 }' > want
t0=$(now)
lintmini --rules same.yaml same.txt
secs=$(( $(now) - t0 ))
if [ "$secs" -le 20 ]; then expect "100,000 findings on 50 spans: one a span (${secs}s)" 1 want none
else nok "100,000 findings on 50 spans took ${secs}s (limit 20)"; fi

# 15. Standard input.
lint --stdin-filename in.txt - < good.txt
sed 's/^good.txt/in.txt/' good.out > want
expect "standard input with --stdin-filename" 1 want none

[ $fails -eq 0 ]
