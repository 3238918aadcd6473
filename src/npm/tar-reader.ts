/**
 * A tar reader: POSIX ustar headers, pax extended headers (`x`, `g`: `path`,
 * `linkpath`, `size`) and GNU long names (`L`, `K`), per
 * https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13
 * and GNU tar's format notes. It only parses; path safety is the caller's
 * (see package-extract.ts). Kept behind this small interface so it can move
 * into the WASM later.
 */
import { NpmError } from './npm-error.js';

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface TarEntry {
  /** The path as stored (pax/GNU long name applied), not normalised. */
  path: string;
  type: TarEntryType;
  mode: number;
  /** For links: the target as stored. */
  linkname: string;
  /** For files: the contents (a view into the archive). */
  data: Uint8Array;
}

const dec = new TextDecoder();

function str(block: Uint8Array, off: number, len: number): string {
  let end = off;
  while (end < off + len && block[end] !== 0) end++;
  return dec.decode(block.subarray(off, end));
}

function num(block: Uint8Array, off: number, len: number): number {
  if (block[off]! & 0x80) {
    // GNU base-256 for large values.
    let v = block[off]! & 0x7f;
    for (let i = 1; i < len; i++) v = v * 256 + block[off + i]!;
    return v;
  }
  const s = str(block, off, len).trim();
  return s ? parseInt(s, 8) : 0;
}

function checksumOk(block: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  return sum === num(block, 148, 8);
}

function parsePax(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < data.length) {
    let sp = i;
    while (sp < data.length && data[sp] !== 0x20) sp++;
    const len = parseInt(dec.decode(data.subarray(i, sp)), 10);
    if (!len || len < 0) break;
    const rec = dec.decode(data.subarray(sp + 1, i + len - 1));
    const eq = rec.indexOf('=');
    if (eq > 0) out.set(rec.slice(0, eq), rec.slice(eq + 1));
    i += len;
  }
  return out;
}

/** Yields the entries of an (uncompressed) tar archive. Throws `EBADTAR` on a corrupt header. */
export function* readTar(tar: Uint8Array): Generator<TarEntry> {
  let off = 0;
  let global = new Map<string, string>();
  let pax: Map<string, string> | undefined;
  let longName: string | undefined;
  let longLink: string | undefined;
  while (off + 512 <= tar.length) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    if (!checksumOk(h)) throw new NpmError('EBADTAR', `invalid tar header at offset ${off}`);
    const flag = String.fromCharCode(h[156]!);
    const ext = pax ?? new Map<string, string>();
    const sizeText = ext.get('size') ?? global.get('size');
    const size = sizeText !== undefined ? Number(sizeText) : num(h, 124, 12);
    const dataStart = off + 512;
    if (dataStart + size > tar.length) throw new NpmError('EBADTAR', `truncated tar entry at offset ${off}`);
    const data = tar.subarray(dataStart, dataStart + size);
    off = dataStart + Math.ceil(size / 512) * 512;
    if (flag === 'x') { pax = parsePax(data); continue; }
    if (flag === 'g') { global = new Map([...global, ...parsePax(data)]); continue; }
    if (flag === 'L') { longName = str(data, 0, data.length); continue; }
    if (flag === 'K') { longLink = str(data, 0, data.length); continue; }
    const magic = str(h, 257, 6);
    const prefix = magic.startsWith('ustar') && h[263] === 0x30 ? str(h, 345, 155) : magic === 'ustar' ? str(h, 345, 155) : '';
    let path = str(h, 0, 100);
    if (prefix) path = `${prefix}/${path}`;
    path = ext.get('path') ?? longName ?? global.get('path') ?? path;
    const linkname = ext.get('linkpath') ?? longLink ?? str(h, 157, 100);
    pax = undefined;
    longName = undefined;
    longLink = undefined;
    const type: TarEntryType =
      flag === '0' || flag === '\0' || flag === '7' ? 'file'
        : flag === '5' ? 'directory'
          : flag === '2' ? 'symlink'
            : flag === '1' ? 'hardlink'
              : 'other';
    yield { path, type: type === 'file' && path.endsWith('/') ? 'directory' : type, mode: num(h, 100, 8), linkname, data };
  }
}
