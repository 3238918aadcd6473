// shell-pipe: `cat big.txt | grep x | wc -l` over a text file, in MB/s of
// input (wall time of the whole command line). Baseline: native dash.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alternate } from '../lib/stats.mjs';
import { makeRow } from '../lib/report.mjs';
import { run, tempDir, removeDir } from '../lib/native.mjs';
import { firstLine } from '../lib/workloads.mjs';

const LINE = 'cat big.txt | grep x | wc -l';

function bigText(lines, every) {
  const parts = new Array(lines);
  for (let i = 0; i < lines; i++) parts[i] = i % every === 0 ? `line ${i} has an x in it, padded to make it longer\n` : `line ${i} has nothing to match, padded to make it longer\n`;
  return parts.join('');
}

export default async function shellPipe(ctx) {
  ctx.log('shell-pipe');
  const lines = ctx.quick ? 50_000 : 200_000;
  const every = 10;
  const text = bigText(lines, every);
  const expected = Math.ceil(lines / every);
  const mb = Buffer.byteLength(text) / 1e6;
  const dir = tempDir('verklet-bench-sh-');
  writeFileSync(join(dir, 'big.txt'), text);
  const check = (r, what) => {
    if (r.error) return { error: `${what}: ${r.error}` };
    if (r.code !== 0) return { error: `${what} exited ${r.code}: ${firstLine(r.stderr || r.stdout)}` };
    if (Number(r.stdout.trim()) !== expected) return { error: `${what} printed '${firstLine(r.stdout)}', expected ${expected}` };
    return mb / (r.ms / 1000);
  };
  try {
    const v = await ctx.verkletPage('isolated');
    const written = v.error ? { error: v.error } : await ctx.b.call(v.page, 'writeBigFile', '/home/project/big.txt', lines, every);
    const r = await alternate({
      rounds: ctx.rounds,
      log: ctx.log,
      sides: {
        verklet: async () => (written.error ? { error: `writing big.txt: ${written.error}` } : check(await ctx.b.call(v.page, 'sh', LINE, {}, 60_000), 'sh -c')),
        dash: async () => check(await run('dash', ['-c', LINE], { cwd: dir }), 'dash -c'),
      },
    });
    return [
      makeRow({
        name: 'shell-pipe',
        unit: 'MB/s',
        better: 'higher',
        verklet: r.verklet.median,
        baselines: { 'native dash': r.dash.median },
        main: 'native dash',
        note: [`${mb.toFixed(1)} MB input`, r.verklet.error && `verklet: ${r.verklet.error}`, r.dash.error && `dash: ${r.dash.error}`].filter(Boolean).join('; '),
        runs: r.verklet.values.length,
      }),
    ];
  } finally {
    removeDir(dir);
  }
}
