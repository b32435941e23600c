;; source: WebAssembly/spec test/core/type-rec.wast, module
(module
  (rec (type $ft (func)))
)
