#!/bin/sh
# Every line gwlint prints on stderr starts with "gwlint: ": each error
# path reachable from the command line is run here and its stderr checked
# (it must not be empty, and every line must carry the prefix).
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 1
# case_ NAME ARGS...: run gwlint in $where (default: here), check stderr:
# not empty, every line prefixed, and a non-zero exit unless NAME starts
# with "notice".
where=.
case_() {
	name=$1
	shift
	n=$((n + 1))
	(cd "$where" && "$bin" --color never "$@" >/dev/null 2>"$tmp/err" </dev/null)
	rc=$?
	bad=$(grep -v '^gwlint: ' "$tmp/err")
	case $name in notice*) rc_ok=true ;; *) [ "$rc" != 0 ] && rc_ok=true || rc_ok=false ;; esac
	if [ -s "$tmp/err" ] && [ -z "$bad" ] && $rc_ok; then
		echo "ok $n - $name: every stderr line starts with 'gwlint: ' (exit $rc)"
	else
		echo "not ok $n - $name: every stderr line starts with 'gwlint: ' (exit $rc)"
		fails=$((fails + 1))
		sed 's/^/# /' "$tmp/err" >&2
	fi
}
printf '关于,的情况\n' >r.txt
printf 'pack: x\nrules: [\n' >badpack.yaml
printf 'nothex\tx\tr.txt\n' >badbl.txt
printf 'a\0b\n' >bin.txt
mkdir two && printf 'exclude: []\n' >two/.gwlint.yaml && cp two/.gwlint.yaml two/.gwlint.yml
cp r.txt two/r.txt
mkdir walk && cp r.txt walk/a.txt && mkfifo walk/f.txt 2>/dev/null
mkdir init && : >init/.gwlint.yaml
echo "1..37"
case_ "unknown long option" --nope r.txt
case_ "unknown short option" -x r.txt
case_ "ambiguous abbreviation" --fi r.txt
case_ "long option without its value" r.txt --year
case_ "short option without its value" r.txt -j
case_ "--year out of range" --year 3 r.txt
case_ "--format unknown" --format nope r.txt
case_ "--color unknown" --color sometimes r.txt
case_ "--jobs 0" --jobs 0 r.txt
case_ "--severity without =" --severity x r.txt
case_ "--fail-on unknown" --fail-on fatal r.txt
case_ "--column-unit unknown" --column-unit inch r.txt
case_ "--column-origin 2" --column-origin 2 r.txt
case_ "--encoding unknown" --encoding latin1 r.txt
case_ "--fix with stdin" --fix -
case_ "--fix and --fix-dry-run" --fix --fix-dry-run r.txt
case_ "no input files"
case_ "a missing file" missing.txt
case_ "--rules missing" --rules missing.yaml r.txt
case_ "--rules broken" --rules badpack.yaml r.txt
case_ "--config broken" --config badpack.yaml r.txt
case_ "two configs in one folder" two/r.txt
case_ "--explain unknown id" --explain no-such-rule
case_ "--enable unknown id" --enable no-such-rule r.txt
case_ "--baseline missing" --baseline missing.txt r.txt
case_ "--baseline malformed" --baseline badbl.txt r.txt
case_ "--write-baseline in a missing folder" --write-baseline no/dir/bl.txt r.txt
case_ "--dump-outline missing" --dump-outline missing.txt
case_ "--print-config under a broken config" --print-config two/r.txt
where=init
case_ "--init over an existing config" --init
where=.
case_ "notice: binary file skipped" bin.txt
if [ -p walk/f.txt ]; then case_ "notice: FIFO skipped in a walk" walk
else n=$((n + 1)); echo "ok $n # SKIP mkfifo failed"; fi
# The option errors name the option as typed.
msg() { # name want args...
	name=$1 want=$2
	shift 2
	n=$((n + 1))
	got=$("$bin" "$@" 2>&1 >/dev/null </dev/null | head -n 1)
	if [ "$got" = "$want" ]; then echo "ok $n - $name"
	else echo "not ok $n - $name"; fails=$((fails + 1)); echo "# got: $got" >&2; fi
}
msg "a long option without its value is named" "gwlint: option '--year' needs a value" r.txt --year
msg "a short option without its value is named" "gwlint: option '-j' needs a value" r.txt -j
msg "an unknown long option is named" "gwlint: unknown or ambiguous option '--nope'" --nope r.txt
msg "an unknown short option is named" "gwlint: unknown option '-x'" -x r.txt
msg "a value given to an option that takes none" "gwlint: option '--list-rules' takes no value" --list-rules=x
[ $fails -eq 0 ]
