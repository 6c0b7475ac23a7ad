# SPDX-License-Identifier: MIT
# lib.sh — what the `make bench` scripts (bench.sh, docx.sh, html.sh) share:
# messages, tool checks, hyperfine runs summarised from their JSON, unit
# conversions, callgrind counts, and writing a generated table between two
# markers of the README.  Sourced with `. bench/lib.sh`; the caller sets TMP
# (a folder for hyperfine's JSON) before calling timed.

HF="hyperfine -N --style none --output=pipe"

say() { printf '%s\n' "$*" >&2; }
need() { command -v "$1" >/dev/null 2>&1 || { say "bench: $1 is missing (make bench installs it)"; exit 2; }; }

# stats FILE: hyperfine's JSON -> "min median mean cpu user sys" in seconds.
stats() {
	perl -MJSON::PP -e 'local $/; my $j = decode_json(<STDIN>); my $r = $j->{results}[0];
	    my @t = sort { $a <=> $b } @{$r->{times}};
	    my $m = @t % 2 ? $t[$#t / 2] : ($t[@t / 2 - 1] + $t[@t / 2]) / 2;
	    printf "%.6f %.6f %.6f %.6f %.6f %.6f\n", $t[0], $m, $r->{mean}, $r->{user} + $r->{system},
	        $r->{user}, $r->{system}' < "$1"
}
# timed NAME RUNS WARMUP command... -> "min median mean cpu user sys"
timed() {
	name=$1 runs=$2 warm=$3
	shift 3
	$HF --runs "$runs" --warmup "$warm" -i --export-json "$TMP/$name.json" "$*" >/dev/null 2>&1 ||
	    { say "bench: $name failed: $*"; echo "0 0 0 0 0 0"; return; }
	stats "$TMP/$name.json"
}
# ir command...: instructions of one run (callgrind), empty without valgrind.
ir() {
	command -v valgrind >/dev/null 2>&1 || return 0
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
	    sed -n 's/.*refs: *//p' | tr -d ,
}
mbs() { perl -e 'printf "%.1f", $ARGV[0] / 1e6 / $ARGV[1]' "$1" "$2"; }
ms() { perl -e 'printf "%.2f", $ARGV[0] * 1000' "$1"; }
# met SECONDS: against issue 14's 5 ms for one report.
met() { perl -e 'print $ARGV[0] * 1000 <= 5 ? "met" : "not met"' "$1"; }

# readme_block README TABLE TAG [AFTER]: put TABLE between README's
# "<!-- TAG:begin ...-->" and "<!-- TAG:end -->" markers; when they are
# missing, after AFTER's end marker, else at the end.
readme_block() {
	perl -e '
	    my ($readme, $table, $tag, $after) = @ARGV;
	    local $/;
	    open(my $t, "<", $table) or die; my $tab = <$t>; close $t;
	    open(my $r, "<", $readme) or die; my $txt = <$r>; close $r;
	    my $block = "<!-- $tag:begin (written by make bench; do not edit) -->\n$tab<!-- $tag:end -->\n";
	    if ($txt !~ s/<!-- \Q$tag\E:begin.*?<!-- \Q$tag\E:end -->\n/$block/s) {
	        ($after ne "" && $txt =~ s/(<!-- \Q$after\E:end -->\n)/$1\n$block/)
	            or $txt .= "\n## Performance\n\n$block";
	    }
	    open(my $w, ">", "$readme.tmp") or die; print $w $txt; close $w;
	    rename("$readme.tmp", $readme) or die;
	' "$1" "$2" "$3" "${4:-}"
}
