;;; gwlint.el --- run gwlint in compilation mode  -*- lexical-binding: t -*-

;; SPDX-License-Identifier: MIT

;;; Commentary:

;; M-x gwlint lints the current file with gwlint (the linter for Chinese
;; government reports) in a compilation buffer: next-error (M-g n) jumps
;; to each finding.
;;
;; Columns: Emacs reads compilation columns as screen columns by default
;; (`compilation-error-screen-columns' is t), which is gwlint's default
;; unit, "display" (a CJK character is 2 columns, a tab goes to the next
;; multiple of 8).  When that variable is nil, columns are characters and
;; gwlint is asked for "char" (code points).
;;
;; next-error skips info findings unless `compilation-skip-threshold' is 0.
;;
;; GB18030 (GBK) reports: gwlint decodes them and counts columns in the
;; decoded text, so Emacs must decode them as GB18030 too; otherwise it
;; may read them as Latin-1 and next-error lands on the wrong character.
;; Put in your init file:
;;
;;   (set-coding-system-priority 'utf-8 'gb18030)
;;
;; (UTF-8 is tried first; GB18030 for the rest.  This file does not change
;; the global coding priorities for you.)
;;
;; Install: (add-to-list 'load-path "/path/to/editors/emacs")
;;          (require 'gwlint)

;;; Code:

(require 'compile)

(defgroup gwlint nil
  "Lint Chinese government reports with gwlint."
  :group 'tools)

(defcustom gwlint-program "gwlint"
  "The gwlint executable."
  :type 'string)

(defcustom gwlint-options nil
  "Extra options for gwlint, a list of strings (e.g. (\"--year\" \"2023\"))."
  :type '(repeat string))

(defconst gwlint-error-regexp
  '(gwlint
    "^\\([^:\n]+\\):\\([0-9]+\\):\\([0-9]+\\): \\(?:error\\|\\(warning\\)\\|\\(info\\)\\): "
    1 2 3 (4 . 5))
  "How `compilation-mode' reads a gwlint line: file, line, column, type.
error is an error, warning a warning, info an info.")

(add-to-list 'compilation-error-regexp-alist-alist gwlint-error-regexp)
(add-to-list 'compilation-error-regexp-alist 'gwlint)

(defun gwlint-column-unit ()
  "The --column-unit that matches `compilation-error-screen-columns'."
  (if compilation-error-screen-columns "display" "char"))

(defun gwlint-command (file)
  "The shell command that lints FILE."
  (mapconcat #'shell-quote-argument
             (append (list gwlint-program "--color" "never"
                           "--column-unit" (gwlint-column-unit)
                           "--column-origin" (number-to-string compilation-first-column))
                     gwlint-options
                     (list file))
             " "))

;;;###autoload
(defun gwlint (&optional file)
  "Lint FILE (default: the current buffer's file) in a compilation buffer."
  (interactive)
  (let ((f (or file buffer-file-name (user-error "This buffer has no file"))))
    (compilation-start (gwlint-command (file-relative-name f)) 'compilation-mode)))

(provide 'gwlint)
;;; gwlint.el ends here
