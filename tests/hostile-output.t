#!/bin/sh
# Hostile output (issue 13, items 15 and 16): file names and document text
# that try to forge findings, inject GitHub workflow commands or terminal
# escape sequences, break JSON or XML with bytes that are not UTF-8, or run
# as formulas in Excel; and SARIF's %SRCROOT% when the current directory
# cannot be named.  Each case has its exact expected outcome; every format's
# output is read back by a parser (python3 json/csv, xmllint, the GitLab
# schema check) where one is installed, and the test says when one is not.
#
# The escaped form of a path (README "Output formats"): \ → \\, TAB LF CR →
# \t \n \r, other controls and bytes that are not UTF-8 → \xNN, C1 and
# bidirectional controls → \uXXXX.
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 1

have_py=$(command -v python3 >/dev/null 2>&1 && echo y)
have_xml=$(command -v xmllint >/dev/null 2>&1 && echo y)
mt=${SARIF_MULTITOOL:-$root/build/npm/node_modules/.bin/sarif-multitool}

cat > mini.yaml <<'EOF'
pack: mini
rules:
  - id: bracket-year
    severity: error
    kind: pattern
    pattern: '\[((?:19|20)\d{2})\]'
    message: 年份应使用六角括号：〔$1〕
EOF
# G ARGS...: gwlint with the small pack, colour off; stdout in out, stderr
# in err, status in rc.
G() {
	"$bin" --rules mini.yaml --color never "$@" >out 2>err
	rc=$?
}
printf '东政[2023]3号\n' > body

# The hostile names.
forge=$(printf 'x\nfake.txt:1:1: error: INJECTED [fake-rule]\ny.txt')
ghcmd=$(printf '\n::error file=evil.txt,line=1::INJECTED\n.txt')
ansi=$(printf 'a\033[31mred\033[0m\033]0;title\007.txt')
bad=$(printf 'b\377\376\300\200.txt')
bidi=$(printf 'r\342\200\256txt.exe')
for f in "$forge" "$ghcmd" "$ansi" "$bad" "$bidi"; do cp body "$f"; done
forge_e='x\nfake.txt:1:1: error: INJECTED [fake-rule]\ny.txt'
ghcmd_e='\n::error file=evil.txt,line=1::INJECTED\n.txt'
ansi_e='a\x1b[31mred\x1b[0m\x1b]0;title\x07.txt'
bad_e='b\xff\xfe\xc0\x80.txt'
bidi_e='r\u202etxt.exe'

echo "1..47"

# ---- #15: forged lines ----
G "$forge"
printf '%s:1:5: error: 年份应使用六角括号：〔2023〕 [bracket-year]\n' "$forge_e" > want
same "gcc: a name with LF and a fake finding stays one line, in its escaped form" want out

G --format summary "$forge"
is "summary: the forged name is one row (7 lines in all)" "7 1" \
    "$(wc -l < out | tr -d ' ') $(grep -c 'fake.txt' out)"

G --format github "$ghcmd"
printf '::error file=\\n%%3A%%3Aerror file=evil.txt%%2Cline=1%%3A%%3AINJECTED\\n.txt,line=1,endLine=1,col=3,endColumn=9,title=bracket-year::年份应使用六角括号：〔2023〕 [bracket-year]\n' > want
same "github: a name with LF and ::error is escaped inside file= (one command, no other)" want out

# More than 10 findings: the plain list must not start a line with "::",
# even for a name that begins with "::" or white space then "::".
for i in 1 2 3 4 5 6; do cat body; done > many
cp many '::error file=x::INJECTED.txt'
cp many "$(printf '\343\200\200::warning::W.txt')"
G --format github '::error file=x::INJECTED.txt' "$(printf '\343\200\200::warning::W.txt')"
is "github: >10 findings: 12 annotations, 1 notice, 12 list lines beginning ./ (none ::)" \
    "12 12 25" "$(grep -c '^::error file=' out) $(grep -c '^\./' out) $(wc -l < out | tr -d ' ')"
grep '^\./' out | head -1 > got
printf './::error file=x::INJECTED.txt:1:3: error: 年份应使用六角括号：〔2023〕 [bracket-year]\n' > want
same "github: the plain list shows the name as ./::…" want got

