/**
 * The symmetric ciphers behind `crypto.createCipheriv`, written as streaming
 * engines so `update()` returns output as OpenSSL's EVP interface does (block
 * modes hold back a partial block, decryption with padding holds back the
 * last block until `final()`). The AES block function, GHASH and Poly1305
 * come from @noble/ciphers; the modes (NIST SP 800-38A/38D, RFC 8439) are
 * here. The table mirrors what Node 24's `getCipherInfo()` reports.
 */
import { unsafe as aesRaw } from '@noble/ciphers/aes.js';
import { chacha20 } from '@noble/ciphers/chacha.js';
import { GHASH } from '@noble/ciphers/_polyval.js';
import { Poly1305 } from '@noble/ciphers/_poly1305.js';
import { bytesEqual, concatBytes, opensslError } from './crypto-util.js';

export type CipherMode = 'cbc' | 'ecb' | 'ctr' | 'cfb' | 'cfb8' | 'ofb' | 'gcm' | 'chacha20' | 'chacha20-poly1305';

/** What getCipherInfo() reports, plus the engine to build. */
export interface CipherSpec {
  /** Name as OpenSSL reports it (getCipherInfo().name). */
  name: string;
  nid: number;
  engine: CipherMode;
  /** getCipherInfo().mode */
  mode: string;
  keyLength: number;
  ivLength: number;
  /** 16 for block modes, 1 for stream-like modes, absent for ChaCha. */
  blockSize?: number;
}

const NIDS: Record<string, number[]> = {
  // 128, 192, 256
  ecb: [418, 422, 426], cbc: [419, 423, 427], ofb: [420, 424, 428], cfb: [421, 425, 429],
  cfb8: [653, 654, 655], ctr: [904, 905, 906], gcm: [895, 898, 901],
};

const TABLE = new Map<string, CipherSpec>();
for (const [i, bits] of [128, 192, 256].entries()) {
  for (const m of ['cbc', 'ecb', 'ctr', 'cfb', 'cfb8', 'ofb', 'gcm'] as const) {
    const spec: CipherSpec = {
      name: m === 'gcm' ? `id-aes${bits}-gcm` : `aes-${bits}-${m}`,
      nid: NIDS[m]![i]!,
      engine: m,
      mode: m === 'cfb8' ? 'cfb' : m,
      keyLength: bits / 8,
      ivLength: m === 'ecb' ? 0 : m === 'gcm' ? 12 : 16,
      blockSize: m === 'cbc' || m === 'ecb' ? 16 : 1,
    };
    TABLE.set(`aes-${bits}-${m}`, spec);
    if (m === 'cbc') TABLE.set(`aes${bits}`, spec);
    if (m === 'gcm') TABLE.set(`id-aes${bits}-GCM`, spec);
  }
}
TABLE.set('chacha20', { name: 'chacha20', nid: 1019, engine: 'chacha20', mode: 'stream', keyLength: 32, ivLength: 16 });
TABLE.set('chacha20-poly1305', {
  name: 'chacha20-poly1305', nid: 1018, engine: 'chacha20-poly1305', mode: 'stream', keyLength: 32, ivLength: 12,
});

/** The spec for a cipher name (case-insensitive, as OpenSSL looks names up), or undefined. */
export function cipherSpec(name: string): CipherSpec | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of TABLE) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** The spec for a NID, or undefined. */
export function cipherSpecByNid(nid: number): CipherSpec | undefined {
  for (const v of TABLE.values()) if (v.nid === nid) return v;
  return undefined;
}

/** Names getCiphers() lists, sorted as Node sorts them (by code unit, lowercase except OpenSSL's id-aes*-GCM). */
export function cipherNames(): string[] {
  return [...TABLE.keys()].sort();
}

export function isAead(spec: CipherSpec): boolean {
  return spec.engine === 'gcm' || spec.engine === 'chacha20-poly1305';
}

/** A streaming cipher: update() returns what is ready, final() the rest (or throws OpenSSL's error). */
export interface CipherEngine {
  update(input: Uint8Array): Uint8Array;
  final(): Uint8Array;
  setPadding?(on: boolean): void;
  /** AEAD only. */
  setAAD?(aad: Uint8Array): void;
  getTag?(): Uint8Array;
  setTag?(tag: Uint8Array): void;
}

