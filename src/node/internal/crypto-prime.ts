/**
 * crypto.generatePrime(Sync) and crypto.checkPrime(Sync) over the BigInt
 * Miller–Rabin of crypto-rsa.ts. Like OpenSSL's BN_generate_prime_ex, a
 * plain prime has its top two bits set; with `add` only the top bit is.
 * https://nodejs.org/api/crypto.html#cryptogenerateprimesyncsize-options
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { bitLength, i2osp, isProbablePrime, os2ip, randomBytes } from './crypto-rsa.js';
import { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, viewBytes } from './crypto-util.js';

function randomBits(bits: number, topTwo: boolean): bigint {
  const bytes = randomBytes(Math.ceil(bits / 8));
  let r = os2ip(bytes) >> BigInt(bytes.length * 8 - bits);
  r |= (topTwo && bits > 1 ? 3n : 1n) << BigInt(bits - (topTwo && bits > 1 ? 2 : 1));
  return r;
}

function bigOption(v: any, name: string): bigint | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'bigint') return v;
  if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return os2ip(v instanceof ArrayBuffer ? new Uint8Array(v) : viewBytes(v));
  throw ERR_INVALID_ARG_TYPE(name, 'of type bigint or an instance of ArrayBuffer, TypedArray, Buffer, or DataView', v);
}

function plan(size: unknown, options: any = {}): () => any {
  if (typeof size !== 'number') throw ERR_INVALID_ARG_TYPE('size', 'of type number', size);
  if (!Number.isInteger(size)) throw ERR_OUT_OF_RANGE('size', 'an integer', size);
  if (size < 1 || size > 2 ** 31 - 1) throw ERR_OUT_OF_RANGE('size', '>= 1 && <= 2147483647', size);
  if (options === null || typeof options !== 'object') throw ERR_INVALID_ARG_TYPE('options', 'of type object', options);
  const { safe = false, bigint = false } = options;
  if (typeof safe !== 'boolean') throw ERR_INVALID_ARG_TYPE('options.safe', 'of type boolean', safe);
  if (typeof bigint !== 'boolean') throw ERR_INVALID_ARG_TYPE('options.bigint', 'of type boolean', bigint);
  const add = bigOption(options.add, 'options.add');
  let rem = bigOption(options.rem, 'options.rem');
  return () => {
    if (size < 2) throw new Error('error:01800076:bignum routines::bits too small');
    if (add !== undefined) rem ??= safe ? 3n : 1n;
    const rounds = size >= 1024 ? 5 : size >= 512 ? 8 : 40;
    for (;;) {
      let p = randomBits(size, add === undefined);
      if (add !== undefined) {
        p = p - (p % add) + rem!;
        if (bitLength(p) !== size) continue;
      } else {
        p |= 1n;
        if (safe) p |= 3n;
      }
      if (safe && !isProbablePrime((p - 1n) / 2n, rounds)) continue;
      if (!isProbablePrime(p, rounds)) continue;
      if (bigint) return p;
      const b = i2osp(p);
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    }
  };
}

export function generatePrimeSync(size: unknown, options?: any): any {
  return plan(size, options)();
}

export function generatePrime(size: unknown, options: any, callback?: any): void {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  if (typeof callback !== 'function') throw ERR_INVALID_ARG_TYPE('callback', 'of type function', callback);
  const run = plan(size, options);
  (globalThis as any).setImmediate(() => {
    let p;
    try {
      p = run();
    } catch (e) {
      callback(e);
      return;
    }
    callback(undefined, p);
  });
}

function candidateOf(candidate: any): bigint {
  if (typeof candidate === 'bigint') {
    if (candidate < 0n) throw ERR_OUT_OF_RANGE('candidate', '>= 0', candidate);
    return candidate;
  }
  if (candidate instanceof ArrayBuffer || ArrayBuffer.isView(candidate)) {
    return os2ip(candidate instanceof ArrayBuffer ? new Uint8Array(candidate) : viewBytes(candidate));
  }
  throw ERR_INVALID_ARG_TYPE('candidate', 'of type bigint or an instance of ArrayBuffer, TypedArray, Buffer, or DataView', candidate);
}

function checksOf(options: any): number {
  if (options === undefined) return 0;
  if (options === null || typeof options !== 'object') throw ERR_INVALID_ARG_TYPE('options', 'of type object', options);
  const { checks = 0 } = options;
  if (typeof checks !== 'number') throw ERR_INVALID_ARG_TYPE('options.checks', 'of type number', checks);
  if (!Number.isInteger(checks)) throw ERR_OUT_OF_RANGE('options.checks', 'an integer', checks);
  if (checks < 0 || checks > 2 ** 31 - 1) throw ERR_OUT_OF_RANGE('options.checks', '>= 0 && <= 2147483647', checks);
  return checks;
}

export function checkPrimeSync(candidate: unknown, options?: any): boolean {
  const n = candidateOf(candidate);
  const checks = checksOf(options);
  return isProbablePrime(n, checks || (bitLength(n) >= 1024 ? 5 : 40));
}

export function checkPrime(candidate: unknown, options: any, callback?: any): void {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  const n = candidateOf(candidate);
  const checks = checksOf(options);
  if (typeof callback !== 'function') throw ERR_INVALID_ARG_TYPE('callback', 'of type function', callback);
  (globalThis as any).setImmediate(() => callback(undefined, isProbablePrime(n, checks || (bitLength(n) >= 1024 ? 5 : 40))));
}
