;; source: WebAssembly/spec test/core/type-rec.wast, assert_invalid "type mismatch" (fails in code; its types are valid)
(module
  (rec (type $ft (func)) (type (func)))
)
