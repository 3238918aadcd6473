/**
 * HTTP over a MessagePort: how a request reaches a server inside the runtime
 * (from the preview service worker, `fetchPreview`, or another process) and
 * how its response comes back. The request head travels in the connection's
 * metadata; bodies stream both ways as chunks, so large responses never sit
 * whole in memory.
 */

export interface HttpRequestMeta {
  kind: 'http';
  method: string;
  /** Path and query, e.g. `/api?x=1`. */
  url: string;
  headers: [string, string][];
  /** Who asked: 'preview' (service worker), 'fetch' (fetchPreview), or a pid. */
  origin: string;
  /** Added by the kernel for long-lived connections: hears `peer-exit` when the requesting process exits. */
  lifeline?: MessagePort;
}

/** Raw byte stream, as `net.connect` to a runtime port gives. */
export interface NetConnectionMeta {
  kind: 'net';
  origin: string;
  /** See HttpRequestMeta.lifeline. */
  lifeline?: MessagePort;
}

export type ConnectionMeta = HttpRequestMeta | NetConnectionMeta;

/**
 * Requester → server. After an HTTP request whose head asks for an
 * `Upgrade:`, and for every 'net' connection, both directions carry raw bytes
 * as NetWire messages instead.
 */
export type WireToServer = { t: 'body'; data: Uint8Array } | { t: 'end' } | { t: 'abort' } | NetWire;

/**
 * A byte stream (net connections, upgraded HTTP connections), the same both
 * ways: 'data' carries bytes, 'end' half-closes the sender's side (Node's
 * socket.end()), 'destroy' resets the connection (socket.destroy()).
 */
export type NetWire =
  | { t: 'data'; data: Uint8Array }
  | { t: 'fin' }
  | { t: 'destroy'; message?: string }
  /** From the kernel, first on a long-lived connection: a port that hears `{ t: 'peer-exit' }` when the server's process exits. */
  | { t: 'lifeline'; port: MessagePort };

/** Whether a request head asks for a protocol upgrade (`Connection: upgrade` plus `Upgrade:`). */
export function isUpgrade(headers: [string, string][]): boolean {
  let upgrade = false;
  let connection = false;
  for (const [k, v] of headers) {
    const name = k.toLowerCase();
    if (name === 'upgrade' && v) upgrade = true;
    else if (name === 'connection' && /(^|,)\s*upgrade\s*(,|$)/i.test(v)) connection = true;
  }
  return upgrade && connection;
}

/**
 * MessagePorts do not tell one end that the other's worker is gone, so for
 * long-lived connections (net, upgrades) the kernel hands each end a
 * "lifeline" whose other end it keeps under the peer's pid, and posts
 * `{ t: 'peer-exit' }` on it when that process exits. An end that closes
 * normally posts `'done'` on its lifeline so the kernel forgets it.
 */
export function lifelinesFor(
  meta: ConnectionMeta,
  serverPid: number,
  watch: (pid: number, line: MessagePort) => void,
): { meta: ConnectionMeta; toRequester?: MessagePort; transfer: Transferable[] } {
  if (meta.kind !== 'net' && !isUpgrade(meta.headers)) return { meta, transfer: [] };
  const toRequester = new MessageChannel();
  watch(serverPid, toRequester.port1);
  const requester = Number(meta.origin);
  if (!Number.isInteger(requester) || requester <= 0)
    return { meta, toRequester: toRequester.port2, transfer: [] };
  const toServer = new MessageChannel();
  watch(requester, toServer.port1);
  return {
    meta: { ...meta, lifeline: toServer.port2 },
    toRequester: toRequester.port2,
    transfer: [toServer.port2],
  };
}

/** Server → requester. */
export type WireToClient =
  | { t: 'head'; status: number; statusText: string; headers: [string, string][] }
  | { t: 'body'; data: Uint8Array }
  | { t: 'end' }
  | { t: 'error'; message: string; code?: string }
  | NetWire;
