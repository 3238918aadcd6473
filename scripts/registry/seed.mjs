// Seeds the loopback Verdaccio with real packages: the whole dependency trees
// of a few popular packages, fetched once with the npm client from the
// registry this machine's npm is configured with (`npm pack`), cached under
// .verdaccio/packs/ so that later runs are offline, and published with
// `npm publish --registry <loopback>`.
//
//   node scripts/registry/seed.mjs     starts Verdaccio, seeds it, stops it
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { stateDir, startRegistry } from './server.mjs';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const semver = require('semver');

/**
 * The trees the installer is tested on: a package name (its latest version),
 * or a spec with the overrides its users install it with. Vite 6 is seeded as
 * the browser runtime installs it: esbuild and rollup replaced by their WASM
 * builds (no native binaries, so no platform packages either).
 */
export const TREES = [
  'express', 'koa', 'chalk', 'lodash', 'commander', 'typescript', 'prettier', 'esbuild-wasm',
  { name: 'vite', spec: 'vite@6.4.6', overrides: { esbuild: 'npm:esbuild-wasm@0.25.9', rollup: 'npm:@rollup/wasm-node@4.68.4' } },
];
const treeName = (t) => (typeof t === 'string' ? t : t.name);
/** Changes when TREES does: a cached seed list or a seeded storage made for other trees is redone. */
const TREES_KEY = JSON.stringify(TREES);

const packsDir = join(stateDir, 'packs');
const listFile = join(packsDir, 'seed.json');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** Lists every name@version of each tree (through `npm install --package-lock-only`). */
async function listTrees() {
  const all = new Map(); // "name@version" -> { name, version }
  const tops = {};
  await Promise.all(TREES.map(async (t) => {
    const tree = treeName(t);
    const dir = mkdtempSync(join(tmpdir(), `verklet-seed-${tree}-`));
    try {
      const overrides = typeof t === 'string' ? undefined : t.overrides;
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'seed', version: '1.0.0', private: true, overrides }));
      const spec = typeof t === 'string' ? t : t.spec;
      await run(npm, ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', spec], { cwd: dir, maxBuffer: 64 << 20 });
      const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
      for (const [path, entry] of Object.entries(lock.packages)) {
        if (!path) continue;
        if (entry.link || entry.inBundle) continue;
        const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 13);
        all.set(`${name}@${entry.version}`, { name, version: entry.version });
        if (path === `node_modules/${tree}`) tops[tree] = entry.version;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }));
  return { tops, packages: [...all.values()].sort((a, b) => a.name.localeCompare(b.name) || semver.compare(a.version, b.version)) };
}

async function pool(items, n, fn) {
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (i < items.length) await fn(items[i++]);
  }));
}

/** Packs each package into .verdaccio/packs (skipping the ones already there). */
async function packAll(packages) {
  mkdirSync(packsDir, { recursive: true });
  const have = new Set(readdirSync(packsDir));
  const fileOf = (p) => `${p.name.replace(/^@/, '').replace('/', '-')}-${p.version}.tgz`;
  const missing = packages.filter((p) => !have.has(fileOf(p)));
  const chunks = [];
  for (let i = 0; i < missing.length; i += 20) chunks.push(missing.slice(i, i + 20));
  await pool(chunks, 4, async (chunk) => {
    await run(npm, ['pack', '--pack-destination', packsDir, '--ignore-scripts', ...chunk.map((p) => `${p.name}@${p.version}`)], { cwd: packsDir, maxBuffer: 64 << 20 });
  });
  for (const p of packages) p.file = fileOf(p);
}

/** The seed list: made once (network), then read from the cache. */
export async function seedList() {
  if (existsSync(listFile)) {
    const cached = JSON.parse(readFileSync(listFile, 'utf8'));
    if (cached.trees === TREES_KEY) return cached;
  }
  const list = { trees: TREES_KEY, ...(await listTrees()) };
  await packAll(list.packages);
  writeFileSync(listFile, JSON.stringify(list, null, 2));
  return list;
}

/** Publishes every cached tarball to the registry at `url` (ascending versions per name). */
export async function publishAll(url, token, list) {
  const conf = join(stateDir, `publish-npmrc-${new URL(url).port}`);
  const host = url.replace(/^https?:/, '');
  writeFileSync(conf, `registry=${url}\n${host}:_authToken=${token}\n`);
  const byName = new Map();
  for (const p of list.packages) {
    if (!byName.has(p.name)) byName.set(p.name, []);
    byName.get(p.name).push(p);
  }
  const failures = [];
  await pool([...byName.values()], 12, async (versions) => {
    for (const p of versions) {
      const tag = semver.prerelease(p.version) ? 'next' : 'latest';
      try {
        await run(npm, ['publish', join(packsDir, p.file), '--registry', url, '--userconfig', conf, '--tag', tag,
          '--ignore-scripts', '--provenance=false', '--access', 'public', '--no-audit'], { cwd: stateDir, maxBuffer: 64 << 20 });
      } catch (e) {
        if (!/EPUBLISHCONFLICT|cannot publish over|already present/i.test(String(e.stderr))) failures.push(`${p.name}@${p.version}: ${String(e.stderr).slice(-400)}`);
      }
    }
  });
  if (failures.length) throw new Error(`publish failed:\n${failures.join('\n')}`);
}

/**
 * Makes sure the storage at .verdaccio/storage holds the seed packages. Runs
 * its own Verdaccio when `registry` is not given. Idempotent (a marker file).
 */
export async function ensureSeeded(registry) {
  const marker = join(stateDir, 'storage', '.seeded.json');
  const list = await seedList();
  if (existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).trees === TREES_KEY) return list;
  const reg = registry ?? await startRegistry();
  try {
    await publishAll(reg.url, reg.token, list);
    writeFileSync(marker, JSON.stringify({ date: new Date().toISOString(), count: list.packages.length, trees: TREES_KEY }));
  } finally {
    if (!registry) await reg.stop();
  }
  return list;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t = Date.now();
  const list = await ensureSeeded();
  console.log(`seeded ${list.packages.length} packages (${Object.entries(list.tops).map(([n, v]) => `${n}@${v}`).join(', ')}) in ${Date.now() - t} ms`);
}
