#!/bin/sh
# .gwlint.yaml (lookup, every key, precedence under the command line,
# positioned errors) and --baseline / --write-baseline.
. "$(dirname "$0")/lib.sh"
echo "1..29"

cd "$tmp" || exit 1
cp "$here/editors/pack.yaml" pack.yaml
cat >>pack.yaml <<'X'
  - id: test-prev-year
    severity: warning
    kind: pattern
    pattern: '{prev_year}年度'
    message: 'mentions {prev_year}, the year before {report_year}; issuer {issuer}'
X
mkdir -p proj/sub proj/drafts
printf '关于𠮷某同志,的情况\n2023年度总结\n' >proj/a.txt
cp proj/a.txt proj/sub/b.txt
cp proj/a.txt proj/drafts/c.txt
lint() { "$bin" --rules pack.yaml --color never "$@" 2>&1; echo "rc=$?"; }
brief() { lint "$@" | sed -E 's/: .*(\[[a-z0-9-]+\])$/ \1/' | tr '\n' ' '; }

# ---- config ----
is "no config: defaults (report year 2023 from the text: 2023年度 is not the previous year)" \
    "proj/a.txt:1:13 [test-comma] rc=0 " "$(brief proj/a.txt)"
cat >proj/.gwlint.yaml <<'X'
# project config
severity:
  test-comma: error
disable: [test-double-de]
variables:
  report_year: 2024
  issuer: 测试局
  issuer_type: department
exclude: [drafts]
X
is "config found upward: severity override, report_year from variables" \
    "proj/a.txt:1:13 [test-comma] proj/a.txt:2:1 [test-prev-year] rc=1 " "$(brief proj/a.txt)"
got=$(lint proj/a.txt | grep test-prev-year)
is "variables: {report_year} and {issuer} from the config" \
    "proj/a.txt:2:1: warning: mentions 2023, the year before 2024; issuer 测试局 [test-prev-year]" "$got"
is "command line over config: --severity and --year" \
    "proj/a.txt:1:13 [test-comma] rc=0 " \
    "$(brief --severity test-comma=warning --year 2030 proj/a.txt)"
is "exclude glob: drafts/ skipped when walking the directory" \
    "proj/a.txt proj/sub/b.txt " "$(lint proj | grep -o '^[^:]*\.txt' | sort -u | tr '\n' ' ')"
is "an explicit file is linted even when excluded" \
    "proj/drafts/c.txt:1:13 [test-comma] proj/drafts/c.txt:2:1 [test-prev-year] rc=1 " \
    "$(brief proj/drafts/c.txt)"
printf 'include: ["sub/*.txt"]\n' >"$tmp/inc.yaml"
is "include glob (with --config FILE, relative to the config's directory): nothing linted is exit 2" \
    "gwlint: no file was linted: the 1 file found is excluded by the config's include/exclude rc=2 " \
    "$(brief --config inc.yaml proj/drafts)"
cp inc.yaml proj/inc.yaml
is "include glob keeps sub/*.txt" "proj/sub/b.txt " \
    "$(lint --config proj/inc.yaml proj | grep -o '^[^:]*\.txt' | sort -u | tr '\n' ' ')"
printf 'enable: [test-double-de]\nseverity: {test-comma: info}\n' >proj/sub/.gwlint.yaml
is "the nearest config wins (no cascading)" \
    "proj/sub/b.txt:1:13 [test-comma] rc=0 " \
    "$(brief proj/sub/b.txt)"
is "--disable on the command line over enable in the config; --enable over disable" \
    "proj/a.txt:1:13 [test-comma] rc=1 " "$(brief --disable test-prev-year proj/a.txt)"
printf '一、的的工作\n' >proj/dd.txt
is "--enable over the config's disable" "proj/dd.txt:1:5 [test-double-de] rc=0 " \
    "$(brief --enable test-double-de proj/dd.txt)"
cat >extra.yaml <<'X'
pack: extra
rules:
  - id: test-extra
    severity: error
    kind: pattern
    pattern: '工作'
    message: extra pack rule
X
printf 'packs: [../../extra.yaml]\n' >proj/sub/.gwlint.yaml
cp proj/dd.txt proj/sub/dd.txt
is "packs: an extra pack applies to the files of its config only (outside its tree: --allow-packs)" \
    "proj/dd.txt:1:5 [test-double-de] proj/sub/dd.txt:1:1 [report-year-unknown] proj/sub/dd.txt:1:5 [test-double-de] proj/sub/dd.txt:1:9 [test-extra] rc=1 " \
    "$(brief --allow-packs . --enable test-double-de proj/dd.txt proj/sub/dd.txt)"
: >empty.yaml
is "an empty config file is valid (and --config replaces the lookup)" \
    "proj/dd.txt:1:1 [report-year-unknown] proj/dd.txt:1:5 [test-double-de] rc=0 " \
    "$(brief --config empty.yaml proj/dd.txt)"

