;; expect: sub type
;; source: WebAssembly/spec test/core/gc/type-subtyping.wast, assert_invalid
;; note: func types
(module
  (type $t (sub final (func)))
  (type $s (sub $t (func)))
)
