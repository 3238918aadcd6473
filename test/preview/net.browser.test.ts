import { expect } from '@esm-bundle/chai';
import { Runtime, MODE, finish, waitForText } from '../helpers/runtime.js';
import { WS_SERVER } from './ws-server.js';
import { collect } from './collect.js';


describe(`net between processes (${MODE})`, () => {
  let rt: Runtime;
  before(async () => {
    rt = await Runtime.boot({ serviceWorker: false });
    await rt.fs.writeFile(
      'echo.js',
      `const net = require('net');
      const server = net.createServer((socket) => {
        const events = [];
        socket.on('data', (d) => { events.push('data:' + d); socket.write(String(d).toUpperCase()); });
        socket.on('end', () => { events.push('end'); });
        socket.on('close', (hadError) => { events.push('close:' + hadError); console.log('server saw', events.join(',')); });
        socket.on('error', (e) => events.push('error:' + e.code));
      });
      server.listen(Number(process.argv[2]), () => console.log('listening', server.address().port));`,
    );
  });
  after(async () => {
    await rt.teardown();
  });

  it('createServer/connect: bytes both ways, end() half-closes, close comes last', async () => {
    const server = await rt.spawn('node', ['echo.js', '4100']);
    const serverOut = collect(server.stdout);
    await serverOut.wait('listening');
    const client = await finish(
      await rt.spawn('node', [
        '-e',
        `const net = require('net');
        const events = [];
        const s = net.connect(4100, 'localhost', () => { events.push('connect:' + s.remotePort); s.write('hello'); });
        s.setEncoding('utf8');
        s.on('data', (d) => { events.push('data:' + d); s.end(); });
        s.on('end', () => events.push('end'));
        s.on('close', (hadError) => { events.push('close:' + hadError); console.log(events.join(',')); });`,
      ]),
    );
    expect(client.stdout).to.equal('connect:4100,data:HELLO,end,close:false\n');
    expect(await serverOut.wait('server saw')).to.contain('server saw data:hello,end,close:false');
    server.kill('SIGKILL');
  });

  it('many sockets, binary data and a server that ends first', async () => {
    await rt.fs.writeFile(
      'first.js',
      `const net = require('net');
      const server = net.createServer((s) => { s.end(Buffer.from([0, 1, 2, 255])); });
      server.listen(4101, () => {
        let done = 0;
        for (let i = 0; i < 5; i++) {
          const c = net.createConnection({ port: 4101 });
          const parts = [];
          c.on('data', (d) => parts.push(d));
          c.on('end', () => { if (Buffer.concat(parts).equals(Buffer.from([0, 1, 2, 255]))) done++; });
          c.on('close', () => { if (done === 5) { console.log('all 5'); server.close(() => console.log('server closed')); } });
        }
      });`,
    );
    const out = await finish(await rt.spawn('node', ['first.js']));
    expect(out.stdout).to.equal('all 5\nserver closed\n');
    expect(out.code).to.equal(0);
  });

  it('destroy: the peer sees end; resetAndDestroy: ECONNRESET', async () => {
    await rt.fs.writeFile(
      'reset.js',
      `const net = require('net');
      const seen = [];
      const server = net.createServer((s) => {
        s.on('end', () => seen.push('end'));
        s.on('error', (e) => seen.push(e.code));
        s.on('close', () => { seen.push('close'); if (seen.length >= 4) { console.log(seen.join(',')); server.close(); } });
      });
      server.listen(4102, () => {
        net.connect(4102, () => {}).on('connect', function () { this.destroy(); });
        setTimeout(() => net.connect(4102).on('connect', function () { this.resetAndDestroy(); }), 50);
      });`,
    );
    const out = await finish(await rt.spawn('node', ['reset.js']));
    expect(out.stdout).to.equal('end,close,ECONNRESET,close\n');
  });

  it('writes and end() before the connection is up are queued; setTimeout fires on idle sockets', async () => {
    const server = await rt.spawn('node', ['echo.js', '4105']);
    const serverOut = collect(server.stdout);
    await serverOut.wait('listening');
    const out = await finish(
      await rt.spawn('node', [
        '-e',
        `const net = require('net');
        const s = net.connect({ port: 4105 });
        console.log(s.pending, s.readyState);
        s.write('early ');
        s.end('bird');
        let got = '';
        s.on('data', (d) => (got += d));
        s.on('close', () => {
          console.log(got);
          const t = net.connect(4105).setTimeout(50, function () { console.log('timeout'); this.destroy(); });
        });`,
      ]),
    );
    expect(out.stdout).to.equal('true opening\nEARLY BIRD\ntimeout\n');
    // Chunk boundaries are not kept (as with TCP).
    expect(await serverOut.wait('server saw')).to.match(/server saw data:early (,data:)?bird,end,close:false/);
    server.kill('SIGKILL');
  });

  it("a peer process that dies ends the other side's socket (both directions)", async () => {
    const server = await rt.spawn('node', ['echo.js', '4106']);
    const serverOut = collect(server.stdout);
    await serverOut.wait('listening');
    const client = await rt.spawn('node', ['-e', `require('net').connect(4106).on('connect', () => console.log('connected')).on('end', () => console.log('peer gone')).on('close', () => console.log('closed'))`]);
    const clientOut = collect(client.stdout);
    await clientOut.wait('connected');
    server.kill('SIGKILL');
    await clientOut.wait('closed', 5000);
    expect(clientOut.text()).to.equal('connected\npeer gone\nclosed\n');
    expect(await client.exit).to.equal(0);
    // The other way: the client dies, the server's socket ends and closes.
    const server2 = await rt.spawn('node', ['echo.js', '4107']);
    const server2Out = collect(server2.stdout);
    await server2Out.wait('listening');
    const doomed = await rt.spawn('node', ['-e', `require('net').connect(4107, function () { this.write('x'); console.log('connected'); })`]);
    await collect(doomed.stdout).wait('connected');
    doomed.kill('SIGKILL');
    expect(await server2Out.wait('server saw', 5000)).to.contain('server saw data:x,end,close:false');
    server2.kill('SIGKILL');
  });

  it('nothing listening is ECONNREFUSED; outside hosts fail with a clear error', async () => {
    const out = await finish(
      await rt.spawn('node', [
        '-e',
        `const net = require('net');
        net.connect(4999).on('error', (e) => {
          console.log(e.code, e.message);
          net.connect(80, 'example.com').on('error', (e) => console.log(e.code, e.message.includes('cannot open TCP connections')));
        });`,
      ]),
    );
    expect(out.stdout).to.equal('ECONNREFUSED connect ECONNREFUSED 127.0.0.1:4999\nENETUNREACH true\n');
  });

  it('isIP and friends, and an HTTP request to a net server is refused as not HTTP', async () => {
    const out = await finish(await rt.spawn('node', ['-e', `const net = require('node:net'); console.log(net.isIP('127.0.0.1'), net.isIP('::1'), net.isIP('x'), typeof net.Socket, typeof net.Server)`]));
    expect(out.stdout).to.equal('4 6 0 function function\n');
    const server = await rt.spawn('node', ['echo.js', '4103']);
    await waitForText(server.stdout, 'listening');
    const res = await rt.fetchPreview(4103, '/');
    expect(res.status).to.equal(502);
    server.kill('SIGKILL');
  });

  it("http 'upgrade': the server gets a raw socket; an http client gets 'upgrade' with the socket", async () => {
    await rt.fs.writeFile('ws-server.js', WS_SERVER);
    const server = await rt.spawn('node', ['ws-server.js', '4104']);
    await waitForText(server.stdout, 'listening');
    const client = await finish(
      await rt.spawn('node', [
        '-e',
        `const http = require('http');
        const req = http.request({ port: 4104, path: '/chat', headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version': '13' } });
        req.on('upgrade', (res, socket, head) => {
          console.log(res.statusCode, res.headers['sec-websocket-accept'], head.length);
          const payload = Buffer.from('hi');
          const mask = Buffer.from([1, 2, 3, 4]);
          const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]));
          socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]));
          socket.once('data', (d) => { console.log(d.subarray(2).toString()); socket.destroy(); });
        });
        req.end();`,
      ]),
    );
    expect(client.stdout).to.equal('101 s3pPLMBiTxaQ9kYGzzhZRbK+xOo= 0\necho:hi\n');
    server.kill('SIGKILL');
  });
});
