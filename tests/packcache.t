#!/bin/sh
# The pack cache (issue 14, start-up; src/packcache.h): a bundled pack's
# tree is read at build time and served only for its exact bytes.
#  - a byte-for-byte copy of rules/ lints as rules/ does, and no pack of it
#    goes through the YAML reader (ytree_parse, seen with gdb);
#  - a copy with one byte of a rule's message changed gives the changed
#    message (that one pack is read by libyaml, the six others are not);
#  - a copy with a YAML error of the same length gives the positioned error;
#  - a config file is never looked up, even one holding a pack's bytes;
#  - the bundled packs were checked when gwlint was built (packgen), so a
#    run checks a cached pack's rules for their ids only: with gdb,
#    repeated_keys (which every fully checked rule meets) runs once per
#    pack, not for its rules, while the edited copy's pack is checked in
#    full; and a rule id of a bundled pack that an earlier pack of the same
#    folder has is still the positioned duplicate error, exit 2;
#  - packgen marks the packs checked only when they load without error: a
#    copy of rules/ with an unknown key in one rule is embedded unchecked.
# The gdb checks print a TAP skip where gdb is missing or cannot run.
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 1
echo "1..12"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

: > empty.txt
report=$root/examples/000_7b33639479ea6ff6.txt
pack=fazhi-report.yaml
cp -R "$root/rules" same
cp -R "$root/rules" edited
cp -R "$root/rules" broken

# edited: the title-keywords message's "（如" becomes "）如": EF BC 88 -> EF BC 89.
perl -pi -e 's/(标题应包含“\$1”)（如/$1）如/' "edited/$pack"
# broken: that message's line indented with a tab instead of its first space.
line=$(grep -n 'message: 标题应包含“\$1”（如' "broken/$pack" | cut -d: -f1)
perl -pi -e "s/^ /\\t/ if \$. == $line" "broken/$pack"
ndiff() { cmp -l "$root/rules/$pack" "$1/$pack" | wc -l; }
if [ "$(ndiff edited)" -ne 1 ] || [ "$(ndiff broken)" -ne 1 ] || [ -z "$line" ]; then
	echo "Bail out! the copies of $pack do not differ from it by one byte"
	exit 1
fi

lint() { "$bin" --color never "$@" >out 2>err; rc=$?; }

lint --rules "$root/rules" "$report" empty.txt
mv out want.out
mv err want.err
wrc=$rc
lint --rules same "$report" empty.txt
t "a byte-for-byte copy of rules/ lints as rules/ does (exit $rc)" \
    '[ $rc = $wrc ] && cmp -s want.out out && cmp -s want.err err'

lint --rules edited "$report" empty.txt
sed 's/”（如“××年度法治政府建设情况报告”） \[title-keywords\]$/”）如“××年度法治政府建设情况报告”） [title-keywords]/' \
    want.out >want.msg
t "one byte of a message changed: the changed message (exit $rc)" \
    '[ $rc = $wrc ] && ! cmp -s want.out want.msg && cmp -s want.msg out && cmp -s want.err err'

# A pack sorted before the bundled ones in a copy of rules/, with a rule
# id of terms.yaml: the duplicate is reported at terms.yaml's rule.
cp -R "$root/rules" dup
printf '%s\n' 'pack: mine' 'rules:' '  - id: wrong-term' '    severity: warning' \
    '    kind: pattern' "    pattern: 'x'" '    message: x' >dup/a-mine.yaml
idline=$(grep -n '^  - id: wrong-term$' dup/terms.yaml | cut -d: -f1)
lint --rules dup empty.txt
t "a bundled pack's rule id taken by an earlier pack of the folder: the duplicate error at it, exit 2" \
    '[ $rc = 2 ] && [ ! -s out ] && [ -n "$idline" ] &&
     [ "$(cat err)" = "gwlint: dup/terms.yaml:$idline:9: duplicate rule id '"'wrong-term'"' (first defined in dup/a-mine.yaml:3:5)" ]'

# packgen (build/obj/packgen) on copies of the packs.
packgen=$root/build/obj/packgen
if [ -x "$packgen" ]; then
	cp -R "$root/rules" unknown
	perl -pi -e 's/^(  - id: wrong-term)$/$1\n    sevrity: warning/' unknown/terms.yaml
	"$packgen" good.c "$root"/rules/*.yaml 2>good.err
	"$packgen" bad.c unknown/*.yaml 2>bad.err
	t "packgen: the bundled packs load without error, embedded as checked" \
	    'grep -qx "const int packcache_validated = 1;" good.c'
	t "packgen: a pack with an unknown key, embedded unchecked (and said at build time)" \
	    'grep -qx "const int packcache_validated = 0;" bad.c &&
	     grep -q "unknown key '"'sevrity'"'" bad.err'
else
	skip "no build/obj/packgen (make builds it)"
	skip "no build/obj/packgen (make builds it)"
fi

lint --rules broken "$report"
t "a tab in the indentation (same length): the positioned YAML error, exit 2" \
    '[ $rc = 2 ] && [ ! -s out ] && [ "$(wc -l <err)" = 1 ] &&
     grep -q "^gwlint: broken/$pack:$line:1: YAML syntax error: found a tab character that violates indentation (" err'

# gdb: which files go through ytree_parse.
parsed() { calls_of ytree_parse 'src->file' parsed "$@"; }
if parsed --rules same empty.txt; then
	t "a copy of rules/: every pack from the cache, none through ytree_parse" '[ ! -s parsed ]'
	parsed --rules edited empty.txt
	t "the copy with one byte changed: that pack, and only it, through ytree_parse" \
	    '[ "$(cat parsed)" = "edited/$pack" ]'
	parsed --rules same --config "same/terms.yaml" empty.txt
	t "a config file holding a bundled pack's bytes: read by ytree_parse, not the cache" \
	    '[ "$(cat parsed)" = "same/terms.yaml" ]'
	parsed --rules "$root/rules" "$report"
	t "the bundled rules/ itself: no ytree_parse" '[ ! -s parsed ]'
	npacks=$(ls "$root"/rules/*.yaml | wc -l)
	calls_of repeated_keys '"x"' checked --rules "$root/rules" empty.txt
	t "the bundled packs: their rules checked for ids only (repeated_keys $(wc -l <checked) times, $npacks packs)" \
	    '[ "$(wc -l <checked)" = "$npacks" ]'
	calls_of repeated_keys '"x"' checked --rules edited empty.txt
	t "the edited copy: its pack's rules checked in full ($(wc -l <checked) times)" \
	    '[ "$(wc -l <checked)" -gt $((npacks + 10)) ]'
else
	for i in 1 2 3 4 5 6; do skip "gdb is missing or cannot run $bin here"; done
fi
[ $fails -eq 0 ]
