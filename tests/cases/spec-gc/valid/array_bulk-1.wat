;; source: WebAssembly/spec test/core/gc/array_bulk.wast, module
(module
  (type $t_f (func))
  (type $arr8 (array i8))
  (type $arr8_mut (array (mut i8)))
  (type $arr16_mut (array (mut i16)))
  (type $arrref (array (ref $t_f)))
  (type $arrref_mut (array (mut funcref)))
)
