;; expect: unknown type
;; source: WebAssembly/spec test/core/type-rec.wast, assert_invalid
;; note: func types
(module
  (type (func (param (ref 1))))
  (type (func))
)
