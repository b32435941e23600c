;; source: WebAssembly/spec test/core/gc/struct.wast, module
(module
  (type (struct (field $x i32)))
  (type $t1 (struct (field i32) (field $x f32)))
  (type $t2 (struct (field i32 i32) (field $x i64)))
)
