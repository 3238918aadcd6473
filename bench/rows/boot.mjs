// boot: page load (navigation start) until Runtime.boot() resolves, cold (a
// fresh browser context: no HTTP cache) and warm (a reload in the same
// context). Baseline: almostnode's createContainer() on the same page, and
// the page loading nothing. The isolated cold pages also take the memory
// row's samples (rows/memory.mjs), as each holds one idle runtime.
import { alternate } from '../lib/stats.mjs';
import { makeRow } from '../lib/report.mjs';
import { MODES } from '../lib/browser.mjs';
import { measurePage, newSamples, recordSample } from './memory.mjs';

const SIDES = { verklet: 'verklet', almostnode: 'almostnode' };
const COLD_SIDES = { ...SIDES, blank: 'blank' };

function readyMs(ready) {
  if (!ready || ready.error) return { error: ready?.error ?? 'no result' };
  return ready.ms;
}

export default async function boot(ctx) {
  const rows = [];
  ctx.memorySamples = newSamples();
  for (const mode of MODES) {
    const suffix = mode === 'isolated' ? '' : ' (no isolation)';
    ctx.log(`boot cold${suffix}`);
    const cold = await alternate({
      rounds: ctx.rounds,
      log: ctx.log,
      sides: Object.fromEntries(
        Object.entries(COLD_SIDES).map(([name, impl]) => [
          name,
          async () => {
            const p = await ctx.b.openPage(mode, { impl });
            try {
              const ms = readyMs(p.ready);
              if (mode === 'isolated') recordSample(ctx.memorySamples, name, await measurePage(ctx, p, ctx.memorySamples.how).catch((e) => ({ error: e.message })));
              return ms;
            } finally {
              await p.close();
            }
          },
        ]),
      ),
    });
    rows.push(row(`boot cold${suffix}`, cold));

    ctx.log(`boot warm${suffix}`);
    const pages = {};
    for (const [name, impl] of Object.entries(SIDES)) pages[name] = await ctx.b.openPage(mode, { impl });
    try {
      const warm = await alternate({
        rounds: ctx.rounds,
        log: ctx.log,
        sides: Object.fromEntries(
          Object.keys(SIDES).map((name) => [
            name,
            async () => {
              const { page } = pages[name];
              await page.reload({ waitUntil: 'load', timeout: 120_000 });
              return readyMs(await page.evaluate(() => window.benchReady));
            },
          ]),
        ),
      });
      rows.push(row(`boot warm${suffix}`, warm));
    } finally {
      for (const p of Object.values(pages)) await p.close();
    }
  }
  return rows;
}

function row(name, r) {
  const baselines = { almostnode: r.almostnode.median };
  if (r.blank) baselines['blank page'] = r.blank.median;
  return makeRow({
    name,
    unit: 'ms',
    better: 'lower',
    verklet: r.verklet.median,
    baselines,
    main: 'almostnode',
    note: Object.entries(r).filter(([, s]) => s.error).map(([k, s]) => `${k}: ${s.error}`).join('; ') || undefined,
    runs: r.verklet.values.length,
  });
}
