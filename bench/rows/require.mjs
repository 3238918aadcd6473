// require: the time a program spends requiring a 200-module tree (20
// packages in node_modules, 10 files each), measured inside the program, in
// a fresh process each round. Baseline: the reference Node 24 on a temp folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { alternate } from '../lib/stats.mjs';
import { makeRow } from '../lib/report.mjs';
import { NODE, run, tempDir, removeDir } from '../lib/native.mjs';
import { REQUIRE_PROGRAM, requireTree } from '../lib/workloads.mjs';
import { benchValue } from './fs.mjs';

const WHERE = '/home/project/req';

export default async function requireRow(ctx) {
  ctx.log('require');
  const files = requireTree();
  const dir = tempDir('verklet-bench-req-');
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const v = await ctx.verkletPage('isolated');
    let setup = v.error ? { error: v.error } : await ctx.b.call(v.page, 'writeFiles', files, WHERE);
    const r = await alternate({
      rounds: ctx.rounds,
      log: ctx.log,
      sides: {
        verklet: async () =>
          setup.error ? { error: `writing the tree: ${setup.error}` } : benchValue(await ctx.b.call(v.page, 'node', REQUIRE_PROGRAM, { cwd: WHERE }, 60_000), 'node -e'),
        native: async () => benchValue(await run(NODE, ['-e', REQUIRE_PROGRAM], { cwd: dir }), 'native node'),
      },
    });
    return [
      makeRow({
        name: 'require',
        unit: 'ms',
        better: 'lower',
        verklet: r.verklet.median,
        baselines: { 'native node': r.native.median },
        main: 'native node',
        note: [r.verklet.error && `verklet: ${r.verklet.error}`, r.native.error && `native: ${r.native.error}`].filter(Boolean).join('; ') || undefined,
        runs: r.verklet.values.length,
      }),
    ];
  } finally {
    removeDir(dir);
  }
}
