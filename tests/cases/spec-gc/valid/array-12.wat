;; source: WebAssembly/spec test/core/gc/array.wast, module
(module
  (type $t (array (mut i32)))
)
