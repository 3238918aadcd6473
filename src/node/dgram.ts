/**
 * `dgram`: UDP needs the server backend (a tab sends no datagrams). The
 * module loads and validates its arguments as Node does; creating a socket
 * reports what is missing.
 * https://nodejs.org/api/dgram.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { needsServer, needsServerError } from './internal/needs-server.js';

export function createSocket(type: any, _listener?: unknown): never {
  const t = typeof type === 'object' && type !== null ? type.type : type;
  if (t !== 'udp4' && t !== 'udp6') {
    const e: any = new TypeError('Bad socket type specified. Valid types are: udp4, udp6');
    e.code = 'ERR_SOCKET_BAD_TYPE';
    throw e;
  }
  throw needsServerError('dgram.createSocket()', 'UDP');
}
export const Socket = needsServer('dgram.Socket', 'UDP');
export const _createSocketHandle = needsServer('dgram._createSocketHandle()', 'UDP');

export default { Socket, _createSocketHandle, createSocket };
