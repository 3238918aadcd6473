// memory: the tab's memory (page and every worker) with one idle runtime,
// from performance.measureUserAgentSpecificMemory on an isolated page; where
// that fails, CDP heap usage of the page and each worker target summed.
// Baselines: the same page with an almostnode container, and with nothing.
//
// The cold boot rounds (rows/boot.mjs) already open exactly these pages, so
// they take the samples and leave them in ctx.memorySamples; this group only
// opens pages of its own when it runs without them (--only=memory).
import { alternate, median } from '../lib/stats.mjs';
import { makeRow } from '../lib/report.mjs';

/** Bytes for an open page whose runtime (or container) is up, after a short idle. */
export async function measurePage(ctx, p, how) {
  if (p.ready?.error) return { error: p.ready.error };
  await new Promise((r) => setTimeout(r, ctx.quick ? 300 : 1000));
  const m = await ctx.b.call(p.page, 'memory');
  if (typeof m.bytes === 'number') {
    how.add(m.how);
    return m.bytes;
  }
  // Fallback: CDP heap usage of the page plus each worker.
  const cdp = await p.page.createCDPSession();
  await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  let total = usedSize;
  for (const w of p.page.workers()) {
    const u = await w.client.send('Runtime.getHeapUsage').catch(() => ({ usedSize: 0 }));
    total += u.usedSize;
  }
  how.add(`CDP Runtime.getHeapUsage (page + workers; ${m.error})`);
  return total;
}

/** Samples as the boot group collects them: { verklet, almostnode, blank } -> { values, error }. */
export function newSamples() {
  const side = () => ({ values: [], error: undefined });
  return { verklet: side(), almostnode: side(), blank: side(), how: new Set() };
}

export function recordSample(samples, side, value) {
  const slot = samples[side];
  if (typeof value === 'number') slot.values.push(value);
  else if (value?.error && !slot.error) slot.error = value.error;
}

export default async function memory(ctx) {
  let s = ctx.memorySamples;
  if (!s || !s.verklet.values.length) {
    ctx.log('memory');
    s = newSamples();
    const r = await alternate({
      rounds: ctx.rounds,
      log: ctx.log,
      sides: Object.fromEntries(
        ['verklet', 'almostnode', 'blank'].map((impl) => [
          impl,
          async () => {
            const p = await ctx.b.openPage('isolated', { impl });
            try {
              return await measurePage(ctx, p, s.how);
            } finally {
              await p.close();
            }
          },
        ]),
      ),
    });
    for (const k of ['verklet', 'almostnode', 'blank']) s[k] = r[k];
  }
  const notes = ['verklet', 'almostnode', 'blank'].filter((k) => s[k].error).map((k) => `${k}: ${s[k].error}`);
  return [
    makeRow({
      name: 'memory',
      unit: 'bytes',
      better: 'lower',
      verklet: median(s.verklet.values),
      baselines: { 'almostnode container': median(s.almostnode.values), 'blank page': median(s.blank.values) },
      main: 'almostnode container',
      note: [`via ${[...s.how].join(', ') || 'nothing'}`, ...notes].join('; '),
      runs: s.verklet.values.length,
    }),
  ];
}
