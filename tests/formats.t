#!/bin/sh
# Output formats, read back by the tools that consume them, and the
# command-line behaviour CI relies on: exit status independent of the
# format, --fail-on, --quiet, --color and NO_COLOR, - with --stdin-filename.
#
# Input: editors/cjk.txt with editors/pack.yaml (three findings checked by
# hand: a warning at 1:7 in code points / 1:8 in UTF-16 units / 1:13 in
# display columns, an error at 2:11 display, an info at 3:9 display whose
# message holds , % : CR LF).
#
# SARIF_MULTITOOL names the sarif-multitool binary (make check installs it
# with npm into build/npm); the validation is skipped when it is missing.
. "$(dirname "$0")/lib.sh"

echo "1..45"
cd "$here/editors" || exit 1
lint() { "$bin" --rules pack.yaml --color never "$@"; }
printf '一、总体情况\n全年工作平稳。\n' >"$tmp/clean.txt"

# ---- exit status does not depend on the format ----
for f in gcc json sarif github checkstyle junit csv summary codequality; do
	lint --format "$f" cjk.txt >/dev/null 2>&1; a=$?
	lint --format "$f" "$tmp/clean.txt" >/dev/null 2>&1; b=$?
	lint --format "$f" --fail-on warning --disable test-bracket-year cjk.txt >/dev/null 2>&1; c=$?
	lint --format "$f" --fail-on never cjk.txt >/dev/null 2>&1; d=$?
	lint --format "$f" nonexistent.txt >/dev/null 2>&1; e=$?
	is "exit status with --format $f (error, clean, warning+fail-on warning, never, missing file)" \
	    "1 0 1 0 2" "$a $b $c $d $e"
done
lint --fail-on error --disable test-bracket-year cjk.txt >/dev/null; a=$?
lint --fail-on info --disable test-bracket-year --disable test-comma cjk.txt >/dev/null; b=$?
is "--fail-on error ignores warnings and infos; --fail-on info counts infos" "0 1" "$a $b"

# ---- json ----
lint --format json --column-unit utf16 cjk.txt >"$tmp/out.json"
perl -CO -MJSON::PP -ne '$o = decode_json($_); print join("|", @$o{qw(path line column end_line end_column column_unit start_byte end_byte severity rule)}, defined $o->{fix} ? $o->{fix} : "null"), "\n"' \
    "$tmp/out.json" >"$tmp/json.got" 2>&1
cat >"$tmp/json.want" <<'X'
cjk.txt|1|8|1|9|utf16|19|20|warning|test-comma|，
cjk.txt|2|5|2|11|utf16|38|44|error|test-bracket-year|null
cjk.txt|3|5|3|7|utf16|62|68|info|test-double-de|null
X
same "json: one valid object per line; utf16 columns, byte offsets, fix" "$tmp/json.want" "$tmp/json.got"
got=$(perl -MJSON::PP -ne '$o = JSON::PP->new->decode($_); print $o->{message} eq "doubled \xe7\x9a\x84, 100% sure:\r\nsecond line" ? "same" : "differs" if $o->{rule} eq "test-double-de"' "$tmp/out.json")
is "json: the message with , % : CR LF round-trips through a JSON parser" "same" "$got"

# ---- sarif ----
lint --format sarif cjk.txt >"$tmp/a.sarif"; rc=$?
perl -MJSON::PP -e 'local $/; $s = decode_json(<STDIN>); $r = $s->{runs}[0];
    print $s->{version}, " ", $r->{columnKind}, " ";
    print join(",", map { $_->{locations}[0]{physicalLocation}{region}{startLine} . ":" .
        $_->{locations}[0]{physicalLocation}{region}{startColumn} . ":" . $_->{level} } @{$r->{results}}), " ";
    print $r->{results}[0]{locations}[0]{physicalLocation}{artifactLocation}{uri}, " ";
    print $r->{results}[0]{locations}[0]{physicalLocation}{artifactLocation}{uriBaseId}, " ";
    print $r->{results}[0]{partialFingerprints}{"gwlintFingerprint/v1"} =~ /^[0-9a-f]{16}$/ ? "fp" : "nofp", " ";
    %ids = map { $_->{id} => $_ } @{$r->{tool}{driver}{rules}};
    $c = $ids{"test-comma"};
    print $c->{defaultConfiguration}{level}, ":", $c->{shortDescription}{text} ne "" ? "short" : "", ":",
        $c->{help}{text} =~ /GB\/T 15834/ ? "help" : "", ":", exists $ids{"input-encoding"} ? "builtin" : "";
    ' <"$tmp/a.sarif" >"$tmp/sarif.got" 2>&1
