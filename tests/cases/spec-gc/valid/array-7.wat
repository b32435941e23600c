;; source: WebAssembly/spec test/core/gc/array.wast, module
(module
  (type $vec (array i8))
  (type $mvec (array (mut i8)))
)
