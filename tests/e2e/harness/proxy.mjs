// A recording HTTP proxy on 127.0.0.1 for the privacy test: the browser is told to send
// every request through it (loopback included), it writes each one down, forwards only
// those meant for the local fixture server and refuses everything else, so nothing
// leaves the machine and nothing goes unseen. HTTPS arrives as CONNECT and is refused
// after being recorded.

import { createServer, request as httpRequest } from 'node:http';

/**
 * @param {{allowOrigin: string}} options the fixture server's origin, forwarded as is
 * @returns {Promise<{port: number, url: string, requests: {method: string, url: string}[],
 *   close: () => Promise<void>}>}
 */
export async function startRecordingProxy({ allowOrigin }) {
  const allowed = new URL(allowOrigin);
  const requests = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method, url: req.url });
    let target;
    try {
      target = new URL(req.url);
    } catch {
      res.writeHead(400).end('the proxy takes absolute URLs');
      return;
    }
    if (target.host !== allowed.host || target.protocol !== 'http:') {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('refused by the test proxy');
      return;
    }
    const upstream = httpRequest(
      { host: allowed.hostname, port: allowed.port, method: req.method, path: target.pathname + target.search, headers: req.headers },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket) => {
    requests.push({ method: 'CONNECT', url: req.url });
    // A CONNECT socket is handed over without the HTTP server's error handling: a
    // browser that resets it after the refusal (ECONNRESET) must not crash the test.
    socket.on('error', () => {});
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const { port } = server.address();
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}
