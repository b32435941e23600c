;; source: WebAssembly/spec test/core/type-rec.wast, module
(module
  (rec (type $s (struct)))
  (rec (type $t (func (param (ref $s)))))
)
