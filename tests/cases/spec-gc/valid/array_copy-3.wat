;; source: WebAssembly/spec test/core/gc/array_copy.wast, assert_invalid "array types do not match" (fails in code; its types are valid)
(module
  (type $a (array (mut i8)))
  (type $b (array (mut (ref $a))))
)
