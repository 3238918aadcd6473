// fs-read / fs-stat / fs-write: small-file ops/s from one loop (bench/lib/
// workloads.mjs) run inside a Verklet process, in native Node in a temp
// folder, in memfs and ZenFS in a Web Worker of the same page, and in
// almostnode's VirtualFS on the main thread.
import { join } from 'node:path';
import { alternate } from '../lib/stats.mjs';
import { makeRow } from '../lib/report.mjs';
import { MODES } from '../lib/browser.mjs';
import { NODE, run, tempDir, removeDir } from '../lib/native.mjs';
import { FS_LOOP_SOURCE, fsProgram, parseBench, firstLine } from '../lib/workloads.mjs';

const OPS = [
  ['fs-read', 'read'],
  ['fs-stat', 'stat'],
  ['fs-write', 'write'],
];

/** Reads `BENCH n` from a process result, or says why there is none. */
export function benchValue(r, what) {
  if (!r) return { error: `${what}: no result` };
  if (r.error) return { error: `${what}: ${r.error}` };
  const v = parseBench(r.stdout);
  if (r.code !== 0 || v === undefined) return { error: `${what} exited ${r.code}: ${firstLine(r.stderr || r.stdout) || 'no output'}` };
  return v;
}

export default async function fsRows(ctx) {
  const rows = [];
  const dir = tempDir('verklet-bench-fs-');
  try {
    for (const mode of MODES) {
      const v = await ctx.verkletPage(mode);
      for (const [rowName, op] of OPS) {
        const n = op === 'write' ? 5000 : 50000;
        const budget = ctx.quick ? 100 : 500;
        const name = mode === 'isolated' ? rowName : `${rowName} (no isolation)`;
        if (ctx.wants && !ctx.wants(name)) continue;
        ctx.log(`${name} (up to ${n} ops or ${budget} ms per run)`);
        const program = (d) => fsProgram(d, op, n, budget);
        const r = await alternate({
          rounds: ctx.rounds,
          log: ctx.log,
          sides: {
            verklet: async () =>
              v.error ? { error: v.error } : benchValue(await ctx.b.call(v.page, 'node', program('/home/project/.bench-fs'), {}, 30_000), 'node -e'),
            native: async () => benchValue(await run(NODE, ['-e', program(join(dir, 'native'))]), 'native node'),
            memfs: () => ctx.b.call(v.page, 'workerFs', 'memfs', FS_LOOP_SOURCE, op, n, budget),
            zenfs: () => ctx.b.call(v.page, 'workerFs', 'zenfs', FS_LOOP_SOURCE, op, n, budget),
            almostnode: () => ctx.b.call(v.page, 'almostnodeFs', FS_LOOP_SOURCE, op, n, budget),
          },
        });
        const notes = Object.entries(r)
          .filter(([, s]) => s.error)
          .map(([k, s]) => `${k}: ${s.error}`);
        rows.push(
          makeRow({
            name,
            unit: 'ops/s',
            better: 'higher',
            verklet: r.verklet.median,
            baselines: {
              'native node': r.native.median,
              'memfs (worker)': r.memfs.median,
              '@zenfs/core (worker)': r.zenfs.median,
              'almostnode VFS (main thread)': r.almostnode.median,
            },
            main: 'native node',
            note: notes.join('; ') || undefined,
            runs: r.verklet.values.length,
          }),
        );
      }
    }
  } finally {
    removeDir(dir);
  }
  return rows;
}
