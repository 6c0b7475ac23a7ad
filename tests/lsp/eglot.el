;;; eglot.el --- tests/lsp-editors.t's Emacs client (Eglot 1.9, Emacs 28)  -*- lexical-binding: t -*-
;; Run as: emacs --batch -Q -l tests/lsp/eglot.el, with GWLINT (the
;; binary), LSP_FILE (a report; line 4 holds 𠮷, a tab and CJK), LSP_FIXED
;; (what gwlint --fix makes of it) and LSP_OUT (where the TAP lines go) in
;; the environment.  Eglot starts gwlint --lsp on the report; the flymake
;; diagnostics must land on the offending characters; hover must explain
;; the rule (Eglot asks for plaintext); the quick fix and then
;; source.fixAll.gwlint are applied as Eglot applies edits.
(setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))
(package-initialize)
(require 'eglot)
(require 'flymake)
(require 'cl-lib)

(defvar gw-n 0)
(defvar gw-out nil)
(defun gw-tap (ok name &optional diag)
  (setq gw-n (1+ gw-n))
  (push (format "%s %d - %s\n" (if ok "ok" "not ok") gw-n name) gw-out)
  (when (and (not ok) diag)
    (push (format "# %S\n" diag) gw-out)))

(defun gw-wait (pred secs)
  (let ((end (+ (float-time) secs)) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) end))
      (accept-process-output nil 0.05))
    v))

(defun gw-diag (needle)
  (cl-find-if (lambda (d) (string-match-p (regexp-quote needle) (flymake-diagnostic-text d)))
              (flymake-diagnostics)))

(defun gw-run ()
  (setq eglot-server-programs `((text-mode . (,(getenv "GWLINT") "--lsp"))))
  (find-file (getenv "LSP_FILE"))
  (text-mode)
  (apply #'eglot (eglot--guess-contact))
  (gw-tap (gw-wait #'eglot-current-server 20) "Eglot starts gwlint --lsp")
  (gw-tap (gw-wait (lambda () (gw-diag "“,”")) 20) "flymake-diagnostics has the halfwidth-punct diagnostic")
  (let ((d (gw-diag "“,”")) (p (gw-diag "详见附件")))
    (gw-tap (and d (eq (char-after (flymake-diagnostic-beg d)) ?,))
            "it lands on the \",\" (after 𠮷)" (and d (string (char-after (flymake-diagnostic-beg d)))))
    (gw-tap (and d (= (line-number-at-pos (flymake-diagnostic-beg d)) 4)) "on line 4")
    (gw-tap (and p (eq (char-after (flymake-diagnostic-beg p)) ?\())
            "the one after the tab lands on the \"(\"" (and p (string (char-after (flymake-diagnostic-beg p)))))
    (when d
      (goto-char (flymake-diagnostic-beg d))
      (let ((h (jsonrpc-request (eglot-current-server) :textDocument/hover
                                (eglot--TextDocumentPositionParams))))
        (gw-tap (and h (equal (plist-get (plist-get h :contents) :kind) "plaintext")
                     (string-match-p "halfwidth-punct" (plist-get (plist-get h :contents) :value)))
                "hover explains halfwidth-punct in plaintext (what Eglot 1.9 asks for)" h))
      (let ((acts (eglot-code-actions (flymake-diagnostic-beg d) (flymake-diagnostic-end d) "quickfix")))
        (gw-tap (and (= (length acts) 1) (plist-get (car acts) :isPreferred)) "one preferred quickfix" acts)
        (when acts (eglot--apply-workspace-edit (plist-get (car acts) :edit))))
      (gw-tap (equal (buffer-substring-no-properties (line-beginning-position 1) (line-end-position 1))
                     "关于𠮷某同志，工作\t情况(详见附件)。全年完成任务。")
              "applied: only the \",\" changed"
              (buffer-substring-no-properties (line-beginning-position 1) (line-end-position 1)))
      (let ((acts (eglot-code-actions (point-min) (point-min) "source.fixAll.gwlint")))
        (gw-tap (= (length acts) 1) "source.fixAll.gwlint offered" acts)
        (when acts (eglot--apply-workspace-edit (plist-get (car acts) :edit))))
      (gw-tap (equal (buffer-string)
                     (with-temp-buffer (insert-file-contents (getenv "LSP_FIXED")) (buffer-string)))
              "the buffer is now what gwlint --fix writes" (buffer-string))))
  (let ((server (eglot-current-server)))
    (set-buffer-modified-p nil)
    (ignore-errors (eglot-shutdown server))
    ;; Eglot's own verdict on the exit status is not checked (it reports
    ;; "exited with status 9" whatever the server does); the server must
    ;; have answered shutdown and gone.
    (gw-tap (not (jsonrpc-running-p server)) "eglot-shutdown ends the server")))

(let ((ok (condition-case err (progn (gw-run) t) (error (gw-tap nil "the Eglot script ran to its end" err) nil))))
  (when ok (gw-tap t "the Eglot script ran to its end")))
(with-temp-file (getenv "LSP_OUT")
  (dolist (l (reverse gw-out)) (insert l))
  (insert (format "1..%d\n" gw-n)))
(kill-emacs 0)
