#!/usr/bin/perl
# SPDX-License-Identifier: MIT
# gencorpus.pl — deterministic benchmark corpus for gwlint.
#
# Usage: perl bench/gencorpus.pl [-n COUNT] [-b BIG_MB] SEEDS_DIR OUT_DIR
#
# Builds COUNT (default 2000) report-like texts from the sample reports in
# SEEDS_DIR by shuffling and mixing their paragraphs, shifting their years
# and planting the defects the default packs look for, then one big file
# (BIG_MB MB, default 100) made of generated reports, and its 25 % and 50 %
# prefixes for the size-scaling runs.  Same inputs, same seed: same bytes
# (a private Park–Miller generator, not perl's rand).  No network.
#
# Output: OUT_DIR/corpus/NNN/NNNNN.txt, OUT_DIR/one.txt (an ordinary report
# of about 14 KB), OUT_DIR/big-{25,50,100}.txt, OUT_DIR/manifest.txt.
use strict;
use warnings;
use utf8;
use Getopt::Std;
binmode STDERR, ":encoding(UTF-8)";

my %o;
getopts('n:b:', \%o) or die "usage: $0 [-n COUNT] [-b BIG_MB] SEEDS_DIR OUT_DIR\n";
my $count = $o{n} // 2000;
my $big_mb = $o{b} // 100;
@ARGV == 2 or die "usage: $0 [-n COUNT] [-b BIG_MB] SEEDS_DIR OUT_DIR\n";
my ($seeds, $out) = @ARGV;

