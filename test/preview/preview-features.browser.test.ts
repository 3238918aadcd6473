import { expect } from '@esm-bundle/chai';
import { Runtime, MODE, finish } from '../helpers/runtime.js';
import { WS_SERVER, WS_PAGE_EXPECTED, wsPageServer } from './ws-server.js';
import { collect } from './collect.js';
import { openFrame, previewMessages, until } from './frames.js';

const SITE = `
const http = require('http');
const zlib = require('zlib');
const name = process.argv[3] || 'site';
http.createServer((req, res) => {
  const html = (body) => { res.setHeader('content-type', 'text/html; charset=utf-8'); res.end(body); };
  if (req.url === '/') return html('<!doctype html><html><head><title>x</title></head><body><script>document.title = "t:" + window.__injected; console.warn("careful", { a: 1 }); setTimeout(() => { throw new Error("boom-" + window.__injected) }); Promise.reject(new Error("nope"));</script></body></html>');
  if (req.url === '/name') return res.end(name);
  if (req.url === '/plain') return html('no head or body here<script>document.title = "plain:" + (typeof window.__verkletPreview)</script>');
  if (req.url === '/gz') { res.setHeader('content-type', 'text/html'); res.setHeader('content-encoding', 'gzip'); return res.end(zlib.gzipSync('<html><head></head><body><script>document.title = "gz:" + (typeof window.__verkletPreview)</script></body></html>')); }
  if (req.url === '/set') { res.setHeader('Set-Cookie', ['sid=abc; Path=/; HttpOnly', 'theme=dark; Path=/; Max-Age=3600']); return html('<html><head></head><body>cookies</body></html>'); }
  if (req.url === '/set-more') { res.setHeader('Set-Cookie', 'later=1; Path=/'); return res.end('ok'); }
  if (req.url === '/cookie') return res.end(req.headers.cookie || '(none)');
  res.statusCode = 404;
  res.end('nope');
}).listen(Number(process.argv[2]), () => console.log('listening'));
`;

