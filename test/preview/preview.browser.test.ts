import { expect } from '@esm-bundle/chai';
import { Runtime, MODE, finish, waitForText } from '../helpers/runtime.js';

const SERVER = `
const http = require('http');
const server = http.createServer((req, res) => {
  if (req.url === '/hang') return;
  if (req.url === '/bad-status') { res.writeHead(600); res.end('x'); return; }
  if (req.url === '/redirect') { res.writeHead(302, { Location: '/target' }); res.end(); return; }
  if (req.url === '/cookies') { res.setHeader('Set-Cookie', ['a=1; Path=/', 'b=2; Path=/']); res.end('ok'); return; }
  if (req.url === '/binary') { res.setHeader('content-type', 'application/octet-stream'); res.end(Buffer.from([0, 1, 2, 253, 254, 255])); return; }
  if (req.url === '/big') { const chunk = Buffer.alloc(65536, 97); for (let i = 0; i < 32; i++) res.write(chunk); res.end(); return; }
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.setHeader('x-custom', 'yes');
    res.end(JSON.stringify({ method: req.method, url: req.url, body, host: req.headers.host, ua: req.headers['x-test'] }));
  });
});
server.listen(Number(process.argv[2] || 3000), () => console.log('listening', server.address().port));
`;

describe(`HTTP inside the runtime (${MODE})`, () => {
  let rt: Runtime;
  before(async () => {
    rt = await Runtime.boot({ preview: { timeoutMs: 800 } });
    await rt.fs.writeFile('server.js', SERVER);
  });
  after(async () => {
    await rt.teardown();
  });

  async function startServer(port: number) {
    const proc = await rt.spawn('node', ['server.js', String(port)]);
    const text = await waitForText(proc.stdout, 'listening');
    return { proc, port: Number(/listening (\d+)/.exec(text)![1]) };
  }

  it('listen() registers the port: port and server-ready events fire, close fires on exit', async () => {
    const events: string[] = [];
    const off1 = rt.on('port', (port, type, url) => events.push(`port:${port}:${type}:${url.includes(`/${port}/`)}`));
    const off2 = rt.on('server-ready', (port) => events.push(`ready:${port}`));
    const { proc } = await startServer(3001);
    await new Promise((r) => setTimeout(r, 50));
    expect(events).to.include('port:3001:open:true');
    expect(events).to.include('ready:3001');
    proc.kill('SIGKILL');
    await proc.exit;
    await new Promise((r) => setTimeout(r, 50));
    expect(events).to.include('port:3001:close:true');
    off1();
    off2();
  });

  it('fetchPreview sends method, path, headers and body, and streams the answer back', async () => {
    const { proc } = await startServer(3002);
    const res = await rt.fetchPreview(3002, '/echo?x=1', { method: 'POST', body: 'hello body', headers: { 'x-test': 'abc' } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('x-custom')).to.equal('yes');
    expect(await res.json()).to.deep.equal({ method: 'POST', url: '/echo?x=1', body: 'hello body', host: 'localhost:3002', ua: 'abc' });
    const bin = await rt.fetchPreview(3002, '/binary');
    expect(new Uint8Array(await bin.arrayBuffer())).to.deep.equal(new Uint8Array([0, 1, 2, 253, 254, 255]));
    const big = await rt.fetchPreview(3002, '/big');
    expect((await big.arrayBuffer()).byteLength).to.equal(32 * 65536);
    const redirect = await rt.fetchPreview(3002, '/redirect');
    expect(redirect.status).to.equal(302);
    expect(redirect.headers.get('location')).to.equal('/target');
    proc.kill('SIGKILL');
  });

  it('a closed port answers 502 saying so, never hangs', async () => {
    const res = await rt.fetchPreview(3999, '/');
    expect(res.status).to.equal(502);
    expect(await res.text()).to.contain('Nothing is listening on <code>port 3999</code>');
  });

  it('a handler that never answers gives 504 after the timeout', async () => {
    const { proc } = await startServer(3003);
    const res = await rt.fetchPreview(3003, '/hang');
    expect(res.status).to.equal(504);
    proc.kill('SIGKILL');
  });

  it('a malformed response gives 502 and a diagnostic', async () => {
    const { proc } = await startServer(3004);
    const diagnostics: string[] = [];
    const off = rt.on('diagnostic', (d) => diagnostics.push(d.code));
    const res = await rt.fetchPreview(3004, '/bad-status');
    expect(res.status).to.equal(502);
    expect(diagnostics).to.include('EPREVIEW_BAD_RESPONSE');
    off();
    proc.kill('SIGKILL');
  });

  it('EADDRINUSE as Node reports it, and listen(0) picks a free port', async () => {
    const { proc } = await startServer(3005);
    const second = await finish(
      await rt.spawn('node', ['-e', `require('http').createServer().listen(3005).on('error', (e) => { console.log(e.code, e.syscall, e.port, e.message); })`]),
    );
    expect(second.stdout).to.equal('EADDRINUSE listen 3005 listen EADDRINUSE: address already in use :::3005\n');
    const any = await startServer(0);
    expect(any.port).to.be.greaterThan(1024);
    const res = await rt.fetchPreview(any.port, '/x');
    expect((await res.json()).url).to.equal('/x');
    proc.kill('SIGKILL');
    any.proc.kill('SIGKILL');
  });

  it("a process reaches another process's server with http.get", async () => {
    const { proc } = await startServer(3006);
    const client = await finish(
      await rt.spawn('node', [
        '-e',
        `require('http').get('http://localhost:3006/from-client', (res) => { let b=''; res.on('data', c => b += c); res.on('end', () => console.log(res.statusCode, JSON.parse(b).url)); })`,
      ]),
    );
    expect(client.stdout).to.equal('200 /from-client\n');
    const refused = await finish(
      await rt.spawn('node', ['-e', `require('http').get('http://127.0.0.1:3998/').on('error', (e) => console.log(e.code, e.message))`]),
    );
    expect(refused.stdout).to.equal('ECONNREFUSED connect ECONNREFUSED 127.0.0.1:3998\n');
    proc.kill('SIGKILL');
  });
});

describe(`Preview through the service worker (${MODE})`, () => {
  let rt: Runtime;
  before(async () => {
    rt = await Runtime.boot();
    await rt.fs.writeFile('server.js', SERVER);
  });
  after(async () => {
    await rt.teardown();
  });

  it('registers the service worker and routes previewUrl requests to the runtime', async () => {
    expect(rt.capabilities.serviceWorker).to.equal(true);
    const proc = await rt.spawn('node', ['server.js', '3100']);
    await waitForText(proc.stdout, 'listening');
    const url = rt.previewUrl(3100, '/via-sw?q=1');
    expect(url).to.match(/\/__verklet__\/rt_[^/]+\/3100\/via-sw\?q=1$/);
    const res = await fetch(url, { method: 'POST', body: 'sw body' });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.include({ method: 'POST', url: '/via-sw?q=1', body: 'sw body' });
    proc.kill('SIGKILL');
  });

  it('shows a preview in an iframe, absolute paths included', async () => {
    await rt.fs.writeFile(
      'site.js',
      `require('http').createServer((req, res) => {
        if (req.url === '/') { res.setHeader('content-type', 'text/html'); res.end('<h1 id="t">Hi</h1><script src="/app.js"></script>'); }
        else if (req.url === '/app.js') { res.setHeader('content-type', 'text/javascript'); res.end('document.title = "loaded-" + (location.pathname.endsWith("/3101/") ? "root" : location.pathname)'); }
        else { res.statusCode = 404; res.end(); }
      }).listen(3101, () => console.log('up'));`,
    );
    const proc = await rt.spawn('node', ['site.js']);
    await waitForText(proc.stdout, 'up');
    const frame = document.createElement('iframe');
    frame.src = rt.previewUrl(3101, '/');
    document.body.append(frame);
    await new Promise((r) => frame.addEventListener('load', r, { once: true }));
    for (let i = 0; i < 50 && frame.contentDocument?.title !== 'loaded-root'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(frame.contentDocument?.querySelector('#t')?.textContent).to.equal('Hi');
    expect(frame.contentDocument?.title).to.equal('loaded-root');
    frame.remove();
    proc.kill('SIGKILL');
  });

  it('a closed port through the service worker is a 502 page', async () => {
    const res = await fetch(rt.previewUrl(3199, '/'));
    expect(res.status).to.equal(502);
  });
});
