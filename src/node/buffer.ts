/**
 * `buffer`: the `buffer` npm package (feross), which tracks Node's Buffer API,
 * plus the Node 24 extras it lacks. https://nodejs.org/api/buffer.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as pkg from 'buffer';

export const Buffer: any = (pkg as any).Buffer;
export const kMaxLength: number = (pkg as any).kMaxLength ?? 0x1fffffffffff;
export const kStringMaxLength = 0x1fffffe8;
export const constants = { MAX_LENGTH: 0x1fffffffffff, MAX_STRING_LENGTH: kStringMaxLength };
export const INSPECT_MAX_BYTES = 50;
export const SlowBuffer: any = (pkg as any).SlowBuffer;
export const Blob: typeof globalThis.Blob = globalThis.Blob;
export const File: typeof globalThis.File = globalThis.File;
export const atob = globalThis.atob;
export const btoa = globalThis.btoa;

/** buffer.isUtf8 */
export function isUtf8(input: ArrayBufferView | ArrayBuffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(input);
    return true;
  } catch {
    return false;
  }
}

/** buffer.isAscii */
export function isAscii(input: ArrayBufferView | ArrayBuffer): boolean {
  const u8 = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  for (let i = 0; i < u8.length; i++) if (u8[i] > 127) return false;
  return true;
}

export function transcode(): never {
  throw new Error('buffer.transcode is not supported in the browser');
}

// Node 24: Buffer.poolSize, Buffer.copyBytesFrom, Buffer.prototype.toLocaleString/equals exist in the package or are added here.
if (Buffer.poolSize === undefined) Buffer.poolSize = 8192;
if (!Buffer.copyBytesFrom) {
  Buffer.copyBytesFrom = (view: any, offset = 0, length?: number) => {
    const bpe = view.BYTES_PER_ELEMENT ?? 1;
    const end = length === undefined ? view.length : Math.min(view.length, offset + length);
    const u8 = new Uint8Array(view.buffer, view.byteOffset + offset * bpe, Math.max(0, end - offset) * bpe);
    return Buffer.from(u8);
  };
}

export default { Buffer, SlowBuffer, kMaxLength, kStringMaxLength, constants, INSPECT_MAX_BYTES, Blob, File, atob, btoa, isUtf8, isAscii, transcode };
