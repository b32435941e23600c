;; expect: sub type
;; source: WebAssembly/spec test/core/gc/type-subtyping.wast, assert_invalid
;; note: func types
(module
  (type $t (sub (func)))
  (type $s (sub final $t (func)))
  (type $u (sub $s (func)))
)
