;; source: WebAssembly/spec test/core/gc/array_init_elem.wast, module
(module
  (type $arrref_mut (array (mut arrayref)))
)