/** Builds the engine for a spec; `key` and `iv` are already of valid lengths. */
export function createEngine(spec: CipherSpec, key: Uint8Array, iv: Uint8Array, decrypt: boolean, tagLength: number): CipherEngine {
  switch (spec.engine) {
    case 'ecb': return new BlockMode(new Aes(key), null, decrypt);
    case 'cbc': return new BlockMode(new Aes(key), iv, decrypt);
    case 'ctr': return new KeystreamMode(new CtrStream(new Aes(key), iv, false));
    case 'ofb': return new KeystreamMode(new OfbStream(new Aes(key), iv));
    case 'cfb': return new Cfb128(new Aes(key), iv, decrypt);
    case 'cfb8': return new Cfb8(new Aes(key), iv, decrypt);
    case 'gcm': return new Gcm(new Aes(key), iv, decrypt, tagLength);
    case 'chacha20': return new KeystreamMode(new OpenSslChaChaStream(key, iv));
    case 'chacha20-poly1305': return new ChaChaPoly(key, iv, decrypt, tagLength);
  }
}

/**
 * One AES key: encrypts/decrypts a 16-byte block in place. Uses noble's
 * low-level block functions (`unsafe`), pinned by the locked dependency
 * version; the modes need the bare block cipher.
 */
class Aes {
  private readonly enc: Uint32Array;
  private dec: Uint32Array | undefined;
  private readonly key: Uint8Array;
  constructor(key: Uint8Array) {
    this.key = key.slice();
    this.enc = aesRaw.expandKeyLE(this.key);
  }
  encrypt(block: Uint8Array): void {
    aesRaw.encryptBlock(this.enc, block);
  }
  decrypt(block: Uint8Array): void {
    this.dec ??= aesRaw.expandKeyDecLE(this.key);
    aesRaw.decryptBlock(this.dec, block);
  }
}

const wrongFinalBlockLength = () => opensslError('1C80006B', 'Provider routines', 'wrong final block length');
const badDecrypt = () => opensslError('1C800064', 'Provider routines', 'bad decrypt');

/** ECB and CBC with PKCS#7 padding (setAutoPadding). */
class BlockMode implements CipherEngine {
  private pending = new Uint8Array(0);
  private padding = true;
  private readonly chain: Uint8Array | null;
  private readonly block = new Uint8Array(16);
  constructor(private readonly aes: Aes, iv: Uint8Array | null, private readonly decrypt: boolean) {
    this.chain = iv ? iv.slice() : null;
  }
  setPadding(on: boolean): void {
    this.padding = on;
  }
  update(input: Uint8Array): Uint8Array {
    const data = this.pending.length ? concatBytes(this.pending, input) : input;
    const n = data.length;
    let take = n - (n % 16);
    // Decryption with padding keeps the last whole block: it may hold the padding.
    if (this.decrypt && this.padding && take === n && n > 0) take -= 16;
    this.pending = data.slice(take);
    return this.run(data.subarray(0, take));
  }
  final(): Uint8Array {
    const p = this.pending;
    this.pending = new Uint8Array(0);
    if (!this.decrypt) {
      if (!this.padding) {
        if (p.length) throw wrongFinalBlockLength();
        return p;
      }
      const padded = new Uint8Array(16).fill(16 - p.length);
      padded.set(p);
      return this.run(padded);
    }
    if (!this.padding) {
      if (p.length) throw wrongFinalBlockLength();
      return p;
    }
    if (p.length !== 16) throw wrongFinalBlockLength();
    const out = this.run(p);
    const pad = out[15]!;
    if (pad < 1 || pad > 16) throw badDecrypt();
    for (let i = 16 - pad; i < 16; i++) if (out[i] !== pad) throw badDecrypt();
    return out.subarray(0, 16 - pad);
  }
  private run(data: Uint8Array): Uint8Array {
    const out = new Uint8Array(data.length);
    const b = this.block;
    const c = this.chain;
    for (let o = 0; o < data.length; o += 16) {
      b.set(data.subarray(o, o + 16));
      if (!this.decrypt) {
        if (c) for (let i = 0; i < 16; i++) b[i]! ^= c[i]!;
        this.aes.encrypt(b);
        if (c) c.set(b);
        out.set(b, o);
      } else {
        this.aes.decrypt(b);
        if (c) {
          for (let i = 0; i < 16; i++) b[i]! ^= c[i]!;
          c.set(data.subarray(o, o + 16));
        }
        out.set(b, o);
      }
    }
    return out;
  }
}

