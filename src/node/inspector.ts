/**
 * `inspector` and `inspector/promises`: the tab has no inspector protocol
 * endpoint (the browser's DevTools inspect the worker instead), so the
 * inspector is never active: url() is undefined, waitForDebugger() throws
 * ERR_INSPECTOR_NOT_ACTIVE as in a Node started without --inspect, and
 * open() or a Session connection need the server backend.
 * https://nodejs.org/api/inspector.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import EventEmitter from './events.js';
import { needsServer, needsServerError } from './internal/needs-server.js';

const WHAT = 'the inspector protocol';

export const open = needsServer('inspector.open()', WHAT);
export function close(): void {}
export function url(): undefined {
  return undefined;
}
export function waitForDebugger(): never {
  const e: any = new Error('Inspector is not active');
  e.code = 'ERR_INSPECTOR_NOT_ACTIVE';
  throw e;
}
/** Messages sent to the inspector console: none go anywhere without a session. */
export const console = Object.fromEntries(
  ['debug', 'error', 'info', 'log', 'warn', 'dir', 'dirxml', 'table', 'trace', 'group', 'groupCollapsed', 'groupEnd',
    'clear', 'count', 'countReset', 'assert', 'profile', 'profileEnd', 'time', 'timeLog', 'timeEnd', 'timeStamp', 'context']
    .map((k) => [k, () => {}]),
);

export class Session extends (EventEmitter as any) {
  connect(): never {
    throw needsServerError('inspector.Session.connect()', WHAT);
  }
  connectToMainThread(): never {
    throw needsServerError('inspector.Session.connectToMainThread()', WHAT);
  }
  post(): never {
    const e: any = new Error('Session is not connected');
    e.code = 'ERR_INSPECTOR_NOT_CONNECTED';
    throw e;
  }
  disconnect(): void {}
}

/** Network events reported to an attached inspector: with none attached they are dropped, as in Node. */
export const Network = Object.fromEntries(
  ['requestWillBeSent', 'responseReceived', 'loadingFinished', 'loadingFailed', 'dataSent', 'dataReceived',
    'webSocketCreated', 'webSocketClosed', 'webSocketHandshakeResponseReceived'].map((k) => [k, () => {}]),
);
export const NetworkResources = { put: () => {} };

export default { Network, NetworkResources, Session, close, console, open, url, waitForDebugger };
