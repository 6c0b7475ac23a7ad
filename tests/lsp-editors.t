#!/bin/sh
# gwlint --lsp in real editors (issue 20): Neovim 0.7 (vim.lsp.start_client,
# tests/lsp/nvim.lua) and Emacs Eglot 1.9 (tests/lsp/eglot.el), each on a
# report whose line 4 holds 𠮷, a tab and CJK: the diagnostics land on the
# offending characters, hover explains the rule, the quick fix and then
# source.fixAll.gwlint applied by the editor give what gwlint --fix writes.
# Each editor is skipped (clearly) when it is not installed.
. "$(dirname "$0")/lib.sh"
mkdir "$tmp/home" "$tmp/w"
printf '某某市司法局2023年法治政府建设情况报告\n\n一、主要举措和成效\n关于𠮷某同志,工作\t情况(详见附件)。全年完成任务。\n' >"$tmp/w/report.txt"
cp "$tmp/w/report.txt" "$tmp/fixed.txt"
"$bin" --fix "$tmp/fixed.txt" >/dev/null 2>&1
cp "$tmp/w/report.txt" "$tmp/orig.txt"
export GWLINT="$bin" LSP_FILE="$tmp/w/report.txt" LSP_FIXED="$tmp/fixed.txt" HOME="$tmp/home"

# run_client NAME COMMAND...: the client's TAP lines, renumbered into ours.
run_client() {
	name=$1; shift
	LSP_OUT="$tmp/$name.tap"; export LSP_OUT
	rm -f "$LSP_OUT"
	(cd "$tmp/w" && timeout 120 "$@" >"$tmp/$name.log" 2>&1)
	crc=$?
	if [ ! -s "$LSP_OUT" ]; then
		nok "$name: the client wrote its results (exit status $crc)"
		sed "s/^/# $name: /" "$tmp/$name.log" | tail -20 >&2
		return
	fi
	while IFS= read -r l; do
		case $l in
		"ok "*) ok "$name: ${l#* - }" ;;
		"not ok "*) nok "$name: ${l#* - }" ;;
		"#"*) echo "$l" >&2 ;;
		esac
	done <"$LSP_OUT"
	t "$name: the file on disk is unchanged (the edits went to the buffer)" "cmp -s '$tmp/orig.txt' '$tmp/w/report.txt'"
	cp "$tmp/orig.txt" "$tmp/w/report.txt"
}

if command -v nvim >/dev/null 2>&1; then
	run_client neovim nvim --headless -u NONE -i NONE -n -c "luafile $here/lsp/nvim.lua"
else
	skip "neovim: nvim is not installed (make test-deps installs neovim)"
fi
if command -v emacs >/dev/null 2>&1 && [ -d /usr/share/emacs/site-lisp/elpa ] &&
    ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1; then
	run_client eglot emacs --batch -Q -l "$here/lsp/eglot.el"
else
	skip "eglot: emacs or elpa-eglot is not installed (make test-deps installs elpa-eglot)"
fi
echo "1..$n"
[ $fails -eq 0 ]
