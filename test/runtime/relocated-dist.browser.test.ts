/**
 * dist/ works copied into any folder or CDN path: scripts/test.mjs copies it to
 * test-results/cdn/some/deep/prefix/ before the browser suites, and this test
 * loads the SDK from there. Workers and WASM must be found next to it.
 */
import { expect } from '@esm-bundle/chai';
import { MODE } from '../helpers/runtime.js';

const base = '/test-results/cdn/some/deep/prefix/';

describe(`dist copied to another path (${MODE})`, () => {
  it('boots and runs processes with every asset found relative to the module', async () => {
    const { Runtime } = (await import(/* @vite-ignore */ `${base}index.js`)) as typeof import('../../dist/index.js');
    // The suite's own helpers loaded /dist/ earlier; count only what this runtime loads.
    const t0 = performance.now();
    const requested: string[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.startTime >= t0) requested.push(new URL(e.name).pathname);
    });
    observer.observe({ type: 'resource', buffered: true });
    const rt = await Runtime.boot({ serviceWorker: false });
    try {
      const proc = await rt.spawn('node', ['-e', 'console.log("relocated")']);
      let out = '';
      await proc.stdout.pipeTo(new WritableStream({ write: (t) => void (out += t) }));
      expect(out).to.equal('relocated\n');
      await rt.fs.writeFile('x.txt', 'vfs ok');
      expect(await rt.fs.readFile('x.txt', 'utf8')).to.equal('vfs ok');
    } finally {
      await rt.teardown();
      observer.disconnect();
    }
    const fromDist = requested.filter((p) => p.startsWith('/dist/'));
    expect(fromDist, 'nothing loaded from /dist/').to.deep.equal([]);
    expect(requested.some((p) => p === `${base}verklet-kernel.js`)).to.equal(true);
  });

  it('the drop-in file sets globalThis.Verklet', async () => {
    await import(/* @vite-ignore */ `${base}verklet.js`);
    expect(typeof (globalThis as { Verklet?: { Runtime?: unknown } }).Verklet?.Runtime).to.equal('function');
  });
});
