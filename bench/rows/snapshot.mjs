// snapshot-restore: a page boots a runtime whose persistenceKey names a
// snapshot of 10,000 files, until boot resolves and a file reads back.
// snapshot-commit: one file changed, until the commit has landed (the
// runtime's commit()/flush() if it has one, else teardown(), which makes the
// last commit of a persisted runtime before it resolves).
// Baselines: natively `tar -x` of the 10,000 files / `git commit` of one
// changed file (the main ones: the same operations on a real filesystem), and
// the same files as IndexedDB records in the same browser (idb-keyval
// getMany / one set: the storage floor a browser commit sits on).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { alternate } from '../lib/stats.mjs';
import { makeRow } from '../lib/report.mjs';
import { run, tempDir, removeDir } from '../lib/native.mjs';
import { SNAPSHOT_FILES_SOURCE, snapshotFiles, firstLine } from '../lib/workloads.mjs';

const WHERE = '/home/project/snap';
const PROBE = `${WHERE}/d99/f99.txt`;
const FILES = 10_000;

export default async function snapshot(ctx) {
  ctx.log('snapshot-restore / snapshot-commit');
  const work = tempDir('verklet-bench-snap-');
  const key = `bench-${Date.now()}`;
  const context = await ctx.b.browser.createBrowserContext();
  const commits = [];
  const commitHow = new Set();
  let commitError;
  try {
    // Native baselines: a tarball of the tree, and a git repository of it.
    const files = snapshotFiles(FILES);
    const src = join(work, 'src');
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(src, path)), { recursive: true });
      writeFileSync(join(src, path), text);
    }
    const tarball = join(work, 'snap.tar');
    await run('tar', ['-cf', tarball, '-C', src, '.']);
    const git = (...args) => run('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', '-c', 'commit.gpgsign=false', ...args], { cwd: src });
    await git('init', '-q');
    await git('add', '-A');
    await git('commit', '-qm', 'seed');

    // Seed the Verklet snapshot and the IndexedDB records in one browser context (one origin's storage).
    const seedPage = await ctx.b.openPage('isolated', { context });
    let seed = await ctx.b.call(seedPage.page, 'boot', { persistenceKey: key });
    if (seed.error) seed = { error: `boot with persistenceKey: ${seed.error}` };
    else if (seed.capabilities?.persistentFilesystem === 'memory') {
      seed = { error: "boot with persistenceKey reports persistentFilesystem 'memory' (no persistence in this build)" };
    } else {
      const w = await ctx.b.call(seedPage.page, 'writeFiles', null, WHERE, { generate: SNAPSHOT_FILES_SOURCE });
      if (w.error) seed = { error: `writing 10,000 files: ${w.error}` };
      else {
        const c = await ctx.b.call(seedPage.page, 'commit', `${WHERE}/seeded.txt`, 'seeded');
        if (c.error) seed = { error: `waiting for the first commit: ${c.error}` };
      }
    }
    await ctx.b.call(seedPage.page, 'teardown');
    const idbSeed = await ctx.b.call(seedPage.page, 'idbSnapshot', 'seed', FILES, 0);
    await seedPage.close();
    if (seed.error) commitError = seed.error;
    const idbPage = await ctx.b.openPage('isolated', { context });

    const restore = await alternate({
      rounds: ctx.rounds,
      log: ctx.log,
      sides: {
        verklet: async (round) => {
          if (seed.error) return seed;
          const p = await ctx.b.openPage('isolated', { context });
          try {
            const t0 = await p.page.evaluate(() => performance.now());
            const booted = await ctx.b.call(p.page, 'boot', { persistenceKey: key });
            if (booted.error) return { error: `boot: ${booted.error}` };
            const probe = await ctx.b.call(p.page, 'readText', PROBE);
            const t1 = await p.page.evaluate(() => performance.now());
            if (probe.error) return { error: `the restored runtime lacks the files: ${probe.error}` };
            const c = await ctx.b.call(p.page, 'commit', `${WHERE}/d0/f0.txt`, `changed in round ${round}`);
            if (c.error) commitError = c.error;
            else {
              commits.push(c.ms);
              commitHow.add(c.how);
            }
            await ctx.b.call(p.page, 'teardown');
            return t1 - t0;
          } finally {
            await p.close();
          }
        },
        idb: () => (idbSeed.error ? idbSeed : ctx.b.call(idbPage.page, 'idbSnapshot', 'restore', FILES, 0)),
        tar: async (round) => {
          const dest = join(work, `x${round}`);
          mkdirSync(dest);
          const r = await run('tar', ['-xf', tarball, '-C', dest]);
          removeDir(dest);
          return r.code === 0 ? r.ms : { error: firstLine(r.stderr) };
        },
      },
    });
    const commit = await alternate({
      rounds: ctx.rounds,
      log: ctx.log,
      sides: {
        idb: (round) => (idbSeed.error ? idbSeed : ctx.b.call(idbPage.page, 'idbSnapshot', 'commit', FILES, round)),
        git: async (round) => {
          writeFileSync(join(src, 'd0', 'f0.txt'), `changed in round ${round}`);
          const r = await git('commit', '-qam', `round ${round}`);
          return r.code === 0 ? r.ms : { error: firstLine(r.stderr || r.stdout) };
        },
      },
    });
    await idbPage.close();
    const note = (side, extra) => [side.error && `verklet: ${side.error}`, extra].filter(Boolean).join('; ') || undefined;
    return [
      makeRow({
        name: 'snapshot-restore',
        unit: 'ms',
        better: 'lower',
        verklet: restore.verklet.median,
        baselines: { 'idb-keyval getMany': restore.idb.median, 'native tar -x': restore.tar.median },
        main: 'native tar -x',
        note: note(restore.verklet, restore.idb.error && `idb: ${restore.idb.error}`),
        runs: restore.verklet.values.length,
      }),
      makeRow({
        name: 'snapshot-commit',
        unit: 'ms',
        better: 'lower',
        verklet: commits.length ? median(commits) : null,
        baselines: { 'idb-keyval set': commit.idb.median, 'native git commit': commit.git.median },
        main: 'native git commit',
        note: commits.length ? `committed via ${[...commitHow].join(', ')}` : `verklet: ${commitError ?? restore.verklet.error ?? 'no commit measured'}`,
        runs: commits.length,
      }),
    ];
  } finally {
    await context.close().catch(() => {});
    removeDir(work);
  }
}

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
