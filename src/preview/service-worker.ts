/**
 * The preview service worker (`dist/verklet-sw.js`), served by the site from
 * its own origin. It routes `/__verklet__/<runtimeId>/<port>/<path>` to the
 * runtime's kernel over a MessagePort each page registers, streaming bodies
 * both ways. Requests from a preview page that use absolute paths (`/app.css`)
 * are routed to the same runtime and port. Everything else goes to the network
 * untouched.
 */
/// <reference lib="webworker" />
import { errorResponse, receiveResponse, sendBody } from '../internal/http-wire-client.js';
import type { HttpRequestMeta } from '../internal/http-wire.js';

const sw = self as unknown as ServiceWorkerGlobalScope;
const PREFIX = '/__verklet__/';
const WAIT_FOR_RUNTIME = 3000;
const HEAD_TIMEOUT = 30_000;

interface RuntimeLine {
  port: MessagePort;
  isolated: boolean;
}

const runtimes = new Map<string, RuntimeLine>();
const waiters = new Map<string, (() => void)[]>();

sw.addEventListener('install', () => {
  void sw.skipWaiting();
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(sw.clients.claim());
});

sw.addEventListener('message', (event) => {
  const data = event.data as { type?: string; runtimeId?: string; isolated?: boolean; port?: MessagePort };
  if (data?.type === 'verklet-register' && data.runtimeId && data.port) {
    runtimes.set(data.runtimeId, { port: data.port, isolated: !!data.isolated });
    for (const wake of waiters.get(data.runtimeId) ?? []) wake();
    waiters.delete(data.runtimeId);
  } else if (data?.type === 'verklet-unregister' && data.runtimeId) {
    runtimes.get(data.runtimeId)?.port.close();
    runtimes.delete(data.runtimeId);
  }
});

/** Window clients that are preview pages, by id, with the runtime and port they show. */
const previewClients = new Map<string, string>();

sw.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== sw.location.origin) return;
  if (url.pathname.startsWith(PREFIX)) {
    const rest = url.pathname.slice(PREFIX.length);
    if (event.request.mode === 'navigate' && event.resultingClientId) {
      const [runtimeId, port] = rest.split('/');
      previewClients.set(event.resultingClientId, `${runtimeId}/${port}`);
    }
    event.respondWith(route(event.request, rest, url.search));
    return;
  }
  // A frame navigating from a preview page to an absolute path stays in it.
  if (event.request.mode === 'navigate' && event.request.destination === 'iframe' && event.request.referrer) {
    const from = new URL(event.request.referrer);
    if (from.origin === sw.location.origin && from.pathname.startsWith(PREFIX)) {
      const [runtimeId, port] = from.pathname.slice(PREFIX.length).split('/');
      if (event.resultingClientId) previewClients.set(event.resultingClientId, `${runtimeId}/${port}`);
      event.respondWith(route(event.request, `${runtimeId}/${port}${url.pathname}`, url.search));
      return;
    }
  }
  // An absolute-path request made by a preview page (`/app.css`) belongs to that preview.
  const target = event.clientId ? previewClients.get(event.clientId) : undefined;
  if (target) event.respondWith(route(event.request, `${target}${url.pathname}`, url.search));
});

async function route(request: Request, rest: string, search: string): Promise<Response> {
  const [runtimeId = '', portText = '', ...pathParts] = rest.split('/');
  const port = Number(portText);
  const path = `/${pathParts.join('/')}${search}`;
  const label = `port ${portText}`;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return errorResponse(400, 'Bad Request', `<code>${portText}</code> is not a port number.`);
  const line = await findRuntime(runtimeId);
  if (!line) return errorResponse(502, 'Bad Gateway', 'The runtime for this preview is not running (was the page that started it closed?).');
  const extraHeaders: [string, string][] = line.isolated
    ? [
        ['cross-origin-embedder-policy', 'require-corp'],
        ['cross-origin-resource-policy', 'same-origin'],
        ['cross-origin-opener-policy', 'same-origin'],
      ]
    : [];
  const meta: HttpRequestMeta = {
    kind: 'http',
    method: request.method,
    url: path,
    headers: [...request.headers],
    origin: 'preview',
  };
  const channel = new MessageChannel();
  line.port.postMessage({ type: 'connect', port, meta, channel: channel.port2 }, [channel.port2]);
  const response = receiveResponse(channel.port1, { timeoutMs: HEAD_TIMEOUT, label, extraHeaders });
  void sendBody(channel.port1, request.body).catch(() => {});
  return response;
}

/** Finds a runtime's line; after a restart, asks the pages to register again and waits a little. */
async function findRuntime(runtimeId: string): Promise<RuntimeLine | undefined> {
  const known = runtimes.get(runtimeId);
  if (known) return known;
  const arrived = new Promise<void>((resolve) => {
    const list = waiters.get(runtimeId) ?? [];
    list.push(resolve);
    waiters.set(runtimeId, list);
    setTimeout(resolve, WAIT_FOR_RUNTIME);
  });
  for (const client of await sw.clients.matchAll({ includeUncontrolled: true, type: 'window' })) client.postMessage({ type: 'verklet-reregister' });
  await arrived;
  return runtimes.get(runtimeId);
}
