// npm-install: `npm install` of express (its whole tree) from a loopback
// registry. Native: npm under the reference Node with an empty cache each
// round. Verklet: `npm install` in a runtime booted with that registry, its
// cache warmed by one unmeasured install; node_modules and the lockfile are
// removed before every round on both sides.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alternate } from '../lib/stats.mjs';
import { makeRow } from '../lib/report.mjs';
import { NODE, run, tempDir, removeDir } from '../lib/native.mjs';
import { EXPRESS_VERSION, emptyNpmrc, npmCli, startRegistry } from '../lib/registry.mjs';
import { firstLine } from '../lib/workloads.mjs';

const APP = '/home/project/app';
const PACKAGE_JSON = JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { express: EXPRESS_VERSION } }, null, 2);

export default async function npmRow(ctx) {
  ctx.log('npm-install');
  let registry;
  try {
    registry = await startRegistry({ log: ctx.log });
  } catch (err) {
    return [makeRow({ name: 'npm-install', unit: 'ms', better: 'lower', verklet: null, baselines: { 'native npm (empty cache)': null }, note: `no loopback registry: ${err.message}` })];
  }
  const cli = npmCli();
  const work = tempDir('verklet-bench-npm-');
  const p = await ctx.b.openPage('isolated');
  try {
    const booted = await ctx.b.call(p.page, 'boot', { registry: registry.url });
    let setup;
    if (booted.error) setup = { error: `boot: ${booted.error}` };
    else {
      const w = await ctx.b.call(p.page, 'writeFiles', { 'package.json': PACKAGE_JSON }, APP);
      if (w.error) setup = { error: `writing package.json: ${w.error}` };
      else {
        const warm = await ctx.b.call(p.page, 'cmd', 'npm', ['install'], { cwd: APP });
        setup = installError(warm) ? { error: `npm install: ${installError(warm)}` } : {};
      }
    }
    const r = await alternate({
      rounds: ctx.rounds,
      log: ctx.log,
      sides: {
        verklet: async () => {
          if (setup.error) return setup;
          const clean = await ctx.b.call(p.page, 'rm', [`${APP}/node_modules`, `${APP}/package-lock.json`]);
          if (clean.error) return { error: `removing node_modules: ${clean.error}` };
          const res = await ctx.b.call(p.page, 'cmd', 'npm', ['install'], { cwd: APP });
          if (installError(res)) return { error: `npm install: ${installError(res)}` };
          const check = await ctx.b.call(p.page, 'readText', `${APP}/node_modules/express/package.json`);
          if (check.error) return { error: `node_modules/express missing after install: ${check.error}` };
          return res.ms;
        },
        native: async (round) => {
          if (!cli) return { error: 'npm not found' };
          const dir = join(work, `r${round}`);
          const cache = join(work, `cache${round}`);
          await run('mkdir', ['-p', dir]);
          writeFileSync(join(dir, 'package.json'), PACKAGE_JSON);
          const res = await run(
            NODE,
            [cli, 'install', `--registry=${registry.url}`, `--cache=${cache}`, `--userconfig=${emptyNpmrc()}`, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
            { cwd: dir },
          );
          removeDir(dir);
          removeDir(cache);
          if (res.code !== 0) return { error: `native npm exited ${res.code}: ${firstLine(res.stderr)}` };
          return res.ms;
        },
      },
    });
    return [
      makeRow({
        name: 'npm-install',
        unit: 'ms',
        better: 'lower',
        verklet: r.verklet.median,
        baselines: { 'native npm (empty cache)': r.native.median },
        main: 'native npm (empty cache)',
        note: [`express@${EXPRESS_VERSION}, ${registry.packages} packages`, r.verklet.error && `verklet: ${r.verklet.error}`, r.native.error && `native: ${r.native.error}`]
          .filter(Boolean)
          .join('; '),
        runs: r.verklet.values.length,
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
