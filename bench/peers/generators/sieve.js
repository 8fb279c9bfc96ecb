'use strict';
// Steady-state driver for workload 4 (sieve).
function* integersFrom(n) { for (;;) yield n++; }
function* dropMultiples(src, p) { for (const x of src) if (x % p !== 0) yield x; }
require('../harness.js')((count) => {
  let g = integersFrom(2); let total = 0;
  for (let i = 0; i < count; i++) { const p = g.next().value; total += p; g = dropMultiples(g, p); }
  return total;
}, 2000);
