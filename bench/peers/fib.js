'use strict';
// Peer of bench/programs/fib.coro: recursive Fibonacci, fib(30) = 832040.
const run = require('./harness.js');

function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

run(fib, 30);
