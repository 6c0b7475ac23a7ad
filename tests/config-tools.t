#!/bin/sh
# The config tools: --init (writes a commented .gwlint.yaml that loads
# cleanly and can be edited by uncommenting; never overwrites), and
# --print-config FILE (the settings for FILE, text and JSON), --list-rules
# and --explain as the config leaves the rules; -h and -V.
. "$(dirname "$0")/lib.sh"
echo "1..22"

cd "$tmp" || exit 1
cp "$here/editors/pack.yaml" pack.yaml
g() { "$bin" --rules "$tmp/pack.yaml" --color never "$@"; }

# ---- --init ----
mkdir init && cd init || exit 1
got=$(g --init 2>&1; echo "rc=$?")
is "--init: writes .gwlint.yaml, says so on stderr, exit 0" \
    "gwlint: wrote .gwlint.yaml (every setting commented; gwlint --print-config FILE shows what applies)
rc=0" "$got"
is "--init: the file lists every rule with its default severity, commented" \
    "#   test-comma: warning          # editors-test
#   test-bracket-year: error     # editors-test
#   test-double-de: info         # editors-test" "$(grep '^#   test-' .gwlint.yaml)"
printf '关于,的情况\n' >r.txt
got=$(g --year 2023 r.txt 2>&1; echo "rc=$?")
: >empty.yaml
want=$(g --config empty.yaml --year 2023 r.txt 2>&1; echo "rc=$?")
is "--init: the written config loads cleanly and changes nothing" "$want" "$got"
is "--init: --print-config names it" "config: .gwlint.yaml" "$(g --print-config r.txt | grep '^config:')"
sed -e 's/^# severity:/severity:/' -e 's/^#\(   test-comma:\) warning /\1 error   /' \
    .gwlint.yaml >edited && mv edited .gwlint.yaml
is "--init: uncommenting 'severity:' and one rule's line changes that rule" \
    "rule: test-comma error on" "$(g --print-config r.txt 2>&1 | grep test-comma)"
cp .gwlint.yaml before
got=$(g --init 2>&1; echo "rc=$?")
is "--init: refuses to overwrite .gwlint.yaml (exit 2)" \
    "gwlint: .gwlint.yaml: already exists; not overwritten
