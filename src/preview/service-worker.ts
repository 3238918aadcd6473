/**
 * The preview service worker (`dist/verklet-sw.js`), served by the site from
 * its own origin, or by a preview origin beside its bridge page
 * (`dist/verklet-preview.html`). It routes `<scope>__verklet__/<runtimeId>/
 * <port>/<path>` to the runtime's kernel over a MessagePort each runtime
 * registers (a "line"), streaming bodies both ways. Requests from a preview
 * page that use absolute paths (`/app.css`) are routed to the same runtime and
 * port. Everything else goes to the network untouched.
 *
 * HTML preview pages get a script first in their `<head>` (preview-client.ts):
 * console and error forwarding, the WebSocket tunnel, cookies, and the
 * runtime's preview script (`runtime.setPreviewScript`). The worker also
 * keeps the in-runtime server's cookies: a Response built here cannot carry
 * Set-Cookie (a forbidden response header, dropped), so the worker stores
 * them with the Cookie Store API under the preview's path and sends them back
 * as the Cookie header; without that API the injected script sets them.
 */
/// <reference lib="webworker" />
import { errorResponse, receiveResponse, sendBody } from '../internal/http-wire-client.js';
import type { ConnectionMeta, HttpRequestMeta } from '../internal/http-wire.js';
import { previewClient, type PreviewClientConfig } from './preview-client.js';
import { cookieHeader, noteAssignment, takeSetCookies } from './preview-cookies.js';

const sw = self as unknown as ServiceWorkerGlobalScope;
const BASE = new URL(sw.registration?.scope ?? sw.location.href).pathname.replace(/[^/]*$/, '');
const PREFIX = `${BASE}__verklet__/`;
const WAIT_FOR_RUNTIME = 3000;
const HEAD_TIMEOUT = 30_000;

interface RuntimeLine {
  /** To the kernel: connections. */
  port: MessagePort;
  /** To the page that owns the runtime: preview messages. */
  control?: MessagePort;
  isolated: boolean;
  /** Registered through a bridge page on a separate preview origin. */
  crossOrigin: boolean;
  script: string;
}

interface RegisterMessage {
  type: 'verklet-register';
  runtimeId: string;
  isolated?: boolean;
  crossOrigin?: boolean;
  port: MessagePort;
  control?: MessagePort;
  script?: string;
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
  const data = event.data as { type?: string; runtimeId?: string } & Record<string, unknown>;
  switch (data?.type) {
    case 'verklet-register': {
      const msg = data as unknown as RegisterMessage;
      if (!msg.runtimeId || !msg.port) return;
      runtimes.set(msg.runtimeId, {
        port: msg.port,
        control: msg.control,
        isolated: !!msg.isolated,
        crossOrigin: !!msg.crossOrigin,
        script: typeof msg.script === 'string' ? msg.script : '',
      });
      for (const wake of waiters.get(msg.runtimeId) ?? []) wake();
      waiters.delete(msg.runtimeId);
      break;
    }
    case 'verklet-unregister':
      if (data.runtimeId) {
        runtimes.get(data.runtimeId)?.port.close();
        runtimes.delete(data.runtimeId);
      }
      break;
    case 'verklet-preview-script': {
      const line = data.runtimeId ? runtimes.get(data.runtimeId) : undefined;
      if (line) line.script = String(data.script ?? '');
      (data.ack as MessagePort | undefined)?.postMessage('ok');
      break;
    }
    case 'verklet-cookie': {
      // A preview page set document.cookie.
      const { runtimeId, port, assignment } = data as unknown as { runtimeId: string; port: number; assignment: string };
      noteAssignment(`${runtimeId}/${port}`, `${PREFIX}${runtimeId}/${port}`, String(assignment));
      break;
    }
    case 'verklet-forget':
      // What a browser restarting the worker does to its state (tests use it).
      runtimes.clear();
      previewClients.clear();
      break;
    case 'verklet-connect': {
      // A preview page's WebSocket (or other tunnel) to a runtime port.
      const { runtimeId, port, meta, channel } = data as unknown as { runtimeId: string; port: number; meta: ConnectionMeta; channel: MessagePort };
      if (!channel) return;
      event.waitUntil(
        findRuntime(runtimeId).then((line) => {
          if (line) line.port.postMessage({ type: 'connect', port, meta, channel }, [channel]);
          else {
            channel.postMessage({ t: 'error', message: 'the runtime for this preview is not running', code: 'ECONNREFUSED' });
            channel.close();
          }
        }),
      );
      break;
    }
    case 'verklet-preview-message': {
      const { runtimeId, port, kind, level, message } = data as unknown as { runtimeId: string; port: number; kind: string; level?: string; message: string };
      event.waitUntil(
        findRuntime(runtimeId).then((line) =>
          line?.control?.postMessage({ type: 'preview-message', message: { port, type: kind === 'error' ? 'error' : 'console', level, message: String(message) } }),
        ),
      );
      break;
    }
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
    event.respondWith(route(event.request, rest, url.search, event.clientId));
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
  if (target) event.respondWith(route(event.request, `${target}${url.pathname}`, url.search, event.clientId));
});

