// A loopback HTTP proxy in front of the registry that can drop connections:
// for requests whose path matches `drop`, it sends the headers and half the
// body, then destroys the socket (a connection lost mid-download).
import { createServer, request } from 'node:http';

export async function droppingProxy(target, { drop = () => false } = {}) {
  const t = new URL(target);
  const hits = new Map();
  const server = createServer((req, res) => {
    const n = (hits.get(req.url) ?? 0) + 1;
    hits.set(req.url, n);
    const up = request({ host: t.hostname, port: t.port, path: req.url, method: req.method, headers: { ...req.headers, host: req.headers.host } }, (ur) => {
      const chunks = [];
      ur.on('data', (c) => chunks.push(c));
      ur.on('end', () => {
        const body = Buffer.concat(chunks);
        if (drop(req.url, n)) {
          res.writeHead(ur.statusCode, { ...ur.headers, 'content-length': String(body.length) });
          res.write(body.subarray(0, Math.floor(body.length / 2)));
          setTimeout(() => res.socket?.destroy(), 10);
          return;
        }
        res.writeHead(ur.statusCode, ur.headers);
        res.end(body);
      });
    });
    req.pipe(up);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, hits, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) };
}
