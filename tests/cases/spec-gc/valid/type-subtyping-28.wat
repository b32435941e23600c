;; source: WebAssembly/spec test/core/gc/type-subtyping.wast, assert_unlinkable "incompatible import" (valid)
(module
  (rec (type $f01 (sub (func))) (type $f02 (sub $f01 (func))))
  (rec (type $f11 (sub (func))) (type $f12 (sub $f01 (func))))
)
