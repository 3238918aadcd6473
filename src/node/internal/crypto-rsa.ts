/**
 * RSA over native BigInt (RFC 8017): key generation (random probable primes
 * by sieve + Miller–Rabin, FIPS 186-5 B.3.1 round counts), the raw public and
 * CRT private operations, and the paddings Node exposes — PKCS#1 v1.5 for
 * signatures and encryption, PSS, OAEP. Errors are OpenSSL's, as Node
 * reports them. Not constant-time: this runs an emulated Node in a browser
 * tab, not a server holding long-lived secrets.
 */
import { bytesEqual, concatBytes, opensslError } from './crypto-util.js';
import { type Digest, digestInfo } from './crypto-digests.js';

export interface RsaKey {
  n: bigint;
  e: bigint;
  d?: bigint;
  p?: bigint;
  q?: bigint;
  dp?: bigint;
  dq?: bigint;
  qi?: bigint;
}

// ------------------------------------------------------------------ numbers

export function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

export function byteLength(n: bigint): number {
  return Math.ceil(bitLength(n) / 8);
}

/** Big-endian unsigned integer from bytes (OS2IP). */
export function os2ip(b: Uint8Array): bigint {
  let hex = '';
  for (const x of b) hex += x.toString(16).padStart(2, '0');
  return hex ? BigInt(`0x${hex}`) : 0n;
}

