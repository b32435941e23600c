;; source: WebAssembly/spec test/core/gc/ref_eq.wast, module
(module
  (type $st (sub (struct)))
  (type $st' (sub (struct (field i32))))
  (type $at (array i8))
  (type $st-sub1 (sub $st (struct)))
  (type $st-sub2 (sub $st (struct)))
  (type $st'-sub1 (sub $st' (struct (field i32))))
  (type $st'-sub2 (sub $st' (struct (field i32))))
)
