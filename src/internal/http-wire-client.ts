/**
 * The requesting side of HTTP over a MessagePort (see http-wire.ts), shared
 * by `fetchPreview` on the page and by the preview service worker: streams a
 * request body out, and turns the server's answer into a `Response` whose
 * body streams in. Failures become error responses rather than hangs: 502
 * when nothing listens or the answer is malformed, 504 when no answer comes.
 */
import type { WireToClient, WireToServer } from './http-wire.js';

export interface WireClientOptions {
  /** How long to wait for the response head. */
  timeoutMs: number;
  /** Port number and path, for error pages. */
  label: string;
  /** Told about malformed responses. */
  onProblem?: (code: string, message: string) => void;
  /** Headers added to every response (e.g. what an isolated page needs to embed it). */
  extraHeaders?: [string, string][];
  /**
   * Sees the head's raw headers (Set-Cookie included, which a constructed
   * Response drops) before the Response is handed out; may delay it.
   */
  onHead?: (status: number, headers: [string, string][]) => Promise<void> | void;
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function errorResponse(status: number, title: string, detail: string, extraHeaders: [string, string][] = []): Response {
  const body = `<!doctype html><meta charset="utf-8"><title>${status} ${title}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:40rem;padding:0 1rem;color:#333}code{background:#f3f3f3;padding:0 .25em}</style>
<h1>${status} ${title}</h1><p>${detail}</p><p><small>Verklet preview</small></p>`;
  const headers = new Headers(extraHeaders);
  headers.set('content-type', 'text/html; charset=utf-8');
  headers.set('x-verklet-error', title);
  return new Response(body, { status, headers });
}

export async function sendBody(channel: MessagePort, body: ReadableStream<Uint8Array> | null): Promise<void> {
  if (body) {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      channel.postMessage({ t: 'body', data: value } satisfies WireToServer);
    }
  }
  channel.postMessage({ t: 'end' } satisfies WireToServer);
}

/** Waits for the server's head and returns a streaming Response. */
export function receiveResponse(channel: MessagePort, opts: WireClientOptions): Promise<Response> {
  return new Promise((resolve) => {
    let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
    let settled = false;
    let headSeen = false;
    const extra = opts.extraHeaders ?? [];
    const settle = (response: Response) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(response);
    };
    const timer = setTimeout(() => {
      channel.postMessage({ t: 'abort' } satisfies WireToServer);
      channel.close();
      opts.onProblem?.('EPREVIEW_TIMEOUT', `the server on ${opts.label} did not answer within ${opts.timeoutMs} ms`);
      settle(errorResponse(504, 'Gateway Timeout', `The server on <code>${opts.label}</code> did not answer within ${opts.timeoutMs / 1000} s.`, extra));
    }, opts.timeoutMs);
    channel.onmessage = (e: MessageEvent<WireToClient & { code?: string }>) => {
      const msg = e.data;
      switch (msg.t) {
        case 'head': {
          headSeen = true;
          const ready = (response: Response) => {
            clearTimeout(timer);
            let wait: Promise<void> | void = undefined;
            try {
              wait = opts.onHead?.(msg.status, msg.headers);
            } catch {
              // a failing hook never loses the response
            }
            if (wait) wait.then(() => settle(response), () => settle(response));
            else settle(response);
          };
          let headers: Headers;
          try {
            headers = new Headers(msg.headers);
            for (const [k, v] of extra) if (!headers.has(k)) headers.set(k, v);
            if (!Number.isInteger(msg.status) || msg.status < 200 || msg.status > 599) throw new TypeError(`invalid status ${msg.status}`);
          } catch (err) {
            const why = (err as Error).message;
            opts.onProblem?.('EPREVIEW_BAD_RESPONSE', `malformed response from ${opts.label}: ${why}`);
            channel.postMessage({ t: 'abort' } satisfies WireToServer);
            channel.close();
            settle(errorResponse(502, 'Bad Gateway', `The server on <code>${opts.label}</code> sent a malformed response: ${escapeHtml(why)}`, extra));
            return;
          }
          if (NULL_BODY.has(msg.status)) {
            ready(new Response(null, { status: msg.status, statusText: msg.statusText, headers }));
            return;
          }
          const body = new ReadableStream<Uint8Array>({
            start: (c) => {
              controller = c;
            },
            cancel: () => {
              channel.postMessage({ t: 'abort' } satisfies WireToServer);
              channel.close();
            },
          });
          ready(new Response(body, { status: msg.status, statusText: msg.statusText, headers }));
          break;
        }
        case 'body':
          controller?.enqueue(msg.data);
          break;
        case 'end':
          controller?.close();
          channel.close();
          break;
        case 'error':
          if (!settled && !headSeen) {
            const refused = msg.code === 'ECONNREFUSED';
            settle(
              errorResponse(
                502,
                'Bad Gateway',
                refused
                  ? `Nothing is listening on <code>${opts.label}</code>. Start a server on that port and reload.`
                  : `The server on <code>${opts.label}</code> failed: ${escapeHtml(msg.message)}`,
                extra,
              ),
            );
          } else controller?.error(new Error(msg.message));
          channel.close();
          break;
      }
    };
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
