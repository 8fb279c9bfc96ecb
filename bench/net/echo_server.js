// The Node peer of examples/echo_server.coro: every line comes back. Port 0 picks one.
//   node bench/net/echo_server.js [port]
const net = require('net');
const port = Number(process.argv[2] || 7000);
const server = net.createServer({ noDelay: true }, socket => {
  let pending = '';
  socket.setEncoding('utf8');
  socket.on('data', chunk => {
    pending += chunk;
    let nl;
    let out = '';
    while ((nl = pending.indexOf('\n')) >= 0) {
      out += pending.slice(0, nl + 1);
      pending = pending.slice(nl + 1);
    }
    if (out) socket.write(out);
  });
  socket.on('error', () => {});
  socket.on('end', () => socket.end());
});
server.listen({ host: '127.0.0.1', port, backlog: 1024 }, () => {
  console.log(`listening on 127.0.0.1:${server.address().port}`);
});
