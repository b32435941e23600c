;; source: WebAssembly/spec test/core/gc/br_on_cast.wast, module
(module
  (type $t (struct))
)
