;; expect: sub type
;; source: WebAssembly/spec test/core/gc/type-subtyping.wast, assert_invalid
(module
  (type $a0 (sub (array i32)))
  (type $s0 (sub $a0 (struct)))
)
