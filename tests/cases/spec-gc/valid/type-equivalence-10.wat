;; source: WebAssembly/spec test/core/type-equivalence.wast, module
(module
  (rec
    (type $t1 (func (param i32 (ref $t1))))
    (type $t2 (func (param i32 (ref $t3))))
    (type $t3 (func (param i32 (ref $t2))))
  )

  (rec
    (type $u1 (func (param i32 (ref $u1))))
    (type $u2 (func (param i32 (ref $u3))))
    (type $u3 (func (param i32 (ref $u2))))
  )
)