async function route(request: Request, rest: string, search: string, clientId = ''): Promise<Response> {
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
        ['cross-origin-resource-policy', line.crossOrigin ? 'cross-origin' : 'same-origin'],
        ...(line.crossOrigin ? [] : ([['cross-origin-opener-policy', 'same-origin']] as [string, string][])),
      ]
    : [];
  const jarKey = `${runtimeId}/${port}`;
  const basePath = `${PREFIX}${runtimeId}/${port}`;
  // fetch() from a preview page sends its document.cookie; other requests get the jar's cookies.
  const pageCookie = request.headers.get('x-verklet-cookie');
  const headers = [...request.headers].filter(([k]) => k.toLowerCase() !== 'x-verklet-cookie' && k.toLowerCase() !== 'cookie');
  const cookie = mergeCookies(pageCookie ?? '', cookieHeader(jarKey, path));
  if (cookie) headers.push(['cookie', cookie]);
  const meta: HttpRequestMeta = { kind: 'http', method: request.method, url: path, headers, origin: 'preview' };
  const channel = new MessageChannel();
  line.port.postMessage({ type: 'connect', port, meta, channel: channel.port2 }, [channel.port2]);
  let assignments: string[] = [];
  const response = receiveResponse(channel.port1, {
    timeoutMs: HEAD_TIMEOUT,
    label,
    extraHeaders,
    onHead: (_status, raw) => {
      const setCookies = raw.filter(([k]) => k.toLowerCase() === 'set-cookie').map(([, v]) => v);
      if (setCookies.length) assignments = takeSetCookies(jarKey, basePath, path, setCookies);
    },
  });
  void sendBody(channel.port1, request.body).catch(() => {});
  const res = await response;
  if (request.mode === 'navigate' && /^\s*text\/html/i.test(res.headers.get('content-type') ?? ''))
    return injectPreviewScript(res, { runtimeId, port, prefix: PREFIX, cookies: assignments }, line.script);
  if (assignments.length) {
    // fetch() applies these before it resolves; other subresources hear a message.
    res.headers.set('x-verklet-set-cookie', JSON.stringify(assignments));
    if (clientId) void sw.clients.get(clientId).then((c) => c?.postMessage({ type: 'verklet-cookies', assignments }));
  }
  return res;
}

/** Puts the preview client (and the runtime's preview script) first in the page's `<head>`. */
async function injectPreviewScript(res: Response, config: PreviewClientConfig, userScript: string): Promise<Response> {
  if (res.headers.get('x-verklet-error') || !res.body || [204, 205, 304].includes(res.status)) {
    // No body to put the script in; cookies still need the page (a later navigation applies them).
    return res;
  }
  const encoding = (res.headers.get('content-encoding') ?? '').toLowerCase().trim();
  let body: ReadableStream<Uint8Array> | null = res.body;
  if (body && (encoding === 'gzip' || encoding === 'deflate')) body = body.pipeThrough(new DecompressionStream(encoding) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  else if (encoding && encoding !== 'identity') return res; // br and others: leave the page as it is
  const html = body ? await new Response(body).text() : '';
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  let tags = `<script data-verklet-preview>(${previewClient.toString()})(${json});</script>`;
  if (userScript) tags += `<script data-verklet-preview-script>${userScript.replace(/<\/script/gi, '<\\/script')}</script>`;
  const at = insertionPoint(html);
  const out = html.slice(0, at) + tags + html.slice(at);
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  return new Response(out, { status: res.status, statusText: res.statusText, headers });
}

/** The page's cookies, plus the jar's where the page has none of that name (its cookies may be blocked). */
function mergeCookies(page: string, jar: string): string {
  const names = new Set(page.split(';').map((p) => p.split('=')[0]!.trim()).filter(Boolean));
  const extra = jar ? jar.split('; ').filter((p) => !names.has(p.split('=')[0]!.trim())) : [];
  return [page.trim(), ...extra].filter(Boolean).join('; ');
}

function insertionPoint(html: string): number {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return head.index + head[0].length;
  const root = /<html(\s[^>]*)?>/i.exec(html);
  if (root) return root.index + root[0].length;
  const doctype = /<!doctype[^>]*>/i.exec(html);
  if (doctype) return doctype.index + doctype[0].length;
  return 0;
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
