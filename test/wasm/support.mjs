/**
 * Test support: builds both wasm variants (scripts/build-wasm.mjs) and bundles
 * src/fs/*.ts with esbuild into a temp directory keyed by a hash of the
 * sources, so every test file (each runs in its own process) reuses one build.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The VFS binding layer under test (other src/fs modules belong to other layers). */
const FS_SOURCES = ['errno.ts', 'errno-error.ts', 'layout.ts', 'vfs-op.ts', 'vfs.ts'];

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sourceHash() {
  const h = createHash('sha256');
  const files = [
    ...readdirSync(path.join(root, 'wasm/vfs')).map((f) => `wasm/vfs/${f}`),
    ...FS_SOURCES.map((f) => `src/fs/${f}`),
    'scripts/build-wasm.mjs',
    'test/wasm/support.mjs',
  ].filter((f) => f.endsWith('.ts') || f.endsWith('.mjs')).sort();
  for (const f of files) h.update(f).update(readFileSync(path.join(root, f)));
  return h.digest('hex').slice(0, 16);
}

async function build(dir) {
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts/build-wasm.mjs'), staging], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, BUILD_WASM_QUIET: '1' },
    });
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  const esbuild = await import('esbuild');
  const fsDir = path.join(root, 'src/fs');
  const entries = FS_SOURCES;
  await esbuild.build({
    stdin: {
      contents: entries.map((f) => `export * from ${JSON.stringify(path.join(fsDir, f))};`).join('\n') +
        `\nexport * as layout from ${JSON.stringify(path.join(fsDir, 'layout.ts'))};`,
      resolveDir: fsDir,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    outfile: path.join(staging, 'fs.mjs'),
    logLevel: 'error',
  });
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another test process won the race
  }
}

let loaded;

/** Builds (or reuses) and loads everything: { fs module exports, plainModule, sharedModule, dir }. */
export async function load() {
  if (loaded) return loaded;
  const dir = path.join(tmpdir(), 'verklet-vfs-test', sourceHash());
  if (!existsSync(path.join(dir, 'fs.mjs'))) {
    mkdirSync(path.dirname(dir), { recursive: true });
    await build(dir);
  }
  const fs = await import(pathToFileURL(path.join(dir, 'fs.mjs')).href);
  const plainBytes = readFileSync(path.join(dir, 'vfs.wasm'));
  const sharedBytes = readFileSync(path.join(dir, 'vfs-shared.wasm'));
  loaded = {
    ...fs,
    dir,
    plainBytes,
    sharedBytes,
    plainModule: new WebAssembly.Module(plainBytes),
    sharedModule: new WebAssembly.Module(sharedBytes),
  };
  return loaded;
}

/** A fresh formatted Vfs on plain (default) or shared memory, with a deterministic clock. */
export async function fresh({ shared = false, quota, log = false } = {}) {
  const m = await load();
  let t = 1_700_000_000_000;
  const memory = m.Vfs.createMemory(shared);
  const vfs = m.Vfs.format(shared ? m.sharedModule : m.plainModule, memory, { quota, log, now: () => (t += 1) });
  return { vfs, memory, m };
}

export const enc = (s) => new TextEncoder().encode(s);
export const dec = (b) => new TextDecoder().decode(b);

/**
 * Offline consistency check of a VFS memory (call while no instance is
 * mutating it). Verifies, from the raw bytes and the layout constants: live
 * inode count, directory entries point at live inodes of the recorded type,
 * parent pointers, nlink of every inode, quota accounting (bytes in use equals
 * the sum of live blocks), and that no live or free blocks overlap.
 * Returns a list of problems (empty when consistent).
 */
