;; source: WebAssembly/spec test/core/type-equivalence.wast, module
(module
  (type $t1 (func (param i32 (ref $t1))))
  (type $t2 (func (param i32 (ref $t2))))
)
