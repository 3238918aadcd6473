/**
 * The message digests `node:crypto` accepts, under the names and aliases
 * OpenSSL 3 resolves (`sha256`, `SHA256`, `RSA-SHA256`, `sha-256`,
 * `sha256WithRSAEncryption`, …), each with its hash from @noble/hashes and
 * the OID PKCS#1 v1.5 signatures put in DigestInfo (RFC 8017 §9.2).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { blake2b, blake2s } from '@noble/hashes/blake2.js';
import { md5, ripemd160, sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512, sha512_224, sha512_256 } from '@noble/hashes/sha2.js';
import { sha3_224, sha3_256, sha3_384, sha3_512, shake128, shake256 } from '@noble/hashes/sha3.js';
import { NULL, octets, oid, seq } from './crypto-asn1.js';

export interface Digest {
  /** Canonical lowercase name (what JWK and key details call it). */
  name: string;
  /** noble hash: callable, with `.create()`, `outputLen`, `blockLen`. */
  hash: any;
  /** Algorithm OID for DigestInfo; absent for digests RSA signatures cannot use. */
  oid?: string;
  /** XOFs (shake) take an output length. */
  xof?: boolean;
}

const md5sha1: any = Object.assign((m: Uint8Array) => {
  const out = new Uint8Array(36);
  out.set(md5(m));
  out.set(sha1(m), 16);
  return out;
}, {
  outputLen: 36,
  blockLen: 64,
  create(a: any = md5.create(), b: any = sha1.create()) {
    const h: any = {
      update(d: Uint8Array) { a.update(d); b.update(d); return h; },
      digest() { const out = new Uint8Array(36); out.set(a.digest()); out.set(b.digest(), 16); return out; },
      clone() { return md5sha1.create(a.clone(), b.clone()); },
    };
    return h;
  },
});

const nist = (n: number) => `2.16.840.1.101.3.4.2.${n}`;

const DIGESTS: Digest[] = [
  { name: 'md5', hash: md5, oid: '1.2.840.113549.2.5' },
  { name: 'sha1', hash: sha1, oid: '1.3.14.3.2.26' },
  { name: 'ripemd160', hash: ripemd160, oid: '1.3.36.3.2.1' },
  { name: 'sha224', hash: sha224, oid: nist(4) },
  { name: 'sha256', hash: sha256, oid: nist(1) },
  { name: 'sha384', hash: sha384, oid: nist(2) },
  { name: 'sha512', hash: sha512, oid: nist(3) },
  { name: 'sha512-224', hash: sha512_224, oid: nist(5) },
  { name: 'sha512-256', hash: sha512_256, oid: nist(6) },
  { name: 'sha3-224', hash: sha3_224, oid: nist(7) },
  { name: 'sha3-256', hash: sha3_256, oid: nist(8) },
  { name: 'sha3-384', hash: sha3_384, oid: nist(9) },
  { name: 'sha3-512', hash: sha3_512, oid: nist(10) },
  { name: 'shake128', hash: shake128, xof: true },
  { name: 'shake256', hash: shake256, xof: true },
  { name: 'blake2b512', hash: blake2b },
  { name: 'blake2s256', hash: blake2s },
  { name: 'md5-sha1', hash: md5sha1 },
];

/** Node's getHashes() names for the digests above, in its order. */
const LISTED = [
  'RSA-MD5', 'RSA-RIPEMD160', 'RSA-SHA1', 'RSA-SHA1-2', 'RSA-SHA224', 'RSA-SHA256', 'RSA-SHA3-224', 'RSA-SHA3-256',
  'RSA-SHA3-384', 'RSA-SHA3-512', 'RSA-SHA384', 'RSA-SHA512', 'RSA-SHA512/224', 'RSA-SHA512/256', 'blake2b512',
  'blake2s256', 'id-rsassa-pkcs1-v1_5-with-sha3-224', 'id-rsassa-pkcs1-v1_5-with-sha3-256',
  'id-rsassa-pkcs1-v1_5-with-sha3-384', 'id-rsassa-pkcs1-v1_5-with-sha3-512', 'md5', 'md5-sha1',
  'md5WithRSAEncryption', 'ripemd', 'ripemd160', 'ripemd160WithRSA', 'rmd160', 'sha1', 'sha1WithRSAEncryption',
  'sha224', 'sha224WithRSAEncryption', 'sha256', 'sha256WithRSAEncryption', 'sha3-224', 'sha3-256', 'sha3-384',
  'sha3-512', 'sha384', 'sha384WithRSAEncryption', 'sha512', 'sha512-224', 'sha512-224WithRSAEncryption',
  'sha512-256', 'sha512-256WithRSAEncryption', 'sha512WithRSAEncryption', 'shake128', 'shake256', 'ssl3-md5',
  'ssl3-sha1',
];

const BY_NAME = new Map<string, Digest>();
for (const d of DIGESTS) BY_NAME.set(d.name, d);
const ALIASES: Record<string, string> = {
  'rsa-md5': 'md5', md5withrsaencryption: 'md5', 'ssl3-md5': 'md5',
  'rsa-sha1': 'sha1', 'rsa-sha1-2': 'sha1', sha1withrsaencryption: 'sha1', 'ssl3-sha1': 'sha1', 'sha-1': 'sha1',
  ripemd: 'ripemd160', rmd160: 'ripemd160', 'rsa-ripemd160': 'ripemd160', ripemd160withrsa: 'ripemd160',
  'ripemd-160': 'ripemd160',
  'sha512/224': 'sha512-224', 'sha-512/224': 'sha512-224', 'rsa-sha512/224': 'sha512-224',
  'sha512/256': 'sha512-256', 'sha-512/256': 'sha512-256', 'rsa-sha512/256': 'sha512-256',
  'sha512-224withrsaencryption': 'sha512-224', 'sha512-256withrsaencryption': 'sha512-256',
};
for (const bits of [224, 256, 384, 512]) {
  ALIASES[`rsa-sha${bits}`] = `sha${bits}`;
  ALIASES[`sha-${bits}`] = `sha${bits}`;
  ALIASES[`sha${bits}withrsaencryption`] = `sha${bits}`;
  ALIASES[`rsa-sha3-${bits}`] = `sha3-${bits}`;
  ALIASES[`id-rsassa-pkcs1-v1_5-with-sha3-${bits}`] = `sha3-${bits}`;
}

/** The digest an OpenSSL name or alias means (case-insensitive), or undefined. */
export function digestFor(name: unknown): Digest | undefined {
  if (typeof name !== 'string') return undefined;
  const lower = name.toLowerCase();
  return BY_NAME.get(ALIASES[lower] ?? lower);
}

/** The digest whose DigestInfo OID is `dotted`. */
export function digestByOid(dotted: string): Digest | undefined {
  return DIGESTS.find((d) => d.oid === dotted);
}

export function digestNames(): string[] {
  return LISTED.slice();
}

/** Hashes `data` in one go (XOFs at their default length). */
export function digest(d: Digest, data: Uint8Array): Uint8Array {
  return d.hash(data);
}

/** DER DigestInfo ::= SEQUENCE { AlgorithmIdentifier, OCTET STRING digest }. */
export function digestInfo(d: Digest, hashed: Uint8Array): Uint8Array {
  return seq(seq(oid(d.oid!), NULL), octets(hashed));
}