/** Big-endian bytes of `x`, left-padded to `len` (I2OSP); `len` omitted means minimal. */
export function i2osp(x: bigint, len?: number): Uint8Array {
  let hex = x.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const n = hex.length / 2;
  const size = len ?? n;
  if (n > size) throw new RangeError('integer too large');
  const out = new Uint8Array(size);
  for (let i = 0; i < n; i++) out[size - n + i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** b^e mod m, left-to-right with a 4-bit fixed window. */
export function modPow(b: bigint, e: bigint, m: bigint): bigint {
  if (m === 1n) return 0n;
  b %= m;
  if (b < 0n) b += m;
  const table: bigint[] = [1n, b];
  for (let i = 2; i < 16; i++) table.push((table[i - 1]! * b) % m);
  const hex = e.toString(16);
  let r = 1n;
  for (let i = 0; i < hex.length; i++) {
    if (i > 0) {
      r = (r * r) % m;
      r = (r * r) % m;
      r = (r * r) % m;
      r = (r * r) % m;
    }
    const w = parseInt(hex[i]!, 16);
    if (w) r = (r * table[w]!) % m;
  }
  return r;
}

export function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [a % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new RangeError('not invertible');
  return ((s0 % m) + m) % m;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}

/** A uniformly random integer in [2, n - 2]. */
function randomBelow(n: bigint): bigint {
  const len = byteLength(n);
  for (;;) {
    const r = os2ip(randomBytes(len)) % n;
    if (r >= 2n && r <= n - 2n) return r;
  }
}

const SMALL_PRIMES: number[] = (() => {
  const limit = 20000;
  const sieve = new Uint8Array(limit);
  const out: number[] = [];
  for (let i = 3; i < limit; i += 2) {
    if (sieve[i]) continue;
    out.push(i);
    for (let j = i * i; j < limit; j += 2 * i) sieve[j] = 1;
  }
  return out;
})();

/** Miller–Rabin with `rounds` random bases. */
export function isProbablePrime(n: bigint, rounds: number): boolean {
  if (n < 2n) return false;
  for (const p of SMALL_PRIMES.slice(0, 100)) {
    if (n === BigInt(p)) return true;
    if (n % BigInt(p) === 0n) return false;
  }
  if (n % 2n === 0n) return n === 2n;
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  const bases = [2n];
  while (bases.length < rounds) bases.push(randomBelow(n));
  outer: for (const a of bases) {
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    for (let i = 1; i < s; i++) {
      x = (x * x) % n;
      if (x === n - 1n) continue outer;
      if (x === 1n) return false;
    }
    return false;
  }
  return true;
}

/** Rounds for a 2^-100 error bound (FIPS 186-5 table B.1). */
function mrRounds(bits: number): number {
  if (bits >= 1536) return 4;
  if (bits >= 1024) return 5;
  if (bits >= 512) return 8;
  return 40;
}

/**
 * A random prime of exactly `bits` bits with its top two bits set (so the
 * product of two has exactly twice the bits) and gcd(p - 1, e) = 1. Steps
 * through odd candidates, discarding those with a small factor by residues
 * before any exponentiation.
 */
export function randomPrime(bits: number, e: bigint): bigint {
  const rounds = mrRounds(bits);
  const primes = bits > 64 ? SMALL_PRIMES : SMALL_PRIMES.filter((p) => p * p < 2 ** bits);
  for (;;) {
    const bytes = randomBytes(Math.ceil(bits / 8));
    let base = os2ip(bytes) >> BigInt(bytes.length * 8 - bits);
    base |= 3n << BigInt(bits - 2);
    base |= 1n;
    const residues = primes.map((p) => Number(base % BigInt(p)));
    for (let delta = 0; delta < 1 << 16; delta += 2) {
      let ok = true;
      for (let i = 0; i < primes.length; i++) {
        if ((residues[i]! + delta) % primes[i]! === 0) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const cand = base + BigInt(delta);
      if (bitLength(cand) !== bits) break;
      if (gcd(cand - 1n, e) !== 1n) continue;
      if (isProbablePrime(cand, rounds)) return cand;
    }
  }
}

/** Generates a key with an n of exactly `bits` bits; d is e^-1 mod lcm(p-1, q-1) as OpenSSL 3 computes it. */
export function generateRsaKey(bits: number, e: bigint): RsaKey {
  for (;;) {
    const pBits = Math.ceil(bits / 2);
    let p = randomPrime(pBits, e);
    let q = randomPrime(bits - pBits, e);
    if (p === q) continue;
    if (p < q) [p, q] = [q, p];
    const n = p * q;
    if (bitLength(n) !== bits) continue;
    const p1 = p - 1n;
    const q1 = q - 1n;
    const lcm = (p1 * q1) / gcd(p1, q1);
    const d = modInverse(e, lcm);
    return { n, e, d, p, q, dp: d % p1, dq: d % q1, qi: modInverse(q, p) };
  }
}

/** Fills in CRT values that an imported key lacks, when p and q are known. */
export function completeKey(k: RsaKey): RsaKey {
  if (k.d !== undefined && k.p && k.q) {
    k.dp ??= k.d % (k.p - 1n);
    k.dq ??= k.d % (k.q - 1n);
    k.qi ??= modInverse(k.q, k.p);
  }
  return k;
}

export function rsaPublicOp(k: RsaKey, m: bigint): bigint {
  return modPow(m, k.e, k.n);
}

export function rsaPrivateOp(k: RsaKey, c: bigint): bigint {
  if (k.p && k.q && k.dp !== undefined && k.dq !== undefined && k.qi !== undefined) {
    const m1 = modPow(c, k.dp, k.p);
    const m2 = modPow(c, k.dq, k.q);
    let h = (k.qi * (m1 - m2)) % k.p;
    if (h < 0n) h += k.p;
    return m2 + h * k.q;
  }
  return modPow(c, k.d!, k.n);
}

// ------------------------------------------------------------------ errors

const rsaErr = (packed: string, reason: string, stack: boolean | string[]) => opensslError(packed, 'rsa routines', reason, stack);
/** What OpenSSL's signature provider leaves under an RSA signing error. */
const RSA_LIB = ['error:1C880004:Provider routines::RSA lib'];
/** `signing`: raised while signing (PSS), where Node shows the provider's error queue. */
export const errDataTooLarge = (signing = true) => rsaErr('0200006E', 'data too large for key size', signing ? RSA_LIB : false);
export const errDataTooSmall = () => rsaErr('0200007A', 'data too small for key size', false);
export const errDataTooLargeForModulus = () => rsaErr('02000084', 'data too large for modulus', false);
export const errDigestTooBig = () => rsaErr('02000070', 'digest too big for rsa key', RSA_LIB);
export const errOaepDecoding = () => rsaErr('02000079', 'oaep decoding error', false);
export const errInvalidPadding = () => rsaErr('0200008A', 'invalid padding', [
  'error:030000EA:digital envelope routines::provider signature failure',
  ...RSA_LIB,
  'error:02000072:rsa routines::padding check failed',
]);

// ------------------------------------------------------------------ paddings

function mgf1(d: Digest, seed: Uint8Array, len: number): Uint8Array {
  const out = new Uint8Array(len);
  const hLen = d.hash.outputLen as number;
  const buf = new Uint8Array(seed.length + 4);
  buf.set(seed);
  for (let i = 0, o = 0; o < len; i++, o += hLen) {
    new DataView(buf.buffer).setUint32(seed.length, i);
    out.set(d.hash(buf).subarray(0, Math.min(hLen, len - o)), o);
  }
  return out;
}

function xorInto(a: Uint8Array, b: Uint8Array): void {
  for (let i = 0; i < a.length; i++) a[i]! ^= b[i]!;
}

/** EMSA-PKCS1-v1_5 (RFC 8017 §9.2) for a k-byte modulus. */
export function pkcs1SignatureBlock(d: Digest, hashed: Uint8Array, k: number): Uint8Array {
  const t = digestInfo(d, hashed);
  if (k < t.length + 11) throw errDigestTooBig();
  const em = new Uint8Array(k).fill(0xff);
  em[0] = 0;
  em[1] = 1;
  em[k - t.length - 1] = 0;
  em.set(t, k - t.length);
  return em;
}

/** EMSA-PSS-ENCODE (RFC 8017 §9.1.1). `emBits` is modBits - 1. */
export function pssEncode(d: Digest, mgfDigest: Digest, mHash: Uint8Array, emBits: number, saltLen: number): Uint8Array {
  const hLen = d.hash.outputLen as number;
  const emLen = Math.ceil(emBits / 8);
  if (emLen < hLen + saltLen + 2) throw errDataTooLarge();
  const salt = randomBytes(saltLen);
  const h = d.hash(concatBytes(new Uint8Array(8), mHash, salt));
  const db = new Uint8Array(emLen - hLen - 1);
  db[emLen - saltLen - hLen - 2] = 1;
  db.set(salt, db.length - saltLen);
  xorInto(db, mgf1(mgfDigest, h, db.length));
  db[0]! &= 0xff >>> (8 * emLen - emBits);
  return concatBytes(db, h, Uint8Array.of(0xbc));
}

/** EMSA-PSS-VERIFY; `saltLen` < 0 means recover it from the encoding (OpenSSL's AUTO). */
export function pssVerify(d: Digest, mgfDigest: Digest, mHash: Uint8Array, em: Uint8Array, emBits: number, saltLen: number): boolean {
  const hLen = d.hash.outputLen as number;
  const emLen = Math.ceil(emBits / 8);
  if (em.length > emLen) {
    if (em[0] !== 0) return false;
    em = em.subarray(em.length - emLen);
  }
  if (emLen < hLen + 2 || em[emLen - 1] !== 0xbc) return false;
  const db = em.slice(0, emLen - hLen - 1);
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const topMask = 0xff << (8 - (8 * emLen - emBits)) & 0xff;
  if (db[0]! & topMask) return false;
  xorInto(db, mgf1(mgfDigest, h, db.length));
  db[0]! &= 0xff >>> (8 * emLen - emBits);
  let i = 0;
  while (i < db.length && db[i] === 0) i++;
  if (i === db.length || db[i] !== 1) return false;
  const salt = db.subarray(i + 1);
  if (saltLen >= 0 && salt.length !== saltLen) return false;
  const h2 = d.hash(concatBytes(new Uint8Array(8), mHash, salt));
  return bytesEqual(h, h2);
}

/** RSAES-OAEP encoding (RFC 8017 §7.1.1). */
export function oaepEncode(d: Digest, m: Uint8Array, k: number, label: Uint8Array): Uint8Array {
  const hLen = d.hash.outputLen as number;
  if (m.length > k - 2 * hLen - 2) throw errDataTooLarge(false);
  const db = new Uint8Array(k - hLen - 1);
  db.set(d.hash(label));
  db[db.length - m.length - 1] = 1;
  db.set(m, db.length - m.length);
  const seed = randomBytes(hLen);
  xorInto(db, mgf1(d, seed, db.length));
  xorInto(seed, mgf1(d, db, hLen));
  return concatBytes(Uint8Array.of(0), seed, db);
}

export function oaepDecode(d: Digest, em: Uint8Array, k: number, label: Uint8Array): Uint8Array {
  const hLen = d.hash.outputLen as number;
  if (em.length !== k || k < 2 * hLen + 2 || em[0] !== 0) throw errOaepDecoding();
  const seed = em.slice(1, 1 + hLen);
  const db = em.slice(1 + hLen);
  xorInto(seed, mgf1(d, db, hLen));
  xorInto(db, mgf1(d, seed, db.length));
  if (!bytesEqual(db.subarray(0, hLen), d.hash(label))) throw errOaepDecoding();
  let i = hLen;
  while (i < db.length && db[i] === 0) i++;
  if (i === db.length || db[i] !== 1) throw errOaepDecoding();
  return db.slice(i + 1);
}

/** PKCS#1 v1.5 block type 1 (private-key "encryption") or 2 (public-key encryption). */
export function pkcs1Pad(m: Uint8Array, k: number, type: 1 | 2): Uint8Array {
  if (m.length > k - 11) throw errDataTooLarge(false);
  const em = new Uint8Array(k);
  em[1] = type;
  const ps = em.subarray(2, k - m.length - 1);
  if (type === 1) ps.fill(0xff);
  else {
    for (let i = 0; i < ps.length; i++) {
      let b = 0;
      while (b === 0) b = randomBytes(1)[0]!;
      ps[i] = b;
    }
  }
  em.set(m, k - m.length);
  return em;
}

/** Strips PKCS#1 v1.5 padding of the given type; null if malformed. */
export function pkcs1Unpad(em: Uint8Array, type: 1 | 2): Uint8Array | null {
  if (em[0] !== 0 || em[1] !== type) return null;
  let i = 2;
  while (i < em.length && em[i] !== 0) {
    if (type === 1 && em[i] !== 0xff) return null;
    i++;
  }
  if (i === em.length || i < 10) return null;
  return em.slice(i + 1);
}