/** A source of keystream blocks. */
interface Keystream {
  next(): Uint8Array;
}

/** XORs input with a keystream, keeping the unused part of the last block across update() calls. */
class KeystreamMode implements CipherEngine {
  private ks: Uint8Array = new Uint8Array(0);
  private pos = 0;
  constructor(private readonly src: Keystream) {}
  update(input: Uint8Array): Uint8Array {
    const out = new Uint8Array(input.length);
    for (let i = 0; i < input.length; i++) {
      if (this.pos === this.ks.length) {
        this.ks = this.src.next();
        this.pos = 0;
      }
      out[i] = input[i]! ^ this.ks[this.pos++]!;
    }
    return out;
  }
  final(): Uint8Array {
    return new Uint8Array(0);
  }
}

/** CTR: E(counter), counter incremented as a 128-bit (or, for GCM, 32-bit) big-endian number. */
class CtrStream implements Keystream {
  private readonly counter: Uint8Array;
  constructor(private readonly aes: Aes, iv: Uint8Array, private readonly inc32: boolean) {
    this.counter = iv.slice();
  }
  next(): Uint8Array {
    const b = this.counter.slice();
    this.aes.encrypt(b);
    const stop = this.inc32 ? 12 : 0;
    for (let i = 15; i >= stop; i--) {
      this.counter[i] = (this.counter[i]! + 1) & 0xff;
      if (this.counter[i] !== 0) break;
    }
    return b;
  }
}

class OfbStream implements Keystream {
  private readonly reg: Uint8Array;
  constructor(private readonly aes: Aes, iv: Uint8Array) {
    this.reg = iv.slice();
  }
  next(): Uint8Array {
    this.aes.encrypt(this.reg);
    return this.reg.slice();
  }
}

/** RFC 8439 ChaCha20 keystream from a 32-bit block counter (for the AEAD, where it cannot wrap). */
class ChaChaStream implements Keystream {
  constructor(private readonly key: Uint8Array, private readonly nonce: Uint8Array, private counter: number) {}
  next(): Uint8Array {
    // 16 blocks at a time: one call into noble per KiB of keystream.
    const n = Math.min(16, 2 ** 32 - 1 - this.counter);
    const ks = chacha20(this.key, this.nonce, new Uint8Array(64 * n), undefined, this.counter);
    this.counter += n;
    return ks;
  }
}

/**
 * OpenSSL's `chacha20` cipher: the 16-byte IV is the whole last row of the
 * state (32-bit block counter, then nonce). When the counter wraps, OpenSSL
 * carries one into the next word only (its provider's chacha20 loop).
 */
class OpenSslChaChaStream implements Keystream {
  private readonly state = new Uint32Array(16);
  private readonly x = new Uint32Array(16);
  constructor(key: Uint8Array, iv: Uint8Array) {
    const s = this.state;
    s.set([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]);
    const kv = new DataView(key.buffer, key.byteOffset, 32);
    for (let i = 0; i < 8; i++) s[4 + i] = kv.getUint32(4 * i, true);
    const iv4 = new DataView(iv.buffer, iv.byteOffset, 16);
    for (let i = 0; i < 4; i++) s[12 + i] = iv4.getUint32(4 * i, true);
  }
  next(): Uint8Array {
    const s = this.state;
    const x = this.x;
    x.set(s);
    const qr = (a: number, b: number, c: number, d: number) => {
      x[a] = (x[a]! + x[b]!) | 0; x[d] = rotl(x[d]! ^ x[a]!, 16);
      x[c] = (x[c]! + x[d]!) | 0; x[b] = rotl(x[b]! ^ x[c]!, 12);
      x[a] = (x[a]! + x[b]!) | 0; x[d] = rotl(x[d]! ^ x[a]!, 8);
      x[c] = (x[c]! + x[d]!) | 0; x[b] = rotl(x[b]! ^ x[c]!, 7);
    };
    for (let i = 0; i < 10; i++) {
      qr(0, 4, 8, 12); qr(1, 5, 9, 13); qr(2, 6, 10, 14); qr(3, 7, 11, 15);
      qr(0, 5, 10, 15); qr(1, 6, 11, 12); qr(2, 7, 8, 13); qr(3, 4, 9, 14);
    }
    const out = new Uint8Array(64);
    const v = new DataView(out.buffer);
    for (let i = 0; i < 16; i++) v.setUint32(4 * i, (x[i]! + s[i]!) >>> 0, true);
    s[12] = (s[12]! + 1) >>> 0;
    if (s[12] === 0) s[13] = (s[13]! + 1) >>> 0;
    return out;
  }
}

