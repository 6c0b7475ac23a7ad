# Sourced by the shell tests (tests/*.t), never run on its own.
# Sets: here (tests/), root (the project), fx (tests/fixtures), bin (the
# binary under test: $GWLINT, default build/gwlint, made absolute so that a
# test may cd), tmp (a fresh directory, removed on exit even where a test
# made parts of it read-only).
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
fx=$here/fixtures
bin=${GWLINT:-$root/build/gwlint}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

# TAP helpers for every shell test: ok NAME, nok NAME (or notok NAME),
# skip REASON.  n counts the tests run, fails the failures; a test ends
# with `[ $fails -eq 0 ]` so its exit status agrees with its "not ok" lines.
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
notok() { nok "$1"; }
skip() { n=$((n + 1)); echo "ok $n # SKIP $1"; }

# Assertions shared by the shell tests (each one test; the diagnostics go
# to stderr as "# " lines).
# is NAME WANT GOT: the two strings are equal.
is() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		nok "$1"; printf '%s\n' "--- want" "$2" "--- got" "$3" | sed 's/^/# /' >&2; fi
}
# same NAME WANT-FILE GOT-FILE: the two files are equal, byte for byte.
same() {
	if cmp -s "$2" "$3"; then ok "$1"; else
		nok "$1"; diff -u "$2" "$3" | head -200 | sed 's/^/# /' >&2; fi
}
# expect NAME WANT-RC WANT-STDOUT-FILE WANT-STDERR-FILE: the last run
# (status in rc, its stdout in ./out, its stderr in ./err) gave exactly these.
expect() {
	if [ "$rc" = "$2" ] && cmp -s "$3" out && cmp -s "$4" err; then
		ok "$1"
	else
		nok "$1"
		echo "# exit status $rc (want $2)" >&2
		diff -u "$3" out | sed 's/^/# /' >&2
		diff -u "$4" err | sed 's/^/# /' >&2
	fi
}
# t NAME CONDITION: the shell condition holds (eval'd); on failure, the
# files out and err of the current directory, where present, and rc, as
# diagnostics.
t() {
	if eval "$2"; then ok "$1"; else
		nok "$1"
		for _f in out err; do [ -f "$_f" ] && sed "s/^/# $_f: /" "$_f" >&2; done
		[ -n "${rc-}" ] && echo "# rc=$rc" >&2
	fi
	return 0
}
# calls_of FUNC EXPR OUT ARGS...: run $bin --color never ARGS... under gdb,
# writing EXPR (a C string at each call of FUNC, e.g. 'src->file' or, on
# x86-64, '(char *)$rdi' for the first argument) to the file OUT, one line
# per call; false when gdb is missing or does not run $bin to its end.
calls_of() {
	_func=$1 _expr=$2 _out=$3
	shift 3
	command -v gdb >/dev/null 2>&1 || return 1
	printf '%s\n' 'set breakpoint pending on' "break $_func" commands silent \
	    "printf \"@call %s\\n\", $_expr" continue end run >gdb.cmd
	gdb -q -batch -x gdb.cmd --args "$bin" --color never "$@" >gdb.out 2>&1
	sed -n 's/^@call //p' gdb.out >"$_out"
	grep -q '^\[Inferior 1 (process [0-9]*) exited' gdb.out
}
