;; source: WebAssembly/spec test/core/gc/br_on_cast.wast, assert_invalid "type mismatch" (fails in code; its types are valid)
(module
  (type $t (func))
)
