;; source: WebAssembly/spec test/core/gc/type-subtyping.wast, module
(module
  (type $t1 (sub (func)))
  (type $t2 (sub $t1 (func)))
  (type $t3 (sub $t2 (func)))
  (type $t4 (sub final (func)))
)
