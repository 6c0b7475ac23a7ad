" SPDX-License-Identifier: MIT
" Vim compiler file for gwlint, the linter for Chinese government reports.
"
"   :compiler gwlint      then   :make      (lints the current file)
"   :make --year 2023     extra options go before the file name
"
" Install: copy this file to ~/.vim/compiler/ (or add editors/vim to
" 'runtimepath').  Set g:gwlint_program to use another binary.
"
" Vim's %c reads a byte index, so gwlint is asked for byte columns; the
" quickfix list then lands on the offending character of a CJK line, after
" astral characters (𠮷) and tabs included.  %t takes the first letter of
" error, warning or info.
"
" GB18030 (GBK) reports: gwlint decodes them and counts in the decoded text,
" so Vim must decode them too, or it reads them as latin1 and :cc lands on
" the wrong byte.  Put in your vimrc (the compiler does not change this
" global option for you):
"
"   set fileencodings=ucs-bom,utf-8,gb18030
"
" (utf-8 is tried first and fails on GB18030 bytes; gb18030 accepts any
" byte sequence, so it must come last.)

if exists("current_compiler")
  finish
endif
let current_compiler = "gwlint"

if exists(":CompilerSet") != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpo
set cpo&vim

execute 'CompilerSet makeprg=' . escape(get(g:, 'gwlint_program', 'gwlint'), ' \|"')
      \ . '\ --column-unit\ byte\ --column-origin\ 1\ --color\ never\ $*\ %:S'
CompilerSet errorformat=%f:%l:%c:\ %t%*[a-z]:\ %m,%-G%.%#

let &cpo = s:cpo_save
unlet s:cpo_save