G --format junit "$forge"
if [ -n "$have_xml" ]; then
	if xmllint --noout out 2>xerr; then ok "junit: well-formed with the forged name"
	else nok "junit: well-formed with the forged name"; sed 's/^/# /' xerr >&2; fi
	is "junit: the failure body is one line, the path escaped" \
	    "$forge_e:1:5: error: 年份应使用六角括号：〔2023〕 [bracket-year]" \
	    "$(xmllint --xpath 'string(//failure)' out)"
else
	skip "xmllint not installed"; skip "xmllint not installed"
fi

# ---- #16: bytes that are not UTF-8, in every structured format ----
G --format json "$bad"
if [ -n "$have_py" ]; then
	got=$(python3 -c 'import json,sys
b = open("out","rb").read(); b.decode("utf-8")
print(json.loads(b)["path"])' 2>&1)
	is "json: valid UTF-8 JSON; the path is the escaped form" "$bad_e" "$got"
else skip "python3 not installed"; fi

G --format sarif "$bad" "$forge"
if [ -n "$have_py" ]; then
	got=$(python3 -c 'import json
s = json.loads(open("out","rb").read().decode("utf-8"))
print(" ".join(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in s["runs"][0]["results"]))' 2>&1)
	is "sarif: valid JSON; URIs percent-encode the raw bytes" \
	    "b%FF%FE%C0%80.txt x%0Afake.txt%3A1%3A1%3A%20error%3A%20INJECTED%20%5Bfake-rule%5D%0Ay.txt" "$got"
else skip "python3 not installed"; fi
cp out bad.sarif

G --format codequality "$bad" "$forge" "$ansi"
if [ -n "$have_py" ]; then
	is "codequality: GitLab's format (schema check), 3 findings" "ok 3" \
	    "$(python3 "$here/codequality-schema.py" out 3 2>&1)"
	got=$(python3 -c 'import json
print("|".join(o["location"]["path"] for o in json.loads(open("out","rb").read())))' 2>&1)
	is "codequality: paths in the escaped form" "$bad_e|$forge_e|$ansi_e" "$got"
else skip "python3 not installed"; skip "python3 not installed"; fi

for f in checkstyle junit; do
	G --format "$f" "$bad" "$ansi" "$forge" "$bidi"
	if [ -n "$have_xml" ]; then
		if xmllint --noout out 2>xerr; then ok "$f: xmllint accepts non-UTF-8, ESC, LF and bidi in names"
		else nok "$f: xmllint accepts non-UTF-8, ESC, LF and bidi in names"; sed 's/^/# /' xerr >&2; fi
	else skip "xmllint not installed"; fi
done
if [ -n "$have_xml" ]; then
	G --format checkstyle "$bad" "$ansi" "$forge" "$bidi"
	got=$(xmllint --xpath '//file/@name' out | sed 's/^ name="//; s/"$//' | tr '\n' '|')
	is "checkstyle: file names in the escaped form" "$bad_e|$ansi_e|$forge_e|$bidi_e|" "$got"
else skip "xmllint not installed"; fi

G --format csv "$bad" "$forge"
if [ -n "$have_py" ]; then
	got=$(python3 -c 'import csv, io
t = open("out","rb").read().decode("utf-8-sig")
print("|".join(r[0] for r in csv.reader(io.StringIO(t, newline=""))))' 2>&1)
	is "csv: valid UTF-8, parsed: paths in the escaped form" "path|$bad_e|$forge_e" "$got"
else skip "python3 not installed"; fi

# ---- the escaped form is the same in every format ----
if [ -n "$have_py" ] && [ -n "$have_xml" ]; then
	G "$forge"; a=$(sed 's/:1:5: error: .*//' out)
	G --format json "$forge"; b=$(python3 -c 'import json; print(json.loads(open("out").read())["path"])')
	G --format csv "$forge"; c=$(python3 -c 'import csv; print(list(csv.reader(open("out", encoding="utf-8-sig", newline="")))[1][0])')
	G --format checkstyle "$forge"; d=$(xmllint --xpath 'string(//file/@name)' out)
	G --format codequality "$forge"; e=$(python3 -c 'import json; print(json.loads(open("out").read())[0]["location"]["path"])')
	is "escaped form identical in gcc, json, csv, checkstyle, codequality" \
	    "$forge_e $forge_e $forge_e $forge_e $forge_e" "$a $b $c $d $e"
else skip "python3 or xmllint not installed"; fi

# ---- ANSI escapes never reach the output raw ----
esc=$(printf '\033')
for f in gcc json sarif github checkstyle junit csv summary codequality; do
	G --format "$f" "$ansi" "$bidi"
	is "$f: no ESC byte and no U+202E from the names in the output" "0 0" \
	    "$(grep -c "$esc" out) $(grep -c "$(printf '\342\200\256')" out)"
done
cat > ansi.yaml <<'EOF'
pack: ansi
rules:
  - id: esc-text
    severity: warning
    kind: pattern
    pattern: '\x1b\[[0-9;]*m(\S+)'
    message: "coloured text ${1} here"
EOF
printf '前文\033[31m红字\033[0m后文\n' > esc.txt
"$bin" --rules ansi.yaml --color never --show-source esc.txt > out 2>err
printf 'esc.txt:1:5: warning: coloured text 红字\\x1b[0m后文 here [esc-text]\n 前文\\x1b[31m红字\\x1b[0m后文\n     ^~~~~~~~~~~~~~~~~~~~~~~\n' > want
same "--show-source and the message: ESC in the text escaped, the caret under the escaped form" want out
"$bin" --rules ansi.yaml --color always --show-source esc.txt "$ansi" > out 2>err
got=$(sed 's/\x1b\[\(0\|1\|1;3[1-6]\|1;32\)m//g' out | grep -c "$esc")
is "--color always: the only escape sequences are gwlint's own colours" "0" "$got"

# ---- CSV cells Excel would run as formulas ----
for p in '=1+2.txt' '+cmd.txt' '-x.txt' '@SUM.txt'; do cp body "./$p"; done
G --format csv --no-csv-bom -- '=1+2.txt' '+cmd.txt' '-x.txt' '@SUM.txt'
cut -d, -f1 out | tr -d '\r' > got
printf 'path\n"'"'"'=1+2.txt"\n"'"'"'+cmd.txt"\n"'"'"'-x.txt"\n"'"'"'@SUM.txt"\n' > want
same "csv: a cell beginning = + - @ is quoted after a '" want got
cat > f.yaml <<'EOF'
pack: f
rules:
  - id: formula
    severity: error
    kind: pattern
    pattern: 'x'
    message: '=HYPERLINK("http://example.invalid","x")'
    fix: '@x'
EOF
printf 'x\n' > fx.txt
"$bin" --rules f.yaml --format csv --no-csv-bom fx.txt > out
printf 'path,line,column,end_line,end_column,severity,rule,message,fix\r\nfx.txt,1,1,1,2,error,formula,"'"'"'=HYPERLINK(""http://example.invalid"",""x"")","'"'"'@x"\r\n' > want
same "csv: a message and a fix beginning = and @ are neutralised (exact bytes)" want out

# ---- SARIF %SRCROOT% when the current directory is long or unnamed ----
# A directory 25 x 201 bytes deep (more than PATH_MAX, 4096): made and
# entered by perl, since a shell's cd may refuse such a path.
bin="$bin" tmp="$tmp" perl -e 'my $d = "d" x 200; mkdir "deep"; chdir "deep" or die;
	for (1 .. 25) { mkdir $d or die; chdir $d or die }
	system("cp", "$ENV{tmp}/body", "r.txt") == 0 or die;
	open(STDOUT, ">", "$ENV{tmp}/deep.sarif") or die;
	exec $ENV{bin}, "--rules", "$ENV{tmp}/mini.yaml", "--format", "sarif", "r.txt"'
if [ -n "$have_py" ]; then
	got=$(python3 -c 'import json, sys, urllib.parse
s = json.load(open("deep.sarif"))
u = s["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
want = "file://" + sys.argv[1] + "/deep/" + "/".join(["d" * 200] * 25) + "/"
print(urllib.parse.unquote(u) == want, len(u) > 4096)' "$tmp" 2>&1)
	is "sarif: a working directory deeper than PATH_MAX is named in full (not file:///)" "True True" "$got"
else skip "python3 not installed"; fi
mkdir gone && cp mini.yaml body gone/ && (
	cd gone || exit 1
	cp body r.txt
	rmdir "$tmp/gone" 2>/dev/null || { rm -f "$tmp/gone/"*; rmdir "$tmp/gone"; }
	"$bin" --rules "$tmp/mini.yaml" --format sarif "$tmp/body" > "$tmp/gone.sarif"
)
if [ -n "$have_py" ]; then
	got=$(python3 -c 'import json
s = json.load(open("gone.sarif"))
b = s["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]
print("uri" in b, s["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])' 2>&1)
	is "sarif: a removed working directory: %SRCROOT% has no uri (no file:///); absolute paths stay absolute" \
	    "False file://$tmp/body" "$got"
else skip "python3 not installed"; fi
if [ -x "$mt" ] && "$mt" --version >/dev/null 2>&1; then
	for f in bad deep gone; do
		"$mt" validate "$f.sarif" > mt.out 2>&1
		if grep -q 'Analysis completed successfully' mt.out && ! grep -Eq ': (error|warning) ' mt.out
		then ok "sarif-multitool validate $f.sarif: no error, no warning"
		else nok "sarif-multitool validate $f.sarif"; sed 's/^/# /' mt.out >&2; fi
	done
else
	for f in bad deep gone; do skip "sarif-multitool not available ($f.sarif)"; done
fi

# ---- every format at once, all hostile names, read back ----
all="$forge $ghcmd $ansi $bad $bidi"
for f in json sarif codequality checkstyle junit csv; do
	G --format "$f" "$forge" "$ghcmd" "$ansi" "$bad" "$bidi"
	case $f in
	json) [ -n "$have_py" ] && got=$(python3 -c 'import json
print(sum(1 for l in open("out","rb").read().decode("utf-8").split("\n") if l and json.loads(l)))' 2>&1) ;;
	sarif) [ -n "$have_py" ] && got=$(python3 -c 'import json
print(len(json.loads(open("out","rb").read().decode("utf-8"))["runs"][0]["results"]))' 2>&1) ;;
	codequality) [ -n "$have_py" ] && got=$(python3 "$here/codequality-schema.py" out 5 2>&1 | sed 's/^ok //') ;;
	checkstyle) [ -n "$have_xml" ] && got=$(xmllint --xpath 'count(//error)' out 2>&1) ;;
	junit) [ -n "$have_xml" ] && got=$(xmllint --xpath 'count(//failure)' out 2>&1) ;;
	csv) [ -n "$have_py" ] && got=$(python3 -c 'import csv, io
print(len(list(csv.reader(io.StringIO(open("out","rb").read().decode("utf-8-sig"), newline="")))) - 1)' 2>&1) ;;
	esac
	if { [ "$f" = checkstyle ] || [ "$f" = junit ]; } && [ -z "$have_xml" ]; then skip "xmllint not installed"
	elif [ "$f" != checkstyle ] && [ "$f" != junit ] && [ -z "$have_py" ]; then skip "python3 not installed"
	else is "$f: five hostile names, parsed back, five records" "5" "$got"; fi
done
: "$all"

# ---- stderr: notices quote hostile names escaped, one line each ----
# A document the run cannot lint, a symbolic link out of the folder and a
# file --fix refuses: every stderr line starts with "gwlint: " and holds no
# raw control character; the name is there with its controls escaped
# (\xNN in a notice's text, README "Output formats").
mkdir -p se/in se/out
printf 'PK\003\004' > "se/in/$forge.docx"
cp body "se/out/$ansi"
ln -s "../out/$ansi" "se/in/$ansi.txt"
G se/in
lines=$(grep -c '' err)
if [ "$(grep -vc '^gwlint: ' err)" = 0 ] && ! LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" err &&
   [ "$lines" = 2 ] && grep -qF 'x\x0afake.txt:1:1: error: INJECTED [fake-rule]\x0ay.txt.docx: not linted' err &&
   grep -qF "$ansi_e.txt: skipped" err
then ok "stderr: hostile names escaped in notices, one line each ($lines lines)"
else nok "stderr: hostile names escaped in notices, one line each"; od -c err | sed 's/^/# /' >&2; fi

# ---- --list-rules and --explain: a pack's own text ----
# A pack's name, source and explanation with ESC, BEL and LF: printed with
# the controls escaped; the name and source stay on their one line.
cat > evil.yaml <<'EOF'
pack: "ev\e[31mil\npk"
rules:
  - id: x-1
    severity: error
    kind: pattern
    pattern: "中"
    message: "m"
    source: "s \e[2J\nX"
    explain: "e \e]0;x\a\nmore"
EOF
"$bin" --rules evil.yaml --color never --list-rules >out 2>err
is "--list-rules: pack name and source escaped, one row" \
   'x-1                          error    ev\x1b[31mil pk s \x1b[2J X|0' \
   "$(grep '^x-1 ' out)|$(LC_ALL=C grep -c "$(printf '[\001-\010\013-\037\177]')" out)"
"$bin" --rules evil.yaml --color never --explain x-1 >out 2>err
printf '%s\n' 'x-1: error, pack ev\x1b[31mil pk, kind pattern, scope text' \
    'defined in evil.yaml:3' 'source: s \x1b[2J' '        X' '' 'e \x1b]0;x\x07' 'more' > want
same "--explain: the pack's name, source and explanation escaped" want out

# ---- --print-config: a config's own values ----
mkdir pcfg
cp body "pcfg/$ansi"
printf 'exclude: ["x\\e[31m\\n*.bak"]\nvariables:\n  issuer: "a\\e]0;T\\a\\nfake"\n' > pcfg/.gwlint.yaml
"$bin" --rules mini.yaml --print-config "pcfg/$ansi" >out 2>err
is "--print-config: file name, issuer and exclude escaped, one line each" \
   "file: pcfg/$ansi_e|issuer: a\\x1b]0;T\\x07 fake|exclude: x\\x1b[31m *.bak|0" \
   "$(grep '^file: ' out)|$(grep '^issuer: ' out)|$(grep '^exclude: ' out)|$(LC_ALL=C grep -c "$(printf '[\001-\010\013-\037\177]')" out)"

# ---- --fix-dry-run: the diff's header names the file escaped ----
printf 'pack: fx\nrules:\n  - id: bracket-year\n    severity: error\n    kind: pattern\n' > fixp.yaml
printf '    pattern: '\''\\[((?:19|20)\\d{2})\\]'\''\n    message: m\n    fix: '\''〔$1〕'\''\n' >> fixp.yaml
"$bin" --rules fixp.yaml --color never --fix-dry-run "$forge" >out 2>err
printf '%s\n' "--- a/$forge_e" "+++ b/$forge_e" '@@ -1,1 +1,1 @@' '-东政[2023]3号' '+东政〔2023〕3号' > want
same "--fix-dry-run: a name with LF and a fake finding stays on the header lines, escaped" want out

# ---- --fix-dry-run: the document's own controls ----
# A pipe gets the exact diff (patch must apply it); a terminal gets the
# controls escaped (`script` gives the run a terminal).
printf '关于2023年法治政府建设情况的报告\n测试\033[31m红,色\n' > dr.txt
"$bin" --color never --fix-dry-run dr.txt >out 2>err
if grep -q "$(printf '\033')" out; then ok "--fix-dry-run into a pipe: the diff keeps the document's bytes"
else nok "--fix-dry-run into a pipe: the diff keeps the document's bytes"; fi
if command -v script >/dev/null 2>&1; then
	script -qc "'$bin' --color never --fix-dry-run dr.txt" /dev/null >out 2>&1 </dev/null
	if ! grep -q "$(printf '\033')" out && grep -qF '+测试\x1b[31m红，色' out
	then ok "--fix-dry-run on a terminal: the document's ESC is escaped"
	else nok "--fix-dry-run on a terminal: the document's ESC is escaped"; od -c out | head -20 | sed 's/^/# /' >&2; fi
else
	skip "script (util-linux) not installed: the terminal case is not checked"
fi

[ $fails -eq 0 ]
