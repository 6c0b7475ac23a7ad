#!/bin/sh
# rules/README.zh.md, the Chinese pack writer's guide, cannot rot: every
# ```yaml block in it loads (a pack next to the shipped packs, or a
# .gwlint.yaml naming the guide's first pack as local.yaml), every rule it
# defines reports its failing example and not its passing one (with every
# other rule disabled), every --option it names is in --help, and every
# shipped rule id it names exists.
. "$(dirname "$0")/lib.sh"
guide=$root/rules/README.zh.md

mkdir "$tmp/blocks"
perl -e '
	my ($dir) = @ARGV; my ($in, $k, $buf) = (0, 0, "");
	open my $g, "<", "$ARGV[1]" or die "$ARGV[1]: $!";
	while (<$g>) {
		if (!$in && /^\s*```yaml\s*$/) { $in = 1; $buf = ""; next; }
		if ($in && /^\s*```\s*$/) {
			$k++; $in = 0;
			open my $f, ">", sprintf("%s/%02d.%s.yaml", $dir, $k,
			    $buf =~ /^pack:/m ? "pack" : "config") or die;
			print $f $buf; close $f; next;
		}
		$buf .= $_ if $in;
	}' "$tmp/blocks" "$guide"
"$bin" --rules "$root/rules" --list-rules --format json >"$tmp/shipped.json" || exit 1
shipped=$(perl -MJSON::PP -e 'local $/; print "$_->{id}\n" for @{decode_json(<STDIN>)}' <"$tmp/shipped.json")

[ -n "$(ls "$tmp/blocks")" ] && ok "the guide has yaml examples" || nok "the guide has yaml examples"
first_pack=$(ls "$tmp/blocks"/*.pack.yaml 2>/dev/null | head -1)
for b in "$tmp/blocks"/*.yaml; do
	name=$(basename "$b")
	case $name in
	*.pack.yaml)
		if "$bin" --rules "$root/rules" --rules "$b" --list-rules --format json >"$tmp/all.json" 2>"$tmp/err"; then
			ok "block $name loads next to the shipped packs"
		else
			nok "block $name loads next to the shipped packs"; sed 's/^/# /' "$tmp/err"; continue
		fi
		# Its own rules: id, fail example, pass example (one file each).
		rm -rf "$tmp/ex"; mkdir "$tmp/ex"
		perl -MJSON::PP -e '
			local $/; my $all = decode_json(<STDIN>); my %ship = map { $_ => 1 } split /\n/, $ARGV[1];
			for (@$all) {
				next if $ship{$_->{id}} || $_->{pack} eq "engine";
				for my $k ("fail", "pass") {
					defined $_->{examples}{$k} or die "$_->{id}: no $k example\n";
					open my $f, ">:encoding(UTF-8)", "$ARGV[0]/$_->{id}.$k" or die;
					print $f $_->{examples}{$k}, "\n";
				}
			}' "$tmp/ex" "$shipped" <"$tmp/all.json" || nok "block $name: every rule has both examples"
		ids=$(perl -MJSON::PP -e 'local $/; print "$_->{id}\n" for grep { $_->{pack} ne "engine" } @{decode_json(<STDIN>)}' <"$tmp/all.json")
		for f in "$tmp"/ex/*; do
			[ -f "$f" ] || continue
			e=$(basename "$f"); id=${e%.*}; kind=${e##*.}
			dis=""
			for o in $ids; do [ "$o" = "$id" ] || dis="$dis --disable $o"; done
			# shellcheck disable=SC2086
			"$bin" --rules "$root/rules" --rules "$b" --year 2023 $dis --fail-on never "$f" >"$tmp/out" 2>&1
			if [ "$kind" = fail ]; then
				grep -qF "[$id]" "$tmp/out" && ok "$name: $id reports its failing example" ||
					{ nok "$name: $id reports its failing example"; sed 's/^/# /' "$tmp/out"; }
			else
				grep -qF "[$id]" "$tmp/out" && { nok "$name: $id leaves its passing example alone"; sed 's/^/# /' "$tmp/out"; } ||
					ok "$name: $id leaves its passing example alone"
			fi
		done
		;;
	*.config.yaml)
		d=$tmp/cfg-$name; mkdir "$d"
		cp "$b" "$d/.gwlint.yaml"
		[ -n "$first_pack" ] && cp "$first_pack" "$d/local.yaml"
		printf '深入推进法治政府建设。\n' >"$d/a.txt"
		if (cd "$d" && "$bin" --rules "$root/rules" --print-config a.txt >"$tmp/out" 2>&1); then
			ok "config block $name is a valid .gwlint.yaml"
		else
			nok "config block $name is a valid .gwlint.yaml"; sed 's/^/# /' "$tmp/out"
		fi
		;;
	esac
done

# Options the guide names exist.
"$bin" --help >"$tmp/help"
for o in $(grep -o -- '--[a-z][a-z-]*' "$guide" | sort -u); do
	grep -qF -- "$o" "$tmp/help" && ok "option $o is in --help" || nok "option $o is in --help (the guide names it)"
done
# Shipped rule ids the guide names exist (a backquoted word with a '-',
# not an option, not a file, not one of the guide's own local- rules).
for id in $(grep -o '`[a-z][a-z0-9]*-[a-z0-9-]*`' "$guide" | tr -d '`' | sort -u); do
	case $id in local-*|fazhi-report|skip-scope|utf-8) continue ;; esac
	echo "$shipped" | grep -qx -- "$id" && ok "rule $id exists" || nok "rule $id exists (the guide names it)"
done
echo "1..$n"
[ $fails -eq 0 ]
