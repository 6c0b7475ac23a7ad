#!/bin/sh
# The rules the engine reports itself (input-encoding, report-year-unknown,
# rule-limit; issue 12 Major 7) are full rules: in the catalogue (table and
# JSON), --explain with a Chinese explanation and a source, --disable,
# --enable and --severity, the config's enable/disable/severity, Chinese
# messages, present whatever --rules names, and no pack may take their ids.
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 1

g() { "$bin" --rules "$root/rules" --color never "$@" >out 2>err; rc=$?; }
# gl ARGS...: only the pack lim.yaml (and the engine rules)
gl() { "$bin" --rules lim.yaml --color never "$@" >out 2>err; rc=$?; }
ids="input-encoding report-year-unknown rule-limit"
echo "1..20"

# A report with no year, one stray byte, and a rule that backtracks without end.
printf '关于工作情况的说明\n\n一、工作\377情况\n%s!\n' "$(printf 'a%.0s' $(seq 40))" >r.txt
cat >lim.yaml <<'X'
pack: lim
rules:
  - id: lim-catastrophic
    severity: info
    kind: pattern
    pattern: '^(\w+\s?)*$'
    message: 整行只有字母
  - id: lim-year
    severity: info
    kind: pattern
    pattern: '{report_year}年'
    message: 提到报告年份
X
engine() { grep -o '\[\(input-encoding\|report-year-unknown\|rule-limit\)\]$' out | sort | tr '\n' ' '; }

g --list-rules
for id in $ids; do
	t "--list-rules lists $id (pack engine)" 'grep -q "^$id  *[a-z]*  *engine  *gwlint " out'
done
g --list-rules --format json
t "--list-rules --format json: kind engine, a source and explain in Chinese, examples" \
    'perl -MJSON::PP -e "local \$/; my @r = grep { \$_->{kind} eq q(engine) } @{decode_json(<STDIN>)};
     exit !(@r == 3 && !grep { \$_->{source} !~ /gwlint/ || \$_->{explain} !~ /\p{Han}/ || !defined \$_->{examples}{fail} } @r)" <out'
for id in $ids; do
	g --explain "$id"
	t "--explain $id: exit 0, Chinese text, source, not in a pack" \
	    '[ $rc = 0 ] && head -1 out | grep -q "^$id: [a-z]*, pack engine, kind engine" && grep -q "^source: gwlint" out && grep -q "defined in gwlint itself" out && [ ! -s err ]'
done

gl r.txt
t "the three findings, their messages in Chinese" \
    '[ "$(engine)" = "[input-encoding] [report-year-unknown] [rule-limit] " ] && ! grep "\[\(input-encoding\|report-year-unknown\|rule-limit\)\]$" out | grep -q "[A-Za-z]\{4,\} [a-z]\{3,\}"'
t "... and exactly these texts" \
    'grep -qx "r.txt:1:1: info: 无法确定报告年份（标题和开头一句中都没有年份），依赖年份的规则已跳过；请用 --year 指定 \[report-year-unknown\]" out &&
     grep -qx "r.txt:3:9: error: 无效的 UTF-8 字节序列（1 字节，位于文件偏移 41）；文件其余部分照常检查 \[input-encoding\]" out &&
     grep -qx "r.txt:[34]:1: warning: 规则 lim-catastrophic 在此处达到正则表达式的匹配上限，已对本文件停止 \[rule-limit\]" out'
gl --disable input-encoding --disable report-year-unknown --disable rule-limit r.txt
t "--disable turns each off" '[ $rc = 0 ] && [ -z "$(engine)" ] && [ ! -s err ]'
gl --severity rule-limit=error --severity report-year-unknown=warning --severity input-encoding=info r.txt
t "--severity changes each" \
    'grep -q ": error: .*\[rule-limit\]$" out && grep -q ": warning: .*\[report-year-unknown\]$" out && grep -q ": info: .*\[input-encoding\]$" out'
gl --disable rule-limit --enable rule-limit r.txt
t "--enable after --disable turns it back on" 'grep -q "\[rule-limit\]$" out'
g --explain rule-limt
t "a misspelt id suggests the engine rule" '[ $rc = 2 ] && grep -q "did you mean '\''rule-limit'\''" err'

mkdir p
cp r.txt p/r.txt
printf 'disable: [input-encoding, rule-limit]\nseverity:\n  report-year-unknown: error\n' >p/.gwlint.yaml
gl p/r.txt
t "the config: disable and severity take the engine ids" \
    '[ $rc = 1 ] && [ "$(engine)" = "[report-year-unknown] " ] && grep -q ": error: .*\[report-year-unknown\]$" out && [ ! -s err ]'
printf 'enable: [rule-limit]\n' >p/.gwlint.yaml
gl --disable rule-limit p/r.txt
t "the command line over the config for an engine rule" '! grep -q "\[rule-limit\]$" out && [ ! -s err ]'
rm p/.gwlint.yaml

# Whatever --rules names, the engine rules are there.
gl --list-rules
t "--rules with another pack: the engine rules are still listed" \
    '[ "$(awk "NR > 1 { print \$1 }" out | tr "\n" " ")" = "lim-catastrophic lim-year input-encoding report-year-unknown rule-limit " ]'
"$bin" --rules lim.yaml --color never --format sarif r.txt >out 2>err
t "SARIF: each engine rule once in tool.driver.rules, results point at them" \
    'perl -MJSON::PP -e "local \$/; my \$j = decode_json(<STDIN>); my \$run = \$j->{runs}[0];
     my @ids = map { \$_->{id} } @{\$run->{tool}{driver}{rules}};
     my %c; \$c{\$_}++ for @ids;
     exit 1 if grep { (\$c{\$_} // 0) != 1 } qw(input-encoding report-year-unknown rule-limit);
     for my \$r (@{\$run->{results}}) { exit 1 if \$ids[\$r->{ruleIndex}] ne \$r->{ruleId} }
     exit 0" <out'

cat >clash.yaml <<'X'
pack: clash
rules:
  - id: input-encoding
    severity: error
    kind: pattern
    pattern: 'x'
    message: x
X
g --rules clash.yaml r.txt
t "a pack cannot define an engine rule's id: positioned error, exit 2" \
    '[ $rc = 2 ] && [ "$(cat err)" = "gwlint: clash.yaml:3:9: rule id '\''input-encoding'\'' is a rule of gwlint itself (pack engine); choose another id" ]'

# Forced encoding without a converter is reported by input-encoding too;
# glibc always has one for these, so only the NUL variant is checked here.
printf '工作\000情况\n' >nul.txt
g --binary nul.txt
t "NUL in the text: the Chinese message" \
    'grep -qx "nul.txt:1:5: error: 文本中有 NUL 字符（1 个，位于文件偏移 6），按 U+001A 读入；文件其余部分照常检查 \[input-encoding\]" out'
g --binary --disable input-encoding nul.txt
t "... and --disable input-encoding silences it" '! grep -q "\[input-encoding\]" out'
[ $fails -eq 0 ]
