// The one echo client for every server: N connections, each doing M round trips of a short
// line one after the other; prints round trips per second and p50/p99 latency.
//   node bench/net/client.js PORT N M
const net = require('net');
const [port, n, m] = process.argv.slice(2).map(Number);
const latencies = new Float64Array(n * m);
let filled = 0;

function client(id) {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port, noDelay: true });
    s.setEncoding('utf8');
    let i = 0, sent = 0n, buffered = '';
    const line = `client ${id} ping\n`;
    const next = () => { sent = process.hrtime.bigint(); s.write(line); };
    s.on('connect', next);
    s.on('data', chunk => {
      buffered += chunk;
      while (buffered.includes('\n')) {
        const nl = buffered.indexOf('\n');
        if (buffered.slice(0, nl + 1) !== line) return reject(new Error('bad echo: ' + buffered));
        buffered = buffered.slice(nl + 1);
        latencies[filled++] = Number(process.hrtime.bigint() - sent) / 1e6;
        if (++i === m) { s.end(); return resolve(); }
        next();
      }
    });
    s.on('error', reject);
  });
}

(async () => {
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: n }, (_, id) => client(id)));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  const pct = p => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(3);
  console.log(`${n} clients x ${m} round trips: ${Math.round(n * m / seconds)} req/s, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms (${seconds.toFixed(2)} s)`);
})().catch(e => { console.error(e); process.exit(1); });
