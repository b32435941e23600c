;; source: WebAssembly/spec test/core/gc/array_init_data.wast, module
(module
  (type $arr8 (array i8))
  (type $arr8_mut (array (mut i8)))
  (type $arr16_mut (array (mut i16)))
)
