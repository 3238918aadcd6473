// spawn: spawn('node', ['-e', 'console.log(1)']) until the first output, with
// the worker pool warm. Baseline: the reference Node 24 `node -e` to first output.
import { alternate } from '../lib/stats.mjs';
import { makeRow } from '../lib/report.mjs';
import { MODES } from '../lib/browser.mjs';
import { nodeFirstOutput } from '../lib/native.mjs';

export default async function spawn(ctx) {
  const rows = [];
  for (const mode of MODES) {
    const name = mode === 'isolated' ? 'spawn' : 'spawn (no isolation)';
    ctx.log(name);
    const v = await ctx.verkletPage(mode);
    const r = await alternate({
      rounds: ctx.quick ? ctx.rounds : ctx.rounds * 2,
      warmup: true,
      log: ctx.log,
      sides: {
        verklet: async () => (v.error ? { error: v.error } : ctx.b.call(v.page, 'spawnFirstOutput').then((x) => x.error ? x : x.ms)),
        native: () => nodeFirstOutput('console.log(1)'),
      },
    });
    rows.push(
      makeRow({
        name,
        unit: 'ms',
        better: 'lower',
        verklet: r.verklet.median,
        baselines: { 'native node -e': r.native.median },
        main: 'native node -e',
        note: r.verklet.error && `verklet: ${r.verklet.error}`,
        runs: r.verklet.values.length,
      }),
    );
  }
  return rows;
}
