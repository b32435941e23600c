;; expect: sub type
;; source: WebAssembly/spec test/core/gc/type-subtyping.wast, assert_invalid
(module
  (type $s0 (sub (struct)))
  (type $a0 (sub $s0 (array i32)))
)
