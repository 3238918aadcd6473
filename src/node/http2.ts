/**
 * `http2`: loads with Node's constants and settings helpers; sessions and
 * servers need the server backend (the preview serves HTTP/1.1 to the page).
 * https://nodejs.org/api/http2.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { needsServer } from './internal/needs-server.js';
import { HTTP2_CONSTANTS } from './internal/server-only-data.js';

const WHAT = 'HTTP/2';
export const constants = { ...HTTP2_CONSTANTS };
export const sensitiveHeaders = Symbol('sensitiveHeaders');

const DEFAULTS = {
  headerTableSize: 4096, enablePush: true, initialWindowSize: 65535, maxFrameSize: 16384,
  maxConcurrentStreams: 4294967295, maxHeaderSize: 65535, maxHeaderListSize: 65535, enableConnectProtocol: false,
};
/** A null-prototype object, as Node returns. */
export function getDefaultSettings(): typeof DEFAULTS {
  return Object.assign(Object.create(null), DEFAULTS);
}

/** SETTINGS frame ids (RFC 9113 §6.5.2, RFC 8441), in the order Node packs them. */
const IDS: [string, number][] = [
  ['headerTableSize', 1], ['enablePush', 2], ['maxConcurrentStreams', 3], ['initialWindowSize', 4],
  ['maxFrameSize', 5], ['maxHeaderListSize', 6], ['enableConnectProtocol', 8],
];

function settingValue(name: string, v: any): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    const e: any = new RangeError(`Invalid value for setting "${name}": ${v}`);
    e.code = 'ERR_HTTP2_INVALID_SETTING_VALUE';
    throw e;
  }
  return v;
}

/** The settings as the payload of a SETTINGS frame: 6 bytes per setting, big-endian. */
export function getPackedSettings(settings: Record<string, any> = {}): Uint8Array {
  const s = { ...settings };
  if (s.maxHeaderSize !== undefined) s.maxHeaderListSize = s.maxHeaderSize; // Node's alias
  const present = IDS.filter(([k]) => s[k] !== undefined);
  const { Buffer } = globalThis as any;
  const out: Uint8Array = Buffer ? Buffer.alloc(present.length * 6) : new Uint8Array(present.length * 6);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  present.forEach(([k, id], i) => {
    view.setUint16(i * 6, id);
    view.setUint32(i * 6 + 2, settingValue(k, s[k]));
  });
  return out;
}

export function getUnpackedSettings(buf: ArrayBufferView): Record<string, number | boolean> {
  if (buf.byteLength % 6 !== 0) {
    const e: any = new RangeError('Packed settings length must be a multiple of six');
    e.code = 'ERR_HTTP2_INVALID_PACKED_SETTINGS_LENGTH';
    throw e;
  }
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: Record<string, number | boolean> = {};
  for (let o = 0; o < buf.byteLength; o += 6) {
    const id = view.getUint16(o);
    const value = view.getUint32(o + 2);
    const name = IDS.find(([, i]) => i === id)?.[0];
    if (!name) continue;
    if (id === 6) out.maxHeaderSize = value;
    out[name] = name === 'enablePush' || name === 'enableConnectProtocol' ? value !== 0 : value;
  }
  return out;
}

export const connect = needsServer('http2.connect()', WHAT);
export const createServer = needsServer('http2.createServer()', WHAT);
export const createSecureServer = needsServer('http2.createSecureServer()', WHAT);
export const performServerHandshake = needsServer('http2.performServerHandshake()', WHAT);
export const Http2ServerRequest = needsServer('http2.Http2ServerRequest', WHAT);
export const Http2ServerResponse = needsServer('http2.Http2ServerResponse', WHAT);

export default {
  Http2ServerRequest, Http2ServerResponse, connect, constants, createSecureServer, createServer, getDefaultSettings,
  getPackedSettings, getUnpackedSettings, performServerHandshake, sensitiveHeaders,
};
