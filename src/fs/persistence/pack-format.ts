/**
 * Pack files: many blobs in one file, so a commit of 10,000 files is a few
 * large writes instead of 10,000 small ones. A pack is written once and never
 * changed; garbage collection copies live blobs into a new pack and removes
 * the old one. Written up in docs/persistence.md.
 *
 * ```
 * data     blob bytes, back to back
 * index    per blob, 48 bytes: u8[32] SHA-256 · f64 offset · f64 size
 * footer   88 bytes:
 *            0  u8[8]   magic "VRKLPACK"
 *            8  u16     version (1)
 *           10  u16     flags (0)
 *           12  u32     blob count N
 *           16  f64     data length D (the index starts at D)
 *           24  u8[32]  SHA-256 of the index bytes
 *           56  u8[32]  SHA-256 of the data bytes
 * ```
 *
 * A pack whose footer or index does not check out was torn by a crash before
 * any manifest referred to it; it is ignored and later swept.
 */
import { equalBytes, sha256, toHex } from './sha256.js';

export const PACK_MAGIC = 'VRKLPACK';
export const PACK_VERSION = 1;
export const PACK_FOOTER = 88;
export const PACK_INDEX_ENTRY = 48;

export interface PackBlob {
  hex: string;
  offset: number;
  size: number;
}

export interface PackIndex {
  blobs: PackBlob[];
  dataLength: number;
  dataSha256: Uint8Array;
}

const encoder = new TextEncoder();

/** Builds index and footer for blobs already laid out back to back. */
export async function packTrailer(blobs: { sha256: Uint8Array; offset: number; size: number }[], data: Uint8Array): Promise<Uint8Array> {
  const index = new Uint8Array(blobs.length * PACK_INDEX_ENTRY);
  const dv = new DataView(index.buffer);
  blobs.forEach((b, i) => {
    index.set(b.sha256, i * PACK_INDEX_ENTRY);
    dv.setFloat64(i * PACK_INDEX_ENTRY + 32, b.offset, true);
    dv.setFloat64(i * PACK_INDEX_ENTRY + 40, b.size, true);
  });
  const dataLength = data.length;
  const footer = new Uint8Array(PACK_FOOTER);
  const fv = new DataView(footer.buffer);
  footer.set(encoder.encode(PACK_MAGIC));
  fv.setUint16(8, PACK_VERSION, true);
  fv.setUint32(12, blobs.length, true);
  fv.setFloat64(16, dataLength, true);
  footer.set(await sha256(index), 24);
  footer.set(await sha256(data), 56);
  const out = new Uint8Array(index.length + PACK_FOOTER);
  out.set(index);
  out.set(footer, index.length);
  return out;
}

/** Parses a footer; returns how many trailing bytes hold index + footer, or null when it is not a valid footer. */
export function parsePackFooter(footer: Uint8Array, fileSize: number): { count: number; dataLength: number; trailer: number } | null {
  if (footer.length < PACK_FOOTER) return null;
  const f = footer.subarray(footer.length - PACK_FOOTER);
  for (let i = 0; i < 8; i++) if (f[i] !== PACK_MAGIC.charCodeAt(i)) return null;
  const dv = new DataView(f.buffer, f.byteOffset, f.byteLength);
  if (dv.getUint16(8, true) !== PACK_VERSION) return null;
  const count = dv.getUint32(12, true);
  const dataLength = dv.getFloat64(16, true);
  const trailer = count * PACK_INDEX_ENTRY + PACK_FOOTER;
  if (!Number.isSafeInteger(dataLength) || dataLength + trailer !== fileSize) return null;
  return { count, dataLength, trailer };
}

/** Reads index and footer (the last `trailer` bytes of the pack); null when damaged or torn. */
export async function parsePackTrailer(tail: Uint8Array, fileSize: number): Promise<PackIndex | null> {
  const head = parsePackFooter(tail, fileSize);
  if (!head || tail.length < head.trailer) return null;
  const t = tail.subarray(tail.length - head.trailer);
  const index = t.subarray(0, head.count * PACK_INDEX_ENTRY);
  const footer = t.subarray(index.length);
  if (!equalBytes(await sha256(index), footer.subarray(24, 56))) return null;
  const dv = new DataView(index.buffer, index.byteOffset, index.byteLength);
  const blobs: PackBlob[] = [];
  for (let i = 0; i < head.count; i++) {
    const o = i * PACK_INDEX_ENTRY;
    const offset = dv.getFloat64(o + 32, true);
    const size = dv.getFloat64(o + 40, true);
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(size) || offset < 0 || size < 0 || offset + size > head.dataLength) return null;
    blobs.push({ hex: toHex(index.subarray(o, o + 32)), offset, size });
  }
  return { blobs, dataLength: head.dataLength, dataSha256: footer.slice(56, 88) };
}
