// A small static server for the fixture pages, on 127.0.0.1 and a free port.
//
// Every page is served twice: as it is at `/<page>`, and behind a strict
// Content-Security-Policy at `/csp/<page>`. The strict route is the one that matters
// for Chrome: it applies a page's CSP to WebAssembly compiled in a content script,
// which is why the extension's analysis runs in the background.
//
// The server also keeps a log of every request it answered, so a test can check
// that nothing asked for more than the page itself did.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PAGES_DIR = fileURLToPath(new URL('../pages/', import.meta.url));

export const STRICT_CSP = "default-src 'self'; script-src 'self'";

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Starts the server.
 *
 * @param {{root?: string}} [options] folder to serve (default: the fixture pages)
 * @returns {Promise<{url: string, origin: string, requests: {method: string, url: string}[],
 *   pageUrl: (page: string, opts?: {csp?: boolean}) => string, close: () => Promise<void>}>}
 *   `url` ends with a slash; `pageUrl('news-basic.html', {csp: true})` gives the strict route.
 */
export async function startServer({ root = PAGES_DIR } = {}) {
  const rootDir = resolve(root);
  const requests = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method, url: req.url });
    serve(rootDir, req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`server error: ${error.message}`);
    });
  });
  // Browsers keep connections alive; track them so close() does not wait on them.
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
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    origin,
    requests,
    pageUrl: (page, { csp = false } = {}) => `${origin}/${csp ? 'csp/' : ''}${page}`,
    close: () =>
      new Promise((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

async function serve(rootDir, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const headers = { 'cache-control': 'no-store' };
  if (path.startsWith('/csp/')) {
    headers['content-security-policy'] = STRICT_CSP;
    path = path.slice('/csp'.length);
  }
  // Single-page-app fixtures push URLs like /dynamic-spa.html/story-2: serve the page
  // itself, and its relative assets (/dynamic-spa.html/assets/news.css) from the root.
  const spa = path.match(/^(\/[^/]+\.html)(\/.+)$/);
  if (spa) path = (await isFile(join(rootDir, spa[2]))) ? spa[2] : spa[1];
  if (path.endsWith('/')) path += 'index.html';

  const file = normalize(join(rootDir, path));
  if (file !== rootDir && !file.startsWith(rootDir + sep)) {
    res.writeHead(403, { 'content-type': 'text/plain' }).end('outside the served folder');
    return;
  }
  if (!(await isFile(file))) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
    return;
  }
  headers['content-type'] = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  const body = await readFile(file);
  headers['content-length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function isFile(path) {
  const info = await stat(path).catch(() => null);
  return Boolean(info?.isFile());
}
