;; source: WebAssembly/spec test/core/gc/array_init_data.wast, module
(module
  (type $a32 (array (mut i32)))
  (type $a64 (array (mut i64)))
)
