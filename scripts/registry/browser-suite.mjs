// The loopback registry for the browser suites (test/npm/*.browser.test.ts):
// the seeded Verdaccio (same storage and seeding as the Node tests), behind a
// small counting proxy on 127.0.0.1, plus a few fixture packages. Verdaccio
// answers with `Access-Control-Allow-Origin: *`, which is all a CORS-mode
// fetch from a process worker needs, on isolated (COEP require-corp) pages too.
//
// Two ways to use it:
//   - `registryPlugin()` in web-test-runner.config.mjs `plugins`: starts the
//     registry in the background when the dev server starts (seeding it the
//     first time on a machine, about 3 minutes, as the Node tests do) and
//     stops it with the dev server. Endpoints:
//       GET /__verklet_registry__/info            → { url }
//       GET /__verklet_registry__/requests[?reset=1] → { requests: [paths] }
//       GET /__verklet_registry__/lockfile?spec=koa   → { packageJson, lock } written by real npm
//   - `startForBrowserTests()` → { url, stop, requests(), reset(), lockfile(spec) } for scripts.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stateDir } from './server.mjs';
import { seededRegistry } from '../../test/npm/helpers/registry.mjs';
import { makePackage, publish } from '../../test/npm/helpers/tarball.mjs';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Real packages the browser suite needs beyond the seed trees, published
 * under their own dist-tag so `latest` (what the Node tests install) stays.
 * typescript@5 is the last JavaScript tsc (7 is a native binary).
 */
export const EXTRA_PACKAGES = [{ name: 'typescript', version: '5.9.3', tag: 'ts5' }];

/** Small hand-made fixtures. */
const FIXTURES = [
  [{ name: 'vt-hello-bin', version: '1.0.0', bin: { 'vt-hello': 'bin/hello.js' } },
    { 'bin/hello.js': '#!/usr/bin/env node\nconsole.log("hello from vt-hello:", process.argv.slice(2).join(" "));\n' }],
  [{ name: 'vt-native-demo', version: '1.0.0', main: 'index.js', scripts: { install: 'node-gyp rebuild' }, gypfile: true },
    { 'binding.gyp': '{"targets":[{"target_name":"demo","sources":["demo.cc"]}]}', 'index.js': 'module.exports = "js part";\n' }],
  [{ name: 'vt-postinstall', version: '1.0.0', scripts: { postinstall: 'node -e "require(\'fs\').writeFileSync(\'made.txt\', process.env.npm_lifecycle_event + \' \' + process.env.npm_package_name)"' } },
    { 'index.js': 'module.exports = 1;\n' }],
];

async function publishExtras(url, token) {
  const packs = join(stateDir, 'packs');
  for (const p of EXTRA_PACKAGES) {
    const file = join(packs, `${p.name.replace(/^@/, '').replace('/', '-')}-${p.version}.tgz`);
    if (!existsSync(file)) {
      await run(npm, ['pack', '--pack-destination', packs, '--ignore-scripts', `${p.name}@${p.version}`], { cwd: packs, maxBuffer: 64 << 20 });
    }
    const conf = join(stateDir, `publish-extra-npmrc-${new URL(url).port}`);
    writeFileSync(conf, `registry=${url}\n${url.replace(/^https?:/, '')}:_authToken=${token}\n`);
    try {
      await run(npm, ['publish', file, '--registry', url, '--userconfig', conf, '--tag', p.tag, '--ignore-scripts', '--provenance=false', '--access', 'public'], { cwd: stateDir, maxBuffer: 64 << 20 });
    } catch (e) {
      if (!/EPUBLISHCONFLICT|cannot publish over|already present|409/i.test(String(e.stderr))) throw new Error(`publish ${p.name}@${p.version}: ${String(e.stderr).slice(-500)}`);
    } finally {
      rmSync(conf, { force: true });
    }
  }
  for (const [manifest, files] of FIXTURES) await publish(url, token, manifest, makePackage(manifest, files));
}

/** A proxy in front of `target` that records each request's path. */
async function countingProxy(target) {
  const t = new URL(target);
  const seen = [];
  const server = createServer((req, res) => {
    seen.push(req.url);
    const up = request({ host: t.hostname, port: t.port, path: req.url, method: req.method, headers: req.headers }, (ur) => {
      res.writeHead(ur.statusCode, ur.headers);
      ur.pipe(res);
    });
    up.on('error', () => { res.destroy(); });
    req.pipe(up);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    seen,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}

/** Starts the seeded registry behind the counting proxy, with the fixtures published. */
export async function startForBrowserTests() {
  const reg = await seededRegistry();
  let proxy;
  try {
    await publishExtras(reg.url, reg.token);
    proxy = await countingProxy(reg.url);
  } catch (err) {
    await reg.stop();
    throw err;
  }
  const url = proxy.url;
  return {
    url,
    requests: () => proxy.seen.slice(),
    reset: () => { proxy.seen.length = 0; },
    /** package.json and package-lock.json for `spec`, written by the real npm client against this registry. */
    async lockfile(spec) {
      const dir = mkdtempSync(join(tmpdir(), 'verklet-lock-'));
      try {
        const packageJson = { name: 'lock-fixture', version: '1.0.0', private: true };
        writeFileSync(join(dir, 'package.json'), JSON.stringify(packageJson, null, 2));
        writeFileSync(join(dir, '.npmrc'), `registry=${url}\n`);
        await run(npm, ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--registry', url, '--cache', join(dir, '.cache'), spec], { cwd: dir, maxBuffer: 64 << 20 });
        return { packageJson: readFileSync(join(dir, 'package.json'), 'utf8'), lock: readFileSync(join(dir, 'package-lock.json'), 'utf8') };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async stop() {
      await proxy.close();
      await reg.stop();
    },
  };
}

/** A @web/test-runner (dev server) plugin serving /__verklet_registry__/… and owning the registry's lifetime. */
export function registryPlugin() {
  let started;
  const get = () => (started ??= startForBrowserTests());
  const json = (value) => ({ body: JSON.stringify(value), type: 'application/json', headers: { 'cache-control': 'no-store' }, transformCache: false });
  return {
    name: 'verklet-registry',
    serverStart() {
      // Start (and, the first time on a machine, seed) while other suites run.
      get().catch(() => {});
    },
    async serve(context) {
      if (!context.path.startsWith('/__verklet_registry__/')) return undefined;
      try {
        const r = await get();
        const what = context.path.slice('/__verklet_registry__/'.length);
        if (what === 'info') return json({ url: r.url });
        if (what === 'requests') {
          const requests = r.requests();
          if (context.query.reset) r.reset();
          return json({ requests });
        }
        if (what === 'lockfile') return json(await r.lockfile(String(context.query.spec ?? 'koa')));
        return json({ error: `unknown endpoint ${what}` });
      } catch (err) {
        return json({ error: String(err?.stack ?? err) });
      }
    },
    async serverStop() {
      if (started) await (await started.catch(() => undefined))?.stop();
    },
  };
}
