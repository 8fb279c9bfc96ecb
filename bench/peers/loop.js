'use strict';
// Peer of bench/programs/loop.coro: sum of i % 7 for i in 0..n, the same while loop.
const run = require('./harness.js');

function loop(n) {
  let i = 0;
  let sum = 0;
  while (i < n) {
    sum += i % 7;
    i += 1;
  }
  return sum;
}

run(loop, 100000000);
