;; source: WebAssembly/spec test/core/gc/br_on_cast.wast, module
(module
  (type $ft (func (result i32)))
  (type $st (struct (field i16)))
  (type $at (array i8))
)
