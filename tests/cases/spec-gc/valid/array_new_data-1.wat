;; source: WebAssembly/spec test/core/gc/array_new_data.wast, module
(module
  (type $arr (array (mut i8)))
)
