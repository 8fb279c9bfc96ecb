'use strict';
// Steady-state driver for workload 1 (pipeline): the same generators as bench/generators/pipeline.coro.
function* count(n) { for (let i = 0; i < n; i++) yield i; }
function* filterEven(src) { for (const x of src) if (x % 2 === 0) yield x; }
function* mapTriple(src) { for (const x of src) yield x * 3; }
require('../harness.js')((n) => { let t = 0; for (const x of mapTriple(filterEven(count(n)))) t += x; return t; }, 10000000);
