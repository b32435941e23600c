;; source: WebAssembly/spec test/core/gc/br_on_cast_fail.wast, module
(module
  (type $t (struct))
)
