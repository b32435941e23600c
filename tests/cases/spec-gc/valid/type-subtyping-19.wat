;; source: WebAssembly/spec test/core/gc/type-subtyping.wast, module
(module
  (type $t1 (sub (func)))
  (type $t2 (sub final (func)))
)
