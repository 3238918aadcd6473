/**
 * Subresource Integrity (https://www.w3.org/TR/SRI/) as npm uses it for
 * tarballs: `sha512-<base64>` (or legacy `sha1-…`, or a hex `shasum`),
 * checked with `crypto.subtle`, available in browsers and Node 20.
 */
import { NpmError } from './npm-error.js';

const ALGOS: Record<string, string> = { sha512: 'SHA-512', sha384: 'SHA-384', sha256: 'SHA-256', sha1: 'SHA-1' };
const STRENGTH = ['sha1', 'sha256', 'sha384', 'sha512'];

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function hexToBase64(hex: string): string {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return toBase64(out);
}

/** `algo-base64` of the bytes. */
export async function digest(bytes: Uint8Array, algo: 'sha512' | 'sha1' = 'sha512'): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest(ALGOS[algo]!, bytes as Uint8Array<ArrayBuffer>));
  return `${algo}-${toBase64(hash)}`;
}

/** The strongest hash of an SRI string (or of a hex sha1 `shasum`), as `algo-base64`. */
export function strongest(integrity: string | undefined, shasum?: string): string | undefined {
  const hashes = (integrity ?? '').split(/\s+/).filter((h) => /^[a-z0-9]+-/.test(h) && ALGOS[h.slice(0, h.indexOf('-'))]);
  if (hashes.length) {
    hashes.sort((a, b) => STRENGTH.indexOf(b.slice(0, b.indexOf('-'))) - STRENGTH.indexOf(a.slice(0, a.indexOf('-'))));
    return hashes[0]!.replace(/\?.*$/, '');
  }
  if (shasum && /^[0-9a-f]{40}$/i.test(shasum)) return `sha1-${hexToBase64(shasum.toLowerCase())}`;
  return undefined;
}

/** Throws `EINTEGRITY` unless the bytes match the expected hash. */
export async function checkIntegrity(bytes: Uint8Array, expected: string, what: string): Promise<void> {
  const algo = expected.slice(0, expected.indexOf('-')) as 'sha512' | 'sha1';
  const actual = await digest(bytes, algo);
  if (actual !== expected) {
    throw new NpmError('EINTEGRITY', `sha512 integrity checksum failed when using ${algo}: wanted ${expected} but got ${actual}. (${bytes.length} bytes)`.replace('sha512 integrity', `${what}: integrity`), {
      detail: ['The tarball does not match the registry\'s integrity: nothing was installed.'],
    });
  }
}