function rotl(v: number, n: number): number {
  return (v << n) | (v >>> (32 - n));
}

/** CFB with a 128-bit segment: the shift register takes each ciphertext block. */
class Cfb128 implements CipherEngine {
  private readonly reg: Uint8Array;
  private ks = new Uint8Array(16);
  private pos = 0;
  constructor(private readonly aes: Aes, iv: Uint8Array, private readonly decrypt: boolean) {
    this.reg = iv.slice();
  }
  update(input: Uint8Array): Uint8Array {
    const out = new Uint8Array(input.length);
    for (let i = 0; i < input.length; i++) {
      if (this.pos === 0) {
        this.ks = this.reg.slice();
        this.aes.encrypt(this.ks);
      }
      const o = input[i]! ^ this.ks[this.pos]!;
      out[i] = o;
      this.reg[this.pos] = this.decrypt ? input[i]! : o;
      this.pos = (this.pos + 1) & 15;
    }
    return out;
  }
  final(): Uint8Array {
    return new Uint8Array(0);
  }
}

/** CFB with an 8-bit segment: one block encryption per byte. */
class Cfb8 implements CipherEngine {
  private readonly reg: Uint8Array;
  private readonly ks = new Uint8Array(16);
  constructor(private readonly aes: Aes, iv: Uint8Array, private readonly decrypt: boolean) {
    this.reg = iv.slice();
  }
  update(input: Uint8Array): Uint8Array {
    const out = new Uint8Array(input.length);
    for (let i = 0; i < input.length; i++) {
      this.ks.set(this.reg);
      this.aes.encrypt(this.ks);
      const o = input[i]! ^ this.ks[0]!;
      out[i] = o;
      this.reg.copyWithin(0, 1);
      this.reg[15] = this.decrypt ? input[i]! : o;
    }
    return out;
  }
  final(): Uint8Array {
    return new Uint8Array(0);
  }
}

const authFailed = () => new Error('Unsupported state or unable to authenticate data');

/**
 * Shared AEAD bookkeeping: AAD may be given (several times) before the first
 * update(); the MAC sees AAD, then ciphertext, each padded to 16 bytes, then
 * both lengths. The tag is compared in final() on decryption.
 */
abstract class Aead implements CipherEngine {
  private aad: Uint8Array[] = [];
  private aadLen = 0;
  private started = false;
  protected ctLen = 0;
  private macPending = new Uint8Array(0);
  private tag: Uint8Array | undefined;
  constructor(protected readonly decrypt: boolean, protected readonly tagLength: number) {}
  protected abstract macUpdate(blocks: Uint8Array): void;
  protected abstract macFinish(aadLen: number, ctLen: number): Uint8Array;
  protected abstract crypt(input: Uint8Array): Uint8Array;
  setAAD(aad: Uint8Array): void {
    this.aad.push(aad.slice());
    this.aadLen += aad.length;
  }
  private start(): void {
    if (this.started) return;
    this.started = true;
    const aad = concatBytes(...this.aad);
    this.aad = [];
    this.macPadded(aad);
  }
  /** Feeds bytes followed by zero padding to a 16-byte boundary. */
  private macPadded(data: Uint8Array): void {
    if (!data.length) return;
    const padded = new Uint8Array(Math.ceil(data.length / 16) * 16);
    padded.set(data);
    this.macUpdate(padded);
  }
  private macCiphertext(ct: Uint8Array): void {
    const data = this.macPending.length ? concatBytes(this.macPending, ct) : ct;
    const whole = data.length - (data.length % 16);
    if (whole) this.macUpdate(data.subarray(0, whole));
    this.macPending = data.slice(whole);
  }
  update(input: Uint8Array): Uint8Array {
    this.start();
    const out = this.crypt(input);
    this.macCiphertext(this.decrypt ? input : out);
    this.ctLen += input.length;
    return out;
  }
  final(): Uint8Array {
    this.start();
    this.macPadded(this.macPending);
    const full = this.macFinish(this.aadLen, this.ctLen);
    if (this.decrypt) {
      // The expected tag may be shorter than 16 bytes (GCM takes its length from setAuthTag).
      if (!this.tag || !bytesEqual(full.subarray(0, this.tag.length), this.tag)) throw authFailed();
    } else {
      this.tag = full.slice(0, this.tagLength);
    }
    return new Uint8Array(0);
  }
  getTag(): Uint8Array {
    return this.tag!;
  }
  setTag(tag: Uint8Array): void {
    this.tag = tag.slice();
  }
}

