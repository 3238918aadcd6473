// A loopback npm registry holding the express tree, for the npm-install row.
// The tree's tarballs are fetched once from the configured npm registry with
// npm itself (`npm install --package-lock-only`, then `npm pack`) into
// bench/.cache/, then served from 127.0.0.1 with CORS (the runtime fetches
// from the page's origin) and CORP (isolated pages).
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { NODE, run, tempDir, removeDir } from './native.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const EXPRESS_VERSION = '4.21.2';
const CACHE = join(root, 'bench', '.cache', `express-${EXPRESS_VERSION}`);

/** npm's own CLI script, to run under the reference Node. */
export function npmCli() {
  try {
    const bin = realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim());
    const cli = join(dirname(bin), 'npm-cli.js');
    if (existsSync(cli)) return cli;
  } catch {
    // fall through
  }
  return undefined;
}

/** A userconfig with nothing in it, so the machine's ~/.npmrc does not steer the native runs. */
export function emptyNpmrc() {
  const dir = join(root, 'bench', '.cache');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'empty.npmrc');
  if (!existsSync(file)) writeFileSync(file, '');
  return file;
}

async function fetchTree(log) {
  const tarballs = join(CACHE, 'tarballs');
  if (existsSync(join(CACHE, 'done'))) return tarballs;
  const cli = npmCli();
  if (!cli) throw new Error('npm not found to fetch the express tree');
  log(`npm-install: fetching the express@${EXPRESS_VERSION} tree once into bench/.cache`);
  const work = tempDir('verklet-bench-tree-');
  try {
    writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'tree', version: '1.0.0', dependencies: { express: EXPRESS_VERSION } }));
    const lock = await run(NODE, [cli, 'install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: work });
    if (lock.code !== 0) throw new Error(`npm install --package-lock-only failed: ${lock.stderr.slice(0, 300)}`);
    const packages = JSON.parse(readFileSync(join(work, 'package-lock.json'), 'utf8')).packages;
    const specs = new Set();
    for (const [path, info] of Object.entries(packages)) {
      if (!path) continue;
      const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      specs.add(`${name}@${info.version}`);
    }
    mkdirSync(tarballs, { recursive: true });
    const pack = await run(NODE, [cli, 'pack', ...specs, '--pack-destination', tarballs, '--ignore-scripts', '--json'], { cwd: work });
    if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr.slice(0, 300)}`);
    writeFileSync(join(CACHE, 'done'), `${[...specs].join('\n')}\n`);
    return tarballs;
  } finally {
    removeDir(work);
  }
}

/** package/package.json out of a .tgz, with a minimal tar reader. */
function packageJsonOf(tgz) {
  const tar = gunzipSync(tgz);
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    if (header[0] === 0) break;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    const full = prefix ? `${prefix}/${name}` : name;
    if (/^[^/]+\/package\.json$/.test(full)) return JSON.parse(tar.subarray(off + 512, off + 512 + size).toString('utf8'));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error('no package.json in tarball');
}

/** Starts the registry; resolves to { url, close, packages }. */
export async function startRegistry({ log = () => {} } = {}) {
  const dir = await fetchTree(log);
  const docs = new Map();
  const files = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.tgz'))) {
    const data = readFileSync(join(dir, file));
    const pkg = packageJsonOf(data);
    const integrity = `sha512-${createHash('sha512').update(data).digest('base64')}`;
    const shasum = createHash('sha1').update(data).digest('hex');
    const tarName = `${pkg.name.split('/').pop()}-${pkg.version}.tgz`;
    files.set(`${pkg.name}/-/${tarName}`, data);
    const doc = docs.get(pkg.name) ?? { name: pkg.name, 'dist-tags': {}, versions: {} };
    doc.versions[pkg.version] = { ...pkg, dist: { tarball: `/${pkg.name}/-/${tarName}`, integrity, shasum } };
    docs.set(pkg.name, doc);
  }
  for (const doc of docs.values()) doc['dist-tags'].latest = Object.keys(doc.versions).sort(semver.rcompare)[0];
  let base = '';
  const headers = {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': '*',
    'cross-origin-resource-policy': 'cross-origin',
  };
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, headers);
      return res.end();
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice(1);
    const tarball = files.get(path);
    if (tarball) {
      res.writeHead(200, { ...headers, 'content-type': 'application/octet-stream', 'content-length': tarball.length });
      return res.end(tarball);
    }
    const doc = docs.get(path);
    if (doc) {
      const versions = Object.fromEntries(
        Object.entries(doc.versions).map(([v, meta]) => [v, { ...meta, dist: { ...meta.dist, tarball: `${base}${meta.dist.tarball}` } }]),
      );
      const body = JSON.stringify({ ...doc, versions });
      res.writeHead(200, { ...headers, 'content-type': 'application/json' });
      return res.end(body);
    }
    res.writeHead(404, { ...headers, 'content-type': 'application/json' });
    res.end('{"error":"not found"}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  return { url: `${base}/`, packages: files.size, close: () => server.close() };
}
