// npm-install: `npm install` of express (its whole tree) from a loopback
// registry, node_modules and the lockfile removed before every round, with an
// empty cache on both sides: Verklet's OPFS tarball cache is cleared, native
// npm gets a fresh --cache folder.
// npm-install-warm: the second install of the same tree (node_modules removed,
// package-lock.json and the cache kept), which the installer serves without
// the network; native npm with its warm cache and lockfile (--prefer-offline).
// The target for Verklet is 300 ms.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alternate } from '../lib/stats.mjs';
import { makeRow } from '../lib/report.mjs';
import { NODE, run, tempDir, removeDir } from '../lib/native.mjs';
import { EXPRESS_VERSION, emptyNpmrc, npmCli, startRegistry } from '../lib/registry.mjs';
import { firstLine } from '../lib/workloads.mjs';

const APP = '/home/project/app';
const PACKAGE_JSON = JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { express: EXPRESS_VERSION } }, null, 2);
const EMPTY = 'native npm (empty cache)';
const WARM = 'native npm (warm cache, lockfile)';

export default async function npmRows(ctx) {
  ctx.log('npm-install');
  let registry;
  try {
    registry = await startRegistry({ log: ctx.log });
  } catch (err) {
    const note = `no loopback registry: ${err.message}`;
    return [
      makeRow({ name: 'npm-install', unit: 'ms', better: 'lower', verklet: null, baselines: { [EMPTY]: null }, note }),
      makeRow({ name: 'npm-install-warm', unit: 'ms', better: 'lower', verklet: null, baselines: { [WARM]: null }, note }),
    ];
  }
  const cli = npmCli();
  const work = tempDir('verklet-bench-npm-');
  const p = await ctx.b.openPage('isolated');
  const call = (...args) => ctx.b.call(p.page, ...args);
  const nativeArgs = (cache) => [cli, 'install', `--registry=${registry.url}`, `--cache=${cache}`, `--userconfig=${emptyNpmrc()}`, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];

  /** One Verklet install; `clean` lists what to remove first. */
  async function verkletInstall(clean, clearCache) {
    const removed = await call('rm', clean);
    if (removed.error) return { error: `removing ${clean.join(', ')}: ${removed.error}` };
    if (clearCache) {
      const cleared = await call('clearNpmCache');
      if (cleared.error) return { error: `clearing the tarball cache: ${cleared.error}` };
    }
    const res = await call('cmd', 'npm', ['install'], { cwd: APP });
    if (installError(res)) return { error: `npm install: ${installError(res)}` };
    const check = await call('readText', `${APP}/node_modules/express/package.json`);
    if (check.error) return { error: `node_modules/express missing after install: ${check.error}` };
    return res.ms;
  }

  try {
    const booted = await call('boot', { registry: registry.url });
    let setup = {};
    if (booted.error) setup = { error: `boot: ${booted.error}` };
    else {
      const w = await call('writeFiles', { 'package.json': PACKAGE_JSON }, APP);
      if (w.error) setup = { error: `writing package.json: ${w.error}` };
    }
    const empty = await alternate({
      rounds: ctx.rounds,
      log: ctx.log,
      sides: {
        verklet: async () => setup.error ? setup : verkletInstall([`${APP}/node_modules`, `${APP}/package-lock.json`], true),
        native: async (round) => {
          if (!cli) return { error: 'npm not found' };
          const dir = join(work, `r${round}`);
          const cache = join(work, `cache${round}`);
          await run('mkdir', ['-p', dir]);
          writeFileSync(join(dir, 'package.json'), PACKAGE_JSON);
          const res = await run(NODE, nativeArgs(cache), { cwd: dir });
          removeDir(dir);
          removeDir(cache);
          if (res.code !== 0) return { error: `native npm exited ${res.code}: ${firstLine(res.stderr)}` };
          return res.ms;
        },
      },
    });

    ctx.log('npm-install-warm');
    // Warm both sides once, unmeasured: Verklet's cache and lockfile, npm's cache and lockfile.
    const warmDir = join(work, 'warm');
    const warmCache = join(work, 'warm-cache');
    await run('mkdir', ['-p', warmDir]);
    writeFileSync(join(warmDir, 'package.json'), PACKAGE_JSON);
    let nativeSetup = {};
    if (!cli) nativeSetup = { error: 'npm not found' };
    else {
      const first = await run(NODE, nativeArgs(warmCache), { cwd: warmDir });
      if (first.code !== 0) nativeSetup = { error: `native npm exited ${first.code}: ${firstLine(first.stderr)}` };
    }
    if (!setup.error) {
      const first = await verkletInstall([`${APP}/node_modules`, `${APP}/package-lock.json`], false);
      if (typeof first !== 'number') setup = first;
    }
    const warm = await alternate({
      rounds: ctx.rounds,
      log: ctx.log,
      sides: {
        verklet: async () => setup.error ? setup : verkletInstall([`${APP}/node_modules`], false),
        native: async () => {
          if (nativeSetup.error) return nativeSetup;
          removeDir(join(warmDir, 'node_modules'));
          const res = await run(NODE, [...nativeArgs(warmCache), '--prefer-offline'], { cwd: warmDir });
          if (res.code !== 0) return { error: `native npm exited ${res.code}: ${firstLine(res.stderr)}` };
          return res.ms;
        },
      },
    });
    const note = (r, extra) => [extra, r.verklet.error && `verklet: ${r.verklet.error}`, r.native.error && `native: ${r.native.error}`].filter(Boolean).join('; ');
    return [
      makeRow({
        name: 'npm-install',
        unit: 'ms',
        better: 'lower',
        verklet: empty.verklet.median,
        baselines: { [EMPTY]: empty.native.median },
        main: EMPTY,
        note: note(empty, `express@${EXPRESS_VERSION}, ${registry.packages} packages, empty caches`),
        runs: empty.verklet.values.length,
      }),
      makeRow({
        name: 'npm-install-warm',
        unit: 'ms',
        better: 'lower',
        verklet: warm.verklet.median,
        baselines: { [WARM]: warm.native.median, target: 300 },
        main: WARM,
        note: note(warm, 'second install of the same tree: lockfile and cache kept, node_modules removed'),
        runs: warm.verklet.values.length,
      }),
    ];
  } finally {
    await p.close();
    registry.close();
    removeDir(work);
  }
}

function installError(res) {
  if (!res) return 'no result';
  if (res.error) return res.error;
  if (res.code === 127) return 'npm is not available yet (command not found)';
  if (res.code !== 0) return `exited ${res.code}: ${firstLine(res.stderr || res.stdout)}`;
  return undefined;
}
