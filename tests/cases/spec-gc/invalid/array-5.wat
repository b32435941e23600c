;; expect: unknown type
;; source: WebAssembly/spec test/core/gc/array.wast, assert_invalid
(module (type (array (mut (ref 1)))))
