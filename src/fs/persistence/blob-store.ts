/**
 * The content-addressed store shared by every key: blob contents, found by
 * SHA-256, kept in immutable pack files under `<root>/packs/`. The index
 * (hash → pack, offset, size) is rebuilt from the packs' trailers and kept
 * fresh by re-listing the folder (cheap) before each commit and restore.
 */
import { concatChunks, type StorageBackend } from './storage-backend.js';
import { PACK_FOOTER, packTrailer, parsePackFooter, parsePackTrailer, type PackIndex } from './pack-format.js';
import { equalBytes, sha256, toHex } from './sha256.js';

/** A pack is sealed once it holds this many bytes (bigger blobs get a pack of their own). */
export const PACK_TARGET = 32 * 1024 * 1024;

export interface BlobLocation {
  pack: string;
  offset: number;
  size: number;
}

interface PackInfo extends PackIndex {
  name: string;
}

export interface CorruptBlob {
  hex: string;
  pack?: string;
  reason: string;
}

export class BlobStore {
  readonly #backend: StorageBackend;
  readonly #dir: string;
  readonly #packs = new Map<string, PackInfo>();
  /** Names seen in the folder whose trailer is not valid (torn or damaged). */
  readonly #torn = new Set<string>();
  readonly #index = new Map<string, BlobLocation>();
  #prefetched = new Map<string, Promise<{ data: Uint8Array; whole: boolean } | null>>();

  constructor(backend: StorageBackend, root: string) {
    this.#backend = backend;
    this.#dir = `${root}/packs`;
  }

  get packCount(): number {
    return this.#packs.size;
  }

  has(hex: string): boolean {
    return this.#index.has(hex);
  }

  locate(hex: string): BlobLocation | undefined {
    return this.#index.get(hex);
  }

  /** Forgets a blob found damaged, so the next commit that needs it writes it again. */
  forget(hex: string): void {
    this.#index.delete(hex);
  }

