/**
 * The Verklet snapshot format, version 1: one binary stream of filesystem
 * entries, shared by `runtime.export()`, `mount()`, persistence manifests and
 * promotion uploads. Written up in docs/snapshot-format.md.
 *
 * Layout (little-endian):
 *
 * ```
 * header   0  u8[8]  magic "VRKLSNAP"
 *          8  u16    version (1)
 *         10  u16    flags (0)
 *         12  u32    reserved (0)
 * record   0  u8     kind: 1 dir · 2 file · 3 symlink · 4 blob-ref · 0xFF end
 *          1  u8     reserved (0)
 *          2  u16    path length P
 *          4  u8[P]  path, UTF-8, relative, '/'-separated, no '.', '..' or empty segments
 *        4+P  u32    mode (type and permission bits, as st_mode)
 *        8+P  f64    mtime, ms since the epoch
 *       16+P  kind 2: f64 size S, then S bytes of contents
 *             kind 3: u16 target length T, then T bytes of target
 *             kind 4: f64 size, u8[32] SHA-256 of the contents (stored elsewhere)
 * end      0  u8     0xFF, u8 0, u16 0, u32 number of records before it
 * ```
 *
 * Records are self-delimiting, so a reader can apply them as bytes arrive,
 * and parents always come before their children.
 */

export const SNAPSHOT_MAGIC = 'VRKLSNAP';
export const SNAPSHOT_VERSION = 1;
export const HEADER_SIZE = 16;

export const KIND = { dir: 1, file: 2, symlink: 3, blob: 4, end: 0xff } as const;

export type SnapshotEntry =
  | { kind: 'dir'; path: string; mode: number; mtimeMs: number }
  | { kind: 'file'; path: string; mode: number; mtimeMs: number; data: Uint8Array }
  | { kind: 'symlink'; path: string; mode: number; mtimeMs: number; target: string }
  | { kind: 'blob'; path: string; mode: number; mtimeMs: number; size: number; sha256: Uint8Array };

/** A snapshot that cannot be read; `offset` is where the problem was found. */
export class SnapshotFormatError extends Error {
  readonly code = 'ERR_VERKLET_SNAPSHOT';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`invalid snapshot: ${message} (at byte ${offset})`);
    this.name = 'SnapshotFormatError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Checks a snapshot-relative path; returns a reason when it is not acceptable. */
export function badPath(path: string): string | undefined {
  if (path === '') return 'empty path';
  if (path.includes('\0')) return `path contains a NUL byte: ${JSON.stringify(path)}`;
  if (path.startsWith('/')) return `absolute path: '${path}'`;
  for (const part of path.split('/')) {
    if (part === '') return `empty segment in '${path}'`;
    if (part === '.' || part === '..') return `'${part}' segment in '${path}'`;
  }
  if (encoder.encode(path).length > 4095) return `path longer than 4095 bytes: '${path.slice(0, 40)}…'`;
  return undefined;
}

/** Encodes entries one chunk per record, for streaming. */
export function* encodeSnapshotChunks(entries: Iterable<SnapshotEntry>): Generator<Uint8Array> {
  const header = new Uint8Array(HEADER_SIZE);
  header.set(encoder.encode(SNAPSHOT_MAGIC));
  new DataView(header.buffer).setUint16(8, SNAPSHOT_VERSION, true);
  yield header;
  let count = 0;
  for (const entry of entries) {
    const path = encoder.encode(entry.path);
    const extra =
      entry.kind === 'file' ? 8 : entry.kind === 'symlink' ? 2 + encoder.encode(entry.target).length : entry.kind === 'blob' ? 40 : 0;
    const head = new Uint8Array(16 + path.length + extra);
    const dv = new DataView(head.buffer);
    head[0] = KIND[entry.kind];
    dv.setUint16(2, path.length, true);
    head.set(path, 4);
    let p = 4 + path.length;
    dv.setUint32(p, entry.mode >>> 0, true);
    dv.setFloat64(p + 4, entry.mtimeMs, true);
    p += 12;
    if (entry.kind === 'file') dv.setFloat64(p, entry.data.length, true);
    else if (entry.kind === 'symlink') {
      const target = encoder.encode(entry.target);
      dv.setUint16(p, target.length, true);
      head.set(target, p + 2);
    } else if (entry.kind === 'blob') {
      dv.setFloat64(p, entry.size, true);
      head.set(entry.sha256, p + 8);
    }
    yield head;
    if (entry.kind === 'file' && entry.data.length) yield entry.data;
    count++;
  }
  const end = new Uint8Array(8);
  end[0] = KIND.end;
  new DataView(end.buffer).setUint32(4, count, true);
  yield end;
}

