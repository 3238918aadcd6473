import { expect } from '@esm-bundle/chai';
import { Runtime, MODE } from '../helpers/runtime.js';
import { collect } from './collect.js';
import { previewMessages, openFrame } from './frames.js';
import { WS_PAGE_EXPECTED, wsPageServer } from './ws-server.js';

/** The same test server under its other loopback name: a different origin. */
function otherOrigin(): string | undefined {
  const { hostname, port, protocol } = location;
  if (hostname === 'localhost') return `${protocol}//127.0.0.1:${port}`;
  if (hostname === '127.0.0.1') return `${protocol}//localhost:${port}`;
  return undefined;
}

const SPY = `
require('http').createServer((req, res) => {
  res.setHeader('content-type', 'text/html');
  if (req.url === '/cookie') return res.end(req.headers.cookie || '(none)');
  res.setHeader('Set-Cookie', 'preview_sid=p1; Path=/');
  res.end(\`<!doctype html><html><head><title>spy</title></head><body><script>
    (async () => {
      let parentCookie;
      try { parentCookie = parent.document.cookie; } catch (e) { parentCookie = 'blocked:' + e.name; }
      let dbs = [];
      try { dbs = (await indexedDB.databases()).map((d) => d.name); } catch (e) { dbs = ['error:' + e.name]; }
      const cookieEcho = await (await fetch('cookie')).text();
      console.log('spy ' + JSON.stringify({
        origin: location.origin,
        cookie: document.cookie,
        local: localStorage.getItem('app_secret'),
        session: sessionStorage.getItem('app_secret'),
        dbs,
        parentCookie,
        cookieEcho,
        injected: window.__injected,
      }));
    })();
  </script></body></html>\`);
}).listen(Number(process.argv[2] || 3500), () => console.log('listening'));
`;

describe(`previewOrigin: previews on a separate origin (${MODE})`, () => {
  const other = otherOrigin();
  let rt: Runtime;

  before(async function () {
    if (!other) this.skip();
    if (MODE === 'isolated') {
      // An isolated app can embed the bridge only if the preview origin allows it (test/preview/second-origin.mjs).
      const probe = await fetch(`${other}/dist/verklet-preview.html`, { mode: 'cors' }).catch(() => undefined);
      const corp = probe?.headers.get('cross-origin-resource-policy');
      if (probe && corp !== 'cross-origin') {
        console.warn('previewOrigin tests skipped: add secondOrigin() from test/preview/second-origin.mjs first in web-test-runner.config.mjs middleware');
        this.skip();
      }
    }
    // The app's secrets, which previews must not see.
    document.cookie = 'app_secret=s3cret; path=/';
    localStorage.setItem('app_secret', 's3cret');
    sessionStorage.setItem('app_secret', 's3cret');
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('app-secret-db', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('s').put('s3cret', 'k');
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
    rt = await Runtime.boot({ previewOrigin: `${other}/dist/` });
    rt.on('diagnostic', (d) => console.warn(`previewOrigin boot: ${d.code} ${d.message}`));
  });
  after(async () => {
    await rt?.teardown();
    document.cookie = 'app_secret=; path=/; max-age=0';
    localStorage.removeItem('app_secret');
    indexedDB.deleteDatabase('app-secret-db');
  });

  it('previewUrl points at the preview origin, served through the bridge and its own service worker', async () => {
    expect(rt.capabilities.serviceWorker).to.equal(true);
    const url = rt.previewUrl(3500, '/x');
    expect(url).to.equal(`${other}/dist/__verklet__/${rt.id}/3500/x`);
    expect(document.querySelector('iframe[title="Verklet preview bridge"]')).to.not.equal(null);
  });

  it("preview code cannot read the app origin's cookies, localStorage, sessionStorage or IndexedDB", async () => {
    await rt.fs.writeFile('spy.js', SPY);
    const proc = await rt.spawn('node', ['spy.js']);
    await collect(proc.stdout).wait('listening');
    await rt.setPreviewScript('window.__injected = "yes"');
    const messages = previewMessages(rt);
    const frame = await openFrame(rt.previewUrl(3500, '/'));
    const report = await messages.wait((m) => m.message.startsWith('spy '));
    const seen = JSON.parse(report.message.slice(4));
    expect(seen.origin).to.equal(other);
    expect(seen.cookie).not.to.contain('app_secret');
    // document.cookie of a cross-site frame depends on the browser's third-party cookie
    // policy; the in-runtime server gets its cookies back either way.
    expect(seen.cookieEcho).to.contain('preview_sid=p1');
    expect(seen.cookieEcho).not.to.contain('app_secret');
    expect(seen.local).to.equal(null);
    expect(seen.session).to.equal(null);
    expect(seen.dbs).not.to.include('app-secret-db');
    expect(seen.parentCookie).to.match(/^blocked:/);
    expect(seen.injected).to.equal('yes');
    // The app cannot reach into the preview either, and its own cookie jar has no preview cookie.
    expect(() => frame.contentDocument!.cookie).to.throw();
    expect(frame.contentDocument).to.equal(null);
    expect(document.cookie).not.to.contain('preview_sid');
    messages.off();
    frame.remove();
    proc.kill('SIGKILL');
    await rt.setPreviewScript('');
  });

  it('WebSockets from a page on the preview origin reach the in-runtime server', async () => {
    await rt.fs.writeFile('ws-page.js', wsPageServer());
    const proc = await rt.spawn('node', ['ws-page.js', '3501']);
    await collect(proc.stdout).wait('listening');
    const messages = previewMessages(rt);
    const frame = await openFrame(rt.previewUrl(3501, '/'));
    const result = await messages.wait((m) => m.message.startsWith('ws-result'));
    expect(JSON.parse(result.message.slice('ws-result '.length))).to.deep.equal(WS_PAGE_EXPECTED);
    messages.off();
    frame.remove();
    proc.kill('SIGKILL');
  });

  it('the preview origin recovers when its service worker loses its state', async () => {
    const proc = await rt.spawn('node', ['spy.js', '3502']);
    await collect(proc.output).wait('listening');
    const bridge = document.querySelector<HTMLIFrameElement>('iframe[title="Verklet preview bridge"]')!;
    // The bridge relays anything the runtime sends: ask its worker to forget, as a restart would.
    bridge.contentWindow!.postMessage({ type: 'verklet-forget' }, other!);
    const messages = previewMessages(rt);
    const frame = await openFrame(rt.previewUrl(3502, '/'));
    const report = await messages.wait((m) => m.message.startsWith('spy '));
    expect(JSON.parse(report.message.slice(4)).origin).to.equal(other);
    messages.off();
    frame.remove();
    proc.kill('SIGKILL');
  });
});
