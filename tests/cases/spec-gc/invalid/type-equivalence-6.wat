;; expect: unknown type
;; source: WebAssembly/spec test/core/type-equivalence.wast, assert_invalid
;; note: func types
(module
  (type $t1 (func (param (ref $t2))))
  (type $t2 (func (param (ref $t1))))
)