describe(`Preview pages: WebSocket, preview script, messages, cookies (${MODE})`, () => {
  let rt: Runtime;
  before(async () => {
    rt = await Runtime.boot();
    await rt.fs.writeFile('ws-server.js', WS_SERVER);
    await rt.fs.writeFile('site.js', SITE);
  });
  after(async () => {
    await rt.teardown();
  });

  async function start(file: string, port: number, ...args: string[]) {
    const proc = await rt.spawn('node', [file, String(port), ...args]);
    const out = collect(proc.stdout);
    await out.wait('listening');
    return { proc, out };
  }

  it('a preview page talks WebSocket to a hand-written ws server in a process (text, binary, fragments of 70 kB, close)', async () => {
    await rt.fs.writeFile('ws-page.js', wsPageServer());
    const { proc, out } = await start('ws-page.js', 3300);
    const messages = previewMessages(rt);
    const frame = await openFrame(rt.previewUrl(3300, '/'));
    const result = await messages.wait((m) => m.message.startsWith('ws-result'));
    expect(JSON.parse(result.message.slice('ws-result '.length))).to.deep.equal(WS_PAGE_EXPECTED);
    expect(result.port).to.equal(3300);
    await out.wait('closed 1000');
    expect(out.text()).to.contain('upgrade /chat?room=1');
    expect(out.text()).not.to.contain('unmasked');
    messages.off();
    frame.remove();
    proc.kill('SIGKILL');
  });

  it('a WebSocket hears close 1006 when the server process is killed', async () => {
    const { proc } = await start('ws-server.js', 3309);
    const frame = await openFrame(rt.previewUrl(3309, '/'));
    const w = frame.contentWindow as Window & typeof globalThis;
    const ws = new w.WebSocket('/x');
    await new Promise((r) => (ws.onopen = r));
    const events: string[] = [];
    ws.onerror = () => events.push('error');
    const closed = new Promise<number>((r) => (ws.onclose = (e) => r(e.code)));
    proc.kill('SIGKILL');
    expect(await closed).to.equal(1006);
    expect(events).to.deep.equal(['error']);
    frame.remove();
  });

  it('WebSocket URLs outside the preview use the browser WebSocket; a refused upgrade fires error and close 1006', async () => {
    const { proc } = await start('site.js', 3301);
    const frame = await openFrame(rt.previewUrl(3301, '/name'));
    const win = frame.contentWindow as Window & typeof globalThis;
    // /name is not HTML: no shim there. Open an HTML page instead.
    frame.src = rt.previewUrl(3301, '/plain');
    await new Promise((r) => frame.addEventListener('load', r, { once: true }));
    const w = frame.contentWindow as Window & typeof globalThis;
    void win;
    const outside = new w.WebSocket('ws://example.invalid/');
    expect(outside.constructor.name).to.equal('WebSocket');
    outside.close();
    const refused = new w.WebSocket('ws://localhost:3999/');
    const events: string[] = [];
    refused.onerror = () => events.push('error');
    const code = await new Promise<number>((r) => (refused.onclose = (e) => r(e.code)));
    expect(events).to.deep.equal(['error']);
    expect(code).to.equal(1006);
    // A server that answers the upgrade with plain HTTP: error too.
    const plain = new w.WebSocket(`ws://${location.host}/name`);
    expect(await new Promise<number>((r) => (plain.onclose = (e) => r(e.code)))).to.equal(1006);
    frame.remove();
    proc.kill('SIGKILL');
  });

  it('setPreviewScript runs before the page scripts; console and uncaught errors arrive as preview-message', async () => {
    const { proc } = await start('site.js', 3302);
    await rt.setPreviewScript('window.__injected = 42; console.info("preview script ran")');
    const messages = previewMessages(rt);
    const frame = await openFrame(rt.previewUrl(3302, '/'));
    await until(() => frame.contentDocument?.title === 't:42');
    const info = await messages.wait((m) => m.message === 'preview script ran');
    expect(info).to.deep.include({ port: 3302, type: 'console', level: 'info' });
    expect(await messages.wait((m) => m.level === 'warn')).to.deep.include({ type: 'console', message: 'careful {"a":1}' });
    expect((await messages.wait((m) => m.type === 'error' && m.message.includes('boom-42'))).port).to.equal(3302);
    expect((await messages.wait((m) => m.type === 'error' && m.message.includes('nope'))).message).to.match(/^Uncaught \(in promise\) Error: nope/);
    const head = frame.contentDocument!.head;
    expect(head.firstElementChild?.hasAttribute('data-verklet-preview')).to.equal(true);
    expect(head.children[1]?.hasAttribute('data-verklet-preview-script')).to.equal(true);
    messages.off();
    frame.remove();
    await rt.setPreviewScript('');
    const again = await openFrame(rt.previewUrl(3302, '/'));
    await until(() => again.contentDocument?.title === 't:undefined');
    again.remove();
    proc.kill('SIGKILL');
  });

  it('injects into pages without <head>, decompresses gzip pages, leaves fetch() answers alone', async () => {
    const { proc } = await start('site.js', 3303);
    const plain = await openFrame(rt.previewUrl(3303, '/plain'));
    await until(() => plain.contentDocument?.title === 'plain:boolean');
    plain.remove();
    const gz = await openFrame(rt.previewUrl(3303, '/gz'));
    await until(() => gz.contentDocument?.title === 'gz:boolean');
    gz.remove();
    const text = await (await fetch(rt.previewUrl(3303, '/'))).text();
    expect(text).not.to.contain('data-verklet-preview');
    proc.kill('SIGKILL');
  });

  it('a constructed Response drops Set-Cookie (a forbidden response header), which is why the worker keeps a jar', () => {
    const res = new Response('x', { headers: [['set-cookie', 'a=1'], ['set-cookie', 'b=2'], ['x-other', 'kept']] });
    expect(res.headers.get('set-cookie')).to.equal(null);
    expect(res.headers.getSetCookie()).to.deep.equal([]);
    expect(res.headers.get('x-other')).to.equal('kept');
    // A standalone Headers keeps them: the worker reads Set-Cookie from the wire head before building the Response.
    expect(new Headers([['set-cookie', 'a=1'], ['set-cookie', 'b=2']]).getSetCookie()).to.deep.equal(['a=1', 'b=2']);
  });

  it("Set-Cookie from the server reaches the preview's document.cookie and comes back as Cookie, scoped to the preview", async () => {
    const { proc } = await start('site.js', 3304);
    const frame = await openFrame(rt.previewUrl(3304, '/set'));
    const doc = () => frame.contentDocument!;
    await until(() => doc().cookie.includes('sid=abc') && doc().cookie.includes('theme=dark'));
    const w = frame.contentWindow as Window & typeof globalThis;
    expect(await (await w.fetch('cookie')).text()).to.match(/sid=abc; theme=dark|theme=dark; sid=abc/);
    await (await w.fetch('set-more')).text();
    await until(() => doc().cookie.includes('later=1'));
    expect(await (await w.fetch('/cookie')).text()).to.contain('later=1');
    // Navigations and other non-fetch requests carry them too, and cookies the page sets itself.
    w.document.cookie = 'fromPage=yes; path=/';
    await new Promise((r) => setTimeout(r, 50));
    const nav = await openFrame(rt.previewUrl(3304, '/cookie'));
    expect(nav.contentDocument!.body.textContent).to.contain('sid=abc').and.to.contain('later=1').and.to.contain('fromPage=yes');
    nav.remove();
    // Scoped under the preview's path: not the app's cookies, not another port's.
    expect(document.cookie).not.to.contain('sid=abc');
    expect(await (await fetch(rt.previewUrl(3305, '/cookie'))).text()).not.to.contain('sid=abc');
    frame.remove();
    proc.kill('SIGKILL');
  });

  it('the service worker recovers after losing its state (restart) and after unregister + register', async () => {
    const { proc } = await start('site.js', 3306, 'alive');
    const registration = (await navigator.serviceWorker.getRegistration('/'))!;
    registration.active!.postMessage({ type: 'verklet-forget' });
    await new Promise((r) => setTimeout(r, 50));
    expect(await (await fetch(rt.previewUrl(3306, '/name'))).text()).to.equal('alive');
    await registration.unregister();
    const fresh = await navigator.serviceWorker.register('/verklet-sw.js', { scope: '/' });
    await until(() => fresh.active?.state === 'activated', 8000);
    await until(() => navigator.serviceWorker.controller === fresh.active, 8000);
    const res = await fetch(rt.previewUrl(3306, '/name'));
    expect(res.status).to.equal(200);
    expect(await res.text()).to.equal('alive');
    proc.kill('SIGKILL');
  });

  it('several runtimes and pages at once, each routed to its own server', async () => {
    const other = await Runtime.boot();
    try {
      await other.fs.writeFile('site.js', SITE);
      const a = await start('site.js', 3310, 'first');
      const p = await other.spawn('node', ['site.js', '3310', 'second']);
      await collect(p.stdout).wait('listening');
      const [ra, rb] = await Promise.all([fetch(rt.previewUrl(3310, '/name')), fetch(other.previewUrl(3310, '/name'))]);
      expect([await ra.text(), await rb.text()]).to.deep.equal(['first', 'second']);
      const frames = await Promise.all([openFrame(rt.previewUrl(3310, '/name')), openFrame(other.previewUrl(3310, '/name')), openFrame(rt.previewUrl(3310, '/name'))]);
      expect(frames.map((f) => f.contentDocument?.body.textContent)).to.deep.equal(['first', 'second', 'first']);
      for (const f of frames) f.remove();
      a.proc.kill('SIGKILL');
      p.kill('SIGKILL');
    } finally {
      await other.teardown();
    }
  });

  it(MODE === 'isolated' ? 'isolated pages get COEP and CORP on preview responses' : 'plain pages get no isolation headers', async () => {
    const { proc } = await start('site.js', 3307);
    const res = await fetch(rt.previewUrl(3307, '/name'));
    if (MODE === 'isolated') {
      expect(res.headers.get('cross-origin-embedder-policy')).to.equal('require-corp');
      expect(res.headers.get('cross-origin-resource-policy')).to.equal('same-origin');
      const frame = await openFrame(rt.previewUrl(3307, '/plain'));
      await until(() => frame.contentDocument?.title === 'plain:boolean');
      expect(frame.contentWindow!.crossOriginIsolated).to.equal(true);
      frame.remove();
    } else expect(res.headers.get('cross-origin-embedder-policy')).to.equal(null);
    proc.kill('SIGKILL');
  });

  it('net servers are not reachable as previews (clear 502), and a process can still connect to them', async () => {
    await rt.fs.writeFile('raw.js', `require('net').createServer((s) => s.end('raw')).listen(3308, () => console.log('listening'))`);
    const { proc } = await start('raw.js', 3308);
    const res = await fetch(rt.previewUrl(3308, '/'));
    expect(res.status).to.equal(502);
    expect(await res.text()).to.contain('not an HTTP server');
    const out = await finish(await rt.spawn('node', ['-e', `require('net').connect(3308).on('data', (d) => console.log(String(d)))`]));
    expect(out.stdout).to.equal('raw\n');
    proc.kill('SIGKILL');
  });
});
