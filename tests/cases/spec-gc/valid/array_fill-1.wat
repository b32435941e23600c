;; source: WebAssembly/spec test/core/gc/array_fill.wast, assert_invalid "array is immutable" (fails in code; its types are valid)
(module
  (type $a (array i8))
)
