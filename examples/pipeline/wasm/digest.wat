;; The pipeline's WASM reader: the digest of a message (see c/consumer.c), computed with the
;; accessors the WASM back end generated for logs.wxl (imported from the "logs" module) over a
;; message that sits in the channel's data region, mapped into this memory: read in place.
(module
  (import "env" "memory" (memory 1))
  (import "logs" "verify" (func $verify (param i32 i32 i32) (result i32)))
  (import "logs" "root" (func $root (param i32) (result i32)))
  (import "logs" "Logs.logs" (func $logs (param i32 i32) (result i32)))
  (import "logs" "ArrayOfLog.len" (func $len (param i32 i32) (result i32)))
  (import "logs" "ArrayOfLog.get" (func $get (param i32 i32 i32) (result i32)))
  (import "logs" "Log.code" (func $code (param i32 i32) (result i32)))
  (import "logs" "Log.size" (func $size (param i32 i32) (result i64)))
  (import "logs" "Log.address.x0" (func $x0 (param i32 i32) (result i32)))
  (import "logs" "Log.address.x1" (func $x1 (param i32 i32) (result i32)))
  (import "logs" "Log.address.x2" (func $x2 (param i32 i32) (result i32)))
  (import "logs" "Log.address.x3" (func $x3 (param i32 i32) (result i32)))
  (import "logs" "Log.date.len" (func $date_len (param i32 i32) (result i32)))
  (import "logs" "Log.request.ptr" (func $request_ptr (param i32 i32) (result i32)))
  (import "logs" "Log.request.len" (func $request_len (param i32 i32) (result i32)))

  ;; digest(buf, len, scratch): the digest of the message at `buf`, or minus the verifier's
  ;; error code when it does not verify. `scratch` holds verify_scratch_size(len) bytes.
  (func (export "digest") (param $buf i32) (param $len i32) (param $scratch i32) (result i64)
    (local $error i32) (local $array i32) (local $n i32) (local $i i32) (local $log i32)
    (local $p i32) (local $end i32) (local $sum i64)
    (local.set $error (call $verify (local.get $buf) (local.get $len) (local.get $scratch)))
    (if (local.get $error)
      (then (return (i64.sub (i64.const 0) (i64.extend_i32_u (local.get $error))))))
    (local.set $array (call $logs (local.get $buf) (call $root (local.get $buf))))
    (local.set $n (call $len (local.get $buf) (local.get $array)))
    (block $done
      (loop $record
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $log (call $get (local.get $buf) (local.get $array) (local.get $i)))
        (local.set $sum (i64.add (local.get $sum)
          (i64.add (call $size (local.get $buf) (local.get $log))
            (i64.extend_i32_u
              (i32.add (call $code (local.get $buf) (local.get $log))
                (i32.add
                  (i32.add (call $x0 (local.get $buf) (local.get $log)) (call $x1 (local.get $buf) (local.get $log)))
                  (i32.add
                    (i32.add (call $x2 (local.get $buf) (local.get $log)) (call $x3 (local.get $buf) (local.get $log)))
                    (call $date_len (local.get $buf) (local.get $log)))))))))
        ;; Every byte of the request, in place.
        (local.set $p (call $request_ptr (local.get $buf) (local.get $log)))
        (local.set $end (i32.add (local.get $p) (call $request_len (local.get $buf) (local.get $log))))
        (block $bytes_done
          (loop $byte
            (br_if $bytes_done (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $sum (i64.add (local.get $sum) (i64.load8_u (local.get $p))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $byte)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $record)))
    (local.get $sum))

  ;; A store into the region: it is mapped read-only, so this traps (tests/pipeline.rs).
  (func (export "scribble") (param $at i32)
    (i32.store8 (local.get $at) (i32.const 1))))
