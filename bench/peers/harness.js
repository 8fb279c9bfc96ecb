'use strict';
// Driver shared by the Node peer benchmarks; same contract as harness.py:
// argv size [iterations]; checksum once on stdout; given iterations, the
// per-iteration times and `median_ms=` of the last half on stderr.
module.exports = function run(main, defaultSize) {
  const argv = process.argv.slice(2);
  const size = argv[0] ? Number(argv[0]) : defaultSize;
  const report = argv.length > 1;
  const iters = report ? Number(argv[1]) : 1;
  const times = [];
  for (let i = 0; i < iters; i++) {
    const t0 = process.hrtime.bigint();
    const result = main(size);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (i === 0) console.log(String(result));
    if (report) console.error(`bench: iteration ${i + 1}: ${times[i].toFixed(1)} ms`);
  }
  if (report) {
    const tail = times.slice(-Math.max(1, Math.floor(iters / 2))).sort((a, b) => a - b);
    const k = tail.length;
    console.error(`median_ms=${((tail[(k - 1) >> 1] + tail[k >> 1]) / 2).toFixed(3)}`);
  }
};