function lengthsBE(aadLen: number, ctLen: number): Uint8Array {
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  v.setBigUint64(0, BigInt(aadLen) * 8n);
  v.setBigUint64(8, BigInt(ctLen) * 8n);
  return b;
}

/** AES-GCM (NIST SP 800-38D), any IV length (12 bytes: IV || 1; otherwise GHASH of the IV). */
class Gcm extends Aead {
  private readonly ghash: GHASH;
  private readonly ctr: KeystreamMode;
  private readonly j0: Uint8Array;
  constructor(private readonly aes: Aes, iv: Uint8Array, decrypt: boolean, tagLength: number) {
    super(decrypt, tagLength);
    const h = new Uint8Array(16);
    aes.encrypt(h);
    this.ghash = new GHASH(h);
    if (iv.length === 12) {
      this.j0 = new Uint8Array(16);
      this.j0.set(iv);
      this.j0[15] = 1;
    } else {
      const g = new GHASH(h);
      const padded = new Uint8Array(Math.ceil(iv.length / 16) * 16);
      padded.set(iv);
      g.update(padded);
      g.update(lengthsBE(0, iv.length));
      this.j0 = g.digest();
    }
    // Data is encrypted from inc32(J0); J0 itself masks the tag.
    const counter = this.j0.slice();
    for (let i = 15; i >= 12; i--) {
      counter[i] = (counter[i]! + 1) & 0xff;
      if (counter[i] !== 0) break;
    }
    this.ctr = new KeystreamMode(new CtrStream(aes, counter, true));
  }
  protected crypt(input: Uint8Array): Uint8Array {
    return this.ctr.update(input);
  }
  protected macUpdate(blocks: Uint8Array): void {
    this.ghash.update(blocks);
  }
  protected macFinish(aadLen: number, ctLen: number): Uint8Array {
    this.ghash.update(lengthsBE(aadLen, ctLen));
    const s = this.ghash.digest();
    const ek = this.j0.slice();
    this.aes.encrypt(ek);
    for (let i = 0; i < 16; i++) s[i]! ^= ek[i]!;
    return s;
  }
}

/** ChaCha20-Poly1305 (RFC 8439 §2.8). */
class ChaChaPoly extends Aead {
  private readonly mac: Poly1305;
  private readonly stream: KeystreamMode;
  constructor(key: Uint8Array, nonce: Uint8Array, decrypt: boolean, tagLength: number) {
    super(decrypt, tagLength);
    const block0 = chacha20(key, nonce, new Uint8Array(64), undefined, 0);
    this.mac = new Poly1305(block0.subarray(0, 32));
    this.stream = new KeystreamMode(new ChaChaStream(key.slice(), nonce.slice(), 1));
  }
  protected crypt(input: Uint8Array): Uint8Array {
    return this.stream.update(input);
  }
  protected macUpdate(blocks: Uint8Array): void {
    this.mac.update(blocks);
  }
  protected macFinish(aadLen: number, ctLen: number): Uint8Array {
    const b = new Uint8Array(16);
    const v = new DataView(b.buffer);
    v.setBigUint64(0, BigInt(aadLen), true);
    v.setBigUint64(8, BigInt(ctLen), true);
    this.mac.update(b);
    return this.mac.digest();
  }
}
