;; source: WebAssembly/spec test/core/gc/ref_test.wast, module
(module
  (type $ft (func))
  (type $st (struct))
  (type $at (array i8))
)
