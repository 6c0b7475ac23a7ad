#!/bin/sh
# --dump-outline: valid JSON with the outline of real seeds (parsed by Perl's
# core JSON::PP), exit status 0; exit status 2 for a missing file.
. "$(dirname "$0")/lib.sh"
echo "1..17"
n=0
t() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }

check() { # file perl-expression description
	"$bin" --dump-outline "$1" | perl -MJSON::PP -e '
		local $/; my $o = JSON::PP->new->decode(<STDIN>);
		exit((eval $ARGV[0]) ? 0 : 1);' "$2"
	t $? "$3"
}

check "$fx/seed-004.txt" '$o->{title} eq "南开区政府办公室2023年度法治政府建设情况报告" && "@{$o->{title_lines}}" eq "1 3"' \
	"seed-004: a title over two lines"
check "$fx/seed-004.txt" '@{$o->{headings}} == 5 && $o->{headings}[1]{parent} == 0 && $o->{headings}[1]{level} == 2' \
	"seed-004: five headings, （一） under 一、"
check "$fx/seed-004.txt" '!defined $o->{signer} && !defined $o->{date} && $o->{issuer_type} eq "department"' \
	"seed-004: no 落款, no date, a department"
check "$fx/seed-003.txt" '@{$o->{issuers}} == 2 && $o->{issuer_type} eq "government"' \
	"seed-003: joint 区委 + 区政府 issuers"
check "$fx/seed-003.txt" '$o->{headings}[1]{run_in} && $o->{headings}[1]{text} =~ /第一责任人职责，全面加强法治政府建设。$/' \
	"seed-003: a run-in heading ends at its first 。"
check "$fx/seed-001.txt" '$o->{docnum}{line} == 6 && $o->{recipient}{line} == 7 && $o->{opening}{line} == 8' \
	"seed-001: 文号, 主送 and opening"
check "$fx/seed-001.txt" '$o->{date}{year} == 2023 && $o->{date}{month} == 12 && $o->{date}{day} == 29 && $o->{date}{form} eq "arabic" && $o->{fuzhu}{line} == 32 && $o->{signer}{line} == 29' \
	"seed-001: 落款, 成文日期 and 附注"
check "$fx/seed-002.txt" '$o->{headings}[4]{ordinal} eq "(四)" && !$o->{headings}[4]{form_ok} && $o->{report_year} == 2020' \
	"seed-002: half-width (四) and the report year"
check "$fx/date-timing-fail-department-chu.txt" '$o->{issuer_type} eq "department"' \
	"某某市司法处: a department, as date-timing says (the pack's lexicon)"
# The issuer type is the packs' answer: a pack whose lexicon lacks 处 says
# unknown, and a rule set without any lexicon says unknown.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/lex.yaml" <<'EOF'
pack: lex
rules:
  - id: lex-window
    severity: warning
    kind: date
    check: window
    government: ['政府$']
    department: ['局$']
    message: 成文日期“$1”不在期限内（$2）
EOF
cat >"$tmp/none.yaml" <<'EOF'
pack: none
rules:
  - id: no-lexicon
    severity: warning
    kind: pattern
    pattern: 妥否
    message: 请示
EOF
"$bin" --rules "$tmp/lex.yaml" --dump-outline "$fx/date-timing-fail-department-chu.txt" | grep -q '"issuer_type": "unknown"'
t $? "--rules: a lexicon without 处 leaves 某某市司法处 unknown"
"$bin" --rules "$tmp/none.yaml" --dump-outline "$fx/seed-004.txt" | grep -q '"issuer_type": "unknown"'
t $? "--rules: no date rule, no lexicon: unknown"
"$bin" --dump-outline "$fx/no-such-file.txt" >/dev/null 2>&1
t $([ $? = 2 ] && echo 0 || echo 1) "a missing file: exit status 2"
# The outline is the one the rules see: the file's config (found as for
# linting, or --config) and --year apply.
mkdir "$tmp/cfg"
cp "$fx/date-timing-fail-department-chu.txt" "$tmp/cfg/r.txt"
cat >"$tmp/cfg/.gwlint.yaml" <<'EOF'
variables:
  report_year: 2022
  issuer: 某某市人民政府
  issuer_type: government
EOF
check "$tmp/cfg/r.txt" '$o->{issuer_type} eq "government" && $o->{report_year} == 2022 && $o->{issuer} eq "某某市人民政府" && $o->{title_year} == 2023 && "@{$o->{issuers}}" eq "某某市司法处"' \
	"the file's .gwlint.yaml: its issuer_type, report_year and issuer"
"$bin" --year 2021 --dump-outline "$tmp/cfg/r.txt" | grep -q '"report_year": 2021,'
t $? "--year wins over the config, as in linting"
mv "$tmp/cfg/.gwlint.yaml" "$tmp/other.yaml"
check "$tmp/cfg/r.txt" '$o->{issuer_type} eq "department" && $o->{report_year} == 2023 && $o->{issuer} eq "某某市司法处"' \
	"no config: the report's own answers"
"$bin" --config "$tmp/other.yaml" --dump-outline "$tmp/cfg/r.txt" | grep -q '"issuer_type": "government",'
t $? "--config FILE applies too"
printf 'variables:\n  issuer_type: county\n  yaer: 1\n' >"$tmp/cfg/.gwlint.yaml"
"$bin" --dump-outline "$tmp/cfg/r.txt" >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" = 2 ] && grep -q '^gwlint: .*/.gwlint.yaml:2:16: invalid issuer_type' "$tmp/err"
t $? "a broken config: its errors, one line each, exit status 2"
