;; source: WebAssembly/spec test/core/gc/ref_cast.wast, module
(module
  (type $ft (func))
  (type $st (struct))
  (type $at (array i8))
)
