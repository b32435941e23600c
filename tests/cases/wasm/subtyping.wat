;; Rec groups, finality and supertypes.
(module
  (type $final (struct))
  (type $open (sub (struct (field i32))))
  (type $child (sub $open (struct (field i32) (field $extra i64))))
  (type $sealed (sub final $child (struct (field i32) (field i64) (field f32))))
  (type $by-index (sub 1 (struct (field i32))))
  (rec
    (type $node (sub (struct (field $next (ref null $node)) (field $tree (ref null $tree)))))
    (type $tree (sub final $node (struct (field (ref null $node)) (field (ref null $tree)) (field $leaves (ref $leaves)))))
    (type $leaves (array (mut (ref null $tree))))
  )
  (rec (type $alone (struct (field (ref null $alone)))))
  (rec)
  (type $arr (sub (array i8)))
  (type $arr2 (sub final $arr (array i8)))
)
