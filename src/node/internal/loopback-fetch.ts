/**
 * Global `fetch()` to this runtime's own servers. A Node program often talks
 * to the server it started (`fetch('http://localhost:3000/api')` in a test or
 * a dev script); the browser's fetch would go to the visitor's own machine.
 * So `http:` URLs on a loopback host go through the host's `http` client,
 * which reaches in-runtime servers on their ports, and come back as a web
 * `Response`, sending the headers Node's fetch (undici) sends and following
 * redirects as it does. Every other URL goes to the browser's fetch.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '0.0.0.0', '[::]']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([204, 205, 304]);

/** The headers undici adds after the caller's, in its order. */
const UNDICI_DEFAULTS: [string, string][] = [
  ['accept', '*/*'], ['accept-language', '*'], ['sec-fetch-mode', 'cors'], ['user-agent', 'node'], ['accept-encoding', 'gzip, deflate'],
];

function loopbackUrl(input: unknown): URL | undefined {
  let href: string;
  if (typeof Request === 'function' && input instanceof Request) href = input.url;
  else if (input instanceof URL) href = input.href;
  else if (typeof input === 'string') href = input;
  else return undefined;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname) ? url : undefined;
}

function fetchFailed(cause: unknown): TypeError {
  return Object.assign(new TypeError('fetch failed'), { cause });
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** One request through `http`, without following redirects. */
function send(http: any, url: URL, method: string, headers: Headers, body: Uint8Array | undefined, signal: AbortSignal | null): Promise<any> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const list: [string, string][] = [['host', url.host], ['connection', 'keep-alive']];
    headers.forEach((value, name) => list.push([name, value]));
    for (const [name, value] of UNDICI_DEFAULTS) if (!headers.has(name)) list.push([name, value]);
    if (body) list.push(['content-length', String(body.length)]);
    const req = http.request({
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || 80,
      path: url.pathname + url.search,
      method,
      headers: list.flat(),
    });
    const onAbort = () => {
      req.destroy();
      reject(abortError(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('response', (res: any) => {
      signal?.removeEventListener('abort', onAbort);
      resolve(res);
    });
    req.on('error', (err: unknown) => {
      signal?.removeEventListener('abort', onAbort);
      reject(fetchFailed(err));
    });
    req.end(body);
  });
}

function toResponse(res: any, url: URL, method: string, redirected: boolean): Response {
  const headers = new Headers();
  for (let i = 0; i < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
  const empty = NULL_BODY.has(res.statusCode) || method === 'HEAD';
  const body = empty
    ? null
    : new ReadableStream<Uint8Array>({
        start(controller) {
          res.on('data', (chunk: Uint8Array) => controller.enqueue(new Uint8Array(chunk)));
          res.on('end', () => controller.close());
          res.on('error', (err: unknown) => controller.error(err));
        },
        cancel() {
          res.destroy();
        },
      });
  if (empty) res.resume();
  const response = new Response(body, { status: res.statusCode, statusText: res.statusMessage ?? '', headers });
  Object.defineProperty(response, 'url', { value: url.href, configurable: true });
  Object.defineProperty(response, 'redirected', { value: redirected, configurable: true });
  return response;
}

async function loopbackFetch(http: any, input: any, init: any): Promise<Response> {
  const request = new Request(input, init);
  let url = new URL(request.url);
  let method = request.method;
  let body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
  const headers = new Headers(request.headers);
  for (let hops = 0; ; hops++) {
    const res = await send(http, url, method, headers, body, init?.signal ?? (input instanceof Request ? input.signal : null));
    const location = res.headers.location;
    if (!REDIRECTS.has(res.statusCode) || location === undefined || request.redirect === 'manual') {
      return toResponse(res, url, method, hops > 0);
    }
    res.resume();
    if (request.redirect === 'error' || hops >= 20) throw fetchFailed(new Error(hops >= 20 ? 'redirect count exceeded' : 'unexpected redirect'));
    const next = new URL(location, url);
    if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
      if (method !== 'HEAD') method = 'GET';
      body = undefined;
      for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']) headers.delete(name);
    }
    if (!loopbackUrl(next)) return fetch(next, { method, headers, body: body as BodyInit | undefined, redirect: request.redirect });
    url = next;
  }
}

/** Replaces globalThis.fetch; `http` gives the process's http module when first needed. */
export function installLoopbackFetch(http: () => any): void {
  const native = globalThis.fetch;
  if (typeof native !== 'function') return;
  const fetch = function fetch(input: any, init?: any): Promise<Response> {
    return loopbackUrl(input) ? loopbackFetch(http(), input, init) : native(input, init);
  };
  const current = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  Object.defineProperty(globalThis, 'fetch', { writable: true, configurable: true, enumerable: true, ...current, value: fetch });
}