# ---- a fixed-seed generator ----
my $state = 20240301;
sub rnd { $state = ($state * 48271) % 2147483647; return $state; }
sub pick_n { my $n = shift; return rnd() % $n; }                 # 0 .. n-1
sub chance { my $p = shift; return (rnd() % 10000) < $p * 10000; }
sub pick { return $_[pick_n(scalar @_)]; }
sub shuffle { my @a = @_; for (my $i = $#a; $i > 0; $i--) { my $j = pick_n($i + 1); @a[$i, $j] = @a[$j, $i]; } return @a; }

# ---- read the seeds ----
opendir(my $dh, $seeds) or die "$seeds: $!\n";
my @files = sort grep { /\.txt$/ } readdir $dh;
closedir $dh;
@files or die "$seeds: no .txt files\n";

my $heading_re = qr/^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])/;
my @seeds;        # [{head => [...], sections => [[heading, paras...], ...], tail => [...], year => Y}]
my @pool;         # every body paragraph of every seed
for my $f (@files) {
	open(my $fh, '<:encoding(UTF-8)', "$seeds/$f") or die "$seeds/$f: $!\n";
	my @lines = grep { /\S/ } map { s/\r?\n\z//r } <$fh>;
	close $fh;
	my (@head, @sections, @tail);
	my $i = 0;
	# Header: short lines up to the first long or numbered line.
	while ($i < @lines && length($lines[$i]) < 45 && $lines[$i] !~ $heading_re &&
	    $lines[$i] !~ /[。，]/) {
		push @head, $lines[$i++];
	}
	# Closing: short trailing lines (落款, date, 附注).
	my $j = $#lines;
	while ($j > $i && length($lines[$j]) < 30 && $lines[$j] !~ /[。]$/ &&
	    $lines[$j] !~ $heading_re) {
		unshift @tail, $lines[$j--];
	}
	my $cur = ['']; # paragraphs before the first heading
	for my $l (@lines[$i .. $j]) {
		if ($l =~ /^\s*[一二三四五六七八九十]+[、.．]/) {
			push @sections, $cur;
			$cur = [$l];
		} else {
			push @$cur, $l;
			push @pool, [$l, 0] if length($l) > 40 && $l !~ $heading_re;
		}
	}
	push @sections, $cur;
	my ($y) = join('', @head) =~ /((?:19|20)\d\d)/;
	($y) = $lines[$i] =~ /^\s*((?:19|20)\d\d)年/ unless $y;
	$_->[1] ||= ($y || 2022) for @pool;
	push @seeds, {head => \@head, sections => \@sections, tail => \@tail, year => $y || 2022, name => $f};
}

# ---- defects (each returns the mutated line) ----
my @issuers = qw(北京市东城区人民政府 上海市浦东新区司法局 重庆市大渡口区人民政府
    四平市铁西区人民政府 广州市天河区人民政府 杭州市西湖区人民政府
    成都市武侯区司法局 南京市鼓楼区人民政府 武汉市江岸区人民政府 西安市碑林区人民政府);
my @abbr = qw(东政 浦司 大渡口府 四铁西政办发 天府 西湖政 武司 鼓政 岸政发 碑政);

sub halfwidth {   # GB/T 15834: ASCII punctuation next to Han
	my $l = shift;
	my $k = 1 + pick_n(3);
	for (1 .. $k) {
		my $w = pick_n(4);
		if ($w == 0) { $l =~ s/(\p{Han})，(\p{Han})/$1,$2/; }
		elsif ($w == 1) { $l =~ s/(\p{Han})：/$1:/; }
		elsif ($w == 2) { $l =~ s/（([^（）]{1,20})）/($1)/; }
		else { $l =~ s/(\p{Han})；(\p{Han})/$1;$2/; }
	}
	return $l;
}
sub residue {
	my $l = shift;
	my $r = pick('[bookmark: _GoBack]', '[image: ]', '[footnoteRef:1]', '&nbsp;', "\x{200B}",
	    '**', '[bookmark: _Hlk1502]');
	my $at = pick_n(length($l) + 1);
	substr($l, $at, 0) = $r;
	return $l;
}
sub range_dash {
	my $l = shift;
	my $w = pick_n(3);
	my $a = 2016 + pick_n(6);
	my $b = $a + 4;
	my $r = $w == 0 ? "${a}-${b}年" : $w == 1 ? "${a}～${b}年" : "${a}${b}年";
	$l =~ s/。/，落实${r}规划目标。/;
	return $l;
}
sub misc {
	my $l = shift;
	my $w = pick_n(6);
	if ($w == 0) { $l =~ s/的/的的/; }
	elsif ($w == 1) { $l =~ s/(\p{Han})(\p{Han})/$1 $2/; }
	elsif ($w == 2) { $l =~ s/(\d{4})年(\d{1,2})月/$1.$2./; }
	elsif ($w == 3) { $l =~ s/“([^“”]{2,12})”/“引用“$1”内容”/; }
	elsif ($w == 4) { $l =~ s/。/，完成20xx年目标任务。/; }
	else { $l =~ s/》《/》、《/ or $l =~ s/。/，参照《法治政府建设实施纲要》、《法治社会建设实施纲要》。/; }
	return $l;
}

my @hanord = qw(一 二 三 四 五 六 七 八 九 十);

# One generated report.
sub make_report {
	my $n = shift;
	my $s = $seeds[pick_n(scalar @seeds)];
	my $y = 2019 + pick_n(6);
	my $dy = $y - $s->{year};
	my $shift = sub {
		my ($l, $d) = @_;
		$l =~ s{((?:19|20)\d\d)(?=年)}{my $v = $1; ($v >= 2015 && $v <= 2026) ? $v + $d : $v}ge;
		return $l;
	};
	my $iss = pick_n(scalar @issuers);
	my @out;
	my $target = 10000 + pick_n(11000);   # bytes; mean about 14 KB

	# Header: issuer and title, sometimes a 文号 (wrong brackets half the time).
	push @out, $issuers[$iss] if chance(0.4);
	push @out, '' if @out;
	push @out, pick("${y}年法治政府建设情况报告", "关于${y}年度法治政府建设情况的报告",
	    "$issuers[$iss]${y}年法治政府建设年度报告", "$issuers[$iss]关于${y}年法治政府建设工作情况的报告");
	if (chance(0.5)) {
		my ($o, $c) = chance(0.5) ? ('〔', '〕') : @{pick(['[', ']'], ['【', '】'], ['（', '）'])};
		my $num = chance(0.15) ? '第0' . (1 + pick_n(9)) : 1 + pick_n(80);
		my $yy = chance(0.1) ? substr($y + 1, 2) : $y + 1;
		push @out, '', "$abbr[$iss]$o$yy$c${num}号";
	}
	push @out, '' , pick('市人民政府：', '区委、区政府：', '市委全面依法治市委员会办公室：') if chance(0.3);
	push @out, '';

	# Body: the seed's sections; paragraphs shuffled within a section and
	# topped up from the pool; sections sometimes dropped (missing items).
	my @secs = @{$s->{sections}};
	my $drop = chance(0.15) ? 1 + pick_n($#secs || 1) : -1;
	my $wrong_plan_year = chance(0.2);
	my $body = 0;
	my $ord = 0;
	for my $si (0 .. $#secs) {
		next if $si == $drop;
		my ($h, @paras) = map { $shift->($_, $dy) } @{$secs[$si]};
		if ($h ne '') {
			$h =~ s/^\s*[一二三四五六七八九十]+([、.．])/$hanord[$ord] . $1/e;
			$h = "$hanord[$ord]." . substr($h, 2) if chance(0.05);
			$ord++;
			push @out, $h, '';
		}
		@paras = shuffle(@paras) if @paras > 2 && chance(0.7);
		for my $p (@paras) {
			push @out, $p, '';
			$body += length($p) * 3;
		}
	}
	while ($body < $target - 2000) {
		my $pe = $pool[pick_n(scalar @pool)];
		my $p = $shift->($pe->[0], $y - $pe->[1]);
		splice(@out, -2 - 2 * pick_n(4), 0, $p, '') if @out > 10;
		$body += length($p) * 3;
	}
	# Closing.
	push @out, $issuers[$iss];
	my ($mo, $d) = (1 + pick_n(3), 1 + pick_n(28));
	my $dw = pick_n(10);
	my $ny = $y + 1;
	push @out, $dw == 0 ? sprintf('%d-%02d-%02d', $ny, $mo, $d) :
	    $dw == 1 ? sprintf('%d年%02d月%02d日', $ny, $mo, $d) : "${ny}年${mo}月${d}日";
	push @out, '（此件公开发布）' if chance(0.3);

	if ($wrong_plan_year) {
		for (@out) {
			last if s/^(\s*[一二三四五六七八九十]+、\s*)${ny}年/$1${y}年/;
		}
	}
	# Plant defects in body lines.
	for my $l (@out) {
		next if length($l) < 40;
		$l = halfwidth($l) if chance(0.12);
		$l = residue($l) if chance(0.03);
		$l = range_dash($l) if chance(0.03);
		$l = misc($l) if chance(0.06);
	}
	# A broken paragraph now and then.
	if (chance(0.1)) {
		for my $i (0 .. $#out) {
			my $l = $out[$i];
			next if length($l) < 80;
			splice(@out, $i, 1, substr($l, 0, 37), '', substr($l, 37));
			last;
		}
	}
	my $text = join("\n", @out) . "\n";
	$text =~ s/\n/\r\n/g if chance(0.05);
	return $text;
}

sub spew {
	my ($path, $text) = @_;
	open(my $fh, '>:raw', $path) or die "$path: $!\n";
	print $fh $text;
	close $fh or die "$path: $!\n";
}

mkdir $out;
mkdir "$out/corpus";
my $total = 0;
my ($one, $one_d) = ('', 1e9);
open(my $mf, '>', "$out/manifest.txt") or die "$out/manifest.txt: $!\n";
for my $n (0 .. $count - 1) {
	my $dir = sprintf('%s/corpus/%03d', $out, int($n / 100));
	mkdir $dir;
	my $t = make_report($n);
	utf8::encode($t);
	my $p = sprintf('%s/%05d.txt', $dir, $n);
	spew($p, $t);
	$total += length($t);
	my $dd = abs(length($t) - 14336);
	($one, $one_d) = ($t, $dd) if $dd < $one_d && $t !~ /\r/;
}
spew("$out/one.txt", $one);

# The big file: more generated reports, one after the other.
my $want = $big_mb * 1000 * 1000;
my @marks = (int($want / 4), int($want / 2), $want);
my @names = ('big-25.txt', 'big-50.txt', 'big-100.txt');
my $bytes = 0;
my $k = 0;
open(my $big, '>:raw', "$out/$names[2].tmp") or die "$out: $!\n";
my @cut;
while ($bytes < $want) {
	my $t = make_report($count + $k++);
	$t =~ s/\r//g;
	utf8::encode($t);
	print $big $t, "\n";
	$bytes += length($t) + 1;
	push @cut, $bytes if @cut < 2 && $bytes >= $marks[@cut];
}
close $big or die "$out: $!\n";
rename("$out/$names[2].tmp", "$out/$names[2]") or die "$out: $!\n";
# Prefixes at report boundaries.
for my $i (0, 1) {
	open(my $in, '<:raw', "$out/$names[2]") or die;
	read($in, my $buf, $cut[$i]) == $cut[$i] or die;
	close $in;
	spew("$out/$names[$i]", $buf);
}
printf $mf "reports %d\nbytes %d\none %d\nbig %d\n", $count, $total, length($one), $bytes;
close $mf;
printf STDERR "gencorpus: %d reports, %.1f MB; one.txt %d bytes; big-100.txt %.1f MB\n",
    $count, $total / 1e6, length($one), $bytes / 1e6;
