;; source: WebAssembly/spec test/core/gc/array_new_elem.wast, module
(module
  (type $arr (array funcref))
)
