#!/bin/sh
# make install / make uninstall, and where a binary finds its packs, in a
# copy of the source tree (the project's own build/ is never touched):
#  - built with one PREFIX, then `make install PREFIX=P`: P/bin/gwlint,
#    run from another folder, finds P's packs;
#  - a copied PREFIX (the one it was built for removed) still finds its
#    packs next to itself (bin/../share/gwlint/rules);
#  - an unrelated rules/ near an installed binary (~/rules for
#    ~/.local/bin/gwlint) or near a "build/gwlint" that is not in a source
#    tree is never loaded; the build tree's own build/gwlint takes its rules/;
#  - `make uninstall PREFIX=P` leaves no file.
# Needs make and a C compiler (as make check does).
. "$(dirname "$0")/lib.sh"
check() { if eval "$2"; then ok "$1"; else notok "$1"; sed 's/^/# /' "$tmp/err" >&2 2>/dev/null; fi; }
echo "1..10"
unset MAKEFLAGS MFLAGS MAKELEVEL

tree=$tmp/tree
mkdir -p "$tree/build" "$tmp/elsewhere"
cp -Rp "$root/Makefile" "$root/src" "$root/rules" "$root/man" "$root/editors" "$tree/"
# reuse the project's release objects (mtimes kept) so that only what the
# PREFIX changes is compiled again
[ -d "$root/build/obj" ] && cp -Rp "$root/build/obj" "$tree/build/"
decoy() { # DIR: a rules/ with a pack whose only rule is decoy-rule
	mkdir -p "$1"
	printf '%s\n' 'pack: decoy' 'title: decoy' 'rules:' '  - id: decoy-rule' \
	    '    severity: error' '    kind: pattern' "    pattern: '的'" "    message: 'decoy'" \
	    '    source: none' '    explain: 不应加载。' >"$1/decoy.yaml"
}
report=$root/examples/000_7b33639479ea6ff6.txt

make -s -C "$tree" build/gwlint PREFIX="$tmp/first" >"$tmp/build.out" 2>&1 &&
    make -s -C "$tree" install PREFIX="$tmp/p" >"$tmp/install.out" 2>&1
rc=$?
cat "$tmp/build.out" "$tmp/install.out" >"$tmp/err"
check "make PREFIX=first, then make install PREFIX=p" '[ $rc -eq 0 ] && [ -x "$tmp/p/bin/gwlint" ]'

cd "$tmp/elsewhere"
"$tmp/p/bin/gwlint" --color never "$report" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "the installed binary, run from another folder, lints with p's packs (exit $rc)" \
    '[ $rc -eq 1 ] && [ ! -s "$tmp/err" ] && grep -q "\[responsibility-content\]$" "$tmp/out"'

cp -Rp "$tmp/p" "$tmp/q"
make -s -C "$tree" uninstall PREFIX="$tmp/p" >"$tmp/err" 2>&1
check "make uninstall PREFIX=p leaves no file and no share/gwlint" \
    '[ -z "$(find "$tmp/p" ! -type d)" ] && [ ! -e "$tmp/p/share/gwlint" ]'

"$tmp/q/bin/gwlint" --list-rules >"$tmp/out" 2>"$tmp/err"
rc=$?
check "a copied PREFIX finds its packs next to the binary (bin/../share/gwlint/rules)" \
    '[ $rc -eq 0 ] && grep -q "^halfwidth-punct " "$tmp/out"'

mkdir -p "$tmp/home"
cp -Rp "$tmp/q" "$tmp/home/.local"
decoy "$tmp/home/rules"
decoy "$tmp/home/.local/rules"
"$tmp/home/.local/bin/gwlint" --list-rules >"$tmp/out" 2>"$tmp/err"
rc=$?
check "~/.local/bin/gwlint loads ~/.local/share/gwlint/rules, not ~/rules or ~/.local/rules" \
    '[ $rc -eq 0 ] && grep -q "^halfwidth-punct " "$tmp/out" && ! grep -q decoy "$tmp/out"'

rm -r "$tmp/home/.local/share/gwlint/rules"
"$tmp/home/.local/bin/gwlint" --list-rules >"$tmp/out" 2>"$tmp/err"
rc=$?
check "with its packs gone it does not fall back on ~/rules: exit 2 naming the installed place" \
    '[ $rc -eq 2 ] && ! grep -q decoy "$tmp/out" && grep -q "^gwlint: $tmp/p/share/gwlint/rules" "$tmp/err"'

"$tree/build/gwlint" --list-rules >"$tmp/out" 2>"$tmp/err"
rc=$?
check "the build tree's build/gwlint takes the tree's rules/ (p was uninstalled)" \
    '[ $rc -eq 0 ] && grep -q "^halfwidth-punct " "$tmp/out"'

mkdir -p "$tmp/fake/build"
cp "$tree/build/gwlint" "$tmp/fake/build/gwlint"
decoy "$tmp/fake/rules"
"$tmp/fake/build/gwlint" --list-rules >"$tmp/out" 2>"$tmp/err"
rc=$?
check "a build/gwlint outside a source tree (no src/main.c) ignores the rules/ beside build/" \
    '[ $rc -eq 2 ] && ! grep -q decoy "$tmp/out"'

mkdir -p "$tmp/fake/src"
: >"$tmp/fake/src/main.c"
"$tmp/fake/build/gwlint" --list-rules >"$tmp/out" 2>"$tmp/err"
rc=$?
check "... and takes it once it is the source tree layout (src/main.c, rules/)" \
    '[ $rc -eq 0 ] && grep -q "^decoy-rule " "$tmp/out"'

make -s -C "$tree" install PREFIX="$tmp/p" >/dev/null 2>&1 &&
    make -s -C "$tree" uninstall PREFIX="$tmp/p" >"$tmp/err" 2>&1
cp -Rp "$tmp/q" "$tmp/q2"
make -s -C "$tree" uninstall PREFIX="$tmp/q2" >>"$tmp/err" 2>&1
check "install after uninstall, uninstall again, uninstall of a copy: nothing left" \
    '[ -z "$(find "$tmp/p" "$tmp/q2" ! -type d)" ] && [ ! -e "$tmp/q2/share/gwlint" ]'
[ $fails -eq 0 ]
