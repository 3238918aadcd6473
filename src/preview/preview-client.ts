/**
 * The script the preview service worker puts first in the `<head>` of every
 * HTML preview page. The worker inlines `previewClient.toString()`, so this
 * function must stay self-contained: no imports, no outer names.
 *
 * It (1) applies cookies the worker could not store itself, (2) forwards the
 * page's console calls and uncaught errors to the runtime ('preview-message'),
 * and (3) replaces `WebSocket` for URLs that point at the preview with a shim
 * that tunnels through the worker to the in-runtime server, speaking RFC 6455
 * on the wire (masked client frames), so servers such as `ws` work unchanged.
 */
export interface PreviewClientConfig {
  runtimeId: string;
  port: number;
  /** Path prefix of previews on this origin, e.g. `/__verklet__/`. */
  prefix: string;
  /** `document.cookie` assignments for cookies the server set with this page. */
  cookies: string[];
}

export function previewClient(cfg: PreviewClientConfig): void {
  const g = globalThis as unknown as { __verkletPreview?: boolean; WebSocket: typeof WebSocket; fetch: typeof fetch };
  if (g.__verkletPreview) return;
  g.__verkletPreview = true;
  const container = navigator.serviceWorker;
  const post = (msg: unknown, transfer: Transferable[] = []): void => {
    const direct = container?.controller;
    if (direct) direct.postMessage(msg, transfer);
    else void container?.ready.then((r) => r.active?.postMessage(msg, transfer));
  };

  // ---------------------------------------------------------------- cookies (see preview-cookies.ts)
  const base = `${cfg.prefix}${cfg.runtimeId}/${cfg.port}`;
  const native = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  const setNative = (assignment: string): void => {
    try {
      native?.set?.call(document, assignment);
      // A cross-site preview origin may only keep partitioned cookies (CHIPS).
      const name = assignment.split(';')[0]!.split('=')[0]!.trim();
      const now = String(native?.get?.call(document) ?? '');
      if (name && !/max-age=0|expires=thu, 01 jan 1970/i.test(assignment) && !now.split('; ').some((p) => p.startsWith(`${name}=`)))
        native?.set?.call(document, `${assignment}; secure; samesite=none; partitioned`);
    } catch {
      // A sandboxed frame without same-origin has no cookies.
    }
  };
  for (const c of cfg.cookies) setNative(c);
  if (native?.get && native.set) {
    const getCookie = native.get;
    // Paths a page gives are relative to the preview's root, as its server sees them.
    const rewrite = (assignment: string): string => {
      let given = false;
      const parts = assignment.split(';').map((part) => {
        const m = /^\s*path\s*=\s*(.*)$/i.exec(part);
        if (!m) return part;
        given = true;
        const p = (m[1] ?? '').trim();
        return ` path=${p === base || p.startsWith(`${base}/`) ? p : `${base}${p.startsWith('/') ? p : `/${p}`}`}`;
      });
      if (!given) parts.push(` path=${location.pathname.replace(/\/[^/]*$/, '') || '/'}`);
      return parts.join(';');
    };
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      enumerable: true,
      get: () => getCookie.call(document),
      set: (value: unknown) => {
        const assignment = rewrite(String(value));
        setNative(assignment);
        post({ type: 'verklet-cookie', runtimeId: cfg.runtimeId, port: cfg.port, assignment });
      },
    });
  }
  container?.addEventListener('message', (e: MessageEvent<{ type?: string; assignments?: string[] }>) => {
    if (e.data?.type === 'verklet-cookies') for (const a of e.data.assignments ?? []) setNative(a);
  });
  container?.startMessages?.();
  const nativeFetch = g.fetch;
  g.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    let to: URL;
    try {
      to = new URL(input instanceof Request ? input.url : String(input), location.href);
    } catch {
      return nativeFetch.call(this, input, init);
    }
    const mode = init?.mode ?? (input instanceof Request ? input.mode : 'cors');
    if (to.origin !== location.origin || mode === 'no-cors') return nativeFetch.call(this, input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.has('x-verklet-cookie')) headers.set('x-verklet-cookie', document.cookie);
    return nativeFetch.call(this, input, { ...init, headers }).then((res) => {
      const set = res.headers.get('x-verklet-set-cookie');
      if (set) {
        try {
          for (const a of JSON.parse(set) as string[]) setNative(a);
        } catch {
          // not ours
        }
      }
      return res;
    });
  } as typeof fetch;

  // ---------------------------------------------------------------- console and errors
  const text = (args: unknown[]): string =>
    args
      .map((a) => {
        if (typeof a === 'string') return a;
        if (a instanceof Error) return a.stack && a.stack.includes(a.message) ? a.stack : `${a.name}: ${a.message}`;
        try {
          const json = JSON.stringify(a);
          return json === undefined ? String(a) : json;
        } catch {
          return String(a);
        }
      })
      .join(' ');
  const report = (type: 'console' | 'error', level: string, message: string): void => {
    try {
      post({ type: 'verklet-preview-message', runtimeId: cfg.runtimeId, port: cfg.port, kind: type, level, message });
    } catch {
      // Never break the page's own logging.
    }
  };
  const con = console as unknown as Record<string, (...a: unknown[]) => void>;
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    const original = con[level];
    if (typeof original !== 'function') continue;
    con[level] = function (this: unknown, ...args: unknown[]) {
      report('console', level, text(args));
      return original.apply(this, args);
    };
  }
  addEventListener('error', (e: ErrorEvent) => {
    if (!(e instanceof ErrorEvent)) return; // resource load errors have no message
    const err = e.error as Error | undefined;
    report('error', 'error', err instanceof Error ? text([err]) : e.message);
  });
  addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
    report('error', 'error', `Uncaught (in promise) ${text([e.reason])}`);
  });

  // ---------------------------------------------------------------- WebSocket
  const Native = g.WebSocket;
  const enc = new TextEncoder();
  const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
  const ownPrefix = `${cfg.prefix}${cfg.runtimeId}/`;

  const target = (input: string | URL): { port: number; path: string } | null => {
    let u: URL;
    try {
      u = new URL(String(input), location.href);
    } catch {
      return null;
    }
    if (u.host === location.host) {
      if (u.pathname.startsWith(ownPrefix)) {
        const [portText = '', ...rest] = u.pathname.slice(ownPrefix.length).split('/');
        return { port: Number(portText), path: `/${rest.join('/')}${u.search}` };
      }
      if (u.pathname.startsWith(cfg.prefix)) return null; // another runtime
      return { port: cfg.port, path: `${u.pathname}${u.search}` };
    }
    if ((u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]') && u.port)
      return { port: Number(u.port), path: `${u.pathname}${u.search}` };
    return null;
  };

  const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

  type Wire = { t: string; data?: Uint8Array; status?: number; message?: string; port?: MessagePort };

  class VerkletWebSocket extends EventTarget {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly CONNECTING = 0;
    readonly OPEN = 1;
    readonly CLOSING = 2;
    readonly CLOSED = 3;
    readonly url: string;
    readyState = 0;
    protocol = '';
    extensions = '';
    bufferedAmount = 0;
    binaryType: BinaryType = 'blob';
    onopen: ((e: Event) => void) | null = null;
    onmessage: ((e: MessageEvent) => void) | null = null;
    onerror: ((e: Event) => void) | null = null;
    onclose: ((e: CloseEvent) => void) | null = null;
    #port: MessagePort | null = null;
    #buf = new Uint8Array(0);
    #opened = false;
    #fragments: Uint8Array[] = [];
    #fragmentOp = 0;
    #closeSent = false;
    #chain: Promise<void> = Promise.resolve();
    #origin: string;
    #lifeline: MessagePort | null = null;

    constructor(url: string | URL, to: { port: number; path: string }, protocols?: string | string[]) {
      super();
      const u = new URL(String(url), location.href);
      if (u.protocol === 'http:') u.protocol = 'ws:';
      else if (u.protocol === 'https:') u.protocol = 'wss:';
      this.url = u.href;
      this.#origin = u.origin.replace(/^http/, 'ws');
      const list = protocols === undefined ? [] : Array.isArray(protocols) ? protocols : [protocols];
      void this.#connect(to, list);
    }

    async #connect(to: { port: number; path: string }, protocols: string[]): Promise<void> {
      const key = b64(crypto.getRandomValues(new Uint8Array(16)));
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', enc.encode(key + GUID)));
      const accept = b64(digest);
      const channel = new MessageChannel();
      this.#port = channel.port1;
      const headers: [string, string][] = [
        ['host', `localhost:${to.port}`],
        ['upgrade', 'websocket'],
        ['connection', 'Upgrade'],
        ['sec-websocket-key', key],
        ['sec-websocket-version', '13'],
        ['origin', location.origin],
      ];
      if (protocols.length) headers.push(['sec-websocket-protocol', protocols.join(', ')]);
      channel.port1.onmessage = (e: MessageEvent<Wire>) => {
        const m = e.data;
        if (m.t === 'lifeline' && m.port) {
          // The kernel says when the server's process exits.
          this.#lifeline = m.port;
          m.port.onmessage = () => this.#fail();
        } else if (m.t === 'data' && m.data) this.#feed(m.data, accept);
        else if (m.t === 'fin' || m.t === 'destroy' || m.t === 'error' || m.t === 'head') this.#fail();
      };
      post(
        {
          type: 'verklet-connect',
          runtimeId: cfg.runtimeId,
          port: to.port,
          meta: { kind: 'http', method: 'GET', url: to.path, headers, origin: 'preview' },
          channel: channel.port2,
        },
        [channel.port2],
      );
    }

    #feed(data: Uint8Array, accept: string): void {
      const joined = new Uint8Array(this.#buf.length + data.length);
      joined.set(this.#buf);
      joined.set(data, this.#buf.length);
      this.#buf = joined;
      if (!this.#opened) {
        let end = -1;
        for (let i = 3; i < joined.length; i++)
          if (joined[i] === 10 && joined[i - 1] === 13 && joined[i - 2] === 10 && joined[i - 3] === 13) {
            end = i + 1;
            break;
          }
        if (end < 0) return;
        const lines = new TextDecoder().decode(joined.subarray(0, end - 4)).split('\r\n');
        const headers = new Map<string, string>();
        for (const line of lines.slice(1)) {
          const c = line.indexOf(':');
          if (c > 0) headers.set(line.slice(0, c).trim().toLowerCase(), line.slice(c + 1).trim());
        }
        if (!/^HTTP\/1\.1 101\b/.test(lines[0] ?? '') || headers.get('sec-websocket-accept') !== accept) {
          this.#fail();
          return;
        }
        this.#buf = joined.subarray(end);
        this.#opened = true;
        this.protocol = headers.get('sec-websocket-protocol') ?? '';
        this.extensions = headers.get('sec-websocket-extensions') ?? '';
        if (this.readyState === 0) {
          this.readyState = 1;
          this.#fire(new Event('open'), this.onopen);
        }
      }
      this.#frames();
    }

    #frames(): void {
      for (;;) {
        const b = this.#buf;
        if (b.length < 2) return;
        const fin = (b[0]! & 0x80) !== 0;
        const op = b[0]! & 0x0f;
        const masked = (b[1]! & 0x80) !== 0;
        let len = b[1]! & 0x7f;
        let off = 2;
        if (len === 126) {
          if (b.length < 4) return;
          len = (b[2]! << 8) | b[3]!;
          off = 4;
        } else if (len === 127) {
          if (b.length < 10) return;
          len = Number(new DataView(b.buffer, b.byteOffset + 2, 8).getBigUint64(0));
          off = 10;
        }
        const maskAt = off;
        if (masked) off += 4;
        if (b.length < off + len) return;
        const payload = b.slice(off, off + len);
        if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= b[maskAt + (i % 4)]!;
        this.#buf = b.subarray(off + len);
        this.#frame(fin, op, payload);
        if (this.readyState === 3) return;
      }
    }

    #frame(fin: boolean, op: number, payload: Uint8Array): void {
      if (op === 0x8) {
        const code = payload.length >= 2 ? (payload[0]! << 8) | payload[1]! : 1005;
        const reason = new TextDecoder().decode(payload.subarray(2));
        if (!this.#closeSent) this.#send(0x8, payload.length >= 2 ? payload.slice(0, 2) : new Uint8Array(0));
        this.#finish(true, code, reason);
        return;
      }
      if (op === 0x9) {
        this.#send(0xa, payload);
        return;
      }
      if (op === 0xa) return;
      if (op === 0x1 || op === 0x2) {
        this.#fragments = [payload];
        this.#fragmentOp = op;
      } else if (op === 0x0) this.#fragments.push(payload);
      else return;
      if (!fin) return;
      const size = this.#fragments.reduce((n, f) => n + f.length, 0);
      const whole = new Uint8Array(size);
      let at = 0;
      for (const f of this.#fragments) {
        whole.set(f, at);
        at += f.length;
      }
      this.#fragments = [];
      if (this.readyState !== 1) return;
      const data =
        this.#fragmentOp === 0x1
          ? new TextDecoder().decode(whole)
          : this.binaryType === 'arraybuffer'
            ? whole.buffer
            : new Blob([whole]);
      this.#fire(new MessageEvent('message', { data, origin: this.#origin }), this.onmessage);
    }

    #send(op: number, payload: Uint8Array): void {
      const len = payload.length;
      const headLen = len < 126 ? 2 : len < 65536 ? 4 : 10;
      const out = new Uint8Array(headLen + 4 + len);
      out[0] = 0x80 | op;
      if (len < 126) out[1] = 0x80 | len;
      else if (len < 65536) {
        out[1] = 0x80 | 126;
        out[2] = len >> 8;
        out[3] = len & 0xff;
      } else {
        out[1] = 0x80 | 127;
        new DataView(out.buffer).setBigUint64(2, BigInt(len));
      }
      const mask = crypto.getRandomValues(new Uint8Array(4));
      out.set(mask, headLen);
      for (let i = 0; i < len; i++) out[headLen + 4 + i] = payload[i]! ^ mask[i % 4]!;
      if (op === 0x8) this.#closeSent = true;
      this.#port?.postMessage({ t: 'data', data: out }, [out.buffer]);
    }

    send(data: string | ArrayBufferLike | ArrayBufferView | Blob): void {
      if (this.readyState === 0) throw new DOMException("Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.", 'InvalidStateError');
      if (this.readyState !== 1) return;
      let bytes: Uint8Array | Promise<Uint8Array>;
      let op = 0x2;
      if (typeof data === 'string') {
        bytes = enc.encode(data);
        op = 0x1;
      } else if (data instanceof Blob) bytes = data.arrayBuffer().then((b) => new Uint8Array(b));
      else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
      else bytes = new Uint8Array(data as ArrayBuffer).slice();
      const size = bytes instanceof Uint8Array ? bytes.length : (data as Blob).size;
      this.bufferedAmount += size;
      this.#chain = this.#chain.then(async () => {
        const payload = await bytes;
        this.bufferedAmount -= size;
        if (this.readyState === 1) this.#send(op, payload);
      });
    }

    close(code?: number, reason?: string): void {
      if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999))
        throw new DOMException(`Failed to execute 'close' on 'WebSocket': The close code must be either 1000, or between 3000 and 4999. ${code} is neither.`, 'InvalidAccessError');
      const why = enc.encode(reason ?? '');
      if (why.length > 123) throw new DOMException("Failed to execute 'close' on 'WebSocket': The message must not be greater than 123 bytes.", 'SyntaxError');
      if (this.readyState >= 2) return;
      if (this.readyState === 0) {
        this.#fail();
        return;
      }
      this.readyState = 2;
      const payload = new Uint8Array(code === undefined ? 0 : 2 + why.length);
      if (code !== undefined) {
        payload[0] = code >> 8;
        payload[1] = code & 0xff;
        payload.set(why, 2);
      }
      this.#chain = this.#chain.then(() => this.#send(0x8, payload));
    }

    #fail(): void {
      if (this.readyState === 3) return;
      this.readyState = 3;
      this.#fire(new Event('error'), this.onerror);
      this.#finish(false, 1006, '');
    }

    #finish(clean: boolean, code: number, reason: string): void {
      const wasOpen = this.#port !== null;
      this.readyState = 3;
      try {
        this.#port?.postMessage({ t: clean ? 'fin' : 'destroy' });
      } catch {
        // already closed
      }
      this.#port?.close();
      this.#port = null;
      try {
        this.#lifeline?.postMessage('done');
      } catch {
        // gone
      }
      this.#lifeline?.close();
      this.#lifeline = null;
      if (wasOpen) this.#fire(new CloseEvent('close', { wasClean: clean, code, reason }), this.onclose);
    }

    #fire<E extends Event>(event: E, handler: ((e: E) => void) | null): void {
      this.dispatchEvent(event);
      if (typeof handler === 'function') {
        try {
          handler.call(this, event);
        } catch (err) {
          setTimeout(() => {
            throw err;
          });
        }
      }
    }
  }
  // `new WebSocket(url)`: the shim for preview URLs, the browser's own for everything else.
  const WebSocketShim = function (url: string | URL, protocols?: string | string[]) {
    const to = target(url);
    return to ? new VerkletWebSocket(url, to, protocols) : new Native(url, protocols);
  } as unknown as typeof WebSocket;
  Object.assign(WebSocketShim, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  (WebSocketShim as unknown as { prototype: object }).prototype = VerkletWebSocket.prototype;
  Object.defineProperty(g, 'WebSocket', { value: WebSocketShim, writable: true, configurable: true });
}