is "sarif (default unit): 2.1.0, columnKind unicodeCodePoints, code-point columns, relative URI, fingerprints, rules[]" \
    "2.1.0 unicodeCodePoints 1:7:warning,2:4:error,3:5:note cjk.txt %SRCROOT% fp warning:short:help:builtin rc=1" \
    "$(cat "$tmp/sarif.got") rc=$rc"
lint --format sarif --column-unit utf16 cjk.txt >"$tmp/u.sarif"
got=$(perl -MJSON::PP -e 'local $/; $r = decode_json(<STDIN>)->{runs}[0]; print $r->{columnKind}, " ",
    $r->{results}[0]{locations}[0]{physicalLocation}{region}{startColumn}' <"$tmp/u.sarif")
is "sarif --column-unit utf16: columnKind utf16CodeUnits, 𠮷 counts 2" "utf16CodeUnits 8" "$got"
lint --format sarif --column-unit byte cjk.txt >/dev/null 2>"$tmp/err"; rc=$?
is "sarif refuses an explicit byte unit (exit 2, message)" \
    "2 gwlint: --format sarif: SARIF counts columns in UTF-16 code units or code points; use --column-unit utf16 or char (default: char)" \
    "$rc $(cat "$tmp/err")"
mt=${SARIF_MULTITOOL:-$root/build/npm/node_modules/.bin/sarif-multitool}
if [ -x "$mt" ] && "$mt" --version >/dev/null 2>&1; then
	for f in a u; do
		"$mt" validate "$tmp/$f.sarif" >"$tmp/mt.out" 2>&1
		# The validator exits 0 even on errors: read its report.  No
		# remark is accepted (informationUri is set: SARIF2005 is gone).
		if grep -q 'Analysis completed successfully' "$tmp/mt.out" &&
		    ! grep -Eq ': (error|warning|note) ' "$tmp/mt.out"; then
			ok "sarif-multitool validate: no error, no warning ($f.sarif)"
		else
			notok "sarif-multitool validate ($f.sarif)"; sed 's/^/# /' "$tmp/mt.out" >&2
		fi
	done
else
	skip "sarif-multitool not available (node/npm or the package missing)"
	skip "sarif-multitool not available"
fi

# ---- github ----
cp cjk.txt "$tmp/a,b:c%.txt"
(cd "$tmp" && "$bin" --rules "$here/editors/pack.yaml" --format github 'a,b:c%.txt') >"$tmp/gh.got"
cat >"$tmp/gh.want" <<'X'
::warning file=a%2Cb%3Ac%25.txt,line=1,endLine=1,col=8,endColumn=9,title=test-comma::half-width comma after Han: use ， [test-comma]
::error file=a%2Cb%3Ac%25.txt,line=2,endLine=2,col=5,endColumn=11,title=test-bracket-year::year in [], use 〔2023〕 [test-bracket-year]
::notice file=a%2Cb%3Ac%25.txt,line=3,endLine=3,col=5,endColumn=7,title=test-double-de::doubled 的, 100%25 sure:%0D%0Asecond line [test-double-de]
X
same "github: ::error/::warning/::notice, properties escape % : , and data % CR LF; UTF-16 columns (𠮷 counts 2)" "$tmp/gh.want" "$tmp/gh.got"
got=$(cd "$tmp" && "$bin" --rules "$here/editors/pack.yaml" --format github --column-unit display 'a,b:c%.txt' | sed 's/.*,col=\([0-9]*\),.*/\1/' | tr '\n' ' ')
is "github: an explicit --column-unit display is kept" "13 11 9 " "$got"
for i in 1 2 3 4; do cat cjk.txt; done >"$tmp/many.txt"
(cd "$tmp" && "$bin" --rules "$here/editors/pack.yaml" --format github many.txt) >"$tmp/gh.got"
got="$(grep -c '^::' "$tmp/gh.got") $(grep -c '^many.txt:[0-9]*:[0-9]*: ' "$tmp/gh.got") $(grep '^gwlint:' "$tmp/gh.got")"
is "github: more than 10 findings: the annotations, then the full list as plain log lines" \
    "12 12 gwlint: 12 findings; GitHub shows only 10 annotations of each kind per step, so here is the full list:" "$got"

# ---- checkstyle and junit, parsed back by xmllint ----
if command -v xmllint >/dev/null 2>&1; then
	lint --format checkstyle cjk.txt "$tmp/clean.txt" >"$tmp/cs.xml"
	if xmllint --noout "$tmp/cs.xml" 2>"$tmp/err"; then ok "checkstyle: well-formed XML"
	else notok "checkstyle: well-formed XML"; sed 's/^/# /' "$tmp/err" >&2; fi
	got=$(xmllint --xpath 'concat(count(/checkstyle/file), " ", count(//error), " ",
	    //error[3]/@line, ":", //error[3]/@column, ":", //error[3]/@severity, ":", //error[3]/@source, " ",
	    string-length(//error[3]/@message))' "$tmp/cs.xml")
	is "checkstyle: files, errors, line/column/severity/source, message with CR LF kept (34 characters)" \
	    "2 3 3:9:info:gwlint.test-double-de 34" "$got"
	lint --format junit cjk.txt "$tmp/clean.txt" >"$tmp/ju.xml"
	if xmllint --noout "$tmp/ju.xml" 2>"$tmp/err"; then ok "junit: well-formed XML"
	else notok "junit: well-formed XML"; sed 's/^/# /' "$tmp/err" >&2; fi
	got=$(xmllint --xpath 'concat(/testsuites/@tests, " ", /testsuites/@failures, " ",
	    count(//testsuite), " ", count(//failure))' "$tmp/ju.xml")
	is "junit: totals (a testcase per file and rule, a passing one for the clean file)" "4 3 2 3" "$got"
	got=$(xmllint --xpath 'string(//testcase[@name="test-bracket-year"]/failure)' "$tmp/ju.xml")
	is "junit: file:line:col and message in the failure body" \
	    "cjk.txt:2:11: error: year in [], use 〔2023〕 [test-bracket-year]" "$got"
else
	for i in 1 2 3 4 5; do skip "xmllint not installed"; done
fi

# ---- csv: the exact bytes (BOM, CRLF line ends, the CR LF inside a quoted
# message kept as they are) ----
lint --format csv cjk.txt >"$tmp/csv.got"
printf '\357\273\277path,line,column,end_line,end_column,severity,rule,message,fix\r\ncjk.txt,1,13,1,14,warning,test-comma,half-width comma after Han: use ，,，\r\ncjk.txt,2,11,2,17,error,test-bracket-year,"year in [], use 〔2023〕",\r\ncjk.txt,3,9,3,13,info,test-double-de,"doubled 的, 100%% sure:\r\nsecond line",\r\n' >"$tmp/csv.want"
same "csv: UTF-8 BOM, header, rows, RFC 4180 quoting, CRLF (exact bytes)" "$tmp/csv.want" "$tmp/csv.got"
lint --format csv --no-csv-bom cjk.txt >"$tmp/csv2.got"
tail -c +4 "$tmp/csv.want" >"$tmp/csv2.want"
same "csv --no-csv-bom: the same bytes without EF BB BF" "$tmp/csv2.want" "$tmp/csv2.got"
is "csv: a run with no file linted still writes BOM and header" "efbbbf70" \
    "$(lint --format csv "$tmp/clean.txt" | head -c 4 | od -An -tx1 | tr -d ' \n')"

# ---- codequality (GitLab): schema, severities, unique fingerprints ----
if command -v python3 >/dev/null 2>&1; then
	lint --format codequality cjk.txt >"$tmp/cq.json"
	is "codequality: GitLab's documented format (schema check)" "ok 3" \
	    "$(python3 "$here/codequality-schema.py" "$tmp/cq.json" 3 2>&1)"
	got=$(python3 -c 'import json, sys
print(" ".join("%s:%s:%d:%d" % (o["check_name"], o["severity"], o["location"]["lines"]["begin"],
    o["location"]["lines"]["end"]) + ":" + o["location"]["path"] for o in json.load(open(sys.argv[1]))))' "$tmp/cq.json")
	is "codequality: rule, severity (error major, warning minor, info info), lines, path" \
	    "test-comma:minor:1:1:cjk.txt test-bracket-year:major:2:2:cjk.txt test-double-de:info:3:3:cjk.txt" "$got"
	# The same finding twice in one file (same text, same neighbourhood,
	# different lines) and the same file under two names: five findings,
	# five fingerprints; and the same run twice gives the same ones.
	mkdir -p "$tmp/cq/sub"
	printf '东政[2023]3号\n\n东政[2023]3号\n' >"$tmp/cq/a.txt"
	cp "$tmp/cq/a.txt" "$tmp/cq/sub/a.txt"
	cp "$tmp/cq/a.txt" "$tmp/cq/b.txt"
	(cd "$tmp/cq" && "$bin" --rules "$here/editors/pack.yaml" --format codequality a.txt ./sub/a.txt "$tmp/cq/b.txt") >"$tmp/cq2.json"
	(cd "$tmp/cq" && "$bin" --rules "$here/editors/pack.yaml" --format codequality a.txt sub/a.txt b.txt) >"$tmp/cq3.json"
	is "codequality: identical findings on two lines and in three files: 6 unique fingerprints" "ok 6" \
	    "$(python3 "$here/codequality-schema.py" "$tmp/cq2.json" 6 2>&1)"
	got=$(python3 -c 'import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
print(" ".join(o["location"]["path"] for o in a), [o["fingerprint"] for o in a] == [o["fingerprint"] for o in b])' "$tmp/cq2.json" "$tmp/cq3.json")
	is "codequality: paths relative (./ and the current directory dropped); fingerprints do not depend on how a path is typed" \
	    "a.txt a.txt sub/a.txt sub/a.txt b.txt b.txt True" "$got"
	printf '\n\n' | cat - "$tmp/cq/a.txt" >"$tmp/cq/moved.txt"
	cp "$tmp/cq/moved.txt" "$tmp/cq/a.txt"
	(cd "$tmp/cq" && "$bin" --rules "$here/editors/pack.yaml" --format codequality a.txt) >"$tmp/cq4.json"
	got=$(python3 -c 'import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
print([o["fingerprint"] for o in a][:2] == [o["fingerprint"] for o in b], [o["location"]["lines"]["begin"] for o in b])' "$tmp/cq2.json" "$tmp/cq4.json")
	is "codequality: lines added above keep the fingerprints (new lines 3 and 5)" "True [3, 5]" "$got"
	is "codequality: no finding is an empty array" "[]" \
	    "$(lint --format codequality "$tmp/clean.txt" | python3 -c 'import json, sys; print(json.load(sys.stdin))')"
else
	for i in 1 2 3 4 5 6; do skip "python3 not installed"; done
fi

# ---- summary ----
lint --format summary cjk.txt "$tmp/clean.txt" | sed "s|$tmp/||" >"$tmp/sum.got"
cat >"$tmp/sum.want" <<'X'
rule                          error  warning   info  files  source
test-bracket-year                 1        0      0      1  GB/T 9704-2012 7.2.5
test-comma                        0        1      0      1  GB/T 15834-2011 4.4
test-double-de                    0        0      1      1  typo

 error  warning   info  file
     1        1      1  cjk.txt
     0        0      0  clean.txt

total: 2 files, 1 with findings; 1 error, 1 warning, 1 info
X
same "summary: counts per rule (with source) and per file" "$tmp/sum.want" "$tmp/sum.got"

# ---- --show-source: caret under the finding, by display width ----
lint --show-source cjk.txt | sed -n '4,6p' >"$tmp/src.got"
printf 'cjk.txt:2:11: error: year in [], use 〔2023〕 [test-bracket-year]\n 𠮷      西[2023]19号\n           ^~~~~~\n' >"$tmp/src.want"
same "--show-source: the line (tab expanded to column 8), then a caret at display column 11" "$tmp/src.want" "$tmp/src.got"

# ---- --quiet ----
got=$(lint --quiet cjk.txt | sed 's/:.*\[/ [/')
is "--quiet: only findings at or above --fail-on" "cjk.txt [test-bracket-year]" "$got"
printf 'a\0b' >"$tmp/bin.txt"
lint --skip-unreadable "$tmp/bin.txt" cjk.txt 2>"$tmp/err" >/dev/null; a=$(wc -c <"$tmp/err")
lint --skip-unreadable --quiet "$tmp/bin.txt" cjk.txt 2>"$tmp/err" >/dev/null; b=$(wc -c <"$tmp/err")
is "--quiet drops the notice of a binary file skipped by --skip-unreadable" "notice silent" \
    "$([ "$a" -gt 0 ] && echo notice) $([ "$b" -eq 0 ] && echo silent)"

# ---- colour ----
esc=$(printf '\033')
lint_c() { "$bin" --rules pack.yaml "$@" cjk.txt 2>/dev/null | grep -c "$esc"; }
is "--color always colours; never and auto (not a tty) do not" "3 0 0" \
    "$(lint_c --color always) $(lint_c --color never) $(lint_c --color auto)"
is "NO_COLOR: auto stays plain, always still colours" "0 3" \
    "$(NO_COLOR=1 lint_c --color auto) $(NO_COLOR=1 lint_c --color always)"
if command -v script >/dev/null 2>&1; then
	got=$(script -qec "$bin --rules pack.yaml cjk.txt" /dev/null 2>/dev/null | grep -c "$esc")
	got2=$(NO_COLOR=1 script -qec "$bin --rules pack.yaml cjk.txt" /dev/null 2>/dev/null | grep -c "$esc")
	is "--color auto on a terminal colours, unless NO_COLOR is set" "3 0" "$got $got2"
else
	skip "script(1) not available for a terminal"
fi

# ---- stdin ----
got=$(lint --stdin-filename reports/x.txt - <cjk.txt | cut -d: -f1-3 | tr '\n' ' ')
is "- with --stdin-filename: the name is reported" "reports/x.txt:1:13 reports/x.txt:2:11 reports/x.txt:3:9 " "$got"
got=$(lint - <cjk.txt | head -1 | cut -d: -f1)
is "- without --stdin-filename: <stdin>" "<stdin>" "$got"

# ---- column origin ----
got=$(lint --column-origin 0 --column-unit byte cjk.txt | cut -d: -f2,3 | tr '\n' ' ')
is "--column-origin 0 --column-unit byte" "1:19 2:8 3:12 " "$got"

# ---- the VS Code task of the README, run by node as VS Code runs a
# "process" task (no shell: argv as written, ${file} substituted), on a
# file whose name and folder hold spaces and Chinese; its problem matcher
# applied by node's RegExp ----
if command -v node >/dev/null 2>&1; then
	mkdir -p "$tmp/my reports"
	cp cjk.txt "$tmp/my reports/报告 2023.txt"
	got=$(cd "$here/editors" && node -e '
const fs = require("fs"), cp = require("child_process");
const [readme, bin, file] = process.argv.slice(1);
const text = fs.readFileSync(readme, "utf8");
const block = text.split("```json\n").slice(1).find(b => b.includes("problemMatcher")).split("\n```")[0];
const task = JSON.parse(block).tasks[0];
if (task.type !== "process" || task.command !== "gwlint") { console.log("not a process task running gwlint"); process.exit(0); }
const args = task.args.map(a => a.replace("${file}", file)).concat(["--rules", "pack.yaml"]);
let out;
try { out = cp.execFileSync(bin, args, {encoding: "utf8"}); } catch (e) { out = e.stdout; }
const p = task.problemMatcher.pattern, re = new RegExp(p.regexp), res = [];
for (const line of out.split("\n").filter(Boolean)) {
  const m = re.exec(line);
  if (!m) { res.push("NOMATCH " + line); continue; }
  res.push([m[p.file] === file ? "FILE" : m[p.file], m[p.line], m[p.column], m[p.severity], m[p.code]].join(":"));
}
console.log(res.join(" "));' "$root/README.md" "$bin" "$tmp/my reports/报告 2023.txt" 2>&1)
	is "README VS Code task: a name with spaces reaches gwlint whole; file, line, UTF-16 column, severity, code" \
	    "FILE:1:8:warning:test-comma FILE:2:5:error:test-bracket-year FILE:3:5:info:test-double-de" "$got"
else
	skip "node not installed"
fi

[ $fails -eq 0 ]
