;; source: WebAssembly/spec test/core/gc/br_on_cast_fail.wast, assert_invalid "type mismatch" (fails in code; its types are valid)
(module
  (type $t (func))
)
