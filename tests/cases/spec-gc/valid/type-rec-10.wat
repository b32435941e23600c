;; source: WebAssembly/spec test/core/type-rec.wast, assert_invalid "type mismatch" (fails in code; its types are valid)
(module
  (rec (type $f1 (func)) (type (struct (field (ref $f1)))))
  (rec (type $f2 (func)) (type (struct (field (ref $f1)))))
)
