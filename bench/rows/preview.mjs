// preview: sequential requests per second to an http server started in the
// runtime, through the preview service worker (fetchPreview without it as a
// detail). Baseline: the reference Node's http server and Node's fetch.
import { alternate, median } from '../lib/stats.mjs';
import { makeRow } from '../lib/report.mjs';
import { NODE, startUntil } from '../lib/native.mjs';
import { serverProgram } from '../lib/workloads.mjs';

export default async function preview(ctx) {
  ctx.log('preview');
  const n = ctx.quick ? 50 : 200;
  const p = await ctx.b.openPage('isolated');
  const native = await startUntil(NODE, ['-e', serverProgram(0)], /LISTENING (\d+)/);
  const url = `http://127.0.0.1:${native.match[1]}/`;
  const fetchPreview = [];
  try {
    const booted = await ctx.b.call(p.page, 'boot', {});
    const started = booted.error ? { error: `boot: ${booted.error}` } : await ctx.b.call(p.page, 'previewStart', serverProgram(3000), 3000);
    const r = await alternate({
      rounds: ctx.rounds,
      log: ctx.log,
      sides: {
        verklet: async () => {
          if (started.error) return { error: `starting the server: ${started.error}` };
          const res = await ctx.b.call(p.page, 'previewRps', 3000, n);
          if (typeof res.fetchPreview === 'number') fetchPreview.push(res.fetchPreview);
          if (res.error) return { error: res.error + (res.fetchPreviewError ? `; fetchPreview: ${res.fetchPreviewError}` : '') };
          return res.value;
        },
        native: async () => {
          await (await fetch(url)).text();
          const t0 = performance.now();
          for (let i = 0; i < n; i++) await (await fetch(url)).text();
          return (n / (performance.now() - t0)) * 1000;
        },
      },
    });
    const detail = fetchPreview.length ? { 'fetchPreview (no service worker) req/s': Math.round(median(fetchPreview)) } : undefined;
    return [
      makeRow({
        name: 'preview',
        unit: 'req/s',
        better: 'higher',
        verklet: r.verklet.median,
        baselines: { 'native node http + fetch': r.native.median },
        main: 'native node http + fetch',
        note: r.verklet.error && `verklet: ${r.verklet.error}`,
        detail,
        runs: r.verklet.values.length,
      }),
    ];
  } finally {
    native.child.kill('SIGKILL');
    await p.close();
  }
}
