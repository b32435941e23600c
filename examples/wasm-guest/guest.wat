;; A guest that reads wxl buffers through the generated accessor module instead of its own
;; code: it imports the memory it shares with the accessors and the functions it needs,
;; by their export names (see compiler/codegen-wasm's crate docs). Any language that can
;; import functions does the same.
(module $guest
  (import "env" "memory" (memory 1))
  (import "wxl" "verify" (func $verify (param i32 i32 i32) (result i32)))
  (import "wxl" "verify_error_offset" (func $verify_error_offset (result i32)))
  (import "wxl" "root" (func $root (param i32) (result i32)))
  (import "wxl" "Logs.logs" (func $Logs.logs (param i32 i32) (result i32)))
  (import "wxl" "ArrayOfLog.len" (func $ArrayOfLog.len (param i32 i32) (result i32)))
  (import "wxl" "ArrayOfLog.get" (func $ArrayOfLog.get (param i32 i32 i32) (result i32)))
  (import "wxl" "Log.code" (func $Log.code (param i32 i32) (result i32)))
  (import "wxl" "Log.size" (func $Log.size (param i32 i32) (result i64)))
  (import "wxl" "Log.userid.ptr" (func $Log.userid.ptr (param i32 i32) (result i32)))
  (import "wxl" "Log.userid.len" (func $Log.userid.len (param i32 i32) (result i32)))

  ;; The bytes sent by the requests with status $code in the buffer of $len bytes at $buf,
  ;; or -(error code) when the buffer does not verify (the bitmap goes at $scratch).
  (func (export "bytes_with_code") (param $buf i32) (param $len i32) (param $scratch i32) (param $code i32) (result i64)
    (local $logs i32) (local $n i32) (local $i i32) (local $log i32) (local $sum i64) (local $error i32)
    (local.set $error (call $verify (local.get $buf) (local.get $len) (local.get $scratch)))
    (if (local.get $error) (then (return (i64.extend_i32_s (i32.sub (i32.const 0) (local.get $error))))))
    (local.set $logs (call $Logs.logs (local.get $buf) (call $root (local.get $buf))))
    (local.set $n (call $ArrayOfLog.len (local.get $buf) (local.get $logs)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $log (call $ArrayOfLog.get (local.get $buf) (local.get $logs) (local.get $i)))
        (if (i32.eq (call $Log.code (local.get $buf) (local.get $log)) (local.get $code))
          (then (local.set $sum (i64.add (local.get $sum) (call $Log.size (local.get $buf) (local.get $log))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (local.get $sum))

  ;; How many records have a userid starting with the byte $first (strings read in place).
  (func (export "users_starting_with") (param $buf i32) (param $first i32) (result i32)
    (local $logs i32) (local $n i32) (local $i i32) (local $log i32) (local $count i32)
    (local.set $logs (call $Logs.logs (local.get $buf) (call $root (local.get $buf))))
    (local.set $n (call $ArrayOfLog.len (local.get $buf) (local.get $logs)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $log (call $ArrayOfLog.get (local.get $buf) (local.get $logs) (local.get $i)))
        (if (i32.and
              (i32.ne (call $Log.userid.len (local.get $buf) (local.get $log)) (i32.const 0))
              (i32.eq (i32.load8_u (call $Log.userid.ptr (local.get $buf) (local.get $log))) (local.get $first)))
          (then (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (local.get $count))
)
