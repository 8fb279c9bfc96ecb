'use strict';
// Steady-state driver for workload 3 (pingpong).
function* acc() { let total = 0; for (;;) { const x = yield total; total += x; } }
require('../harness.js')((n) => { const g = acc(); g.next(); let last = 0; for (let i = 0; i < n; i++) last = g.next(i).value; return last; }, 10000000);
