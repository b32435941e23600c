;; source: WebAssembly/spec test/core/gc/array.wast, assert_invalid "constant expression required" (fails in code; its types are valid)
(module
  (type $bvec (array i8))
)
