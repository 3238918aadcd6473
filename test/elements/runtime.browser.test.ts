import { expect } from '@esm-bundle/chai';
import { cleanup, FakeRuntime, fixture, hasFs, MODE, nextEvent, shadow, until, Runtime } from './helpers.js';
import type { VerkletRuntimeElement } from '../../dist/types/elements.js';
import type { VerkletErrorEvent, VerkletReadyEvent } from '../../dist/elements.js';
import { VerkletBackendChangeEvent, VerkletPromotionEvent } from '../../dist/elements.js';

describe(`<verklet-runtime> (${MODE})`, () => {
  afterEach(cleanup);

  it('is defined, and defining again is harmless', async () => {
    expect(customElements.get('verklet-runtime')).to.be.a('function');
    await import('../../dist/elements.js');
    expect(customElements.get('verklet-runtime')).to.be.a('function');
  });

  it('boots, fires verklet-ready (bubbling, composed) and resolves ready; .runtime is a promise until then', async () => {
    const readyOnDocument = nextEvent<VerkletReadyEvent>(document, 'verklet-ready');
    const el = fixture<VerkletRuntimeElement>('<verklet-runtime></verklet-runtime>');
    expect(el.runtime).to.be.instanceOf(Promise);
    const rt = await el.ready;
    const ev = await readyOnDocument;
    expect(ev.bubbles && ev.composed).to.equal(true);
    expect(ev.runtime).to.equal(rt);
    expect(el.runtime).to.equal(rt);
    expect(rt).to.be.instanceOf(Runtime);
    expect(rt.workdir).to.equal('/home/project');
    expect(el.error).to.equal(null);
  });

  it('maps its attributes to boot options', async () => {
    const el = fixture<VerkletRuntimeElement>(
      `<verklet-runtime backend="browser" persistence-key="tutorial" project-id="prj_x" registry="http://127.0.0.1:9/npm/"
         service-worker="/sw/verklet-sw.js" workdir="/work" grant-endpoint="/api/grant"></verklet-runtime>`,
    );
    const opts = el.bootOptions();
    expect(opts).to.include({ backend: 'browser', persistenceKey: 'tutorial', projectId: 'prj_x', registry: 'http://127.0.0.1:9/npm/', workdir: '/work' });
    expect(opts.serviceWorker).to.deep.equal({ url: '/sw/verklet-sw.js' });
    expect(opts.server?.grant).to.be.a('function');
    el.serviceWorker = 'false';
    expect(el.bootOptions().serviceWorker).to.equal(false);
    el.serviceWorker = '';
    expect(el.bootOptions().serviceWorker).to.equal(true);
    const rt = await el.ready;
    expect(rt.workdir).to.equal('/work');
  });

  it('grant-endpoint POSTs the grant request as JSON and returns the JSON answer', async () => {
    const el = fixture<VerkletRuntimeElement>('<verklet-runtime backend="browser" grant-endpoint="/api/verklet/server-grant"></verklet-runtime>');
    const realFetch = globalThis.fetch;
    const seen: { url: string; init: RequestInit }[] = [];
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response(JSON.stringify({ brokerToken: 'tok', brokerUrl: 'ws://x' }), { headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    try {
      const grant = el.bootOptions().server!.grant as (r: unknown) => Promise<unknown>;
      const req = { action: 'create_session', projectId: 'p', runtimeId: 'r', workspaceKey: 'w', browserInstallationId: 'b' };
      expect(await grant(req)).to.deep.equal({ brokerToken: 'tok', brokerUrl: 'ws://x' });
      expect(seen[0]!.url).to.equal(new URL('/api/verklet/server-grant', location.href).href);
      expect(seen[0]!.init.method).to.equal('POST');
      expect(JSON.parse(seen[0]!.init.body as string)).to.deep.equal(req);
      globalThis.fetch = (async () => new Response('no', { status: 403, statusText: 'Forbidden' })) as typeof fetch;
      let err: Error | undefined;
      await grant(req).catch((e: Error) => (err = e));
      expect(err?.message).to.contain('403');
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('an unknown backend fires verklet-error listing the valid values and shows it in place', async () => {
    const container = fixture<HTMLDivElement>('<div></div>');
    const errored = nextEvent<VerkletErrorEvent>(container, 'verklet-error');
    container.innerHTML = '<verklet-runtime backend="cloud"><p>content</p></verklet-runtime>';
    const el = container.firstElementChild as VerkletRuntimeElement;
    const ev = await errored;
    expect(ev.bubbles && ev.composed).to.equal(true);
    expect(ev.phase).to.equal('config');
    expect(ev.validValues).to.deep.equal(['auto', 'browser', 'server']);
    expect(ev.message).to.contain('auto, browser, server');
    let rejected: Error | undefined;
    await el.ready.catch((e: Error) => (rejected = e));
    expect(rejected?.message).to.contain('backend="cloud"');
    await el.updateComplete;
    const shown = shadow(el).querySelector('[part="error"]');
    expect(shown?.textContent).to.contain('backend="cloud" is not valid');
    expect(shown?.getAttribute('role')).to.equal('alert');
  });

  it('malformed data-files JSON is shown in place; other runtimes on the page keep working', async () => {
    const page = fixture<HTMLDivElement>(`<div>
      <verklet-runtime id="bad"><script type="application/json" data-files>{"index.js": "x",}</script></verklet-runtime>
      <verklet-runtime id="good"></verklet-runtime>
    </div>`);
    const bad = page.querySelector<VerkletRuntimeElement>('#bad')!;
    const good = page.querySelector<VerkletRuntimeElement>('#good')!;
    const err = await bad.ready.then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).to.contain('data-files: the JSON is malformed');
    await bad.updateComplete;
    expect(shadow(bad).querySelector('[part="error"]')?.textContent).to.contain('malformed');
    const rt = await good.ready;
    expect(good.error).to.equal(null);
    const proc = await rt.spawn('node', ['-e', 'console.log(6*7)']);
    const out = await new Response(proc.stdout.pipeThrough(new TextEncoderStream())).text();
    expect(out).to.equal('42\n');
  });

  it('rejects data-files of the wrong shape with a message saying what is expected', async () => {
    for (const [json, expected] of [
      ['[1,2]', 'expected a JSON object'],
      ['{"a.js": 5}', '"a.js" must be a string'],
      ['{"a": {"directory": {"b": {"file": {}}}}}', '"a/b" must be a string'],
      ['{"../x": "y"}', 'may not contain ".."'],
    ] as const) {
      const el = fixture<VerkletRuntimeElement>(`<verklet-runtime><script type="application/json" data-files>${json}</script></verklet-runtime>`);
      const err = await el.ready.then(
        () => null,
        (e: Error) => e,
      );
      expect(err?.message, json).to.contain(expected);
    }
  });

  it('mounts data-files (path map and FileSystemTree) and <template data-path> files after boot', async () => {
    const el = fixture<VerkletRuntimeElement>(`<verklet-runtime>
      <script type="application/json" data-files>{"index.js": "console.log(1)", "src/lib/a.js": "export const a = 1;",
        "tree": {"directory": {"b.txt": {"file": {"contents": "bee"}}}}}</script>
      <template data-path="src/app.js">
        if (a && b) console.log("x");
      </template>
      <template data-path="public/index.html"><h1>Hi</h1></template>
    </verklet-runtime>`);
    const rt = await el.ready;
    if (!hasFs(rt)) {
      // Until the filesystem lands, mount rejects: the element says so in place and stays usable.
      await el.updateComplete;
      expect(el.error).to.contain('The files could not be mounted');
      return;
    }
    expect(el.error).to.equal(null);
    expect(await rt.fs.readFile('/home/project/index.js', 'utf8')).to.equal('console.log(1)');
    expect(await rt.fs.readFile('/home/project/src/lib/a.js', 'utf8')).to.equal('export const a = 1;');
    expect(await rt.fs.readFile('/home/project/tree/b.txt', 'utf8')).to.equal('bee');
    expect(await rt.fs.readFile('/home/project/src/app.js', 'utf8')).to.equal('if (a && b) console.log("x");\n');
    expect(await rt.fs.readFile('/home/project/public/index.html', 'utf8')).to.equal('<h1>Hi</h1>\n');
  });

  it('several runtimes on one page are independent', async () => {
    const page = fixture<HTMLDivElement>('<div><verklet-runtime id="a"></verklet-runtime><verklet-runtime id="b" workdir="/b"></verklet-runtime></div>');
    const [a, b] = await Promise.all([...page.querySelectorAll<VerkletRuntimeElement>('verklet-runtime')].map((e) => e.ready));
    expect(a!.id).to.not.equal(b!.id);
    expect(a!.workdir).to.equal('/home/project');
    expect(b!.workdir).to.equal('/b');
  });

  it('tears its runtime down when removed from the page, but not when moved', async () => {
    const page = fixture<HTMLDivElement>('<div><verklet-runtime></verklet-runtime><section></section></div>');
    const el = page.querySelector<VerkletRuntimeElement>('verklet-runtime')!;
    const rt = await el.ready;
    page.querySelector('section')!.append(el); // a move
    await new Promise((r) => setTimeout(r, 20));
    expect(el.runtime).to.equal(rt);
    await rt.spawn('node', ['-e', '0']);
    el.remove();
    await until(() => el.runtime instanceof Promise, 'the element to let go of its runtime');
    let err: Error | undefined;
    await rt.spawn('node', ['-e', '0']).catch((e: Error) => (err = e));
    expect(err?.message).to.contain('torn down');
  });

  it('re-fires the runtime\'s promotion, backend-change and error events, and mounts the declared tree', async () => {
    const fake = new FakeRuntime();
    const realBoot = Runtime.boot;
    let options: unknown;
    (Runtime as unknown as { boot: (o: unknown) => Promise<unknown> }).boot = async (o: unknown) => ((options = o), fake);
    try {
      const el = fixture<VerkletRuntimeElement>(`<verklet-runtime backend="auto" project-id="prj_1">
        <script type="application/json" data-files>{"a/b.txt": "B", "c.js": {"file": {"contents": "C"}}}</script>
        <template data-path="d.md">
          # Title
            indented
        </template>
      </verklet-runtime>`);
      expect(await el.ready).to.equal(fake);
      expect(options).to.include({ backend: 'auto', projectId: 'prj_1' });
      expect(fake.mounts).to.deep.equal([
        {
          a: { directory: { 'b.txt': { file: { contents: 'B' } } } },
          'c.js': { file: { contents: 'C' } },
          'd.md': { file: { contents: '# Title\n  indented\n' } },
        },
      ]);
      const promotion = nextEvent<VerkletPromotionEvent>(document, 'verklet-promotion');
      fake.emit('promotion', { phase: 'start', reason: 'uv needs a server', command: ['uv', 'sync'] });
      const p = await promotion;
      expect([p.target, p.phase, p.reason, p.command]).to.deep.equal([el, 'start', 'uv needs a server', ['uv', 'sync']]);
      const change = nextEvent<VerkletBackendChangeEvent>(el, 'verklet-backend-change');
      fake.emit('backend-change', 'server');
      expect((await change).backend).to.equal('server');
      const error = nextEvent<VerkletErrorEvent>(el, 'verklet-error');
      fake.emit('error', { message: 'kill 3: no such process' });
      expect((await error).phase).to.equal('runtime');
      el.remove();
      await until(() => fake.tornDown, 'teardown on removal');
    } finally {
      (Runtime as unknown as { boot: typeof realBoot }).boot = realBoot;
    }
  });

  it('typed events bubble and cross shadow roots', () => {
    for (const ev of [new VerkletPromotionEvent({ phase: 'start', reason: 'needs uv', command: ['uv'] }), new VerkletBackendChangeEvent('server')]) {
      expect(ev.bubbles).to.equal(true);
      expect(ev.composed).to.equal(true);
    }
    expect(new VerkletPromotionEvent({ phase: 'done', reason: 'r' }).type).to.equal('verklet-promotion');
    expect(new VerkletBackendChangeEvent('server').backend).to.equal('server');
  });
});
