#!/bin/sh
# Compare gwlint's findings on the development set with the judged list and
# print the precision table.  Used by tests/wild.t; also run by hand:
#
#   tests/wild-stats.sh FINDINGS VERDICTS
#
# FINDINGS: one finding a line, tab-separated: set file line rule severity
#   (set: wild or seeds; file: the base name).
# VERDICTS: tests/wild-verdicts.tsv, tab-separated: file line rule verdict
#   reason (verdict true | false | cut; reason required for false and cut),
#   sorted with LC_ALL=C sort.
#
# Prints "unjudged", "stale", "bad" and "ambiguous" lines for what does not
# agree (exit 1 if any), then the table: for each set and severity the
# findings, true, false, cut and precision = true / (true + false).
LC_ALL=C
export LC_ALL
[ $# -eq 2 ] || { echo "usage: wild-stats.sh FINDINGS VERDICTS" >&2; exit 2; }
if ! sort -c "$2" 2>/dev/null; then
	echo "bad: $2 is not sorted (LC_ALL=C sort)"
	bad=1
fi
awk -F '\t' -v badsort="${bad:-0}" -v vfile="$2" '
function key(f, l, r) { return f "\t" l "\t" r }
FILENAME == vfile {
	if ($0 ~ /^#/ || $0 == "") next
	if (NF != 5 || $2 !~ /^[0-9]+$/ || $4 !~ /^(true|false|cut)$/ ||
	    ($4 != "true" && $5 == "")) {
		printf "bad: verdict line %d: %s\n", FNR, $0; err++; next
	}
	k = key($1, $2, $3)
	nv[k]++; v[k, nv[k]] = $4
	if (nv[k] > 1 && v[k, 1] != $4) mixed[k] = 1
	next
}
{
	k = key($2, $3, $4)
	total[$1 SUBSEP $5]++
	nf[k]++; fset[k] = $1; fsev[k, nf[k]] = $5
	if (nf[k] > 1 && fsev[k, 1] != $5) sevmix[k] = 1
	sets[$1] = 1
}
END {
	for (k in nf) {
		if (nv[k] < nf[k]) { for (i = nv[k] + 1; i <= nf[k]; i++) { printf "unjudged: %s (%s)\n", k, fsev[k, i]; err++ } }
		if (mixed[k] && sevmix[k]) { printf "ambiguous: %s has findings of several severities and several verdicts\n", k; err++ }
		m = nf[k] < nv[k] ? nf[k] : nv[k]
		for (i = 1; i <= m; i++) {
			s = fset[k] SUBSEP fsev[k, i]
			cnt[s, v[k, i]]++
		}
	}
	for (k in nv) if (nf[k] < nv[k]) { for (i = nf[k] + 1; i <= nv[k]; i++) { printf "stale: %s (%s)\n", k, v[k, i]; err++ } }
	n = split("wild seeds", order, " ")
	nsev = split("error warning info", sevs, " ")
	printf "%-6s %-8s %8s %5s %5s %5s %9s\n", "set", "severity", "findings", "true", "false", "cut", "precision"
	for (i = 1; i <= n; i++) {
		if (!(order[i] in sets)) continue
		for (j = 1; j <= nsev; j++) {
			s = order[i] SUBSEP sevs[j]
			t = cnt[s, "true"] + 0; f = cnt[s, "false"] + 0; c = cnt[s, "cut"] + 0
			p = (t + f) ? sprintf("%.1f%%", 100 * t / (t + f)) : "-"
			printf "%-6s %-8s %8d %5d %5d %5d %9s\n", order[i], sevs[j], total[s] + 0, t, f, c, p
		}
	}
	exit (err || badsort) ? 1 : 0
}' "$2" "$1"
