/**
 * Per-key files: the head (two slots, A/B) and the generation manifests a
 * head points to. A manifest is a base (a whole tree) or a delta (changes on
 * top of the base and the deltas before it). Both carry file contents as
 * blob references (snapshot format kind 4). Written up in docs/persistence.md.
 *
 * ```
 * head slot  0  u8[8]  magic "VRKLHEAD"
 *            8  u32    JSON length J
 *           12  u8[J]  JSON HeadRecord (UTF-8)
 *         12+J  u8[32] SHA-256 of bytes [0, 12+J)
 *
 * base       a snapshot (docs/snapshot-format.md) of dir, symlink and blob records
 *
 * delta      0  u8[8]  magic "VRKLDLTA"
 *            8  u16    version (1)
 *           10  u16    flags (0)
 *           12  u32    number of removed paths R
 *           16  R × (u16 length L, u8[L] path)
 *            …  a snapshot of the upserted entries, each preceded by its
 *               ancestors (so the snapshot reader's parent-first rule holds)
 * ```
 */
import { decodeSnapshot, encodeSnapshot, HEADER_SIZE, KIND, SNAPSHOT_MAGIC, type SnapshotEntry } from '../snapshot-format.js';
import { equalBytes, sha256Sync } from './sha256.js';

export interface ManifestRef {
  /** File name inside the key's folder. */
  name: string;
  /** SHA-256 of the file, hex. */
  sha256: string;
  size: number;
}

export interface HeadRecord {
  v: 1;
  key: string;
  gen: number;
  time: number;
  /** null: the key holds an empty tree (a fresh or cleared key). */
  base: ManifestRef | null;
  deltas: ManifestRef[];
  /** Number of entries in the generation. */
  entries: number;
  /** Total bytes of file contents in the generation (a hint for restore's read-ahead). */
  bytes?: number;
}

/** A manifest entry: files are always blob references. */
export type StoredEntry = Exclude<SnapshotEntry, { kind: 'file' }>;

const HEAD_MAGIC = 'VRKLHEAD';
const DELTA_MAGIC = 'VRKLDLTA';
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A head slot's bytes: magic, JSON, and a SHA-256 over both. */
export function encodeHead(head: HeadRecord): Uint8Array {
  const json = encoder.encode(JSON.stringify(head));
  const out = new Uint8Array(12 + json.length + 32);
  out.set(encoder.encode(HEAD_MAGIC));
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(sha256Sync(out.subarray(0, 12 + json.length)), 12 + json.length);
  return out;
}

/** A head slot's record, or null when the slot is missing, torn or damaged. */
export function decodeHead(bytes: Uint8Array | null): HeadRecord | null {
  if (!bytes || bytes.length < 44) return null;
  for (let i = 0; i < 8; i++) if (bytes[i] !== HEAD_MAGIC.charCodeAt(i)) return null;
  const len = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (bytes.length !== 12 + len + 32) return null;
  if (!equalBytes(sha256Sync(bytes.subarray(0, 12 + len)), bytes.subarray(12 + len))) return null;
  try {
    const head = JSON.parse(decoder.decode(bytes.subarray(12, 12 + len))) as HeadRecord;
    return head.v === 1 && Number.isSafeInteger(head.gen) && Array.isArray(head.deltas) ? head : null;
  } catch {
    return null;
  }
}

/** A base manifest: a snapshot whose files are blob references. */
export function encodeBase(entries: Iterable<StoredEntry>): Uint8Array {
  return encodeSnapshot(entries);
}

/**
 * Reads a manifest's snapshot. Manifests are verified by their SHA-256 before
 * they are read, so this skips the full validation `decodeSnapshot` does for
 * untrusted input (path rules, ordering) and only checks bounds and kinds:
 * it is several times faster on a 10,000-entry manifest, which is on the
 * restore path.
 */
export function decodeBase(bytes: Uint8Array): StoredEntry[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < 8; i++) if (bytes[i] !== SNAPSHOT_MAGIC.charCodeAt(i)) throw new Error('manifest: bad magic');
  if (dv.getUint16(8, true) !== 1) return decodeSnapshot(bytes) as StoredEntry[];
  const out: StoredEntry[] = [];
  let p = HEADER_SIZE;
  const need = (n: number) => {
    if (p + n > bytes.length) throw new Error('manifest: truncated');
  };
  for (;;) {
    need(1);
    const kind = bytes[p]!;
    if (kind === KIND.end) {
      need(8);
      if (dv.getUint32(p + 4, true) !== out.length || p + 8 !== bytes.length) throw new Error('manifest: bad end record');
      return out;
    }
    need(4);
    const len = dv.getUint16(p + 2, true);
    need(16 + len);
    const path = decoder.decode(bytes.subarray(p + 4, p + 4 + len));
    p += 4 + len;
    const mode = dv.getUint32(p, true);
    const mtimeMs = dv.getFloat64(p + 4, true);
    p += 12;
    if (kind === KIND.dir) out.push({ kind: 'dir', path, mode, mtimeMs });
    else if (kind === KIND.blob) {
      need(40);
      out.push({ kind: 'blob', path, mode, mtimeMs, size: dv.getFloat64(p, true), sha256: bytes.subarray(p + 8, p + 40) });
      p += 40;
    } else if (kind === KIND.symlink) {
      need(2);
      const t = dv.getUint16(p, true);
      need(2 + t);
      out.push({ kind: 'symlink', path, mode, mtimeMs, target: decoder.decode(bytes.subarray(p + 2, p + 2 + t)) });
      p += 2 + t;
    } else throw new Error(`manifest: unexpected record kind ${kind}`);
  }
}

/** A delta manifest: removed paths, then a snapshot of upserts (with their ancestors). */
export function encodeDelta(removed: readonly string[], upserts: readonly StoredEntry[]): Uint8Array {
  const paths = removed.map((p) => encoder.encode(p));
  const snapshot = encodeSnapshot(upserts);
  const out = new Uint8Array(16 + paths.reduce((n, p) => n + 2 + p.length, 0) + snapshot.length);
  const dv = new DataView(out.buffer);
  out.set(encoder.encode(DELTA_MAGIC));
  dv.setUint16(8, 1, true);
  dv.setUint32(12, paths.length, true);
  let o = 16;
  for (const p of paths) {
    dv.setUint16(o, p.length, true);
    out.set(p, o + 2);
    o += 2 + p.length;
  }
  out.set(snapshot, o);
  return out;
}

/** Reads a delta manifest (already verified by its hash). */
export function decodeDelta(bytes: Uint8Array): { removed: string[]; upserts: StoredEntry[] } {
  for (let i = 0; i < 8; i++) if (bytes[i] !== DELTA_MAGIC.charCodeAt(i)) throw new Error('not a delta manifest');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint16(8, true) !== 1) throw new Error('unknown delta version');
  const count = dv.getUint32(12, true);
  const removed: string[] = [];
  let o = 16;
  for (let i = 0; i < count; i++) {
    const len = dv.getUint16(o, true);
    removed.push(decoder.decode(bytes.subarray(o + 2, o + 2 + len)));
    o += 2 + len;
  }
  return { removed, upserts: decodeBase(bytes.subarray(o)) };
}
