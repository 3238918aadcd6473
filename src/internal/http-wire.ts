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
}

/** Raw byte stream, as `net.connect` to a runtime port gives. */
export interface NetConnectionMeta {
  kind: 'net';
  origin: string;
}

export type ConnectionMeta = HttpRequestMeta | NetConnectionMeta;

/** Requester → server. */
export type WireToServer = { t: 'body'; data: Uint8Array } | { t: 'end' } | { t: 'abort' };

/** Server → requester. */
export type WireToClient =
  | { t: 'head'; status: number; statusText: string; headers: [string, string][] }
  | { t: 'body'; data: Uint8Array }
  | { t: 'end' }
  | { t: 'error'; message: string };
