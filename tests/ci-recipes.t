#!/bin/sh
# The README's "Use in CI" jobs, as written: each YAML block parses (ruby's
# YAML, when ruby is installed) and has what its CI needs (GitHub: the
# security-events permission for the SARIF upload, the upload step; GitLab:
# the junit and codequality report artifacts); every ./build/gwlint command
# in them runs here on a small reports/ folder with the exit status the job
# relies on, and its output is read back (python3 json and the GitLab schema
# check, xmllint).
. "$(dirname "$0")/lib.sh"

echo "1..8"
# The YAML blocks of the section, one file each: ci-1.yaml (GitHub),
# ci-2.yaml (GitLab).
awk -v dir="$tmp" '
	/^## / { insec = ($0 == "## Use in CI") }
	insec && /^```yaml$/ { k++; out = dir "/ci-" k ".yaml"; inblk = 1; next }
	inblk && /^```$/ { inblk = 0; close(out); next }
	inblk { print > out }
' "$root/README.md"
is "README Use in CI: two YAML jobs" "yes yes" \
    "$([ -s "$tmp/ci-1.yaml" ] && echo yes) $([ -s "$tmp/ci-2.yaml" ] && echo yes)"

if command -v ruby >/dev/null 2>&1; then
	got=$(ruby -ryaml -e '
y = YAML.safe_load(File.read(ARGV[0]))
job = y["jobs"]["gwlint"]
steps = job["steps"]
puts [y["permissions"]["security-events"],
      steps.any? { |s| (s["uses"] || "").start_with?("github/codeql-action/upload-sarif") },
      steps.any? { |s| (s["run"] || "").include?("--format github") }].join(" ")' "$tmp/ci-1.yaml" 2>&1)
	is "GitHub job: parses; security-events: write, an upload-sarif step, a --format github step" \
	    "write true true" "$got"
	got=$(ruby -ryaml -e '
y = YAML.safe_load(File.read(ARGV[0]))
r = y["gwlint"]["artifacts"]["reports"]
puts [r["junit"], r["codequality"], y["gwlint"]["artifacts"]["when"]].join(" ")' "$tmp/ci-2.yaml" 2>&1)
	is "GitLab job: parses; junit and codequality report artifacts, kept when the job fails" \
	    "gwlint-junit.xml gl-code-quality-report.json always" "$got"
else
	skip "ruby not installed (YAML parse)"
	skip "ruby not installed (YAML parse)"
fi

# Run every ./build/gwlint line of both jobs, as written, in a folder with
# reports/ (one report with an error), the binary under test standing in
# for ./build/gwlint.
mkdir -p "$tmp/run/reports" "$tmp/run/build"
printf '某县人民政府关于2023年度法治政府建设情况的报告\n\n东政[2023]3号\n' >"$tmp/run/reports/r.txt"
ln -s "$bin" "$tmp/run/build/gwlint"
for k in 1 2; do
	sed -n 's/^ *\(- \)\{0,1\}\(run: \)\{0,1\}\(\.\/build\/gwlint .*\)$/\3/p' "$tmp/ci-$k.yaml"
done >"$tmp/cmds"
rcs=""
while IFS= read -r c; do
	(cd "$tmp/run" && sh -c "$c" >/dev/null 2>&1)
	rcs="$rcs $?"
done <"$tmp/cmds"
is "every ./build/gwlint command: github 1 (finding), sarif 0, junit 0, codequality 0, the gate 1" \
    " 1 0 0 0 1" "$rcs"
if command -v python3 >/dev/null 2>&1; then
	got=$(python3 -c 'import json; s = json.load(open("'"$tmp"'/run/gwlint.sarif")); print(s["version"], len(s["runs"][0]["results"]) > 0)' 2>&1)
	is "gwlint.sarif: SARIF 2.1.0 JSON with results" "2.1.0 True" "$got"
	got=$(python3 "$here/codequality-schema.py" "$tmp/run/gl-code-quality-report.json" 2>&1 | sed 's/ [0-9]*$//')
	is "gl-code-quality-report.json: GitLab's format" "ok" "$got"
else
	skip "python3 not installed"; skip "python3 not installed"
fi
if command -v xmllint >/dev/null 2>&1; then
	got=$(xmllint --xpath 'count(//testsuite) > 0 and /testsuites/@failures > 0' "$tmp/run/gwlint-junit.xml" 2>&1)
	is "gwlint-junit.xml: well-formed, failures counted" "true" "$got"
else
	skip "xmllint not installed"
fi
is "the job files the commands came from: 2 in GitHub's, 3 in GitLab's" "5" "$(wc -l <"$tmp/cmds" | tr -d ' ')"

[ $fails -eq 0 ]
