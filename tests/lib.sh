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
