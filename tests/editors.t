#!/bin/sh
# The editor integrations, tested in the real editors, headless:
#  - Vim: `:compiler gwlint` then `:make`; every quickfix entry must land on
#    the offending character (byte columns, after CJK text, a tab and the
#    astral 𠮷), with the right type letter.
#  - Emacs: editors/emacs/gwlint.el in compilation-mode; `next-error` must
#    put point on the offending character, with the right message type,
#    with screen columns (the default) and with character columns.
#  - A GB18030 report (gwlint reads it; its columns are those of the decoded
#    text): with the setting the README and the editor files give — Vim
#    `set fileencodings=ucs-bom,utf-8,gb18030`, Emacs
#    `(set-coding-system-priority 'utf-8 'gb18030)` — each editor decodes the
#    file as GB18030 and lands on the same characters.  (Without it both
#    read the file as Latin-1 and land on the wrong bytes.)
# The fixture editors/cjk.txt and its pack editors/pack.yaml were checked by
# hand: the comma is the 7th character of line 1 (byte 20, display 13), the
# [ of line 2 follows 𠮷, a tab and 西 (byte 9, display 11), 的的 starts at
# the 5th character of line 3 (byte 13, display 9).
. "$(dirname "$0")/lib.sh"

echo "1..7"
cd "$here/editors" || exit 1

# What each entry must show: line, column of the unit, type, and the text
# from that column to the end of the line (so the column is checked against
# the character it lands on, not only against a number).
cat >"$tmp/vim.expected" <<'X'
1:20:w:,的情况
2:9:e:[2023]19号
3:13:i:的的情况
X

# ---- Vim ----
if command -v vim >/dev/null 2>&1; then
	cat >"$tmp/test.vim" <<X
set nocompatible encoding=utf-8
set rtp^=$root/editors/vim
let g:gwlint_program = '$bin'
edit cjk.txt
compiler gwlint
silent make! --rules pack.yaml
let s:out = []
for s:e in getqflist()
  if s:e.valid
    call add(s:out, s:e.lnum . ':' . s:e.col . ':' . s:e.type . ':' . strpart(getline(s:e.lnum), s:e.col - 1))
  endif
endfor
call writefile(s:out, '$tmp/vim.out')
call writefile([&makeprg], '$tmp/vim.makeprg')
qall!
X
	vim -Nu NONE -i NONE -es -S "$tmp/test.vim" </dev/null >/dev/null 2>&1
	if [ -f "$tmp/vim.out" ]; then
		same "vim :compiler gwlint + :make: quickfix line, byte column and type" \
		    "$tmp/vim.expected" "$tmp/vim.out"
	else
		notok "vim :compiler gwlint + :make: no quickfix list written"
	fi
	if grep -q -- '--column-unit byte' "$tmp/vim.makeprg" 2>/dev/null; then
		ok "vim makeprg asks for byte columns"
	else
		notok "vim makeprg asks for byte columns"
	fi
	# The same report saved as GB18030, opened as the README says.
	iconv -f UTF-8 -t GB18030 cjk.txt >"$tmp/gb.txt"
	cp pack.yaml "$tmp/pack.yaml"
	sed -e 's/^edit cjk.txt$/set fileencodings=ucs-bom,utf-8,gb18030\nedit gb.txt/' \
	    -e "s|'$tmp/vim.out'|'$tmp/vim-gb.out'|" \
	    -e 's/^let s:out = \[\]$/let s:out = [\&fileencoding]/' "$tmp/test.vim" >"$tmp/test-gb.vim"
	(cd "$tmp" && vim -Nu NONE -i NONE -es -S "$tmp/test-gb.vim" </dev/null >/dev/null 2>&1)
	{ echo gb18030; cat "$tmp/vim.expected"; } >"$tmp/vim-gb.expected"
	if [ -f "$tmp/vim-gb.out" ]; then
		same "vim, GB18030 report with fileencodings=ucs-bom,utf-8,gb18030: :make lands on the same characters" \
		    "$tmp/vim-gb.expected" "$tmp/vim-gb.out"
	else
		notok "vim, GB18030 report: no quickfix list written"
	fi
else
	skip "vim not installed"
	skip "vim not installed"
	skip "vim not installed"
fi

