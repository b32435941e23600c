;; source: WebAssembly/spec test/core/gc/extern.wast, module
(module
  (type $ft (func))
  (type $st (struct))
  (type $at (array i8))
)
