;; source: WebAssembly/spec test/core/gc/array_init_data.wast, assert_invalid "array type is not numeric or vector" (fails in code; its types are valid)
(module
  (type $a (array (mut funcref)))
)
