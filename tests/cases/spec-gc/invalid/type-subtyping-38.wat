;; expect: sub type
;; source: WebAssembly/spec test/core/gc/type-subtyping.wast, assert_invalid
;; note: func types
(module
  (type $a0 (sub (array i32)))
  (type $f0 (sub $a0 (func (param i32) (result i32))))
)