export function encodeSnapshot(entries: Iterable<SnapshotEntry>): Uint8Array {
  const chunks = [...encodeSnapshotChunks(entries)];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

/** Reads and validates a whole snapshot; throws SnapshotFormatError before anything is applied. */
export function decodeSnapshot(bytes: Uint8Array): SnapshotEntry[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (p: number, n: number, what: string) => {
    if (p + n > bytes.length) throw new SnapshotFormatError(`truncated ${what}`, p);
  };
  need(0, HEADER_SIZE, 'header');
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== SNAPSHOT_MAGIC) throw new SnapshotFormatError('not a Verklet snapshot (bad magic)', 0);
  const version = dv.getUint16(8, true);
  if (version > SNAPSHOT_VERSION)
    throw new SnapshotFormatError(
      `snapshot format version ${version} is newer than this Verklet reads (version ${SNAPSHOT_VERSION}); upgrade @verklet/sdk`,
      8,
    );
  if (version < 1) throw new SnapshotFormatError(`unknown snapshot format version ${version}`, 8);
  const entries: SnapshotEntry[] = [];
  const seen = new Map<string, SnapshotEntry['kind']>();
  let p = HEADER_SIZE;
  for (;;) {
    need(p, 1, 'record');
    const kind = bytes[p]!;
    if (kind === KIND.end) {
      need(p, 8, 'end record');
      const count = dv.getUint32(p + 4, true);
      if (count !== entries.length) throw new SnapshotFormatError(`end record counts ${count} entries, found ${entries.length}`, p);
      if (p + 8 !== bytes.length) throw new SnapshotFormatError('bytes after the end record', p + 8);
      return entries;
    }
    const start = p;
    need(p, 4, 'record header');
    const pathLen = dv.getUint16(p + 2, true);
    need(p + 4, pathLen + 12, 'record');
    let path: string;
    try {
      path = decoder.decode(bytes.subarray(p + 4, p + 4 + pathLen));
    } catch {
      throw new SnapshotFormatError('path is not UTF-8', p + 4);
    }
    const why = badPath(path);
    if (why) throw new SnapshotFormatError(why, p + 4);
    p += 4 + pathLen;
    const mode = dv.getUint32(p, true);
    const mtimeMs = dv.getFloat64(p + 4, true);
    if (!Number.isFinite(mtimeMs)) throw new SnapshotFormatError(`bad mtime for '${path}'`, p + 4);
    p += 12;
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    if (parent && seen.get(parent) !== 'dir') throw new SnapshotFormatError(`'${path}' comes before its directory '${parent}'`, start);
    if (seen.has(path)) throw new SnapshotFormatError(`'${path}' appears twice`, start);
    let entry: SnapshotEntry;
    if (kind === KIND.dir) entry = { kind: 'dir', path, mode, mtimeMs };
    else if (kind === KIND.file) {
      need(p, 8, 'file size');
      const size = dv.getFloat64(p, true);
      if (!Number.isSafeInteger(size) || size < 0) throw new SnapshotFormatError(`bad size for '${path}'`, p);
      p += 8;
      need(p, size, `contents of '${path}'`);
      entry = { kind: 'file', path, mode, mtimeMs, data: bytes.slice(p, p + size) };
      p += size;
    } else if (kind === KIND.symlink) {
      need(p, 2, 'symlink target');
      const len = dv.getUint16(p, true);
      need(p + 2, len, 'symlink target');
      let target: string;
      try {
        target = decoder.decode(bytes.subarray(p + 2, p + 2 + len));
      } catch {
        throw new SnapshotFormatError('symlink target is not UTF-8', p + 2);
      }
      if (!target || target.includes('\0')) throw new SnapshotFormatError(`bad symlink target for '${path}'`, p + 2);
      entry = { kind: 'symlink', path, mode, mtimeMs, target };
      p += 2 + len;
    } else if (kind === KIND.blob) {
      need(p, 40, 'blob reference');
      const size = dv.getFloat64(p, true);
      if (!Number.isSafeInteger(size) || size < 0) throw new SnapshotFormatError(`bad size for '${path}'`, p);
      entry = { kind: 'blob', path, mode, mtimeMs, size, sha256: bytes.slice(p + 8, p + 40) };
      p += 40;
    } else throw new SnapshotFormatError(`unknown record kind ${kind}`, start);
    seen.set(path, entry.kind);
    entries.push(entry);
  }
}