# Errors: exit 2, "gwlint: FILE:LINE:COL: message" at the offending node.
bad() { # name yaml expected-stderr
	printf '%b' "$2" >proj/sub/.gwlint.yaml
	got=$("$bin" --rules pack.yaml proj/sub/dd.txt 2>&1 >/dev/null; echo "rc=$?")
	is "config error: $1" "$3
rc=2" "$got"
}
bad "unknown rule, with a suggestion" 'disable:\n  - test-coma\n' \
    "gwlint: proj/sub/.gwlint.yaml:2:5: unknown rule 'test-coma' (did you mean 'test-comma'?)"
bad "unknown rule as a severity key" 'severity:\n  nope: error\n' \
    "gwlint: proj/sub/.gwlint.yaml:2:3: unknown rule 'nope'"
bad "bad level" 'severity:\n  test-comma: fatal\n' \
    "gwlint: proj/sub/.gwlint.yaml:2:15: invalid severity 'fatal' for rule 'test-comma' (expected error, warning or info)"
bad "unknown key" 'disabel: [test-comma]\n' \
    "gwlint: proj/sub/.gwlint.yaml:1:1: unknown key 'disabel' (did you mean 'disable'?)"
bad "YAML syntax" 'enable: [a, b\n' \
    "gwlint: proj/sub/.gwlint.yaml:2:1: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at 1:9)"
bad "wrong type" 'enable: test-comma\n' \
    "gwlint: proj/sub/.gwlint.yaml:1:9: 'enable' should be a sequence, not a string (write [x] for one entry)"
bad "issuer_type" 'variables:\n  issuer_type: 县\n' \
    "gwlint: proj/sub/.gwlint.yaml:2:16: invalid issuer_type '县' (expected government or department)"
bad "missing pack" 'packs: [\047𠮷.yaml\047]\n' \
    "gwlint: proj/sub/.gwlint.yaml:1:9: pack '𠮷.yaml': No such file or directory"
rm proj/sub/.gwlint.yaml

# .gwlint.yml is found as .gwlint.yaml is; both in one folder is an error.
printf 'severity:\n  test-comma: info\n' >proj/sub/.gwlint.yml
is ".gwlint.yml is found upward" "proj/sub/dd.txt:1:1 [report-year-unknown] rc=0 " \
    "$(brief --disable test-double-de proj/sub/dd.txt)"
printf '关于,\n' >proj/sub/comma.txt
is ".gwlint.yml settings apply (test-comma as info)" \
    "proj/sub/comma.txt:1:5: info: " \
    "$(lint --year 2023 proj/sub/comma.txt | grep -o '^.*: info: ' | head -n 1)"
printf 'disable: [test-comma]\n' >proj/sub/.gwlint.yaml
is "both .gwlint.yaml and .gwlint.yml in one folder: an error naming both" \
    "gwlint: proj/sub/.gwlint.yaml and proj/sub/.gwlint.yml: two configs in one folder; keep one of them rc=2 " \
    "$(lint proj/sub/comma.txt | tr '\n' ' ')"
rm proj/sub/.gwlint.yaml proj/sub/.gwlint.yml proj/sub/comma.txt

# ---- baseline ----
# --year: no report-year-unknown finding, which sits on the first line.
lint() { "$bin" --rules pack.yaml --year 2023 --color never "$@" 2>&1; echo "rc=$?"; }
cp "$here/editors/cjk.txt" r.txt
lint --write-baseline known.txt r.txt >/dev/null
is "--write-baseline: one entry per finding, exit 0" "3 0" \
    "$(grep -vc '^#' known.txt) $("$bin" --rules pack.yaml --year 2023 --write-baseline known.txt r.txt >/dev/null; echo $?)"
is "--baseline: known findings are not reported and do not fail the run" "rc=0 " \
    "$(brief --baseline known.txt r.txt)"
{ printf '新增的第一行\n\n新增的第三行，没有问题\n'; cat r.txt; } >r2.txt && mv r2.txt r.txt
is "lines inserted above: still suppressed (the fingerprint has no line number)" "rc=0 " \
    "$(brief --baseline known.txt r.txt)"
printf '又见𠮷\t西[2024]19号\n𠮷\t西[2023]19号\n' >>r.txt
is "a new defect, and a second copy of a known one: only those are reported" \
    "r.txt:7:11 [test-bracket-year] r.txt:8:11 [test-bracket-year] rc=1 " \
    "$(brief --baseline known.txt r.txt)"
printf 'nothex\ttest-comma\tr.txt\n' >badbl.txt
is "a malformed baseline: exit 2, positioned" \
    "gwlint: badbl.txt:1:1: expected FINGERPRINT<TAB>RULE<TAB>PATH (16 hex digits, a rule id, a path) rc=2 " \
    "$(lint --baseline badbl.txt r.txt | tr '\n' ' ')"
[ $fails -eq 0 ]
