/**
 * `tls`: loads with Node's constants and cipher list; sockets and servers
 * need the server backend (a tab has no raw TCP, so no TLS over it either).
 * https://nodejs.org/api/tls.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { needsServer } from './internal/needs-server.js';
import { TLS_CIPHERS, TLS_DEFAULT_CIPHERS } from './internal/server-only-data.js';

const WHAT = 'TLS';
export const CLIENT_RENEG_LIMIT = 3;
export const CLIENT_RENEG_WINDOW = 600;
export const DEFAULT_CIPHERS = TLS_DEFAULT_CIPHERS;
export const DEFAULT_ECDH_CURVE = 'auto';
export const DEFAULT_MIN_VERSION = 'TLSv1.2';
export const DEFAULT_MAX_VERSION = 'TLSv1.3';
/** No trust store in the tab: the browser verifies certificates for fetch() itself. */
export const rootCertificates: readonly string[] = Object.freeze([]);

export function getCiphers(): string[] {
  return TLS_CIPHERS.slice();
}
export function getCACertificates(_type: string = 'default'): string[] {
  return [];
}
export const setDefaultCACertificates = needsServer('tls.setDefaultCACertificates()', WHAT);

/** ALPN protocol names → the wire form (length-prefixed), as Node does. */
export function convertALPNProtocols(protocols: any, out: any): void {
  if (Array.isArray(protocols)) {
    const parts: number[] = [];
    for (const p of protocols) {
      const bytes = new TextEncoder().encode(String(p));
      parts.push(bytes.length, ...bytes);
    }
    out.ALPNProtocols = new Uint8Array(parts);
  } else if (ArrayBuffer.isView(protocols)) {
    out.ALPNProtocols = protocols;
  }
}

export const connect = needsServer('tls.connect()', WHAT);
export const createServer = needsServer('tls.createServer()', WHAT);
export const createSecureContext = needsServer('tls.createSecureContext()', WHAT);
export const checkServerIdentity = needsServer('tls.checkServerIdentity()', WHAT);
export const SecureContext = needsServer('tls.SecureContext', WHAT);
export const Server = needsServer('tls.Server', WHAT);
export const TLSSocket = needsServer('tls.TLSSocket', WHAT);

export default {
  CLIENT_RENEG_LIMIT, CLIENT_RENEG_WINDOW, DEFAULT_CIPHERS, DEFAULT_ECDH_CURVE, DEFAULT_MAX_VERSION, DEFAULT_MIN_VERSION,
  SecureContext, Server, TLSSocket, checkServerIdentity, connect, convertALPNProtocols, createSecureContext, createServer,
  getCACertificates, getCiphers, rootCertificates, setDefaultCACertificates,
};
