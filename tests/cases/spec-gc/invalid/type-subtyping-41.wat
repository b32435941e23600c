;; expect: sub type
;; source: WebAssembly/spec test/core/gc/type-subtyping.wast, assert_invalid
;; note: func types
(module
  (type $f0 (sub (func)))
  (type $f1 (sub $f0 (func (param i32))))
)
