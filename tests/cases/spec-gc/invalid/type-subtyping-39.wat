;; expect: sub type
;; source: WebAssembly/spec test/core/gc/type-subtyping.wast, assert_invalid
(module
  (type $a0 (sub (array i32)))
  (type $a1 (sub $a0 (array i64)))
)
