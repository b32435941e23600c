;; source: WebAssembly/spec test/core/type-equivalence.wast, module
(module
  (rec (type $t1 (func (result (ref null $t1)))))
  (rec (type $t2 (func (result (ref null $t2)))))
)
