;; source: WebAssembly/spec test/core/gc/array_copy.wast, module
(module
  (type $arr8 (array i8))
  (type $arr8_mut (array (mut i8)))
)