export function fsck(memory, L) {
  const dv = new DataView(memory.buffer);
  const u8 = new Uint8Array(memory.buffer);
  const sb = (off) => L.FS_BASE + off;
  const problems = [];
  const classBytes = (n) => (n <= 16 ? 16 : 2 ** Math.ceil(Math.log2(n)));
  const nextIno = dv.getUint32(sb(L.SB_NEXT_INO), true);
  const ip = (ino) => dv.getUint32(sb(L.SB_INODE_DIR) + (ino >>> 10) * 4, true) + (ino & 1023) * 64;
  const blocks = []; // [start, size, what]
  let used = 0;
  const live = new Map();
  for (let page = 0; page < L.MAX_INODE_PAGES; page++) {
    const p = dv.getUint32(sb(L.SB_INODE_DIR) + page * 4, true);
    if (p) { blocks.push([p, 65536, `inode page ${page}`]); used += 65536; }
  }
  for (let ino = 1; ino < nextIno; ino++) {
    const p = ip(ino);
    const mode = dv.getUint16(p + L.I_MODE, true);
    if (!mode) continue;
    const node = {
      type: mode & L.S_IFMT, nlink: dv.getUint32(p + L.I_NLINK, true), open: dv.getUint16(p + L.I_OPEN, true),
      size: dv.getUint32(p + L.I_SIZE, true), data: dv.getUint32(p + L.I_DATA, true), cap: dv.getUint32(p + L.I_CAP, true),
      aux: dv.getUint32(p + L.I_AUX, true), refs: 0, subdirs: 0,
    };
    live.set(ino, node);
    if (node.size > node.cap) problems.push(`ino ${ino}: size ${node.size} > capacity ${node.cap}`);
    if (node.cap === 0) continue;
    if (node.type === L.S_IFREG && node.cap > L.CHUNK_SIZE) {
      const n = node.cap / L.CHUNK_SIZE;
      blocks.push([node.data, node.aux, `table of ${ino}`]);
      used += node.aux;
      for (let i = 0; i < n; i++) { blocks.push([dv.getUint32(node.data + i * 4, true), L.CHUNK_SIZE, `chunk ${i} of ${ino}`]); used += L.CHUNK_SIZE; }
    } else {
      blocks.push([node.data, classBytes(node.cap), `data of ${ino}`]);
      used += classBytes(node.cap);
    }
  }
  if (live.size !== dv.getUint32(sb(L.SB_INODES), true)) problems.push(`live inodes ${live.size} != superblock ${dv.getUint32(sb(L.SB_INODES), true)}`);
  for (const [ino, node] of live) {
    if (node.type !== L.S_IFDIR) continue;
    for (let off = 0; off < node.size;) {
      const e = node.data + off;
      const child = dv.getUint32(e, true);
      const len = dv.getUint16(e + 4, true);
      const type = u8[e + 6];
      const c = live.get(child);
      if (!c) problems.push(`dir ${ino}: entry -> dead ino ${child}`);
      else {
        c.refs++;
        const want = c.type === L.S_IFDIR ? 2 : c.type === L.S_IFLNK ? 3 : 1;
        if (type !== want) problems.push(`dir ${ino}: entry type ${type} for ino ${child}`);
        if (c.type === L.S_IFDIR) { node.subdirs++; if (c.aux !== ino) problems.push(`dir ${child}: parent ${c.aux}, found in ${ino}`); }
      }
      off += 8 + len;
    }
  }
  for (const [ino, node] of live) {
    if (node.type === L.S_IFDIR) {
      if (node.nlink !== 2 + node.subdirs) problems.push(`dir ${ino}: nlink ${node.nlink}, expected ${2 + node.subdirs}`);
      if (ino !== 1 && node.refs !== 1) problems.push(`dir ${ino}: ${node.refs} entries`);
    } else if (node.nlink !== node.refs) problems.push(`ino ${ino}: nlink ${node.nlink}, entries ${node.refs}`);
    else if (node.refs === 0 && node.open === 0) problems.push(`ino ${ino}: orphan`);
  }
  const sbUsed = dv.getFloat64(sb(L.SB_USED), true);
  if (sbUsed !== used) problems.push(`bytes used ${sbUsed}, live blocks sum to ${used}`);
  for (let k = L.MIN_CLASS; k <= L.MAX_CLASS; k++) {
    let n = 0;
    for (let p = dv.getUint32(sb(L.SB_FREE_LISTS) + k * 4, true); p; p = dv.getUint32(p, true)) {
      blocks.push([p, 2 ** k, `free ${k}`]);
      if (++n > 1e7) { problems.push(`free list ${k} cycles`); break; }
    }
  }
  blocks.sort((a, b) => a[0] - b[0]);
  const top = dv.getUint32(sb(L.SB_TOP), true);
  for (let i = 0; i < blocks.length; i++) {
    const [s, size, what] = blocks[i];
    if (s < L.HEAP_START || s + size > top) problems.push(`${what} outside heap`);
    if (i > 0 && blocks[i - 1][0] + blocks[i - 1][1] > s) problems.push(`${blocks[i - 1][2]} overlaps ${what}`);
  }
  return problems;
}
