/**
 * crypto.publicEncrypt / privateDecrypt / privateEncrypt / publicDecrypt:
 * RSA with OAEP (default for the encrypt/decrypt pair, `oaepHash` also
 * used for MGF1), PKCS#1 v1.5 or no padding.
 * https://nodejs.org/api/crypto.html#cryptopublicencryptkey-buffer
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Buffer } from '../buffer.js';
import { digestFor } from './crypto-digests.js';
import { prepareAsymmetricKey } from './crypto-keys.js';
import {
  type RsaKey, byteLength, errDataTooLarge, errDataTooLargeForModulus, errDataTooSmall, errInvalidPadding, errOaepDecoding, i2osp,
  oaepDecode, oaepEncode, os2ip, pkcs1Pad, pkcs1Unpad, rsaPrivateOp, rsaPublicOp,
} from './crypto-rsa.js';
import { ERR_INVALID_ARG_TYPE, cryptoError, dataBytes, opensslError } from './crypto-util.js';

const RSA_PKCS1_PADDING = 1;
const RSA_NO_PADDING = 3;
const RSA_PKCS1_OAEP_PADDING = 4;

type Op = 'publicEncrypt' | 'privateDecrypt' | 'privateEncrypt' | 'publicDecrypt';

const illegalPadding = () => opensslError('1C8000A5', 'Provider routines', 'illegal or unsupported padding mode', false);
const notForKeyType = () =>
  opensslError('03000096', 'digital envelope routines', 'operation not supported for this keytype', false);

function rsaOf(key: any, op: Op): RsaKey {
  const k = prepareAsymmetricKey(key, op === 'publicEncrypt' || op === 'publicDecrypt' ? 'consumePublic' : 'consumePrivate');
  if (k.kind !== 'rsa' && k.kind !== 'rsa-pss') throw notForKeyType();
  return k.rsa;
}

function run(op: Op, key: any, buffer: any): any {
  const usesPublic = op === 'publicEncrypt' || op === 'publicDecrypt';
  const opts = key !== null && typeof key === 'object' && !ArrayBuffer.isView(key) && !(key instanceof ArrayBuffer) ? key : {};
  const padding = opts.padding ?? (op === 'publicEncrypt' || op === 'privateDecrypt' ? RSA_PKCS1_OAEP_PADDING : RSA_PKCS1_PADDING);
  const oaepHash = opts.oaepHash ?? 'sha1';
  if (typeof oaepHash !== 'string') throw ERR_INVALID_ARG_TYPE('key.oaepHash', 'of type string', oaepHash);
  const label = opts.oaepLabel === undefined ? new Uint8Array(0) : dataBytes(opts.oaepLabel, 'key.oaepLabel', undefined, true);
  const rsa = rsaOf(key, op);
  const data = dataBytes(buffer, 'buffer', undefined, true);
  const k = byteLength(rsa.n);
  const encrypting = op === 'publicEncrypt' || op === 'privateEncrypt';
  const exp = (m: bigint) => (usesPublic ? rsaPublicOp(rsa, m) : rsaPrivateOp(rsa, m));

  if (padding === RSA_PKCS1_OAEP_PADDING) {
    if (op === 'privateEncrypt' || op === 'publicDecrypt') throw illegalPadding();
    const d = digestFor(oaepHash);
    if (!d || d.xof) throw cryptoError(Error, 'ERR_OSSL_EVP_INVALID_DIGEST', 'Invalid digest used');
    if (encrypting) return Buffer.from(i2osp(exp(os2ip(oaepEncode(d, data, k, label))), k));
    if (data.length !== k) throw errOaepDecoding();
    const m = os2ip(data);
    if (m >= rsa.n) throw errOaepDecoding();
    return Buffer.from(oaepDecode(d, i2osp(exp(m), k), k, label));
  }
  if (padding === RSA_PKCS1_PADDING) {
    const type = op === 'publicEncrypt' || op === 'privateDecrypt' ? 2 : 1;
    if (encrypting) return Buffer.from(i2osp(exp(os2ip(pkcs1Pad(data, k, type))), k));
    if (data.length > k) throw errDataTooLarge(false);
    const m = os2ip(data);
    if (m >= rsa.n) throw errDataTooLargeForModulus();
    const out = pkcs1Unpad(i2osp(exp(m), k), type);
    if (!out) throw errInvalidPadding();
    return Buffer.from(out);
  }
  if (padding === RSA_NO_PADDING) {
    if (data.length > k) throw errDataTooLarge(false);
    if (data.length < k) throw errDataTooSmall();
    const m = os2ip(data);
    if (m >= rsa.n) throw errDataTooLargeForModulus();
    return Buffer.from(i2osp(exp(m), k));
  }
  throw illegalPadding();
}

export function publicEncrypt(key: any, buffer: any): any {
  return run('publicEncrypt', key, buffer);
}

export function privateDecrypt(key: any, buffer: any): any {
  return run('privateDecrypt', key, buffer);
}

export function privateEncrypt(key: any, buffer: any): any {
  return run('privateEncrypt', key, buffer);
}

export function publicDecrypt(key: any, buffer: any): any {
  return run('publicDecrypt', key, buffer);
}
