/**
 * Key material in and out of its file formats: PKCS#1 (RFC 8017 App. A),
 * PKCS#8 (RFC 5208/5958), SPKI (RFC 5280 §4.1), SEC1 (RFC 5915), RSA-PSS
 * parameters (RFC 4055), RFC 8410 OKP keys and JWK (RFC 7517/7518/8037).
 * Byte layouts follow what OpenSSL 3 writes, so exports compare equal to
 * Node's. Malformed input throws Asn1Error; callers map it to Node's errors.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { ed448, x448 } from '@noble/curves/ed448.js';
import {
  Asn1Error, NULL, TAG, asBits, asInt, asOctets, asOid, bits, explicit, int, octets, oid, readExact, readTlv,
  seq, seqOf, tlv, type Asn1Node,
} from './crypto-asn1.js';
import { type Curve, OKP, type OkpType, curveByOid } from './crypto-curves.js';
import { type Digest, digestByOid, digestFor } from './crypto-digests.js';
import { type RsaKey, completeKey, i2osp, os2ip } from './crypto-rsa.js';

export interface PssParams {
  hashAlgorithm: string;
  mgf1HashAlgorithm: string;
  saltLength: number;
}

/** A key's material: what a KeyObject's handle holds. */
export type KeyData =
  | { kind: 'secret'; bytes: Uint8Array }
  | { kind: 'rsa' | 'rsa-pss'; isPrivate: boolean; rsa: RsaKey; pss?: PssParams }
  | { kind: 'ec'; isPrivate: boolean; curve: Curve; pub: Uint8Array; priv?: Uint8Array }
  | { kind: OkpType; isPrivate: boolean; pub: Uint8Array; priv?: Uint8Array };

export type AsymmetricKeyData = Exclude<KeyData, { kind: 'secret' }>;

const OID_RSA = '1.2.840.113549.1.1.1';
const OID_RSA_PSS = '1.2.840.113549.1.1.10';
const OID_MGF1 = '1.2.840.113549.1.1.8';
const OID_EC = '1.2.840.10045.2.1';

const OKP_IMPL: Record<OkpType, any> = { ed25519, x25519, ed448, x448 };

/** The public half of an asymmetric key. */
export function publicOf(k: AsymmetricKeyData): AsymmetricKeyData {
  if (!k.isPrivate) return k;
  if (k.kind === 'rsa' || k.kind === 'rsa-pss') return { ...k, isPrivate: false, rsa: { n: k.rsa.n, e: k.rsa.e } };
  const { priv: _priv, ...rest } = k as { priv?: Uint8Array };
  return { ...rest, isPrivate: false } as AsymmetricKeyData;
}

/** Public key bytes for an OKP private key (RFC 8032 / RFC 7748). */
export function okpPublicFromPrivate(kind: OkpType, priv: Uint8Array): Uint8Array {
  return OKP_IMPL[kind].getPublicKey(priv);
}

export function okpImpl(kind: OkpType): any {
  return OKP_IMPL[kind];
}

// ------------------------------------------------------------------ RSA

function rsaPublicDer(k: RsaKey): Uint8Array {
  return seq(int(k.n), int(k.e));
}

function rsaPrivateDer(k: RsaKey): Uint8Array {
  return seq(int(0), int(k.n), int(k.e), int(k.d!), int(k.p!), int(k.q!), int(k.dp!), int(k.dq!), int(k.qi!));
}

function parseRsaPublic(der: Uint8Array): RsaKey {
  const f = seqOf(readTlv(der));
  return { n: asInt(f[0]), e: asInt(f[1]) };
}

function parseRsaPrivate(der: Uint8Array): RsaKey {
  const f = seqOf(readTlv(der));
  if (f.length < 9) throw new Asn1Error('short RSAPrivateKey');
  const [n, e, d, p, q, dp, dq, qi] = f.slice(1, 9).map(asInt) as bigint[];
  return completeKey({ n: n!, e: e!, d: d!, p: p!, q: q!, dp: dp!, dq: dq!, qi: qi! });
}

