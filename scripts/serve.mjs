#!/usr/bin/env node
// A small static server for the demo pages and benchmarks: serves the repo
// root (so pages load /dist/verklet.js), with `/verklet-sw.js` at the root
// scope as a site would, and COOP/COEP headers on the paths that ask for
// isolation (`/demo/isolated/...` or every path with --isolated).
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

export function startServer({ port = 0, host = '127.0.0.1', isolated = false, root = fileURLToPath(new URL('..', import.meta.url)) } = {}) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let path = decodeURIComponent(url.pathname);
    if (path === '/') {
      res.writeHead(302, { location: '/demo/' });
      return res.end();
    }
    if (path === '/verklet-sw.js' || path === '/verklet-sw.js.map') path = `/dist${path}`;
    // /demo/isolated/… serves the same demo pages, with cross-origin isolation.
    const isolatedDemo = path.startsWith('/demo/isolated/');
    if (isolatedDemo) path = `/demo/${path.slice('/demo/isolated/'.length)}`;
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403);
      return res.end('forbidden');
    }
    let target = file;
    if (existsSync(target) && statSync(target).isDirectory()) target = join(target, 'index.html');
    if (!existsSync(target)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end(`not found: ${path}`);
    }
    const headers = { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
    // Workers started by an isolated page need COEP on their own scripts too;
    // on a page without isolation the header on a script changes nothing.
    if (path.startsWith('/dist/')) headers['cross-origin-embedder-policy'] = 'require-corp';
    if (isolated || isolatedDemo) {
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
      headers['cross-origin-resource-policy'] = 'same-origin';
    }
    if (path.endsWith('verklet-sw.js')) headers['service-worker-allowed'] = '/';
    res.writeHead(200, headers);
    createReadStream(target).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(process.env.PORT ?? 5173);
  const server = await startServer({ port, isolated: process.argv.includes('--isolated') });
  const { port: actual } = server.address();
  console.log(`Verklet demo: http://127.0.0.1:${actual}/demo/`);
}
