  ;; =====================================================================================
  ;; Runtime: written once by hand (compiler/codegen-wasm/src/runtime.wat), the same in every
  ;; generated module. It calls the schema's generated functions $wxl:schema.identifier,
  ;; $wxl:schema.root, $wxl:type.shape, $wxl:subtype, $wxl:check.body and $wxl:load.item.
  ;; Function ids: `$wxl:...` for the runtime and the dispatchers, `$T.field...` for the
  ;; accessors (as their export names), `$check:T`, `$is:N`, `$load:T`, `$store:T`... for
  ;; the per-type helpers. Schema names cannot contain `:`, so the three never collide.
  ;;
  ;; Error codes (LAYOUT.md §6):
  ;;    1 BUFFER_TOO_SHORT        2 BUFFER_TOO_LONG        3 LENGTH_NOT_MULTIPLE_OF_4
  ;;    4 BAD_MAGIC               5 BAD_VERSION            6 BAD_FLAGS
  ;;    7 WRONG_IDENTIFIER        8 BAD_PADDING            9 UNKNOWN_TYPE
  ;;   10 NON_CANONICAL_LENGTH   11 MISALIGNED_BODY       12 OBJECT_OUT_OF_BOUNDS
  ;;   13 INVALID_BOOL           14 INVALID_ENUM          15 NULL_REF
  ;;   16 REF_NOT_BACKWARD       17 REF_NOT_OBJECT_START  18 REF_TYPE_MISMATCH
  ;;   19 REQUIRED_FIELD_ABSENT  20 INVALID_UTF8          21 ROOT_INVALID
  ;; Kinds returned by $wxl:type.shape: 0 unknown, 1 string, 2 bytes, 3 struct, 4 array.
  ;; Reference check modes ($wxl:v.ref): 0 a schema type, 1 string, 2 bytes, 3 struct, 4 array,
  ;; 5 any/eq, 6 i31, 7 none; plus 8 when the reference is nullable.
  ;; =====================================================================================

  ;; ---- verifier state: set by verify_with for the body checks --------------------------
  (global $v.buf (mut i32) (i32.const 0))   ;; address of the buffer being verified
  (global $v.len (mut i32) (i32.const 0))   ;; its length
  (global $v.bits (mut i32) (i32.const 0))  ;; address of the bitmap of tag words (scratch)
  (global $v.err (mut i32) (i32.const 0))   ;; offset of the last error

  ;; Records the offset of an error; returns its code.
  (func $wxl:fail (param $code i32) (param $at i32) (result i32)
    (global.set $v.err (local.get $at))
    (local.get $code))

  ;; The offset LAYOUT.md §6 reports for the last error verify returned (0 after success).
  (func $wxl:verify_error_offset (export "verify_error_offset") (result i32)
    (global.get $v.err))

  ;; The scratch verify needs for a buffer of $len bytes: one bit per 4-byte word,
  ;; ceil(len / 32) bytes, any alignment.
  (func $wxl:verify_scratch_size (export "verify_scratch_size") (param $len i32) (result i32)
    (i32.add
      (i32.shr_u (local.get $len) (i32.const 5))
      (i32.ne (i32.and (local.get $len) (i32.const 31)) (i32.const 0))))

  ;; Whether the 4-aligned offset $pos (below the length) is a tag word already passed.
  (func $wxl:marked (param $pos i32) (result i32)
    (i32.and
      (i32.shr_u
        (i32.load8_u (i32.add (global.get $v.bits) (i32.shr_u (local.get $pos) (i32.const 5))))
        (i32.and (i32.shr_u (local.get $pos) (i32.const 2)) (i32.const 7)))
      (i32.const 1)))

  ;; verify(ptr, len, scratch): the buffer of $len bytes at $ptr against the schema, its root
  ;; type, no identifier check. 0 if it is valid, else the error code.
  (func $wxl:verify (export "verify") (param $ptr i32) (param $len i32) (param $scratch i32) (result i32)
    (call $wxl:verify_with (local.get $ptr) (local.get $len) (local.get $scratch) (i32.const 0) (i32.const 0)))

  ;; verify_with(ptr, len, scratch, root, check_identifier): $root is the type id the root
  ;; must have (or a subtype of it), 0 for the schema's root type (any object when the schema
  ;; has none); a nonzero $check_identifier also checks the schema's identifier.
  (func $wxl:verify_with (export "verify_with")
    (param $ptr i32) (param $len i32) (param $scratch i32) (param $root i32) (param $check_identifier i32)
    (result i32)
    (local $pos i32) (local $next i32) (local $zeros i32) (local $tag i32) (local $code i32) (local $v i32)
    (global.set $v.err (i32.const 0))
    ;; §3: the length
    (if (i32.lt_u (local.get $len) (i32.const 16))
      (then (return (call $wxl:fail (i32.const 1) (i32.const 0)))))
    (if (i32.gt_u (local.get $len) (i32.const 0xFFFF_FFFC))
      (then (return (call $wxl:fail (i32.const 2) (i32.const 0)))))
    (if (i32.and (local.get $len) (i32.const 3))
      (then (return (call $wxl:fail (i32.const 3) (i32.const 0)))))
    ;; §3: magic "WXL\0", version 1, flags 0, identifier
    (if (i32.ne (i32.load (local.get $ptr)) (i32.const 0x004C_5857))
      (then (return (call $wxl:fail (i32.const 4) (i32.const 0)))))
    (if (i32.ne (i32.load16_u offset=4 (local.get $ptr)) (i32.const 1))
      (then (return (call $wxl:fail (i32.const 5) (i32.const 4)))))
    (if (i32.load16_u offset=6 (local.get $ptr))
      (then (return (call $wxl:fail (i32.const 6) (i32.const 6)))))
    (if (local.get $check_identifier)
      (then
        (if (i32.ne (i32.load offset=8 (local.get $ptr)) (call $wxl:schema.identifier))
          (then (return (call $wxl:fail (i32.const 7) (i32.const 8)))))))
    ;; §6 step 2: the items, front to back
    (global.set $v.buf (local.get $ptr))
    (global.set $v.len (local.get $len))
    (global.set $v.bits (local.get $scratch))
    (memory.fill (local.get $scratch) (i32.const 0) (call $wxl:verify_scratch_size (local.get $len)))
    (local.set $pos (i32.const 16))
    (block $end
      (loop $item
        (br_if $end (i32.ge_u (local.get $pos) (local.get $len)))
        (local.set $tag (i32.load (i32.add (local.get $ptr) (local.get $pos))))
        (if (i32.eqz (local.get $tag))
          (then
            ;; a padding word: at most 3 in a row
            (local.set $zeros (i32.add (local.get $zeros) (i32.const 1)))
            (if (i32.gt_u (local.get $zeros) (i32.const 3))
              (then (return (call $wxl:fail (i32.const 8) (local.get $pos)))))
            (local.set $pos (i32.add (local.get $pos) (i32.const 4)))
            (br $item)))
        (local.set $zeros (i32.const 0))
        (call $wxl:v.object (local.get $pos) (local.get $tag))
        (local.set $next)
        (local.set $code)
        (if (local.get $code) (then (return (local.get $code))))
        (local.set $pos (local.get $next))
        (br $item)))
    ;; the buffer must not end with padding
    (if (local.get $zeros)
      (then (return (call $wxl:fail (i32.const 8) (i32.sub (local.get $len) (i32.const 4))))))
    ;; §6 step 3: the root reference, a tag word of the root type or a subtype
    (local.set $v (i32.load offset=12 (local.get $ptr)))
    (if (i32.or
          (i32.or (i32.eqz (local.get $v)) (i32.and (local.get $v) (i32.const 3)))
          (i32.ge_u (local.get $v) (local.get $len)))
      (then (return (call $wxl:fail (i32.const 21) (i32.const 12)))))
    (if (i32.eqz (call $wxl:marked (local.get $v)))
      (then (return (call $wxl:fail (i32.const 21) (i32.const 12)))))
    (if (i32.eqz (local.get $root))
      (then (local.set $root (call $wxl:schema.root))))
    (if (local.get $root)
      (then
        (if (i32.eqz
              (call $wxl:subtype (i32.load16_u (i32.add (local.get $ptr) (local.get $v))) (local.get $root)))
          (then (return (call $wxl:fail (i32.const 21) (i32.const 12)))))))
    (i32.const 0))

  ;; One object whose nonzero tag word is at $pos: (0, offset of the next item), or
  ;; (error code, 0). Checks in pass order: UNKNOWN_TYPE, NON_CANONICAL_LENGTH,
  ;; MISALIGNED_BODY, OBJECT_OUT_OF_BOUNDS, BAD_PADDING (tail), the body.
  (func $wxl:v.object (param $pos i32) (param $tag i32) (result i32 i32)
    (local $kind i32) (local $align i32) (local $unit i32) (local $count i32) (local $body i32)
    (local $end i64) (local $padded i64) (local $used i32) (local $rest i32) (local $code i32)
    (local $p i32) (local $q i32) (local $ascii i32)
    (call $wxl:type.shape (i32.and (local.get $tag) (i32.const 0xFFFF)))
    (local.set $unit)
    (local.set $align)
    (local.set $kind)
    (if (i32.eqz (local.get $kind))
      (then (return (call $wxl:fail (i32.const 9) (local.get $pos)) (i32.const 0))))
    (local.set $count (i32.shr_u (local.get $tag) (i32.const 16)))
    (local.set $body (i32.add (local.get $pos) (i32.const 4)))
    (if (i32.eq (local.get $count) (i32.const 0xFFFF))
      (then
        (local.set $body (i32.add (local.get $pos) (i32.const 8)))
        (if (i32.gt_u (local.get $pos) (i32.sub (global.get $v.len) (i32.const 8)))
          (then
            ;; the long length word itself lies past the end
            (if (i32.and (local.get $body) (i32.sub (local.get $align) (i32.const 1)))
              (then (return (call $wxl:fail (i32.const 11) (local.get $pos)) (i32.const 0))))
            (return (call $wxl:fail (i32.const 12) (local.get $pos)) (i32.const 0))))
        (local.set $count (i32.load offset=4 (i32.add (global.get $v.buf) (local.get $pos))))
        (if (i32.lt_u (local.get $count) (i32.const 0xFFFF))
          (then
            (return (call $wxl:fail (i32.const 10) (i32.add (local.get $pos) (i32.const 4))) (i32.const 0))))))
    (if (i32.and (local.get $body) (i32.sub (local.get $align) (i32.const 1)))
      (then (return (call $wxl:fail (i32.const 11) (local.get $pos)) (i32.const 0))))
    ;; body size = count * unit, in 64 bits
    (local.set $end
      (i64.add
        (i64.extend_i32_u (local.get $body))
        (i64.mul (i64.extend_i32_u (local.get $count)) (i64.extend_i32_u (local.get $unit)))))
    (local.set $padded (i64.and (i64.add (local.get $end) (i64.const 3)) (i64.const -4)))
    (if (i64.gt_u (local.get $padded) (i64.extend_i32_u (global.get $v.len)))
      (then (return (call $wxl:fail (i32.const 12) (local.get $pos)) (i32.const 0))))
    ;; the 0..3 bytes after the body are zero
    (local.set $used (i32.and (i32.wrap_i64 (local.get $end)) (i32.const 3)))
    (if (local.get $used)
      (then
        (local.set $rest
          (i32.shr_u
            (i32.load (i32.add (global.get $v.buf)
                               (i32.sub (i32.wrap_i64 (local.get $end)) (local.get $used))))
            (i32.shl (local.get $used) (i32.const 3))))
        (if (local.get $rest)
          (then
            (return
              (call $wxl:fail (i32.const 8)
                (i32.add (i32.wrap_i64 (local.get $end)) (i32.shr_u (i32.ctz (local.get $rest)) (i32.const 3))))
              (i32.const 0))))))
    ;; the body: UTF-8 for a string, the schema's checks for a struct or an array
    (if (i32.eq (local.get $kind) (i32.const 1))
      (then
        ;; ASCII words first (the tail padding is zero, so whole words up to it), else UTF-8
        (local.set $p (i32.add (global.get $v.buf) (local.get $body)))
        (local.set $q (i32.add (global.get $v.buf) (i32.wrap_i64 (local.get $padded))))
        (local.set $ascii (i32.const 0))
        (block $words
          (loop $word
            (br_if $words (i32.ge_u (local.get $p) (local.get $q)))
            (local.set $ascii (i32.or (local.get $ascii) (i32.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $word)))
        (if (i32.and (local.get $ascii) (i32.const 0x8080_8080))
          (then
            (if (i32.eqz (call $wxl:utf8 (i32.add (global.get $v.buf) (local.get $body)) (local.get $count)))
              (then (return (call $wxl:fail (i32.const 20) (local.get $body)) (i32.const 0))))))))
    (if (i32.ge_u (local.get $kind) (i32.const 3))
      (then
        (local.set $code
          (call $wxl:check.body (i32.and (local.get $tag) (i32.const 0xFFFF))
                            (local.get $body) (local.get $pos) (local.get $count)))
        (if (local.get $code) (then (return (local.get $code) (i32.const 0))))))
    ;; mark the tag word in the bitmap
    (local.set $p (i32.add (global.get $v.bits) (i32.shr_u (local.get $pos) (i32.const 5))))
    (i32.store8 (local.get $p)
      (i32.or
        (i32.load8_u (local.get $p))
        (i32.shl (i32.const 1) (i32.and (i32.shr_u (local.get $pos) (i32.const 2)) (i32.const 7)))))
    (i32.const 0)
    (i32.wrap_i64 (local.get $padded)))

  ;; The reference stored at offset $at by the object whose tag word is at $h, in the order
  ;; of LAYOUT.md §6: null, i31, v & 3 == 2, backward, tag word, type. $mode: see above;
  ;; $want: the type id for mode 0. Returns 0 or the error code.
  (func $wxl:v.ref (param $at i32) (param $h i32) (param $mode i32) (param $want i32) (result i32)
    (local $v i32) (local $id i32) (local $heap i32) (local $kind i32)
    (local.set $v (i32.load (i32.add (global.get $v.buf) (local.get $at))))
    (local.set $heap (i32.and (local.get $mode) (i32.const 7)))
    (if (i32.eqz (local.get $v))
      (then
        (if (i32.and (local.get $mode) (i32.const 8)) (then (return (i32.const 0))))
        (return (call $wxl:fail (i32.const 15) (local.get $at)))))
    (if (i32.and (local.get $v) (i32.const 1))
      (then
        (if (i32.or (i32.eq (local.get $heap) (i32.const 5)) (i32.eq (local.get $heap) (i32.const 6)))
          (then (return (i32.const 0))))
        (return (call $wxl:fail (i32.const 18) (local.get $at)))))
    (if (i32.and (local.get $v) (i32.const 2))
      (then (return (call $wxl:fail (i32.const 17) (local.get $at)))))
    (if (i32.ge_u (local.get $v) (local.get $h))
      (then (return (call $wxl:fail (i32.const 16) (local.get $at)))))
    (if (i32.eqz (call $wxl:marked (local.get $v)))
      (then (return (call $wxl:fail (i32.const 17) (local.get $at)))))
    (local.set $id (i32.load16_u (i32.add (global.get $v.buf) (local.get $v))))
    (block $accepted
      (block $rejected
        (block $none
          (block $i31
            (block $any
              (block $array
                (block $struct
                  (block $bytes
                    (block $string
                      (block $type
                        (br_table $type $string $bytes $struct $array $any $i31 $none (local.get $heap)))
                      ;; 0: a schema type or one of its subtypes
                      (br_if $accepted (call $wxl:subtype (local.get $id) (local.get $want)))
                      (br $rejected))
                    ;; 1: string
                    (br_if $accepted (i32.eq (local.get $id) (i32.const 1)))
                    (br $rejected))
                  ;; 2: bytes
                  (br_if $accepted (i32.eq (local.get $id) (i32.const 2)))
                  (br $rejected))
                ;; 3: any struct
                (call $wxl:type.shape (local.get $id))
                (drop)
                (drop)
                (br_if $accepted (i32.eq (i32.const 3)))
                (br $rejected))
              ;; 4: any array, string or bytes
              (call $wxl:type.shape (local.get $id))
              (drop)
              (drop)
              (local.set $kind)
              (br_if $accepted (i32.or (i32.eq (local.get $kind) (i32.const 4))
                                       (i32.or (i32.eq (local.get $kind) (i32.const 1))
                                               (i32.eq (local.get $kind) (i32.const 2)))))
              (br $rejected))
            ;; 5: any object
            (br $accepted))
          ;; 6: i31 values only
          (br $rejected))
        ;; 7: null only
        (br $rejected))
      (return (call $wxl:fail (i32.const 18) (local.get $at))))
    (i32.const 0))

  ;; $wxl:v.ref for a heap type that accepts exactly one type id $want (string, bytes, a
  ;; type without subtypes): the same checks in the same order, without the dispatch.
  (func $wxl:v.ref.exact (param $at i32) (param $h i32) (param $nullable i32) (param $want i32) (result i32)
    (local $v i32)
    (local.set $v (i32.load (i32.add (global.get $v.buf) (local.get $at))))
    (if (i32.eqz (local.get $v))
      (then
        (if (local.get $nullable) (then (return (i32.const 0))))
        (return (call $wxl:fail (i32.const 15) (local.get $at)))))
    (if (i32.and (local.get $v) (i32.const 1))
      (then (return (call $wxl:fail (i32.const 18) (local.get $at)))))
    (if (i32.and (local.get $v) (i32.const 2))
      (then (return (call $wxl:fail (i32.const 17) (local.get $at)))))
    (if (i32.ge_u (local.get $v) (local.get $h))
      (then (return (call $wxl:fail (i32.const 16) (local.get $at)))))
    ;; the bitmap bit of the target's word
    (if (i32.eqz
          (i32.and
            (i32.shr_u
              (i32.load8_u (i32.add (global.get $v.bits) (i32.shr_u (local.get $v) (i32.const 5))))
              (i32.and (i32.shr_u (local.get $v) (i32.const 2)) (i32.const 7)))
            (i32.const 1)))
      (then (return (call $wxl:fail (i32.const 17) (local.get $at)))))
    (if (i32.ne (i32.load16_u (i32.add (global.get $v.buf) (local.get $v))) (local.get $want))
      (then (return (call $wxl:fail (i32.const 18) (local.get $at)))))
    (i32.const 0))

  ;; The bool bytes of an array body: the first byte above 1 is INVALID_BOOL.
  (func $wxl:v.bools (param $body i32) (param $count i32) (result i32)
    (local $p i32) (local $end i32)
    (local.set $p (i32.add (global.get $v.buf) (local.get $body)))
    (local.set $end (i32.add (local.get $p) (local.get $count)))
    (block $slow
      (loop $fast
        (br_if $slow (i32.lt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 8)))
        (br_if $slow (i64.ne (i64.and (i64.load (local.get $p)) (i64.const 0xFEFE_FEFE_FEFE_FEFE))
                             (i64.const 0)))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $fast)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (if (i32.gt_u (i32.load8_u (local.get $p)) (i32.const 1))
          (then (return (call $wxl:fail (i32.const 13) (i32.sub (local.get $p) (global.get $v.buf))))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $each)))
    (i32.const 0))

  ;; Whether the $n bytes at address $p are valid UTF-8 (the rules of Rust's str::from_utf8:
  ;; no overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequence).
  (func $wxl:utf8 (param $p i32) (param $n i32) (result i32)
    (local $end i32) (local $b i32) (local $c i32)
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (block $bad
      (loop $next
        ;; ASCII, 8 bytes at a time
        (block $slow
          (loop $fast
            (br_if $slow (i32.lt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 8)))
            (br_if $slow (i64.ne (i64.and (i64.load (local.get $p)) (i64.const 0x8080_8080_8080_8080))
                                 (i64.const 0)))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (br $fast)))
        (if (i32.ge_u (local.get $p) (local.get $end)) (then (return (i32.const 1))))
        (local.set $b (i32.load8_u (local.get $p)))
        (if (i32.lt_u (local.get $b) (i32.const 0x80))
          (then
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $next)))
        (br_if $bad (i32.lt_u (local.get $b) (i32.const 0xC2)))
        (if (i32.lt_u (local.get $b) (i32.const 0xE0))
          (then
            ;; two bytes: C2..DF 80..BF
            (br_if $bad (i32.lt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 2)))
            (br_if $bad (i32.ne (i32.and (i32.load8_u offset=1 (local.get $p)) (i32.const 0xC0)) (i32.const 0x80)))
            (local.set $p (i32.add (local.get $p) (i32.const 2)))
            (br $next)))
        (if (i32.lt_u (local.get $b) (i32.const 0xF0))
          (then
            ;; three bytes: E0 A0..BF, E1..EC 80..BF, ED 80..9F, EE..EF 80..BF; then 80..BF
            (br_if $bad (i32.lt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 3)))
            (local.set $c (i32.load8_u offset=1 (local.get $p)))
            (br_if $bad (i32.and (i32.eq (local.get $b) (i32.const 0xE0)) (i32.lt_u (local.get $c) (i32.const 0xA0))))
            (br_if $bad (i32.and (i32.eq (local.get $b) (i32.const 0xED)) (i32.gt_u (local.get $c) (i32.const 0x9F))))
            (br_if $bad (i32.ne (i32.and (local.get $c) (i32.const 0xC0)) (i32.const 0x80)))
            (br_if $bad (i32.ne (i32.and (i32.load8_u offset=2 (local.get $p)) (i32.const 0xC0)) (i32.const 0x80)))
            (local.set $p (i32.add (local.get $p) (i32.const 3)))
            (br $next)))
        ;; four bytes: F0 90..BF, F1..F3 80..BF, F4 80..8F; then 80..BF twice
        (br_if $bad (i32.gt_u (local.get $b) (i32.const 0xF4)))
        (br_if $bad (i32.lt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 4)))
        (local.set $c (i32.load8_u offset=1 (local.get $p)))
        (br_if $bad (i32.and (i32.eq (local.get $b) (i32.const 0xF0)) (i32.lt_u (local.get $c) (i32.const 0x90))))
        (br_if $bad (i32.and (i32.eq (local.get $b) (i32.const 0xF4)) (i32.gt_u (local.get $c) (i32.const 0x8F))))
        (br_if $bad (i32.ne (i32.and (local.get $c) (i32.const 0xC0)) (i32.const 0x80)))
        (br_if $bad (i32.ne (i32.and (i32.load8_u offset=2 (local.get $p)) (i32.const 0xC0)) (i32.const 0x80)))
        (br_if $bad (i32.ne (i32.and (i32.load8_u offset=3 (local.get $p)) (i32.const 0xC0)) (i32.const 0x80)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $next)))
    (i32.const 0))

  ;; ---- reading -----------------------------------------------------------------------
  ;; Accessors trust a verified buffer: they never check types, only that $obj is an object
  ;; reference (nonzero, 4-aligned), and trap like struct.get on null otherwise.

  ;; The object at offset $obj of the buffer at $buf: (address of its body, its length: the
  ;; stored size of a struct, the element count of an array, the byte count of a string).
  (func $wxl:open (param $buf i32) (param $obj i32) (result i32 i32)
    (local $a i32) (local $n i32)
    (if (i32.or (i32.eqz (local.get $obj)) (i32.and (local.get $obj) (i32.const 3)))
      (then (unreachable)))
    (local.set $a (i32.add (local.get $buf) (local.get $obj)))
    (local.set $n (i32.shr_u (i32.load (local.get $a)) (i32.const 16)))
    (if (i32.eq (local.get $n) (i32.const 0xFFFF))
      (then (return (i32.add (local.get $a) (i32.const 8)) (i32.load offset=4 (local.get $a)))))
    (i32.add (local.get $a) (i32.const 4))
    (local.get $n))

  ;; root(buf): the offset of the root object.
  (func $wxl:root (export "root") (param $buf i32) (result i32)
    (i32.load offset=12 (local.get $buf)))

  ;; type_id(buf, obj): the type id in the object's tag word (1 string, 2 bytes, 16.. schema).
  (func $wxl:type_id (export "type_id") (param $buf i32) (param $obj i32) (result i32)
    (if (i32.or (i32.eqz (local.get $obj)) (i32.and (local.get $obj) (i32.const 3)))
      (then (unreachable)))
    (i32.load16_u (i32.add (local.get $buf) (local.get $obj))))

  ;; string.ptr / string.len (and bytes.*): the address and byte count of the contents.
  (func $wxl:string.ptr (export "string.ptr") (export "bytes.ptr") (param $buf i32) (param $obj i32) (result i32)
    (call $wxl:open (local.get $buf) (local.get $obj))
    (drop))
  (func $wxl:string.len (export "string.len") (export "bytes.len") (param $buf i32) (param $obj i32) (result i32)
    (local $n i32)
    (call $wxl:open (local.get $buf) (local.get $obj))
    (local.set $n)
    (drop)
    (local.get $n))

  ;; string.test / bytes.test(buf, v): whether reference $v is a string (a byte string).
  (func $wxl:string.test (export "string.test") (param $buf i32) (param $v i32) (result i32)
    (call $wxl:is.id (local.get $buf) (local.get $v) (i32.const 1)))
  (func $wxl:bytes.test (export "bytes.test") (param $buf i32) (param $v i32) (result i32)
    (call $wxl:is.id (local.get $buf) (local.get $v) (i32.const 2)))
  (func $wxl:is.id (param $buf i32) (param $v i32) (param $id i32) (result i32)
    (if (i32.or (i32.eqz (local.get $v)) (i32.and (local.get $v) (i32.const 3)))
      (then (return (i32.const 0))))
    (i32.eq (i32.load16_u (i32.add (local.get $buf) (local.get $v))) (local.get $id)))

  ;; i31.test(v), i31.get_s(v), i31.get_u(v): the i31 values abstract references may hold.
  (func $wxl:i31.test (export "i31.test") (param $v i32) (result i32)
    (i32.and (local.get $v) (i32.const 1)))
  (func $wxl:i31.get_s (export "i31.get_s") (param $v i32) (result i32)
    (i32.shr_s (local.get $v) (i32.const 1)))
  (func $wxl:i31.get_u (export "i31.get_u") (param $v i32) (result i32)
    (i32.shr_u (local.get $v) (i32.const 1)))

  ;; ---- building ----------------------------------------------------------------------
  ;; One buffer at a time per instance, written front to back into the caller's region.
  (global $b.base (mut i32) (i32.const 0))    ;; address of the region
  (global $b.cap (mut i32) (i32.const 0))     ;; its capacity (at most 0xFFFF_FFFC)
  (global $b.pos (mut i32) (i32.const 0))     ;; bytes written so far
  (global $b.failed (mut i32) (i32.const 0))  ;; out of space or bad input: finish returns 0
  (global $b.body (mut i32) (i32.const 0))    ;; address of the body of the last object

  ;; build.begin(ptr, cap): start a buffer in the $cap bytes at $ptr (16-aligned if readers
  ;; want aligned typed slices). 1 if the header fits, else 0.
  (func $wxl:build.begin (export "build.begin") (param $ptr i32) (param $cap i32) (result i32)
    (global.set $b.base (local.get $ptr))
    (global.set $b.cap
      (select (i32.const 0xFFFF_FFFC) (local.get $cap) (i32.gt_u (local.get $cap) (i32.const 0xFFFF_FFFC))))
    (global.set $b.pos (i32.const 16))
    (global.set $b.failed (i32.lt_u (local.get $cap) (i32.const 16)))
    (global.set $b.body (i32.const 0))
    (call $wxl:s.reset)
    (i32.eqz (global.get $b.failed)))

  ;; build.len(): bytes written so far (the header included).
  (func $wxl:build.len (export "build.len") (result i32)
    (global.get $b.pos))

  ;; build.finish(root): write the header (magic, version 1, flags 0, the schema's
  ;; identifier, the root reference); the buffer's length, or 0 if a step failed.
  (func $wxl:build.finish (export "build.finish") (param $root i32) (result i32)
    (if (global.get $b.failed) (then (return (i32.const 0))))
    (i32.store (global.get $b.base) (i32.const 0x004C_5857))
    (i32.store offset=4 (global.get $b.base) (i32.const 1))
    (i32.store offset=8 (global.get $b.base) (call $wxl:schema.identifier))
    (i32.store offset=12 (global.get $b.base) (local.get $root))
    (global.get $b.pos))

  ;; Appends the padding words and the tag word (with the long length when $len >= 0xFFFF)
  ;; of an object whose body is $bytes long and $align-aligned; zeroes its body ($zero) or
  ;; only its tail padding. Returns the object's offset (0 on failure); sets $b.body.
  (func $wxl:b.object (param $id i32) (param $len i32) (param $align i32) (param $bytes i64) (param $zero i32)
    (result i32)
    (local $hdr i32) (local $pad i32) (local $obj i32) (local $body i64) (local $padded i64) (local $at i32)
    (if (global.get $b.failed) (then (return (i32.const 0))))
    (local.set $hdr (select (i32.const 8) (i32.const 4) (i32.ge_u (local.get $len) (i32.const 0xFFFF))))
    ;; the fewest padding words that align the body
    (local.set $pad
      (i32.and
        (i32.sub (i32.const 0) (i32.add (global.get $b.pos) (local.get $hdr)))
        (i32.sub (local.get $align) (i32.const 1))))
    (local.set $body
      (i64.add (i64.extend_i32_u (global.get $b.pos))
               (i64.extend_i32_u (i32.add (local.get $pad) (local.get $hdr)))))
    (local.set $padded
      (i64.and (i64.add (i64.add (local.get $body) (local.get $bytes)) (i64.const 3)) (i64.const -4)))
    (if (i64.gt_u (local.get $padded) (i64.extend_i32_u (global.get $b.cap)))
      (then
        (global.set $b.failed (i32.const 1))
        (return (i32.const 0))))
    (memory.fill (i32.add (global.get $b.base) (global.get $b.pos)) (i32.const 0) (local.get $pad))
    (local.set $obj (i32.add (global.get $b.pos) (local.get $pad)))
    (local.set $at (i32.add (global.get $b.base) (local.get $obj)))
    (if (i32.eq (local.get $hdr) (i32.const 8))
      (then
        (i32.store (local.get $at) (i32.or (local.get $id) (i32.const 0xFFFF_0000)))
        (i32.store offset=4 (local.get $at) (local.get $len)))
      (else
        (i32.store (local.get $at) (i32.or (local.get $id) (i32.shl (local.get $len) (i32.const 16))))))
    (global.set $b.body (i32.add (local.get $at) (local.get $hdr)))
    (if (local.get $zero)
      (then
        (memory.fill (global.get $b.body) (i32.const 0)
          (i32.wrap_i64 (i64.sub (local.get $padded) (local.get $body)))))
      (else
        (if (i64.gt_u (local.get $padded) (local.get $body))
          (then
            (i32.store (i32.sub (i32.add (global.get $b.base) (i32.wrap_i64 (local.get $padded))) (i32.const 4))
                       (i32.const 0))))))
    (global.set $b.pos (i32.wrap_i64 (local.get $padded)))
    (local.get $obj))

  ;; string.new(src, len) / bytes.new(src, len): copy $len bytes from address $src (which
  ;; must not overlap the region past build.len()); string.new fails on invalid UTF-8.
  (func $wxl:string.new (export "string.new") (param $src i32) (param $len i32) (result i32)
    (if (i32.eqz (call $wxl:utf8 (local.get $src) (local.get $len)))
      (then
        (global.set $b.failed (i32.const 1))
        (return (i32.const 0))))
    (call $wxl:b.copy (i32.const 1) (i32.const 4) (i32.const 1) (local.get $src) (local.get $len)))
  (func $wxl:bytes.new (export "bytes.new") (param $src i32) (param $len i32) (result i32)
    (call $wxl:b.copy (i32.const 2) (i32.const 4) (i32.const 1) (local.get $src) (local.get $len)))

  ;; An object of type $id holding $count units of $unit bytes copied from $src.
  (func $wxl:b.copy (param $id i32) (param $align i32) (param $unit i32) (param $src i32) (param $count i32)
    (result i32)
    (local $obj i32) (local $bytes i64)
    (local.set $bytes (i64.mul (i64.extend_i32_u (local.get $count)) (i64.extend_i32_u (local.get $unit))))
    (local.set $obj
      (call $wxl:b.object (local.get $id) (local.get $count) (local.get $align) (local.get $bytes) (i32.const 0)))
    (if (local.get $obj)
      (then (memory.copy (global.get $b.body) (local.get $src) (i32.wrap_i64 (local.get $bytes)))))
    (local.get $obj))

  ;; An array of type $id with $count zeroed elements of $unit bytes.
  (func $wxl:b.zeroed (param $id i32) (param $align i32) (param $unit i32) (param $count i32) (result i32)
    (call $wxl:b.object (local.get $id) (local.get $count) (local.get $align)
      (i64.mul (i64.extend_i32_u (local.get $count)) (i64.extend_i32_u (local.get $unit)))
      (i32.const 1)))

  ;; ---- the WASM GC bridge: loading -------------------------------------------------------
  ;; Objects are materialized in one forward pass from offset 16 to the requested object
  ;; (children come before parents, so each reference finds its target made), remembered by
  ;; offset in $l.memo: a shared object becomes one GC object. Nothing recurses.
  (global $l.memo (mut (ref null $wxl.eqs)) (ref.null $wxl.eqs))
  (global $l.buf (mut i32) (i32.const 0))

  (func $wxl:load (param $buf i32) (param $obj i32) (result eqref)
    (local $pos i32) (local $tag i32) (local $made eqref)
    (if (i32.or (i32.eqz (local.get $obj)) (i32.and (local.get $obj) (i32.const 3)))
      (then (unreachable)))
    (global.set $l.buf (local.get $buf))
    (global.set $l.memo
      (array.new_default $wxl.eqs (i32.add (i32.shr_u (local.get $obj) (i32.const 2)) (i32.const 1))))
    (local.set $pos (i32.const 16))
    (loop $item
      (if (i32.gt_u (local.get $pos) (local.get $obj)) (then (unreachable)))
      (local.set $tag (i32.load (i32.add (local.get $buf) (local.get $pos))))
      (if (i32.eqz (local.get $tag))
        (then
          (local.set $pos (i32.add (local.get $pos) (i32.const 4)))
          (br $item)))
      (local.set $made (call $wxl:load.item (local.get $buf) (local.get $pos) (i32.and (local.get $tag) (i32.const 0xFFFF))))
      (array.set $wxl.eqs (global.get $l.memo) (i32.shr_u (local.get $pos) (i32.const 2)) (local.get $made))
      (if (i32.ne (local.get $pos) (local.get $obj))
        (then
          (local.set $pos (call $wxl:load.next (local.get $buf) (local.get $pos)))
          (br $item))))
    (array.get $wxl.eqs (global.get $l.memo) (i32.shr_u (local.get $obj) (i32.const 2))))

  ;; The offset of the item after the object at $pos.
  (func $wxl:load.next (param $buf i32) (param $pos i32) (result i32)
    (local $body i32) (local $n i32) (local $unit i32)
    (call $wxl:open (local.get $buf) (local.get $pos))
    (local.set $n)
    (local.set $body)
    (call $wxl:type.shape (i32.load16_u (i32.add (local.get $buf) (local.get $pos))))
    (local.set $unit)
    (drop)
    (drop)
    (i32.sub
      (i32.and
        (i32.add (i32.add (local.get $body) (i32.mul (local.get $n) (local.get $unit))) (i32.const 3))
        (i32.const -4))
      (local.get $buf)))

  ;; The GC value of a reference read from the buffer: null, an i31, or the object made for
  ;; its target (traps if that object could not be made, see $wxl:load.item).
  (func $wxl:l.ref (param $v i32) (result eqref)
    (if (i32.eqz (local.get $v)) (then (return (ref.null eq))))
    (if (i32.and (local.get $v) (i32.const 1))
      (then (return (ref.i31 (i32.shr_u (local.get $v) (i32.const 1))))))
    (ref.as_non_null (array.get $wxl.eqs (global.get $l.memo) (i32.shr_u (local.get $v) (i32.const 2)))))

  ;; ---- the WASM GC bridge: storing -------------------------------------------------------
  ;; Objects are written with the builder (build.begin first), children before parents. A
  ;; hash table remembers each object written in this build by identity (ref.eq) and type id,
  ;; so a shared object is written once. GC objects have no identity hash: the hash is made
  ;; of the type id and the immutable scalars of the object (its length for an array), so
  ;; objects alike in those share a bucket.
  (global $s.keys (mut (ref null $wxl.eqs)) (ref.null $wxl.eqs))
  (global $s.hash (mut (ref null $wxl.i32s)) (ref.null $wxl.i32s))
  (global $s.offs (mut (ref null $wxl.i32s)) (ref.null $wxl.i32s))
  (global $s.count (mut i32) (i32.const 0))

  (func $wxl:s.reset
    (global.set $s.keys (ref.null $wxl.eqs))
    (global.set $s.hash (ref.null $wxl.i32s))
    (global.set $s.offs (ref.null $wxl.i32s))
    (global.set $s.count (i32.const 0)))

  (func $wxl:s.mix (param $h i32) (param $x i32) (result i32)
    (i32.mul (i32.xor (i32.rotl (local.get $h) (i32.const 5)) (local.get $x)) (i32.const 0x9E37_79B1)))

  (func $wxl:s.mix64 (param $h i32) (param $x i64) (result i32)
    (call $wxl:s.mix
      (call $wxl:s.mix (local.get $h) (i32.wrap_i64 (local.get $x)))
      (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 32)))))

  ;; The offset where $x was written as type $id in this build, or 0.
  (func $wxl:s.find (param $x eqref) (param $h i32) (param $id i32) (result i32)
    (local $keys (ref $wxl.eqs)) (local $mask i32) (local $i i32) (local $k eqref) (local $o i32)
    (if (ref.is_null (global.get $s.keys)) (then (return (i32.const 0))))
    (local.set $keys (ref.as_non_null (global.get $s.keys)))
    (local.set $mask (i32.sub (array.len (local.get $keys)) (i32.const 1)))
    (local.set $i (i32.and (local.get $h) (local.get $mask)))
    (loop $probe
      (local.set $k (array.get $wxl.eqs (local.get $keys) (local.get $i)))
      (if (ref.is_null (local.get $k)) (then (return (i32.const 0))))
      (if (ref.eq (local.get $k) (local.get $x))
        (then
          (local.set $o (array.get $wxl.i32s (global.get $s.offs) (local.get $i)))
          (if (i32.eq (i32.load16_u (i32.add (global.get $b.base) (local.get $o))) (local.get $id))
            (then (return (local.get $o))))))
      (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (local.get $mask)))
      (br $probe))
    (unreachable))

  ;; Remembers that $x was written at offset $o (a nonzero offset).
  (func $wxl:s.add (param $x eqref) (param $h i32) (param $o i32)
    (local $old (ref null $wxl.eqs)) (local $oldh (ref null $wxl.i32s)) (local $oldo (ref null $wxl.i32s))
    (local $i i32) (local $n i32)
    (if (i32.eqz (local.get $o)) (then (return)))
    (if (ref.is_null (global.get $s.keys))
      (then
        (global.set $s.keys (array.new_default $wxl.eqs (i32.const 64)))
        (global.set $s.hash (array.new_default $wxl.i32s (i32.const 64)))
        (global.set $s.offs (array.new_default $wxl.i32s (i32.const 64)))))
    ;; grow at half full: rehash into twice the slots
    (if (i32.gt_u (i32.shl (i32.add (global.get $s.count) (i32.const 1)) (i32.const 1))
                  (array.len (global.get $s.keys)))
      (then
        (local.set $old (global.get $s.keys))
        (local.set $oldh (global.get $s.hash))
        (local.set $oldo (global.get $s.offs))
        (local.set $n (array.len (local.get $old)))
        (global.set $s.keys (array.new_default $wxl.eqs (i32.shl (local.get $n) (i32.const 1))))
        (global.set $s.hash (array.new_default $wxl.i32s (i32.shl (local.get $n) (i32.const 1))))
        (global.set $s.offs (array.new_default $wxl.i32s (i32.shl (local.get $n) (i32.const 1))))
        (block $done
          (loop $each
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (if (i32.eqz (ref.is_null (array.get $wxl.eqs (local.get $old) (local.get $i))))
              (then
                (call $wxl:s.put
                  (array.get $wxl.eqs (local.get $old) (local.get $i))
                  (array.get $wxl.i32s (local.get $oldh) (local.get $i))
                  (array.get $wxl.i32s (local.get $oldo) (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $each)))))
    (call $wxl:s.put (local.get $x) (local.get $h) (local.get $o))
    (global.set $s.count (i32.add (global.get $s.count) (i32.const 1))))

  (func $wxl:s.put (param $x eqref) (param $h i32) (param $o i32)
    (local $mask i32) (local $i i32)
    (local.set $mask (i32.sub (array.len (global.get $s.keys)) (i32.const 1)))
    (local.set $i (i32.and (local.get $h) (local.get $mask)))
    (block $free
      (loop $probe
        (br_if $free (ref.is_null (array.get $wxl.eqs (global.get $s.keys) (local.get $i))))
        (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (local.get $mask)))
        (br $probe)))
    (array.set $wxl.eqs (global.get $s.keys) (local.get $i) (local.get $x))
    (array.set $wxl.i32s (global.get $s.hash) (local.get $i) (local.get $h))
    (array.set $wxl.i32s (global.get $s.offs) (local.get $i) (local.get $o)))

  ;; The hash of an (array i8) written as type $id: the id, the length, the first byte.
  (func $wxl:s.blob_hash (param $a (ref $bytes)) (param $id i32) (result i32)
    (local $h i32)
    (local.set $h (call $wxl:s.mix (local.get $id) (array.len (local.get $a))))
    (if (array.len (local.get $a))
      (then (local.set $h (call $wxl:s.mix (local.get $h) (array.get_u $bytes (local.get $a) (i32.const 0))))))
    (local.get $h))

  ;; A string ($id 1) or byte string ($id 2) from an (array i8).
  (func $wxl:store.blob (param $x (ref null $bytes)) (param $id i32) (result i32)
    (local $a (ref $bytes)) (local $n i32) (local $h i32) (local $o i32) (local $i i32) (local $p i32)
    (if (ref.is_null (local.get $x)) (then (return (i32.const 0))))
    (local.set $a (ref.as_non_null (local.get $x)))
    (local.set $n (array.len (local.get $a)))
    (local.set $h (call $wxl:s.blob_hash (local.get $a) (local.get $id)))
    (local.set $o (call $wxl:s.find (local.get $a) (local.get $h) (local.get $id)))
    (if (local.get $o) (then (return (local.get $o))))
    (local.set $o
      (call $wxl:b.object (local.get $id) (local.get $n) (i32.const 4) (i64.extend_i32_u (local.get $n)) (i32.const 0)))
    (if (i32.eqz (local.get $o)) (then (return (i32.const 0))))
    (local.set $p (global.get $b.body))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $p) (local.get $i)) (array.get_u $bytes (local.get $a) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (if (i32.and (i32.eq (local.get $id) (i32.const 1))
                 (i32.eqz (call $wxl:utf8 (local.get $p) (local.get $n))))
      (then (global.set $b.failed (i32.const 1))))
    (call $wxl:s.add (local.get $a) (local.get $h) (local.get $o))
    (local.get $o))

  ;; string.store(ref null $string) / bytes.store: write one, or find it written.
  (func $wxl:string.store (export "string.store") (param $x (ref null $string)) (result i32)
    (call $wxl:store.blob (local.get $x) (i32.const 1)))
  (func $wxl:bytes.store (export "bytes.store") (param $x (ref null $bytes)) (result i32)
    (call $wxl:store.blob (local.get $x) (i32.const 2)))

  ;; ===================== end of the runtime template =====================================
