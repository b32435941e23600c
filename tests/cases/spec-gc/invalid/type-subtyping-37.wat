;; expect: sub type
;; source: WebAssembly/spec test/core/gc/type-subtyping.wast, assert_invalid
;; note: func types
(module
  (type $s0 (sub (struct)))
  (type $f0 (sub $s0 (func (param i32) (result i32))))
)
