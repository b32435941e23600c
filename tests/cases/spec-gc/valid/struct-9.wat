;; source: WebAssembly/spec test/core/gc/struct.wast, module
(module
  (type $t (struct (field i32 (mut i32))))
)
