;; Names: @name annotations, generated names and their clashes, quoted ids, index references.
(module
  (type $type1 (struct (field $field1 i32) (field i32) (field i64)))
  (type (struct (field (ref 0)) (field (ref 1)) (field (ref 2))))
  (type $t (@name "Annotated") (struct (field $f (@name "Field") i32)))
  (type $"with space" (struct (field (ref $t)) (field (ref $"with space"))))
  (type $dotted.name (array (ref null $dotted.name)))
)
