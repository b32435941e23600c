;; source: WebAssembly/spec test/core/gc/struct.wast, assert_invalid "type mismatch" (fails in code; its types are valid)
(module
  (type (struct (field $x i64)))
  (type $t (struct (field $x i32)))
)
