;; expect: unknown type
;; source: WebAssembly/spec test/core/gc/struct.wast, assert_invalid
(module (type (struct (field (ref 1)))))
