;; source: WebAssembly/spec test/core/gc/array_fill.wast, assert_invalid "type mismatch" (fails in code; its types are valid)
(module
  (type $b (array (mut funcref)))
)
