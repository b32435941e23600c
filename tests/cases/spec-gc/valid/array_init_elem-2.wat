;; source: WebAssembly/spec test/core/gc/array_init_elem.wast, assert_invalid "type mismatch" (fails in code; its types are valid)
(module
  (type $a (array (mut i8)))
)