  /** Brings the index in line with the packs folder: loads new packs, drops removed ones. */
  async refresh(): Promise<void> {
    const names = new Set((await this.#backend.list(this.#dir)).filter((n) => n.endsWith('.pack')));
    let dropped = false;
    for (const name of this.#packs.keys())
      if (!names.has(name)) {
        this.#packs.delete(name);
        dropped = true;
      }
    for (const name of this.#torn) if (!names.has(name)) this.#torn.delete(name);
    const fresh = [...names].filter((n) => !this.#packs.has(n) && !this.#torn.has(n));
    const loaded = await Promise.all(fresh.map((name) => this.#loadTrailer(name)));
    fresh.forEach((name, i) => {
      const info = loaded[i];
      if (info) this.#packs.set(name, info);
      else this.#torn.add(name);
    });
    if (dropped) {
      this.#index.clear();
      for (const info of this.#packs.values()) this.#indexPack(info);
    } else for (const info of loaded) if (info) this.#indexPack(info);
  }

  /** Starts collecting new blobs for one commit. */
  writer(): PackWriter {
    return new PackWriter(this.#backend, this.#dir, (info) => {
      this.#packs.set(info.name, info);
      this.#indexPack(info);
    });
  }

  /**
   * Reads the given blobs, verifying each pack by its data hash (and, when a
   * pack fails, each blob by its own hash). Damaged or missing blobs are
   * returned in `corrupt` and left out of `found`.
   */
  async read(wanted: Iterable<string>): Promise<{ found: Map<string, Uint8Array>; corrupt: CorruptBlob[] }> {
    const found = new Map<string, Uint8Array>();
    const corrupt: CorruptBlob[] = [];
    const byPack = new Map<string, string[]>();
    for (const hex of wanted) {
      const loc = this.#index.get(hex);
      if (!loc) {
        corrupt.push({ hex, reason: 'no pack holds this blob' });
        continue;
      }
      const list = byPack.get(loc.pack) ?? [];
      list.push(hex);
      byPack.set(loc.pack, list);
    }
    const prefetched = this.#prefetched;
    this.#prefetched = new Map();
    await Promise.all(
      [...byPack].map(async ([name, hexes]) => {
        const pack = await (prefetched.get(name) ?? this.#loadPack(name));
        if (!pack) {
          for (const hex of hexes) corrupt.push({ hex, pack: name, reason: 'pack file is missing or truncated' });
          return;
        }
        await Promise.all(
          hexes.map(async (hex) => {
            const loc = this.#index.get(hex)!;
            const blob = pack.data.subarray(loc.offset, loc.offset + loc.size);
            if (pack.whole || toHex(await sha256(blob)) === hex) found.set(hex, blob);
            else corrupt.push({ hex, pack: name, reason: 'contents do not match their SHA-256' });
          }),
        );
      }),
    );
    // Another pack may hold a good copy (a commit after damage writes the contents again).
    for (let i = corrupt.length - 1; i >= 0; i--) {
      const c = corrupt[i]!;
      const copy = await this.#otherCopy(c.hex, c.pack);
      if (copy) {
        found.set(c.hex, copy.data);
        this.#index.set(c.hex, copy.loc);
        corrupt.splice(i, 1);
      }
    }
    for (const c of corrupt) this.#index.delete(c.hex);
    return { found, corrupt };
  }

  /**
   * Sweeps blobs outside `live`: removes packs with nothing live and torn
   * packs, and rewrites packs that are mostly dead (or many small packs) into
   * one. Callers hold the exclusive GC lock, so no commit is writing a pack.
   */
  async sweep(live: Set<string>): Promise<{ removedPacks: string[]; writtenPacks: string[]; freedBytes: number }> {
    await this.refresh();
    const removed: string[] = [];
    let freed = 0;
    for (const name of this.#torn) {
      await this.#backend.remove(`${this.#dir}/${name}`);
      removed.push(name);
    }
    this.#torn.clear();
    // Every copy of a live blob counts as live: GC cannot tell a good copy from a damaged one without reading it.
    const repack: PackInfo[] = [];
    const small: PackInfo[] = [];
    for (const info of this.#packs.values()) {
      let liveBytes = 0;
      let liveCount = 0;
      for (const b of info.blobs)
        if (live.has(b.hex)) {
          liveBytes += b.size;
          liveCount++;
        }
      if (liveCount === 0) {
        removed.push(info.name);
        freed += info.dataLength;
      } else if (liveBytes < info.dataLength / 2) repack.push(info);
      else if (info.dataLength < 1024 * 1024) small.push(info);
    }
    if (small.length >= 8) repack.push(...small);
    const written: string[] = [];
    if (repack.length) {
      const writer = this.writer();
      for (const info of repack) {
        const bytes = await this.#backend.read(`${this.#dir}/${info.name}`);
        if (!bytes) continue;
        for (const b of info.blobs) {
          if (!live.has(b.hex) || writer.has(b.hex)) continue;
          const blob = bytes.subarray(b.offset, b.offset + b.size);
          if (toHex(await sha256(blob)) !== b.hex) continue; // damaged: not worth keeping
          writer.add(b.hex, blob);
        }
        freed += info.dataLength;
      }
      written.push(...(await writer.finish()));
      for (const info of repack) removed.push(info.name);
    }
    for (const name of removed) {
      await this.#backend.remove(`${this.#dir}/${name}`);
      this.#packs.delete(name);
    }
    this.#index.clear();
    for (const info of this.#packs.values()) this.#indexPack(info);
    return { removedPacks: removed, writtenPacks: written, freedBytes: freed };
  }

  /** Total data bytes in all packs. */
  get dataBytes(): number {
    let n = 0;
    for (const info of this.#packs.values()) n += info.dataLength;
    return n;
  }

  /**
   * Starts reading and verifying every pack now, for a `read()` that will
   * need most of them: the restore path overlaps this with loading manifests.
   */
  prefetch(): void {
    for (const name of this.#packs.keys())
      if (!this.#prefetched.has(name)) {
        const p = this.#loadPack(name);
        p.catch(() => {});
        this.#prefetched.set(name, p);
      }
  }

  /** Lets go of read-ahead that no `read()` consumed (a restore that failed early). */
  dropPrefetch(): void {
    this.#prefetched = new Map();
  }

  /** A pack's data, and whether it matches the pack's data hash as a whole. */
  async #loadPack(name: string): Promise<{ data: Uint8Array; whole: boolean } | null> {
    const info = this.#packs.get(name);
    if (!info) return null;
    const bytes = await this.#backend.read(`${this.#dir}/${name}`).catch(() => null);
    if (!bytes || bytes.length < info.dataLength) return null;
    const data = bytes.subarray(0, info.dataLength);
    return { data, whole: equalBytes(await sha256(data), info.dataSha256) };
  }

  async #otherCopy(hex: string, except: string | undefined): Promise<{ data: Uint8Array; loc: BlobLocation } | null> {
    for (const info of this.#packs.values()) {
      if (info.name === except) continue;
      const b = info.blobs.find((x) => x.hex === hex);
      if (!b) continue;
      const bytes = await this.#backend.read(`${this.#dir}/${info.name}`).catch(() => null);
      const data = bytes?.subarray(b.offset, b.offset + b.size);
      if (data && data.length === b.size && toHex(await sha256(data)) === hex) return { data, loc: { pack: info.name, offset: b.offset, size: b.size } };
    }
    return null;
  }

  async #loadTrailer(name: string): Promise<PackInfo | null> {
    const path = `${this.#dir}/${name}`;
    const first = await this.#backend.readTail(path, PACK_FOOTER + 48 * 2048);
    if (!first) return null;
    const head = parsePackFooter(first.tail, first.size);
    if (!head) return null;
    const tail = first.tail.length >= head.trailer ? first.tail : (await this.#backend.readTail(path, head.trailer))?.tail;
    if (!tail) return null;
    const index = await parsePackTrailer(tail, first.size);
    return index ? { ...index, name } : null;
  }

  #indexPack(info: PackInfo): void {
    for (const b of info.blobs) if (!this.#index.has(b.hex)) this.#index.set(b.hex, { pack: info.name, offset: b.offset, size: b.size });
  }
}

/** Collects one commit's new blobs and writes them as one or more packs. */
export class PackWriter {
  readonly #backend: StorageBackend;
  readonly #dir: string;
  readonly #onSealed: (info: PackInfo) => void;
  readonly #pending = new Set<string>();
  #chunks: Uint8Array[] = [];
  #blobs: { sha256: Uint8Array; hex: string; offset: number; size: number }[] = [];
  #bytes = 0;
  readonly #writes: Promise<PackInfo>[] = [];

  constructor(backend: StorageBackend, dir: string, onSealed: (info: PackInfo) => void) {
    this.#backend = backend;
    this.#dir = dir;
    this.#onSealed = onSealed;
  }

  has(hex: string): boolean {
    return this.#pending.has(hex);
  }

  get count(): number {
    return this.#pending.size;
  }

  add(hex: string, data: Uint8Array, digest?: Uint8Array): void {
    if (this.#pending.has(hex)) return;
    this.#pending.add(hex);
    if (this.#bytes > 0 && this.#bytes + data.length > PACK_TARGET) this.#seal();
    this.#blobs.push({ sha256: digest ?? hexBytes(hex), hex, offset: this.#bytes, size: data.length });
    this.#chunks.push(data);
    this.#bytes += data.length;
  }

  /** Writes what is left; resolves with the names of every pack written. Packs become visible to the index only now. */
  async finish(): Promise<string[]> {
    if (this.#blobs.length) this.#seal();
    const infos = await Promise.all(this.#writes);
    for (const info of infos) this.#onSealed(info);
    return infos.map((i) => i.name);
  }

  #seal(): void {
    const chunks = this.#chunks;
    const blobs = this.#blobs;
    this.#chunks = [];
    this.#blobs = [];
    this.#bytes = 0;
    const name = `${Date.now().toString(36)}-${randomId(10)}.pack`;
    this.#writes.push(
      (async () => {
        const data = concatChunks(chunks);
        const trailer = await packTrailer(blobs, data);
        await this.#backend.write(`${this.#dir}/${name}`, [data, trailer]);
        const info: PackInfo = {
          name,
          blobs: blobs.map((b) => ({ hex: b.hex, offset: b.offset, size: b.size })),
          dataLength: data.length,
          dataSha256: trailer.slice(trailer.length - 32),
        };
        return info;
      })(),
    );
    // Keep unhandled-rejection noise away; finish() reports the failure.
    this.#writes[this.#writes.length - 1]!.catch(() => {});
  }
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function randomId(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  let s = '';
  for (const b of bytes) s += alphabet[b % 36];
  return s;
}
