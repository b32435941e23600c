;; source: WebAssembly/spec test/core/gc/array_copy.wast, assert_invalid "destination array is immutable" (fails in code; its types are valid)
(module
  (type $a (array i8))
  (type $b (array (mut i8)))
)
