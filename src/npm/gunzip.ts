/**
 * gzip decompression with a ceiling, through `DecompressionStream`
 * (https://compression.spec.whatwg.org/), available in browsers and Node 20.
 * The ceiling stops gzip bombs: decompression stops as soon as the output
 * passes it.
 */
import { NpmError } from './npm-error.js';

/** Expanded size past which a tarball is refused (500 MB). */
export const MAX_UNPACKED = 500 * 1024 * 1024;

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function tooLarge(limit: number, what: string): NpmError {
  return new NpmError('ETOOLARGE', `${what}: the tarball expands to more than ${Math.round(limit / 1024 / 1024)} MB; refusing to unpack it (a gzip bomb?)`);
}

/** Decompresses gzip bytes, throwing `ETOOLARGE` once more than `limit` bytes come out. */
export async function gunzip(bytes: Uint8Array, limit: number = MAX_UNPACKED, what = 'tarball'): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge(limit, what);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof NpmError) throw err;
    throw new NpmError('EBADTAR', `${what}: invalid gzip data (${(err as Error).message})`);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}
