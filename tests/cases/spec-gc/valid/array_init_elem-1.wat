;; source: WebAssembly/spec test/core/gc/array_init_elem.wast, assert_invalid "immutable array" (fails in code; its types are valid)
(module
  (type $a (array funcref))
)
