;; expect: sub type 1 does not match super type
;; source: WebAssembly/gc test/core/gc/type-subtyping-invalid.wast, assert_invalid
(module
  ;; The mutability of fields must be the same.
  (type $c (sub    (struct (field      (ref null any)))))
  (type $d (sub $c (struct (field (mut (ref null none))))))
)
