#!/bin/sh
# --help, the man page (its OPTIONS section) and README.md (the option
# table under "## Usage") list the same options.  The list comes from
# --help, so an option added later anywhere is caught: each option of
# --help must be in the other two, each option they name must be in
# --help, and the binary must accept every option --help lists.
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 1
page=$root/man/gwlint.1
readme=$root/README.md

# Options in --help: the option lines (two spaces, then '-'), up to the
# description; placeholders are upper case, descriptions are not.
"$bin" --help >help.txt
awk '/^  -/ {
	for (i = 1; i <= NF; i++) {
		w = $i; sub(/,$/, "", w)
		if (w ~ /^--?[A-Za-z0-9]/) print w
		else if (w !~ /^[A-Z|=.\[\]]+$/) break
	}
}' help.txt | sed 's/=.*//' | sort -u >help.opts
# The man page: every \-x and \-\-long in the OPTIONS section.
sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$page" |
	grep -o '\\-\(\\-[a-z][a-z0-9]*\(\\-[a-z0-9]*\)*\|[A-Za-z]\)\b' |
	sed 's/\\-/-/g' | sort -u >man.opts
# README: the first cell of each row of the option table.
sed -n '/^## Usage/,/^## /p' "$readme" | sed -n '/^| option |/,/^$/p' | sed 1,2d |
	awk -F'|' '{print $2}' | grep -o -- '-\{1,2\}[A-Za-z][a-z0-9-]*' | sort -u >readme.opts

total=$(($(wc -l <help.opts) + 2 + 1))
echo "1..$total"
n=0
fails=0

if [ "$(wc -l <help.opts)" -ge 20 ]; then ok "--help lists $(wc -l <help.opts) options"
else notok "--help lists only $(wc -l <help.opts) options (the parser broke?)"; sed 's/^/# /' help.opts; fi
while read -r o; do
	missing=""
	grep -qx -- "$o" man.opts || missing="$missing man/gwlint.1"
	grep -qx -- "$o" readme.opts || missing="$missing README.md"
	# The binary knows it (an option that takes a value says it needs one).
	mkdir -p run && (cd run && "$bin" "$o" </dev/null >/dev/null 2>../err)
	grep -q "unknown or ambiguous option\|unknown option" err && missing="$missing (the binary rejects it)"
	if [ -z "$missing" ]; then ok "$o: in --help, the man page and README.md"
	else notok "$o: in --help but missing from:$missing"; fi
done <help.opts
extra=$(comm -13 help.opts man.opts | tr '\n' ' ')
if [ -z "$extra" ]; then ok "the man page names no option that --help lacks"
else notok "the man page names options --help lacks: $extra"; fi
extra=$(comm -13 help.opts readme.opts | tr '\n' ' ')
if [ -z "$extra" ]; then ok "README's option table names no option that --help lacks"
else notok "README's option table names options --help lacks: $extra"; fi
[ $fails -eq 0 ]
