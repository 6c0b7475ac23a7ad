#!/bin/sh
# Word documents through the command line (issue 16): --dump-text (text
# and .docx, plain and JSON), --dump-outline on a .docx, the story, paragraph and context fields of
# json and sarif, a .docx the reader refuses (one positioned line, exit 2
# after the rest), OLE2 .doc/.wps/encrypted advice, --fix refused on a
# .docx whatever its name, the baseline on a .docx, walks that pick *.docx
# by content, standard input.  Fixtures: tests/fixtures/docx-twins/
# (stories.docx has one finding in each story).  JSON is read with Perl's
# core JSON::PP.
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"
echo "1..27"
tw=$fx/docx-twins
cd "$tmp" || exit 1
g() { "$bin" --rules "$root/rules" --color never "$@"; }
run() { g "$@" >out 2>err; rc=$?; }
t() { # description, then a shell condition
	d=$1; shift
	if eval "$@"; then ok "$d"; else
		nok "$d"
		for f in out err; do [ -f "$f" ] && head -20 "$f" | sed "s/^/# $f: /" >&2; done
		echo "# rc=$rc" >&2
	fi
}
# perl EXPR over the JSON Lines in FILE (@o: the objects): exit 0 when true.
jl() {
	perl -MJSON::PP -e 'my @o = map { JSON::PP->new->decode($_) } grep { /\S/ } <STDIN>;
	    exit((eval $ARGV[0]) ? 0 : 1)' "$1" <"$2"
}
cp "$tw/stories.docx" "$tw/seed-001-numbered.docx" "$fx/seed-001.txt" .
# OLE2 compound files: a .doc/.wps (WordDocument) and an encrypted .docx.
perl -e '
for (["x.wps", "WordDocument"], ["locked.docx", "EncryptedPackage"]) {
	my ($name, $stream) = @$_;
	my $h = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" . ("\0" x 504);
	substr($h, 0x1E, 1) = chr(9);               # 512-byte sectors, directory at sector 0
	my $d = "\0" x 512;
	my $i = 0;
	for my $s ("Root Entry", $stream) {
		my $u = join("", map { $_ . "\0" } split //, $s) . "\0\0";
		substr($d, $i * 128, length $u) = $u;
		substr($d, $i * 128 + 0x40, 1) = chr(length $u);
		$i++;
	}
	open my $f, ">", $name or die; binmode $f; print $f $h, $d; close $f;
}'
head -c 3000 seed-001-numbered.docx >cut.docx

# ---- --dump-text ----
run --dump-text seed-001.txt
# cat -n, with a line end after the last line (which the file lacks).
{ cat -n seed-001.txt; [ -z "$(tail -c 1 seed-001.txt)" ] || echo; } >want
t "--dump-text on a text file: its lines as cat -n prints them" '[ $rc = 0 ] && cmp -s want out && [ ! -s err ]'
run --format json --dump-text seed-001.txt
t "--dump-text --format json on text: line and text only, every line" \
  'jl "@o == $(awk "END { print NR }" seed-001.txt) && !grep({ join(\",\", sort keys %\$_) ne \"line,text\" } @o) && \$o[8]{line} == 9 && \$o[8]{text} =~ /^一、/" out'
run --format json --dump-text stories.docx
t "--dump-text --format json on a .docx: each story, paragraph numbers, style, numbering" \
  'jl "join(\" \", map { \$_->{story} } @o) eq \"body body body table table body textbox footnote endnote\" &&
       !grep({ \$_->{paragraph} != \$_->{line} } @o) && \$o[1]{numbering} eq \"一、\" && \$o[1]{style} eq \"Heading1\" &&
       \$o[1]{text} eq \"一、主要工作\" && \$o[6]{text} eq \"文本框 内容\"" out'
run --dump-text stories.docx
t "--dump-text on a .docx: nine numbered lines, the numbering rendered" \
  '[ $rc = 0 ] && [ "$(wc -l <out)" = 9 ] && grep -q "^     2	一、主要工作$" out && grep -q "^     9	尾注 内容。$" out'
run --dump-text cut.docx
t "--dump-text on a cut .docx: the reader's message, exit 2, nothing printed" \
  '[ $rc = 2 ] && [ ! -s out ] && [ "$(cat err)" = "gwlint: cut.docx: not a readable zip package: Not a zip archive" ]'
run --dump-text x.wps
t "--dump-text on a .wps: not read, how to get a .docx, exit 2" \
  '[ $rc = 2 ] && [ ! -s out ] && grep -q "^gwlint: x.wps: not read: a Word 97-2003 or WPS binary document" err'

g --dump-outline seed-001.txt >want.outline
run --dump-outline seed-001-numbered.docx
t "--dump-outline on the numbered .docx twin: the outline of its .txt" '[ $rc = 0 ] && [ -s out ] && cmp -s want.outline out'

# ---- json and sarif: paragraph, story, context ----
run --format json --column-unit char stories.docx
t "json: the space-in-cjk finding of each story carries its story and paragraph" \
  'jl "join(\" \", map { \"\$_->{story}:\$_->{paragraph}:\$_->{line}\" } grep { \$_->{rule} eq \"space-in-cjk\" } @o)
       eq \"body:3:3 table:4:4 textbox:7:7 footnote:8:8 endnote:9:9\"" out'
g --format json --dump-text stories.docx >dump
# Each context: the finding's text at offset/length (code points), at most
# 20 characters each side, taken from its line after the numbering; a
# finding in the numbering: the paragraph's own text from its start, length 0.
perl -MJSON::PP -CSD -e '
	open my $d, "<:utf8", $ARGV[0] or die; my @l = map { JSON::PP->new->decode($_) } <$d>;
	open my $f, "<:utf8", $ARGV[1] or die; my ($n, $bad) = (0, 0);
	for (map { JSON::PP->new->decode($_) } <$f>) {
		my $c = $_->{context} or do { $bad++; next };
		my $line = $l[$_->{line} - 1]; my $own = substr($line->{text}, length $line->{numbering});
		my ($s, $len) = ($_->{column} - 1 - length $line->{numbering}, $_->{end_line} == $_->{line} ? $_->{end_column} - $_->{column} : 0);
		if ($s < 0) { $bad++ unless $c->{offset} == 0 && $c->{length} == 0 && index($own, $c->{text}) == 0; $n++; next }
		$bad++ unless index($own, $c->{text}) >= 0 && substr($c->{text}, $c->{offset}, $c->{length}) eq substr($own, $s, $len)
		    && $c->{offset} <= 20 && length($c->{text}) - $c->{offset} - $c->{length} <= 20
		    && ($c->{offset} == 20 || $c->{offset} == $s);
		$n++;
	}
	print "$n\n"; exit($bad || !$n)' dump out >ctx.out 2>&1
st=$?
t "json: every .docx context holds the finding at offset/length, 20 characters each side at most, no numbering ($(cat ctx.out) findings)" '[ $st = 0 ]'
t "json: a long paragraph's context is cut at 20 characters each side" \
  'jl "(grep { \$_->{rule} eq \"space-in-cjk\" && \$_->{story} eq \"body\" } @o)[0]{context}{text} eq \"中央、国务院和省委省政府的决策部署，今年 完成了全年各项工作任务，取得明显成效，群\"" out'
run --format json seed-001.txt
t "json on text: no paragraph, story or context" '[ -s out ] && ! grep -q "\"paragraph\"\|\"story\"\|\"context\"" out'
run --format sarif stories.docx
perl -Mutf8 -MJSON::PP -e 'local $/; my $r = decode_json(<STDIN>)->{runs}[0]{results};
	my @s = grep { $_->{ruleId} eq "space-in-cjk" } @$r;
	my $l = $s[0]{locations}[0];
	exit !(@s == 5 && $l->{physicalLocation}{region}{snippet}{text} eq " " &&
	    $l->{physicalLocation}{contextRegion}{snippet}{text} =~ /^中央、.*，群$/ &&
	    $l->{properties}{paragraph} == 3 && $l->{properties}{story} eq "body" &&
	    join(" ", map { $_->{locations}[0]{properties}{story} } @s) eq "body table textbox footnote endnote")' <out
st=$?
t "sarif: region snippet, contextRegion snippet, paragraph and story in the location's properties" '[ $st = 0 ]'
g --format sarif seed-001-numbered.docx >docx.sarif
g --format sarif seed-001.txt >txt.sarif
t "sarif: a .docx finding gives no fixes (regions in the extracted text), its .txt twin does" \
  'grep -q "\"fixes\"" txt.sarif && ! grep -q "\"fixes\"" docx.sarif && ! grep -q "contextRegion\|\"snippet\"" txt.sarif'
mt=${SARIF_MULTITOOL:-$root/build/npm/node_modules/.bin/sarif-multitool}
if [ -x "$mt" ] && "$mt" --version >/dev/null 2>&1; then
	g --format sarif stories.docx seed-001-numbered.docx "$tw"/seed-00[0234]*.docx >all.sarif
	"$mt" validate all.sarif >mt.out 2>&1
	if grep -q 'Analysis completed successfully' mt.out && ! grep -Eq ': (error|warning|note) ' mt.out; then
		ok "sarif-multitool validate: the .docx results (snippets, contextRegion) are valid"
	else
		nok "sarif-multitool validate the .docx results"; sed 's/^/# /' mt.out >&2
	fi
else
	skip "sarif-multitool not available (node/npm or the package missing)"
fi

# ---- refusals ----
g seed-001.txt >want.txt 2>/dev/null
run cut.docx seed-001.txt
t "a cut .docx among files: the others linted, one line with the reader's message, exit 2" \
  '[ $rc = 2 ] && cmp -s want.txt out && [ "$(cat err)" = "gwlint: cut.docx: not a readable zip package: Not a zip archive" ]'
run --skip-unreadable cut.docx seed-001.txt
t "--skip-unreadable: the refusal is a notice, the exit status the others'" \
  '[ $rc = 1 ] && cmp -s want.txt out && [ "$(cat err)" = "gwlint: cut.docx: skipped: not a readable zip package: Not a zip archive" ]'
run -q --skip-unreadable cut.docx seed-001.txt
t "-q hides that notice" '[ $rc = 1 ] && [ ! -s err ]'
run x.wps
t "a .wps (OLE2 Word): what it is and how to get a .docx, exit 2" \
  "[ \$rc = 2 ] && [ ! -s out ] && [ \"\$(cat err)\" = \"gwlint: x.wps: not linted: a Word 97-2003 or WPS binary document (.doc, .wps), which gwlint cannot read: save it as a Word document (.docx) in Word or WPS, or run soffice --headless --convert-to docx 'x.wps', and lint the .docx\" ]"
run locked.docx
t "an encrypted .docx (OLE2 EncryptedPackage): remove the password, save as .docx, exit 2" \
  '[ $rc = 2 ] && grep -q "^gwlint: locked.docx: not linted: a password-protected (encrypted) Word document, .*save it as .docx" err'

# ---- --fix ----
cp seed-001-numbered.docx r.docx && cp r.docx r.orig && cp r.docx fake.txt
run --fix r.docx
t "--fix on a .docx: findings printed, refused in one line, exit 2, file untouched" \
  '[ $rc = 2 ] && cmp -s r.docx r.orig && grep -q "^r.docx:14:1: error: .*\[conversion-residue\]" out &&
   [ "$(cat err)" = "gwlint: r.docx: not fixed: a Word document (.docx): gwlint does not rewrite .docx files; make the changes in Word or WPS (the findings say where: gwlint --dump-text r.docx shows the lines)" ]'
run --fix fake.txt
t "--fix on a .docx named .txt: refused by content, file untouched" \
  '[ $rc = 2 ] && cmp -s fake.txt r.orig && grep -q "^gwlint: fake.txt: not fixed: a Word document (.docx)" err'
run --fix-dry-run r.docx
t "--fix-dry-run on a .docx: no diff, the refusal said, exit from the findings" \
  '[ $rc = 1 ] && ! grep -q "^+++" out && grep -q "not fixed: a Word document (.docx)" err && cmp -s r.docx r.orig'

# ---- the baseline ----
run --write-baseline bl r.docx
rc1=$rc
run --baseline bl r.docx
t "baseline: recorded from a .docx, every finding suppressed, exit 0" '[ $rc1 = 0 ] && [ $rc = 0 ] && [ ! -s out ]'
# An empty paragraph inserted at the top moves every line down by one.
py=/usr/bin/python3; [ -x $py ] || py=python3
$py - <<'PY'
import zipfile
src = zipfile.ZipFile("r.docx")
with zipfile.ZipFile("moved.docx", "w", zipfile.ZIP_DEFLATED) as z:
    for i in src.infolist():
        d = src.read(i.filename)
        if i.filename == "word/document.xml":
            d = d.replace(b"<w:body>", b"<w:body><w:p/>", 1)
        z.writestr(i.filename, d)
PY
cp moved.docx r.docx
run --baseline bl r.docx
rc2=$rc
run r.docx
t "baseline: a paragraph added above, the findings move down a line and stay suppressed" \
  '[ $rc2 = 0 ] && grep -q "^r.docx:15:1: error: .*\[conversion-residue\]" out'
cp r.orig r.docx

# ---- walks and standard input ----
mkdir d && cp seed-001.txt d/a.txt && cp r.orig d/b.docx && cp r.orig d/C.DOCX && cp r.orig d/noext && cp x.wps d/e.wps
( cd d && for f in a.txt b.docx C.DOCX noext; do g "$f"; done ) | sed 's/^/d\//' | sort -t: -k1,1 -s >want.walk
run d
sort -t: -k1,1 -s out >got.walk
t "a walk: *.txt, *.docx in any case and a .docx without extension linted (by content), the .wps one line, exit 2" \
  '[ $rc = 2 ] && cmp -s want.walk got.walk && [ "$(wc -l <err)" = 1 ] && grep -q "^gwlint: d/e.wps: not linted: a Word 97-2003 or WPS binary document" err'
cp out walk1
run -j2 d
t "a walk with -j2: the same output" '[ $rc = 2 ] && cmp -s walk1 out'
g r.docx >want.docx 2>/dev/null
g --stdin-filename r.docx - <r.docx >out 2>err; rc=$?
t "a .docx on standard input is read by content" '[ $rc = 1 ] && cmp -s want.docx out && [ ! -s err ]'
[ $fails -eq 0 ]
