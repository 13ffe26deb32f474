;;; eglot-check.el --- drive sas-guard-language-server from Emacs eglot in batch mode  -*- lexical-binding: t -*-
;; Run: emacs --batch -Q -l eglot-check.el
;; Environment: SG_NODE, SG_SERVER (dist/server.js), SG_FILE (a .js file with a token), SG_ROOT,
;; SG_SIGNATURE (the token's signature, which must never be shown).
;; Prints "RESULT <json>" lines for the node runner and exits non-zero on the first failed check.

;; -Q skips site-start, so Debian's elpa-* folders are not on load-path yet.
(dolist (dir (append (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*")
                     (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa-src/*")))
  (add-to-list 'load-path dir))
(require 'eglot)
(require 'json)

(defvar sg-failed nil)
(defun sg-emit (key value)
  (princ (format "RESULT %s\n" (json-encode (list (cons 'check key) (cons 'value value)))))
  )
(defun sg-fail (fmt &rest args)
  (let ((msg (apply #'format fmt args)))
    (princ (format "FAIL %s\n" msg))
    (kill-emacs 1)))

(defun sg-wait (pred seconds)
  "Pump process output until PRED is non-nil or SECONDS pass; return PRED's value."
  (let ((deadline (+ (float-time) seconds)) (v nil))
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    v))

(let* ((node (getenv "SG_NODE"))
       (server (getenv "SG_SERVER"))
       (file (getenv "SG_FILE"))
       (root (file-name-as-directory (getenv "SG_ROOT")))
       (signature (getenv "SG_SIGNATURE"))
       (eglot-sync-connect 30)
       (eglot-connect-timeout 30)
       (inhibit-message t))
  (find-file file)
  (unless (derived-mode-p 'js-mode) (js-mode))
  ;; eglot-ensure never fires in batch mode: start the server directly, on a transient project.
  (eglot (list major-mode) `(transient . ,root) 'eglot-lsp-server
         (list node server "--stdio") "javascript")
  (unless (eglot-current-server) (sg-fail "eglot did not connect to %s" server))
  (sg-emit "connected" t)
  (flymake-start)
  (let* ((diags (sg-wait (lambda ()
                           (or (flymake-diagnostics)
                               (and (boundp 'eglot--diagnostics) eglot--diagnostics)))
                         20)))
    (unless diags (sg-fail "no diagnostics within 20 s"))
    (let* ((lsp-diags (cl-loop for d in diags
                               for spec = (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d)))
                               when spec collect spec))
           (first (car lsp-diags)))
      (sg-emit "diagnostics"
               (vconcat (cl-loop for s in lsp-diags
                                 collect (list (cons 'code (plist-get s :code))
                                               (cons 'source (plist-get s :source))
                                               (cons 'severity (plist-get s :severity))
                                               (cons 'message (plist-get s :message))
                                               (cons 'line (plist-get (plist-get (plist-get s :range) :start) :line))))))
      (sg-emit "flymake-types"
               (vconcat (mapcar (lambda (d) (symbol-name (flymake-diagnostic-type d))) diags)))
      (when (and signature (cl-some (lambda (s) (string-search signature (or (plist-get s :message) ""))) lsp-diags))
        (sg-fail "a diagnostic message shows the whole signature"))
      ;; The code-action request as eglot-code-actions sends it, with the diagnostic in the context.
      (let* ((range (plist-get first :range))
             (actions (jsonrpc-request
                       (eglot-current-server) :textDocument/codeAction
                       (list :textDocument (eglot--TextDocumentIdentifier)
                             :range range
                             :context (list :diagnostics (vector first)))))
             (titles (cl-loop for a across actions collect (plist-get a :title))))
        (sg-emit "code-actions" (vconcat titles))
        (unless titles (sg-fail "no code actions for the diagnostic"))
        ;; Apply the environment-reference fix (the preferred one) the way eglot does, then wait for the squiggle to go.
        (let ((env-fix (cl-find-if (lambda (a) (and (plist-get a :edit)
                                                    (or (eq (plist-get a :isPreferred) t)
                                                        (string-prefix-p "Replace" (plist-get a :title)))))
                                   (append actions nil))))
          (if (not env-fix)
              (sg-emit "applied" :json-false)
            (eglot--apply-workspace-edit (plist-get env-fix :edit))
            ;; eglot sends didChange from an idle timer, and idle timers never fire in batch mode.
            (eglot--signal-textDocument/didChange)
            (sg-emit "applied" (plist-get env-fix :title))
            (sg-emit "buffer" (buffer-substring-no-properties (point-min) (point-max)))
            (let ((cleared (sg-wait (lambda ()
                                      (flymake-start)
                                      (let ((left (cl-loop for d in (flymake-diagnostics)
                                                           when (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d)))
                                                           collect d)))
                                        (if (null left) 'cleared nil)))
                                    10)))
              (sg-emit "cleared-after-fix" (if cleared t :json-false))))))))
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (kill-emacs 0))
