;; Types wxl cannot represent: reported, then skipped or simplified.
(module
  (type $f (func))
  (type $k (cont $f))
  (type $a (sub (struct)))
  (type $b (sub (struct)))
  (type $two (sub $a $b (struct)))
  (type $conts (struct (field (ref null cont)) (field (ref null $k))))
)
