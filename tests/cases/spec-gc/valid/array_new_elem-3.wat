;; source: WebAssembly/spec test/core/gc/array_new_elem.wast, module
(module
  (type $f (func (result i32)))
  (type $arr (array funcref))
)
