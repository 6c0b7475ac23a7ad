#!/usr/bin/perl
# SPDX-License-Identifier: MIT
# packs.pl — helpers for make bench that read the rule packs.
#
#   perl bench/packs.pl union RULES_DIR
#       Prints one PCRE2 regex: the alternation of every `pattern:` in the
#       packs (kinds pattern and require), with the pack variables replaced
#       by fixed values ({report_year} 2023, {next_year} 2024, {prev_year}
#       2022, {issuer} 示例区人民政府).  This is the regex grep and rg run as
#       the floor.  The count of patterns goes to stderr.
#   perl bench/packs.pl copies RULES_DIR K OUT_DIR
#       Writes K renamed copies of every pack into OUT_DIR (ids and pack
#       names suffixed -cN), for the rule-count scaling run.
use strict;
use warnings;

sub packs {
	my $dir = shift;
	opendir(my $dh, $dir) or die "$dir: $!\n";
	my @f = map { "$dir/$_" } sort grep { /\.ya?ml$/ } readdir $dh;
	closedir $dh;
	return @f;
}

sub slurp {
	my $f = shift;
	open(my $fh, '<:raw', $f) or die "$f: $!\n";
	local $/;
	my $t = <$fh>;
	close $fh;
	return $t;
}

# The value of a one-line YAML scalar.
sub scalar_value {
	my $v = shift;
	$v =~ s/\s+\z//;
	if ($v =~ /\A'(.*)'\z/s) {
		(my $s = $1) =~ s/''/'/g;
		return $s;
	}
	if ($v =~ /\A"(.*)"\z/s) {
		my $s = $1;
		$s =~ s/\\(["\\\/])/$1/g;
		return $s;
	}
	$v =~ s/\s+#.*\z//;
	return $v;
}

my $cmd = shift // '';
if ($cmd eq 'union') {
	my $dir = shift or die "usage: $0 union RULES_DIR\n";
	my @pats;
	for my $f (packs($dir)) {
		for my $line (split /\n/, slurp($f)) {
			next unless $line =~ /^\s+pattern:\s*(\S.*)$/;
			my $v = $1;
			if ($v =~ /\A[|>]/) {
				warn "packs.pl: $f: block-scalar pattern left out\n";
				next;
			}
			push @pats, scalar_value($v);
		}
	}
	for (@pats) {
		s/\{report_year\}/2023/g;
		s/\{next_year\}/2024/g;
		s/\{prev_year\}/2022/g;
		s/\{issuer\}/示例区人民政府/g;
	}
	print join('|', map { "(?:$_)" } @pats), "\n";
	print STDERR scalar(@pats), "\n";
} elsif ($cmd eq 'copies') {
	my ($dir, $k, $out) = @_ = @ARGV;
	defined $out or die "usage: $0 copies RULES_DIR K OUT_DIR\n";
	mkdir $out;
	my %text;
	my %ids;
	for my $f (packs($dir)) {
		$text{$f} = slurp($f);
		$ids{$2} = 1 while $text{$f} =~ /^(\s*-?\s*id:\s*)([A-Za-z0-9_.-]+)/mg;
	}
	# Longest first, so that an id that is a prefix of another is not hit inside it.
	my $alt = join('|', map { quotemeta } sort { length($b) <=> length($a) } keys %ids);
	for my $f (sort keys %text) {
		(my $base = $f) =~ s{.*/}{};
		for my $c (1 .. $k) {
			my $u = $text{$f};
			# Ids, and every reference to one (order items, within:, of: ...).
			$u =~ s/(?<![A-Za-z0-9_-])($alt)(?![A-Za-z0-9_-])/$1-c$c/g if %ids;
			$u =~ s/^(pack:\s*)([A-Za-z0-9_.-]+)/$1$2-c$c/m;
			open(my $fh, '>:raw', "$out/c$c-$base") or die "$out: $!\n";
			print $fh $u;
			close $fh;
		}
	}
} else {
	die "usage: $0 union RULES_DIR | copies RULES_DIR K OUT_DIR\n";
}
