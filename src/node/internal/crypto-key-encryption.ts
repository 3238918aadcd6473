/**
 * Passphrase-protected private keys, as KeyObject#export({ cipher,
 * passphrase }) writes them and createPrivateKey reads them:
 * - PKCS#8 EncryptedPrivateKeyInfo with PBES2 (RFC 8018 §6.2): PBKDF2 with
 *   HMAC-SHA256, 2048 iterations and a 16-byte salt, as OpenSSL 3 defaults;
 * - "traditional" PEM encryption of PKCS#1/SEC1 keys (RFC 1421 headers,
 *   key from OpenSSL's EVP_BytesToKey with MD5 and one iteration).
 * Only the AES-CBC ciphers are handled.
 */
import { md5 } from '@noble/hashes/legacy.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { Asn1Error, NULL, asInt, asOctets, asOid, int, octets, oid, readTlv, seq, seqOf } from './crypto-asn1.js';
import { type CipherSpec, cipherSpec, createEngine } from './crypto-cipher-modes.js';
import { concatBytes, nodeError, opensslError } from './crypto-util.js';
import { randomBytes } from './crypto-rsa.js';

const OID_PBES2 = '1.2.840.113549.1.5.13';
const OID_PBKDF2 = '1.2.840.113549.1.5.12';
const PRFS: Record<string, unknown> = {
  '1.2.840.113549.2.7': sha1, '1.2.840.113549.2.8': sha224, '1.2.840.113549.2.9': sha256,
  '1.2.840.113549.2.10': sha384, '1.2.840.113549.2.11': sha512,
};
const HMAC_SHA256 = '1.2.840.113549.2.9';
const CBC_OIDS: Record<string, string> = {
  'aes-128-cbc': '2.16.840.1.101.3.4.1.2', 'aes-192-cbc': '2.16.840.1.101.3.4.1.22', 'aes-256-cbc': '2.16.840.1.101.3.4.1.42',
};

function cbcOnly(spec: CipherSpec): string {
  const name = Object.keys(CBC_OIDS).find((n) => cipherSpec(n) === spec);
  if (!name) {
    throw nodeError(Error, 'ERR_VERKLET_UNSUPPORTED',
      `Encrypting private keys with ${spec.name} is not supported in the browser runtime (Verklet); use aes-128-cbc, aes-192-cbc or aes-256-cbc`);
  }
  return name;
}

function crypt(spec: CipherSpec, key: Uint8Array, iv: Uint8Array, data: Uint8Array, decrypt: boolean): Uint8Array {
  const e = createEngine(spec, key, iv, decrypt, 16);
  return concatBytes(e.update(data), e.final());
}

export function encryptPkcs8(der: Uint8Array, spec: CipherSpec, passphrase: Uint8Array): Uint8Array {
  const name = cbcOnly(spec);
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const iterations = 2048;
  const key = pbkdf2(sha256, passphrase, salt, { c: iterations, dkLen: spec.keyLength });
  const params = seq(
    seq(oid(OID_PBKDF2), seq(octets(salt), int(iterations), seq(oid(HMAC_SHA256), NULL))),
    seq(oid(CBC_OIDS[name]!), octets(iv)),
  );
  return seq(seq(oid(OID_PBES2), params), octets(crypt(spec, key, iv, der, false)));
}

/** Whether DER is an EncryptedPrivateKeyInfo (its algorithm is PBES2). */
export function isEncryptedPkcs8(der: Uint8Array): boolean {
  try {
    return asOid(seqOf(seqOf(readTlv(der))[0])[0]) === OID_PBES2;
  } catch {
    return false;
  }
}

export function decryptPkcs8(der: Uint8Array, passphrase: Uint8Array): Uint8Array {
  const f = seqOf(readTlv(der));
  const alg = seqOf(f[0]);
  if (asOid(alg[0]) !== OID_PBES2) throw new Asn1Error('unsupported encryption');
  const [kdf, scheme] = seqOf(alg[1]);
  const kdfParts = seqOf(kdf);
  if (asOid(kdfParts[0]) !== OID_PBKDF2) throw new Asn1Error('unsupported KDF');
  const p = seqOf(kdfParts[1]);
  const salt = asOctets(p[0]);
  const iterations = Number(asInt(p[1]));
  let prf: unknown = sha1;
  for (const x of p.slice(2)) if (x.tag === 0x30) prf = PRFS[asOid(seqOf(x)[0])];
  if (!prf) throw new Asn1Error('unsupported PRF');
  const s = seqOf(scheme);
  const cipherOid = asOid(s[0]);
  const name = Object.keys(CBC_OIDS).find((n) => CBC_OIDS[n] === cipherOid);
  if (!name) throw new Asn1Error('unsupported cipher');
  const spec = cipherSpec(name)!;
  const key = pbkdf2(prf as typeof sha256, passphrase, salt, { c: iterations, dkLen: spec.keyLength });
  return crypt(spec, key, asOctets(s[1]), asOctets(f[1]), true);
}

/** OpenSSL's EVP_BytesToKey(MD5, count 1): the key for traditional PEM encryption. */
function bytesToKey(passphrase: Uint8Array, salt: Uint8Array, len: number): Uint8Array {
  let out: Uint8Array = new Uint8Array(0);
  let prev: Uint8Array = new Uint8Array(0);
  while (out.length < len) {
    prev = md5(concatBytes(prev, passphrase, salt));
    out = concatBytes(out, prev);
  }
  return out.subarray(0, len);
}

export function encryptLegacyPem(der: Uint8Array, spec: CipherSpec, passphrase: Uint8Array): { headers: string; body: Uint8Array } {
  const name = cbcOnly(spec);
  const iv = randomBytes(16);
  const key = bytesToKey(passphrase, iv.subarray(0, 8), spec.keyLength);
  const hex = Array.from(iv, (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
  return {
    headers: `Proc-Type: 4,ENCRYPTED\nDEK-Info: ${name.toUpperCase()},${hex}\n\n`,
    body: crypt(spec, key, iv, der, false),
  };
}

export function decryptLegacyPem(body: Uint8Array, dekInfo: string, passphrase: Uint8Array): Uint8Array {
  const [name, hex] = dekInfo.split(',');
  const spec = name ? cipherSpec(name.trim()) : undefined;
  if (!spec || !hex || !CBC_OIDS[spec.name]) throw opensslError('1E08010C', 'DECODER routines', 'unsupported');
  const iv = new Uint8Array(hex.trim().match(/../g)!.map((h) => parseInt(h, 16)));
  return crypt(spec, bytesToKey(passphrase, iv.subarray(0, 8), spec.keyLength), iv, body, true);
}
