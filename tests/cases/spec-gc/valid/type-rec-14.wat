;; source: WebAssembly/spec test/core/type-rec.wast, assert_unlinkable "incompatible import type" (valid)
(module
  (rec (type (struct)) (type $f2 (func)))
)
