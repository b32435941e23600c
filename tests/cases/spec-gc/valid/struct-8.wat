;; source: WebAssembly/spec test/core/gc/struct.wast, assert_invalid "field is immutable" (fails in code; its types are valid)
(module
  (type $s (struct (field i64)))
)
