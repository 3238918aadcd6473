/** A hand-written RFC 6455 echo server on http's 'upgrade' (no npm): what `ws` does. */
export const WS_SERVER = `
const http = require('http');
const crypto = require('crypto');
function frame(op, payload) {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | op, len]) : len < 65536 ? Buffer.from([0x80 | op, 126, len >> 8, len & 255]) : (() => { const b = Buffer.alloc(10); b[0] = 0x80 | op; b[1] = 127; b.writeBigUInt64BE(BigInt(len), 2); return b; })();
  return Buffer.concat([head, payload]);
}
const server = http.createServer((req, res) => {
  res.setHeader('content-type', 'text/html');
  res.end('<!doctype html><html><head><title>ws</title></head><body>ws page</body></html>');
});
server.on('upgrade', (req, socket, head) => {
  if (req.headers.upgrade.toLowerCase() !== 'websocket') return socket.destroy();
  const accept = crypto.createHash('sha1').update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  const proto = req.headers['sec-websocket-protocol'] ? 'Sec-WebSocket-Protocol: ' + req.headers['sec-websocket-protocol'].split(',')[0].trim() + '\\r\\n' : '';
  socket.write('HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: ' + accept + '\\r\\n' + proto + '\\r\\n');
  console.log('upgrade', req.url);
  let buf = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      if (buf.length < 2) return;
      const op = buf[0] & 15, masked = buf[1] & 128;
      let len = buf[1] & 127, off = 2;
      if (len === 126) { len = buf.readUInt16BE(2); off = 4; } else if (len === 127) { len = Number(buf.readBigUInt64BE(2)); off = 10; }
      if (!masked) { console.log('unmasked client frame'); socket.destroy(); return; }
      if (buf.length < off + 4 + len) return;
      const mask = buf.subarray(off, off + 4);
      const data = Buffer.from(buf.subarray(off + 4, off + 4 + len));
      for (let i = 0; i < data.length; i++) data[i] ^= mask[i % 4];
      buf = buf.subarray(off + 4 + len);
      if (op === 8) { socket.write(frame(8, data.subarray(0, 2))); socket.end(); console.log('closed', data.length >= 2 ? data.readUInt16BE(0) : 1005); return; }
      if (op === 1) socket.write(frame(1, Buffer.from('echo:' + data.toString())));
      else if (op === 2) socket.write(frame(2, Buffer.concat([Buffer.from([42]), data])));
      else if (op === 9) socket.write(frame(10, data));
    }
  });
});
server.listen(Number(process.argv[2] || 3300), () => console.log('listening', server.address().port));
`;


/** A page whose script talks WebSocket to its own server and logs what happened. */
export const WS_PAGE_SCRIPT = `
(async () => {
  const log = [];
  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/chat?room=1', ['chat', 'other']);
  ws.binaryType = 'arraybuffer';
  const next = () => new Promise((r) => ws.addEventListener('message', (e) => r(e.data), { once: true }));
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error('ws error')); });
  log.push('open:' + ws.protocol + ':' + ws.readyState);
  ws.send('hello');
  log.push(await next());
  ws.send(new Uint8Array([1, 2, 3]));
  log.push(Array.from(new Uint8Array(await next())).join('-'));
  ws.send('x'.repeat(70000));
  log.push(String((await next()).length));
  ws.send(new Blob(['blob!']));
  log.push(Array.from(new Uint8Array(await next())).slice(0, 2).join('-'));
  const closed = new Promise((r) => (ws.onclose = (e) => r(e.code + ':' + e.wasClean)));
  ws.close(1000, 'bye');
  log.push('close:' + (await closed));
  console.log('ws-result ' + JSON.stringify(log));
})().catch((e) => console.log('ws-result failed ' + e.message));
`;

export const WS_PAGE_EXPECTED = ['open:chat:1', 'echo:hello', '42-1-2-3', String(70005), '42-98', 'close:1000:true'];

/** WS_SERVER whose HTML page runs WS_PAGE_SCRIPT. */
export function wsPageServer(): string {
  return WS_SERVER.replace(
    "res.end('<!doctype html><html><head><title>ws</title></head><body>ws page</body></html>')",
    `res.end('<!doctype html><html><head><title>ws</title></head><body><script>' + ${JSON.stringify(WS_PAGE_SCRIPT)} + '</script></body></html>')`,
  );
}