function hashAlgId(d: string): Uint8Array {
  return seq(oid(digestFor(d)!.oid!), NULL);
}

/** RSASSA-PSS-params; DER leaves out fields equal to their defaults (SHA-1, MGF1-SHA-1, 20). */
function pssParamsDer(p: PssParams): Uint8Array {
  const fields: Uint8Array[] = [];
  if (p.hashAlgorithm !== 'sha1') fields.push(explicit(0, hashAlgId(p.hashAlgorithm)));
  if (p.mgf1HashAlgorithm !== 'sha1') fields.push(explicit(1, seq(oid(OID_MGF1), hashAlgId(p.mgf1HashAlgorithm))));
  if (p.saltLength !== 20) fields.push(explicit(2, int(p.saltLength)));
  return seq(...fields);
}

function digestOfAlgId(node: Asn1Node): Digest {
  const d = digestByOid(asOid(seqOf(node)[0]));
  if (!d) throw new Asn1Error('unknown digest');
  return d;
}

/** RSASSA-PSS-params (RFC 4055 §3.1), with its defaults filled in; undefined when absent. */
function parsePssParams(node: Asn1Node | undefined): PssParams | undefined {
  if (!node || node.tag === TAG.NULL) return undefined;
  const p: PssParams = { hashAlgorithm: 'sha1', mgf1HashAlgorithm: 'sha1', saltLength: 20 };
  for (const f of seqOf(node)) {
    const inner = readTlv(f.bytes);
    if (f.tag === 0xa0) p.hashAlgorithm = digestOfAlgId(inner).name;
    else if (f.tag === 0xa1) {
      const mgf = seqOf(inner);
      if (asOid(mgf[0]) !== OID_MGF1) throw new Asn1Error('unknown MGF');
      p.mgf1HashAlgorithm = digestOfAlgId(mgf[1]!).name;
    } else if (f.tag === 0xa2) p.saltLength = Number(asInt(inner));
  }
  return p;
}

function rsaAlgId(k: { kind: 'rsa' | 'rsa-pss'; pss?: PssParams }): Uint8Array {
  if (k.kind === 'rsa') return seq(oid(OID_RSA), NULL);
  return k.pss ? seq(oid(OID_RSA_PSS), pssParamsDer(k.pss)) : seq(oid(OID_RSA_PSS));
}

// ------------------------------------------------------------------ SPKI / PKCS#8 / SEC1

/** SubjectPublicKeyInfo DER for a public (or the public half of a private) key. */
export function encodeSpki(k: AsymmetricKeyData): Uint8Array {
  switch (k.kind) {
    case 'rsa':
    case 'rsa-pss':
      return seq(rsaAlgId(k), bits(rsaPublicDer(k.rsa)));
    case 'ec':
      return seq(seq(oid(OID_EC), oid(k.curve.oid)), bits(k.pub));
    default:
      return seq(seq(oid(OKP[k.kind].oid)), bits(k.pub));
  }
}

export function decodeSpki(der: Uint8Array): AsymmetricKeyData {
  const f = seqOf(readTlv(der));
  const alg = seqOf(f[0]);
  const algOid = asOid(alg[0]);
  const key = asBits(f[1]);
  if (algOid === OID_RSA || algOid === OID_RSA_PSS) {
    const kind = algOid === OID_RSA ? 'rsa' : 'rsa-pss';
    return { kind, isPrivate: false, rsa: parseRsaPublic(key), pss: kind === 'rsa-pss' ? parsePssParams(alg[1]) : undefined };
  }
  if (algOid === OID_EC) {
    const curve = curveByOid(asOid(alg[1]));
    if (!curve) throw new Asn1Error('unsupported curve');
    return { kind: 'ec', isPrivate: false, curve, pub: ecPointUncompressed(curve, key) };
  }
  const okp = okpFor(algOid);
  if (key.length !== OKP[okp].size) throw new Asn1Error('bad key length');
  return { kind: okp, isPrivate: false, pub: key.slice() };
}

