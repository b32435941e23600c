;; expect: sub type
;; source: WebAssembly/spec test/core/gc/type-subtyping.wast, assert_invalid
(module
  (type $t (struct))
  (type $s (sub $t (struct)))
)