rc=2" "$got"
if cmp -s before .gwlint.yaml; then ok "--init: the existing file is unchanged"
else notok "--init: the existing file is unchanged"; fi
rm .gwlint.yaml before
ln -s "$tmp/elsewhere" .gwlint.yaml
got=$(g --init 2>&1; echo "rc=$?")
if [ "$got" = "gwlint: .gwlint.yaml: already exists; not overwritten
rc=2" ] && [ ! -e "$tmp/elsewhere" ]; then ok "--init: does not write through a dangling symbolic link"
else notok "--init: does not write through a dangling symbolic link"; echo "# $got" >&2; fi
rm .gwlint.yaml
printf 'exclude: []\n' >.gwlint.yml
got=$(g --init 2>&1; echo "rc=$?")
is "--init: refuses when .gwlint.yml is there" \
    "gwlint: .gwlint.yml: already here; --init writes .gwlint.yaml and does not add a second config
rc=2" "$got"
cd "$tmp" || exit 1

# ---- --print-config ----
mkdir -p proj/drafts
cat >proj/.gwlint.yaml <<'X'
disable: [test-double-de]
severity:
  test-comma: error
variables:
  report_year: 2024
  issuer: 测试局
  issuer_type: department
exclude: [drafts]
X
got=$(g --print-config proj/drafts/a.txt; echo "rc=$?")
is "--print-config: text form" "file: proj/drafts/a.txt
config: proj/.gwlint.yaml
report_year: 2024 (from the config)
issuer: 测试局
issuer_type: department
pack: $tmp/pack.yaml
include: none
exclude: drafts
walk: excluded
rule: test-comma error on
rule: test-bracket-year error on
rule: test-double-de info off
rule: input-encoding error on
rule: report-year-unknown info on
rule: rule-limit warning on
rc=0" "$got"
is "--print-config: --year and --severity on the command line win" \
    "report_year: 2030 (from the command line)
rule: test-comma info on" \
    "$(g --year 2030 --severity test-comma=info --print-config proj/a.txt | grep '^report_year\|comma')"
is "--print-config: a file without a config" "config: none
report_year: from each report (its title, else its opening \"YYYY年\")
walk: linted
rule: test-double-de info on" \
    "$(g --print-config pack.yaml | grep '^config\|^report_year\|^walk\|double')"
got=$(g --format json --print-config proj/a.txt)
is "--print-config --format json" '{
  "file": "proj/a.txt",
  "config": "proj/.gwlint.yaml",
  "report_year": 2024,
  "report_year_from": "config",
  "issuer": "测试局",
  "issuer_type": "department",
  "packs": ["'"$tmp"'/pack.yaml"],
  "include": [],
  "exclude": ["drafts"],
  "walk": true,
  "rules": [
    {"id": "test-comma", "severity": "error", "enabled": true, "pack": "editors-test"},
    {"id": "test-bracket-year", "severity": "error", "enabled": true, "pack": "editors-test"},
    {"id": "test-double-de", "severity": "info", "enabled": false, "pack": "editors-test"},
    {"id": "input-encoding", "severity": "error", "enabled": true, "pack": "engine"},
    {"id": "report-year-unknown", "severity": "info", "enabled": true, "pack": "engine"},
    {"id": "rule-limit", "severity": "warning", "enabled": true, "pack": "engine"}
  ]
}' "$got"
if command -v python3 >/dev/null 2>&1; then
	if printf '%s\n' "$got" | python3 -m json.tool >/dev/null 2>&1; then ok "--print-config JSON parses"
	else notok "--print-config JSON parses"; fi
else
	n=$((n + 1)); echo "ok $n # SKIP python3 not installed"
fi
printf 'severity: [test-comma]\n' >proj/drafts/.gwlint.yaml
got=$(g --print-config proj/drafts/a.txt 2>&1; echo "rc=$?")
is "--print-config: a broken config is an error, as when linting" \
    "gwlint: proj/drafts/.gwlint.yaml:1:11: 'severity' should be a mapping of rule id to level (error, warning, info), not a sequence (write 'rule-id: level' lines, without '- ')
rc=2" "$got"
rm proj/drafts/.gwlint.yaml

# ---- --list-rules and --explain honour the config ----
got=$(cd proj && g --list-rules | sed 's/  */ /g')
is "--list-rules: the current folder's config (severity, disabled)" \
    "ID SEVERITY PACK SOURCE
test-comma error editors-test GB/T 15834-2011 4.4
test-bracket-year error editors-test GB/T 9704-2012 7.2.5
test-double-de info editors-test typo (disabled)
input-encoding error engine gwlint 输入检查：文本须能按其编码（UTF-8、GB18030、UTF-16）无误解码
report-year-unknown info engine gwlint 报告年份：依次取自 --year、配置 variables.report_year、标题、开头一句的“YYYY年”
rule-limit warning engine gwlint 资源上限：每条规则的正则表达式匹配受 PCRE2 匹配与深度上限约束" "$got"
is "--list-rules without a config: the defaults" \
    "test-comma warning editors-test GB/T 15834-2011 4.4" \
    "$(g --list-rules | sed 's/  */ /g' | grep test-comma)"
is "--list-rules --config FILE" "test-comma error editors-test GB/T 15834-2011 4.4" \
    "$(g --config proj/.gwlint.yaml --list-rules | sed 's/  */ /g' | grep test-comma)"
is "--list-rules --format json: effective severity and state" \
    '"severity": "info", "default_severity": "info", "enabled": false' \
    "$(cd proj && g --list-rules --format json | grep test-double-de | grep -o '"severity.*"enabled": [a-z]*')"
is "--explain: the config's severity" "test-comma: error, pack editors-test, kind pattern, scope text" \
    "$(cd proj && g --explain test-comma | head -n 1)"

# ---- -h, -V ----
is "-h is --help" "$("$bin" --help)" "$("$bin" -h)"
is "-V is --version" "$("$bin" --version)" "$("$bin" -V)"
[ $fails -eq 0 ]