# ---- Emacs ----
emacs_run() { # screen-columns(t|nil) output-file
	cat >"$tmp/test.el" <<X
(setq load-path (cons "$root/editors/emacs" load-path))
(require 'gwlint)
(setq gwlint-program "$bin"
      gwlint-options '("--rules" "pack.yaml")
      compilation-error-screen-columns $1
      compilation-skip-threshold 0 ; next-error skips infos by default
      tab-width 8)
(let ((out nil) (src (expand-file-name "cjk.txt")))
  (find-file src)
  (gwlint)
  (let ((buf (get-buffer "*compilation*")))
    (while (get-buffer-process buf) (accept-process-output nil 0.1))
    (with-current-buffer buf (goto-char (point-min)))
    (condition-case nil
        (while t
          (next-error)
          (let* ((msg (with-current-buffer buf
                        (get-text-property (marker-position compilation-current-error)
                                           'compilation-message)))
                 (type (compilation--message->type msg)))
            (with-current-buffer (find-buffer-visiting src)
              (push (format "%d:%s:%s" (line-number-at-pos)
                            (nth type '("i" "w" "e"))
                            (buffer-substring-no-properties (point) (line-end-position)))
                    out))))
      (error nil)))
  (with-temp-file "$2"
    (insert (mapconcat #'identity (nreverse out) "\n") "\n")))
X
	emacs --batch -Q -l "$tmp/test.el" >/dev/null 2>"$tmp/emacs.err"
}
cat >"$tmp/emacs.expected" <<'X'
1:w:,的情况
2:e:[2023]19号
3:i:的的情况
X
if command -v emacs >/dev/null 2>&1; then
	emacs_run t "$tmp/emacs-screen.out"
	if [ -f "$tmp/emacs-screen.out" ]; then
		same "emacs compilation-mode, screen columns (display unit): point and type" \
		    "$tmp/emacs.expected" "$tmp/emacs-screen.out"
	else
		notok "emacs compilation-mode, screen columns: no result"; sed 's/^/# /' "$tmp/emacs.err" >&2
	fi
	emacs_run nil "$tmp/emacs-char.out"
	if [ -f "$tmp/emacs-char.out" ]; then
		same "emacs compilation-mode, character columns (char unit): point and type" \
		    "$tmp/emacs.expected" "$tmp/emacs-char.out"
	else
		notok "emacs compilation-mode, character columns: no result"; sed 's/^/# /' "$tmp/emacs.err" >&2
	fi
	# Every output line is parsed as a message, none left over.
	cat >"$tmp/parse.el" <<X
(require 'compile)
(setq load-path (cons "$root/editors/emacs" load-path))
(require 'gwlint)
(with-temp-buffer
  (insert-file-contents "$tmp/gcc.txt")
  (compilation-mode)
  (compilation--ensure-parse (point-max))
  (let ((n 0) (lines 0))
    (goto-char (point-min))
    (while (not (eobp))
      (when (get-text-property (point) 'compilation-message) (setq n (1+ n)))
      (setq lines (1+ lines))
      (forward-line 1))
    (princ (format "%d/%d\n" n lines))))
X
	# A GB18030 report, with the coding priority the README gives.
	iconv -f UTF-8 -t GB18030 cjk.txt >"$tmp/gb.txt"
	cp pack.yaml "$tmp/pack.yaml"
	{ echo "(set-coding-system-priority 'utf-8 'gb18030)"
	  sed -e 's/"cjk.txt"/"gb.txt"/' -e 's/\$1/t/' -e "s|\"$tmp/emacs-[a-z]*.out\"|\"$tmp/emacs-gb.out\"|" \
	      -e 's/(push (format "%d:%s:%s"/(push (format "%d:%s:%s"/' "$tmp/test.el"
	} >"$tmp/test-gb.el"
	sed -i 's|(find-file src)|(find-file src) (push (symbol-name buffer-file-coding-system) out)|' "$tmp/test-gb.el"
	(cd "$tmp" && LANG=C.UTF-8 emacs --batch -Q -l "$tmp/test-gb.el" >/dev/null 2>"$tmp/emacs.err")
	{ echo chinese-gb18030-unix; cat "$tmp/emacs.expected"; } >"$tmp/emacs-gb.expected"
	if [ -f "$tmp/emacs-gb.out" ]; then
		same "emacs, GB18030 report with (set-coding-system-priority 'utf-8 'gb18030): next-error lands on the same characters" \
		    "$tmp/emacs-gb.expected" "$tmp/emacs-gb.out"
	else
		notok "emacs, GB18030 report: no result"; sed 's/^/# /' "$tmp/emacs.err" >&2
	fi
	"$bin" --rules pack.yaml --color never cjk.txt >"$tmp/gcc.txt"
	got=$(emacs --batch -Q -l "$tmp/parse.el" 2>/dev/null)
	if [ "$got" = "3/3" ]; then ok "emacs parses every gwlint line ($got)"
	else notok "emacs parses every gwlint line (got '$got', want 3/3)"; fi
else
	skip "emacs not installed (make deps installs emacs-nox)"
	skip "emacs not installed"
	skip "emacs not installed"
	skip "emacs not installed"
fi
[ $fails -eq 0 ]
