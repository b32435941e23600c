;; source: WebAssembly/spec test/core/type-equivalence.wast, module
(module
  (type $t1 (func (param f32 f32) (result f32)))
  (type $t2 (func (param $x f32) (param $y f32) (result f32)))
)
