;; source: WebAssembly/spec test/core/gc/array.wast, module
(module
  (type $vec (array f32))
  (type $mvec (array (mut f32)))
)
