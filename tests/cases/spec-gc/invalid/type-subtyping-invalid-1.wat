;; expect: sub type 1 does not match super type
;; source: WebAssembly/gc test/core/gc/type-subtyping-invalid.wast, assert_invalid
(module
  ;; When fields are mutable, a subtype's reference fields cannot be subtypes of
  ;; the supertype's fields, they must match exactly.
  (type $a (sub    (struct (field (mut (ref null any))))))
  (type $b (sub $a (struct (field (mut (ref null none))))))
)
