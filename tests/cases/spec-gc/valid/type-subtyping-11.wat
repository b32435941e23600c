;; source: WebAssembly/spec test/core/gc/type-subtyping.wast, assert_invalid "type mismatch" (fails in code; its types are valid)
(module
  (rec (type $f1 (sub (func))) (type (struct (field (ref $f1)))))
  (rec (type $f2 (sub (func))) (type (struct (field (ref $f1)))))
  (rec (type $g1 (sub $f1 (func))) (type (struct)))
  (rec (type $g2 (sub $f2 (func))) (type (struct)))
)
