#!/bin/sh
# Lines of a .docx outside its body story (table cells, text boxes,
# footnotes, endnotes) are linted by the text rules but never shape the
# outline: never a heading, section boundary, title, 落款 or date, and they
# split no body paragraph (src/outline.c, ROLE_ASIDE).  Fixture:
# tests/fixtures/docx-twins/asides.docx (gen.py there), its findings in
# asides.expected.  And a package whose main part is not word/document.xml
# is a .docx by its [Content_Types].xml (src/walk.c): the reader's
# relocated fixtures, a Default content type, a spreadsheet still refused.
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"
echo "1..12"
tw=$fx/docx-twins
cd "$tmp" || exit 1
g() { "$bin" --rules "$root/rules" --color never "$@"; }
run() { g "$@" >out 2>err; rc=$?; }
# perl EXPR over the JSON object in FILE ($o): exit 0 when true.
js() {
	perl -MJSON::PP -e 'local $/; my $o = JSON::PP->new->decode(<STDIN>);
	    exit((eval $ARGV[0]) ? 0 : 1)' "$1" <"$2"
}
cp "$tw/asides.docx" .

# ---- the outline is built from the body story only ----
run asides.docx
# The layout rules' findings (the fixture has no GB/T 9704 layout) are
# tests/layout.t's business: left out here, as in docx-twins.t.
sed 's/^asides\.docx:/tests\/fixtures\/docx-twins\/asides.docx:/' out | grep -v ' \[layout-[a-z0-9-]*\]$' >got
same "asides.docx: the golden findings (no structural finding from a cell, text box or note)" \
  "$tw/asides.expected" got
t "asides.docx: exit 0 (no error-level finding), nothing on stderr" '[ $rc = 0 ] && [ ! -s err ]'
t "asides.docx: the text rule still fires inside a table cell (line 11, 行政复议 案件)" \
  'grep -q "^asides.docx:11:9: warning: .*\[space-in-cjk\]$" out'
t "asides.docx: a table separates body lines for the paragraph rules (line 13 after it is no unnumbered heading)" \
  '! grep -q "unnumbered-heading" out'
run --dump-outline asides.docx
t "--dump-outline asides.docx: headings only from the body (lines 4 5 15 17); cells, text box and notes are aside" \
  'js "join(\" \", map { \$_->{line} } @{\$o->{headings}}) eq \"4 5 15 17\" &&
       join(\" \", @{\$o->{aside_lines}}) eq \"3 7 8 9 10 11 12 21 22\" &&
       join(\" \", @{\$o->{body_lines}}) eq \"2 6 13 14 16 18\"" out'
t "--dump-outline asides.docx: the 落款 and date are the body's (19, 20), not the footnote and endnote (21, 22)" \
  'js "\$o->{signer}{line} == 19 && \$o->{date}{line} == 20 && \$o->{date}{day} == 15 &&
       \$o->{opening}{line} == 2 && \$o->{title} =~ /报告\$/" out'
# The same lines as text (no origin map): every line is body story, so the
# cells are headings there, as they always were for text.
g --dump-text asides.docx | cut -f2- >asides.txt
run --dump-outline asides.txt
t "the same lines as a .txt: the outline of text is unchanged (一、合计 on line 7 is a heading, no aside_lines)" \
  'js "grep({ \$_->{line} == 7 } @{\$o->{headings}}) && !exists \$o->{aside_lines} && \$o->{date}{line} == 22" out'

# ---- a .docx by its [Content_Types].xml ----
cp "$fx/docx/relocated.docx" "$fx/docx/relocated-ct.docx" .
run relocated.docx
t "relocated.docx (main part at content/main.xml, no word/ entry): linted, not refused" \
  '[ $rc = 1 ] && [ ! -s err ] && grep -q "^relocated.docx:1:1: " out'
run relocated-ct.docx
t "relocated-ct.docx (main part named by an Override): linted" '[ $rc = 1 ] && [ ! -s err ] && grep -q "^relocated-ct.docx:1:" out'
# Packages written here with Perl's core IO::Compress::Zip: the main part's
# content type given by a Default for its extension; and a spreadsheet.
perl -MIO::Compress::Zip=zip,\$ZipError -e '
my $W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
my $R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
my $ct = q{<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>};
sub pkg { my ($name, @parts) = @_;
	my $z = IO::Compress::Zip->new($name, Name => $parts[0], Time => 315532800, Minimal => 1) or die $ZipError;
	for (my $i = 0; $i < @parts; $i += 2) {
		$z->newStream(Name => $parts[$i], Time => 315532800, Minimal => 1) if $i;
		$z->print($parts[$i + 1]);
	}
	$z->close;
}
pkg("bydefault.docx",
    "[Content_Types].xml", $ct . q{<Default Extension="wml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>},
    "_rels/.rels", qq{<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="$R/officeDocument" Target="doc/main.wml"/></Relationships>},
    "doc/main.wml", qq{<?xml version="1.0"?><w:document xmlns:w="$W"><w:body><w:p><w:r><w:t>默认类型 正文</w:t></w:r></w:p></w:body></w:document>});
pkg("sheet.docx",
    "[Content_Types].xml", $ct . q{<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>},
    "xl/workbook.xml", q{<?xml version="1.0"?><workbook/>});
' || echo "# perl could not write the packages" >&2
run bydefault.docx
t "a main part typed by a Default (Extension=\"wml\"): a .docx, its text linted" \
  '[ $rc = 1 ] && [ ! -s err ] && grep -q "^bydefault.docx:1:9: warning: .*\[space-in-cjk\]" out'
run sheet.docx
t "a spreadsheet package named .docx: still refused as not a Word document (exit 2)" \
  '[ $rc = 2 ] && grep -q "not a Word document" err'
mkdir d && cp relocated.docx sheet.docx d/
run d
t "a folder walk lints relocated.docx and refuses the spreadsheet" \
  'grep -q "^d/relocated.docx:1:1: " out && grep -q "d/sheet.docx: .*not a Word document" err && ! grep -q relocated err'
[ $fails -eq 0 ]
