// Test helper: bundles src/shell/index.ts with esbuild (no new dependencies)
// and provides a ShellSystem over real node:fs plus a runner that captures
// stdout, stderr and the exit status, for the differential and unit tests.
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
let modPromise;

/** Imports the shell library (bundled once per process). */
export function loadShell() {
  modPromise ??= (async () => {
    // platform 'neutral': the bundle fails if src/shell ever imports a node: module.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verklet-shell-build-'));
    const out = path.join(dir, 'shell.mjs');
    try {
      await build({ entryPoints: [path.join(here, '../../src/shell/index.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile: out, logLevel: 'error' });
      return await import(pathToFileURL(out).href);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  })();
  return modPromise;
}

/** A ShellSystem backed by real node:fs; `node` runs through child_process. */
export function nodeSystem() {
  return {
    fs,
    pid: process.pid,
    hasCommand: (name) => name === 'node',
    now: () => Date.now(),
    async spawn(argv, opts) {
      if (argv[0] !== 'node') return 127;
      const child = spawn(process.execPath, argv.slice(1), { cwd: opts.cwd, env: opts.env, stdio: 'pipe' });
      const pumpOut = (src, sink) =>
        new Promise((resolve) => {
          const chain = [];
          src.on('data', (d) => chain.push(sink.write(new Uint8Array(d))));
          src.on('end', () => Promise.all(chain).then(resolve, resolve));
        });
      const o = pumpOut(child.stdout, opts.stdout);
      const e = pumpOut(child.stderr, opts.stderr);
      (async () => {
        try {
          for (;;) {
            const c = await opts.stdin.read();
            if (c === null) break;
            if (!child.stdin.write(c)) await new Promise((r) => child.stdin.once('drain', r));
          }
        } catch {}
        child.stdin.end();
      })();
      child.stdin.on('error', () => {});
      const code = await new Promise((r) => child.on('close', (c, sig) => r(c ?? 128 + (sig === 'SIGTERM' ? 15 : 9))));
      await Promise.all([o, e]);
      return code;
    },
  };
}

/** A sink that collects bytes. */
export function collector() {
  const parts = [];
  return {
    sink: { write: async (c) => void parts.push(Buffer.from(c)) },
    text: () => Buffer.concat(parts).toString('utf8'),
  };
}

/** A stream over a string. */
export function stringStream(s) {
  let done = false;
  return { read: async () => (done || s === '' ? null : ((done = true), new TextEncoder().encode(s))) };
}

/** Runs `sh -c cmd` with runShell in `cwd`. */
export async function runOurs(cmd, { cwd, env, stdin = '' }) {
  const { runShell } = await loadShell();
  const out = collector();
  const err = collector();
  const status = await runShell(['sh', '-c', cmd], { system: nodeSystem(), cwd, env, stdin: stringStream(stdin), stdout: out.sink, stderr: err.sink });
  return { stdout: out.text(), stderr: err.text(), status };
}

/** Runs `dash -c cmd` natively (argv0 `sh`, so messages read `sh: 1: ...`). */
export function runDash(cmd, { cwd, env, stdin = '' }) {
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/dash', ['-c', cmd], { cwd, env, argv0: 'sh', stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.on('error', () => {});
    child.stdin.end(stdin);
    const t = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.on('close', (code) => {
      clearTimeout(t);
      resolve({ stdout, stderr, status: code });
    });
  });
}

/** Creates a temp dir with the fixture tree `{ name: string | { mode, content } | { link } }` (names with / create dirs). */
export function makeFixture(files) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'verklet-sh-')));
  const t = new Date('2026-01-02T03:04:05Z');
  for (const [name, v] of Object.entries(files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (name.endsWith('/')) fs.mkdirSync(p, { recursive: true });
    else if (typeof v === 'string') fs.writeFileSync(p, v);
    else if (v.link) fs.symlinkSync(v.link, p);
    else {
      fs.writeFileSync(p, v.content);
      fs.chmodSync(p, v.mode);
    }
    if (!(typeof v === 'object' && v.link)) fs.utimesSync(p, t, t);
  }
  return dir;
}
