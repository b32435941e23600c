;; source: WebAssembly/spec test/core/type-rec.wast, module
(module
  (rec (type $f1 (func)) (type (struct (field (ref $f1)))))
  (rec (type $f2 (func)) (type (struct (field (ref $f2)))))
)
