#!/bin/sh
# The pack cache (issue 14, start-up; src/packcache.h): a bundled pack's
# tree is read at build time and served only for its exact bytes.
#  - a byte-for-byte copy of rules/ lints as rules/ does, and no pack of it
#    goes through the YAML reader (ytree_parse, seen with gdb);
#  - a copy with one byte of a rule's message changed gives the changed
#    message (that one pack is read by libyaml, the six others are not);
#  - a copy with a YAML error of the same length gives the positioned error;
#  - a config file is never looked up, even one holding a pack's bytes.
# The gdb checks print a TAP skip where gdb is missing or cannot run.
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 1
echo "1..7"
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
else
	for i in 1 2 3 4; do skip "gdb is missing or cannot run $bin here"; done
fi
[ $fails -eq 0 ]