/**
 * The subject public key of an X.509 certificate (RFC 5280 §4.1): the
 * seventh field of tbsCertificate, or sixth when the version is absent.
 */
export function decodeCertificatePublicKey(der: Uint8Array): AsymmetricKeyData {
  const tbs = seqOf(seqOf(readTlv(der))[0]);
  const fields = tbs[0]?.tag === 0xa0 ? tbs.slice(1) : tbs;
  const spki = fields[5];
  if (!spki) throw new Asn1Error('short tbsCertificate');
  return decodeSpki(tlv(spki.tag, spki.bytes));
}

function okpFor(algOid: string): OkpType {
  const okp = (Object.keys(OKP) as OkpType[]).find((t) => OKP[t].oid === algOid);
  if (!okp) throw new Asn1Error('unsupported algorithm');
  return okp;
}

/** Validates an encoded EC point and returns it uncompressed. */
export function ecPointUncompressed(curve: Curve, bytes: Uint8Array): Uint8Array {
  const P = curve.impl.Point.fromBytes(bytes);
  P.assertValidity();
  return P.toBytes(false);
}

/** ECPrivateKey (RFC 5915); PKCS#8 leaves the curve out because the algorithm names it. */
function ecPrivateDer(k: { curve: Curve; pub: Uint8Array; priv?: Uint8Array }, withCurve: boolean): Uint8Array {
  const parts = [int(1), octets(k.priv!)];
  if (withCurve) parts.push(explicit(0, oid(k.curve.oid)));
  parts.push(explicit(1, bits(k.pub)));
  return seq(...parts);
}

function parseEcPrivate(der: Uint8Array, curve: Curve | undefined): AsymmetricKeyData {
  const f = seqOf(readTlv(der));
  if (asInt(f[0]) !== 1n) throw new Asn1Error('bad ECPrivateKey version');
  let priv = asOctets(f[1]);
  let pub: Uint8Array | undefined;
  for (const x of f.slice(2)) {
    if (x.tag === 0xa0) curve ??= curveByOid(asOid(readTlv(x.bytes)));
    else if (x.tag === 0xa1) pub = asBits(readTlv(x.bytes));
  }
  if (!curve) throw new Asn1Error('unsupported curve');
  if (priv.length < curve.size) {
    const padded = new Uint8Array(curve.size);
    padded.set(priv, curve.size - priv.length);
    priv = padded;
  }
  if (!curve.impl.utils.isValidSecretKey(priv)) throw new Asn1Error('bad private key');
  const derived = curve.impl.getPublicKey(priv, false);
  return { kind: 'ec', isPrivate: true, curve, priv: priv.slice(), pub: pub ? ecPointUncompressed(curve, pub) : derived };
}

export function encodePkcs8(k: AsymmetricKeyData): Uint8Array {
  switch (k.kind) {
    case 'rsa':
    case 'rsa-pss':
      return seq(int(0), rsaAlgId(k), octets(rsaPrivateDer(k.rsa)));
    case 'ec':
      return seq(int(0), seq(oid(OID_EC), oid(k.curve.oid)), octets(ecPrivateDer(k, false)));
    default:
      return seq(int(0), seq(oid(OKP[k.kind].oid)), octets(octets(k.priv!)));
  }
}

