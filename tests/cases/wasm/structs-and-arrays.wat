;; Struct and array types, storage types and references.
(module
  (type $point (struct (field $x f64) (field $y f64)))
  (type $scalars (struct
    (field $a i8) (field $b (mut i16)) (field i32 i64)
    (field f32) (field $d f64) (field v128)))
  (type $refs (struct
    (field $p (ref $point))
    (field $q (ref null $point))
    (field (ref 0) (ref null 1))
    (field $self (mut (ref null $refs)))))
  (type $abstract (struct
    (field (ref any)) (field (ref null eq)) (field (ref i31)) (field (ref null struct))
    (field (ref array)) (field (ref null none)) (field (ref func)) (field (ref null nofunc))
    (field (ref extern)) (field (ref null noextern)) (field (ref exn)) (field (ref null noexn))))
  (type $shorthands (struct
    (field anyref eqref i31ref structref arrayref nullref)
    (field funcref nullfuncref externref nullexternref exnref nullexnref)))
  (type $bytes (array (mut i8)))
  (type $points (array (ref null $point)))
  (type (array i32))
  (type $empty (struct))
)
