;; Everything outside the type section is ignored; function types are kept.
(module
  (import "env" "log" (func $log (param i32)))
  (type $callback (func (param (ref $message)) (result i32)))
  (memory 1)
  (global $count (mut i32) (i32.const 0))
  (func $handle (type $callback) (i32.const 0))
  (type $message (struct (field $id i32) (field $body (ref $text))))
  (func $other (param i64) (result i64) (local.get 0))
  (type $text (array i8))
  (export "handle" (func $handle))
  (type (sub (func)))
)