export function decodePkcs8(der: Uint8Array): AsymmetricKeyData {
  const f = seqOf(readTlv(der));
  const version = asInt(f[0]);
  if (version !== 0n && version !== 1n) throw new Asn1Error('bad version');
  const alg = seqOf(f[1]);
  const algOid = asOid(alg[0]);
  const inner = asOctets(f[2]);
  if (algOid === OID_RSA || algOid === OID_RSA_PSS) {
    const kind = algOid === OID_RSA ? 'rsa' : 'rsa-pss';
    return { kind, isPrivate: true, rsa: parseRsaPrivate(inner), pss: kind === 'rsa-pss' ? parsePssParams(alg[1]) : undefined };
  }
  if (algOid === OID_EC) {
    const curve = curveByOid(asOid(alg[1]));
    if (!curve) throw new Asn1Error('unsupported curve');
    return parseEcPrivate(inner, curve);
  }
  const okp = okpFor(algOid);
  const priv = readExact(inner, TAG.OCTET_STRING);
  if (priv.length !== OKP[okp].size) throw new Asn1Error('bad key length');
  return { kind: okp, isPrivate: true, priv: priv.slice(), pub: okpPublicFromPrivate(okp, priv) };
}

export function encodeSec1(k: AsymmetricKeyData & { kind: 'ec' }): Uint8Array {
  return ecPrivateDer(k, true);
}

export function decodeSec1(der: Uint8Array): AsymmetricKeyData {
  return parseEcPrivate(der, undefined);
}

export function encodePkcs1Public(k: AsymmetricKeyData & { kind: 'rsa' | 'rsa-pss' }): Uint8Array {
  return rsaPublicDer(k.rsa);
}

export function encodePkcs1Private(k: AsymmetricKeyData & { kind: 'rsa' | 'rsa-pss' }): Uint8Array {
  return rsaPrivateDer(k.rsa);
}

export function decodePkcs1Public(der: Uint8Array): AsymmetricKeyData {
  return { kind: 'rsa', isPrivate: false, rsa: parseRsaPublic(der) };
}

export function decodePkcs1Private(der: Uint8Array): AsymmetricKeyData {
  return { kind: 'rsa', isPrivate: true, rsa: parseRsaPrivate(der) };
}

// ------------------------------------------------------------------ JWK

export function b64url(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromB64url(s: string): Uint8Array {
  const std = s.replace(/-/g, '+').replace(/_/g, '/').replace(/[^A-Za-z0-9+/]/g, '');
  const bin = atob(std + '='.repeat((4 - (std.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const big = (x: bigint) => b64url(i2osp(x));

/** JWK object in Node's key order; RSA-PSS and others without a JWK form return undefined. */
export function toJwk(k: KeyData): Record<string, string> | undefined {
  switch (k.kind) {
    case 'secret':
      return { kty: 'oct', k: b64url(k.bytes) };
    case 'rsa': {
      const r = k.rsa;
      const out: Record<string, string> = { kty: 'RSA', n: big(r.n), e: big(r.e) };
      if (k.isPrivate) Object.assign(out, { d: big(r.d!), p: big(r.p!), q: big(r.q!), dp: big(r.dp!), dq: big(r.dq!), qi: big(r.qi!) });
      return out;
    }
    case 'rsa-pss':
      return undefined;
    case 'ec': {
      const n = k.curve.size;
      const out: Record<string, string> = {
        kty: 'EC', x: b64url(k.pub.subarray(1, 1 + n)), y: b64url(k.pub.subarray(1 + n)), crv: k.curve.jwk,
      };
      if (k.isPrivate) out.d = b64url(k.priv!);
      return out;
    }
    default: {
      const out: Record<string, string> = { crv: OKP[k.kind].jwk };
      if (k.isPrivate) out.d = b64url(k.priv!);
      out.x = b64url(k.pub);
      out.kty = 'OKP';
      return out;
    }
  }
}

/** RSA JWK fields as big integers. */
export function rsaFromJwk(j: Record<string, string>, isPrivate: boolean): RsaKey {
  const n = (s: string) => os2ip(fromB64url(s));
  const k: RsaKey = { n: n(j.n!), e: n(j.e!) };
  if (isPrivate) {
    Object.assign(k, { d: n(j.d!), p: n(j.p!), q: n(j.q!), dp: n(j.dp!), dq: n(j.dq!), qi: n(j.qi!) });
  }
  return k;
}

