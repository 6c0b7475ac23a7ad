#!/bin/sh
# The bundled patterns' compiled code (issue 14, start-up; src/patcache.h):
# a variable-free pattern of the bundled packs is not compiled at start-up
# (its code, serialized at build time, is decoded at its first use); any
# other pattern still is, and its error is still reported at start-up.
#  - rules/ on an empty file: pcre2_compile sees only the sample expansions
#    of the patterns with variables ({report_year} as 2000, ...), never a
#    bundled pattern (seen with gdb);
#  - a copy of rules/ with one pattern edited (still valid): that text, and
#    no other bundled one, is compiled at start-up;
#  - that pattern broken instead: the positioned PCRE2 error at start-up,
#    on an empty file (nothing to search), exit 2.
# (That a decoded code is the compiled one: t-patcache compares the bytes.)
# The gdb checks print a TAP skip where gdb is missing or cannot run.
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 1
echo "1..4"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

: > empty.txt
pack=fazhi-report.yaml
pat='法治(?:政府)?(?:部门)?建设'
line=$(grep -n "pattern: '$pat'" "$root/rules/$pack" | cut -d: -f1)
if [ -z "$line" ]; then
	echo "Bail out! rules/$pack has no pattern '$pat' any more"
	exit 1
fi
cp -R "$root/rules" edited
cp -R "$root/rules" broken
# edited: 建设 -> 建设工作 (still a pattern); broken: an unclosed group.
perl -pi -e "s/\\Q$pat\\E'/${pat}工作'/ if \$. == $line" "edited/$pack"
perl -pi -e "s/\\Q$pat\\E'/${pat}(工作'/ if \$. == $line" "broken/$pack"

lint() { "$bin" --color never "$@" >out 2>err; rc=$?; }

lint --rules broken empty.txt
t "a bundled pattern broken in a copy: its PCRE2 error at start-up, positioned, exit 2" \
    '[ $rc = 2 ] && [ ! -s out ] &&
     grep -q "^gwlint: broken/$pack:$line:[0-9]*: .*missing closing parenthesis" err'

# gdb: the patterns pcre2_compile sees (its first argument, x86-64).
compiled() { calls_of pcre2_compile_8 '(char *)$rdi' compiled "$@"; }
if [ "$(uname -m)" = x86_64 ] && compiled --rules "$root/rules" empty.txt; then
	# The sample values regex_new checks a pattern with variables with.
	t "rules/ on an empty file: only sample expansions of patterns with variables are compiled ($(wc -l <compiled))" \
	    '[ -s compiled ] && ! grep -v -e 2000 -e 2001 -e 1999 -e 机关 compiled'
	compiled --rules edited empty.txt
	t "one pattern edited in a copy: that text is compiled at start-up" \
	    'grep -qxF "${pat}工作" compiled'
	t "and no other than it and the sample expansions" \
	    '[ "$(grep -v -e 2000 -e 2001 -e 1999 -e 机关 compiled)" = "${pat}工作" ]'
else
	for i in 1 2 3; do skip "gdb is missing or cannot run $bin here (x86-64 only)"; done
fi
[ $fails -eq 0 ]
