;; source: WebAssembly/spec test/core/gc/struct.wast, module
(module
  (type $vec (struct (field f32) (field $y (mut f32)) (field $z f32)))
)
