/**
 * `http` (and, with another default protocol, `https`): servers listen on
 * runtime ports registered with the kernel, so the preview service worker,
 * `fetchPreview` and other processes reach them; a request arrives as its
 * head plus a streamed body over a MessagePort (src/internal/http-wire.ts),
 * with no HTTP bytes to parse. Clients talking to a runtime port go straight
 * to the in-runtime server; other hosts go through the browser's `fetch`.
 * https://nodejs.org/api/http.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import EventEmitter from './events.js';
import { Readable, Stream } from './stream.js';
import { Buffer } from './buffer.js';
import { createHandle, runCallback, nextTick, type LoopHandle } from './internal/loop.js';
import { codedError, connectionRefused, portHandlersFor, type PortHandlers, type NetHost } from './internal/net-host.js';
import { Socket as NetSocket, ephemeralPort } from './internal/net-socket.js';
import { callableClass } from './internal/callable-class.js';
import { isUpgrade, type HttpRequestMeta, type WireToClient, type WireToServer } from '../internal/http-wire.js';

const kHeaders: unique symbol = Symbol('headers');
const kBody: unique symbol = Symbol('body');
const kSendHead: unique symbol = Symbol('sendHead');
const kSendBody: unique symbol = Symbol('sendBody');
const kSendEnd: unique symbol = Symbol('sendEnd');
const kAbort: unique symbol = Symbol('abort');
const kClose: unique symbol = Symbol('close');
const kClosed: unique symbol = Symbol('closed');
const kImplicitLength: unique symbol = Symbol('implicitLength');
const kHeaderList: unique symbol = Symbol('headerList');
const kOutSize: unique symbol = Symbol('outSize');
const kContinue: unique symbol = Symbol('continue');
const kAgentName: unique symbol = Symbol('agentName');
const kAgentPort: unique symbol = Symbol('agentPort');

export const STATUS_CODES: Record<number, string> = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints', 200: 'OK', 201: 'Created',
  202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content', 205: 'Reset Content', 206: 'Partial Content',
  207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used', 300: 'Multiple Choices', 301: 'Moved Permanently',
  302: 'Found', 303: 'See Other', 304: 'Not Modified', 305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
  409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large',
  414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
  418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked', 424: 'Failed Dependency',
  425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required', 429: 'Too Many Requests',
  431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons', 500: 'Internal Server Error',
  501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates', 507: 'Insufficient Storage', 508: 'Loop Detected',
  509: 'Bandwidth Limit Exceeded', 510: 'Not Extended', 511: 'Network Authentication Required',
};

export const METHODS = [
  'ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE',
  'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH',
  'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK',
  'UNLOCK', 'UNSUBSCRIBE',
];

const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
const BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

export function validateHeaderName(name: unknown): void {
  if (typeof name !== 'string' || !name || !TOKEN.test(name))
    throw codedError(TypeError, 'ERR_INVALID_HTTP_TOKEN', `Header name must be a valid HTTP token ["${String(name)}"]`);
}

export function validateHeaderValue(name: string, value: unknown): void {
  if (value === undefined) throw codedError(TypeError, 'ERR_HTTP_INVALID_HEADER_VALUE', `Invalid value "${String(value)}" for header "${name}"`);
  if (BAD_VALUE.test(String(value))) throw codedError(TypeError, 'ERR_INVALID_CHAR', `Invalid character in header content ["${name}"]`);
}

/** Node joins repeated request headers with ', ', except set-cookie (an array) and a few kept first-only. */
const FIRST_ONLY = new Set(['content-type', 'content-length', 'user-agent', 'referer', 'host', 'authorization', 'proxy-authorization', 'if-modified-since', 'if-unmodified-since', 'from', 'location', 'max-forwards', 'retry-after', 'etag', 'last-modified', 'server', 'age', 'expires']);

function headersObject(raw: [string, string][]): Record<string, string | string[]> {
  // A plain object, as Node's message.headers is.
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of raw) {
    const name = k.toLowerCase();
    const prev = out[name];
    if (name === '__proto__') Object.defineProperty(out, name, { value: v, writable: true, enumerable: true, configurable: true });
    else if (name === 'set-cookie') out[name] = prev ? [...(prev as string[]), v] : [v];
    else if (prev === undefined) out[name] = v;
    else if (!FIRST_ONLY.has(name)) out[name] = `${prev as string}, ${v}`;
  }
  return out;
}

function fakeSocket(remotePort: number, encrypted: boolean): any {
  const socket: any = new EventEmitter();
  Object.assign(socket, {
    remoteAddress: '127.0.0.1', remotePort, remoteFamily: 'IPv4', localAddress: '127.0.0.1', encrypted: encrypted || undefined,
    readable: true, writable: true, destroyed: false, writableHighWaterMark: 65536, writableLength: 0,
    setTimeout() { return socket; }, setNoDelay() { return socket; }, setKeepAlive() { return socket; },
    ref() { return socket; }, unref() { return socket; }, address() { return { address: '127.0.0.1', family: 'IPv4', port: remotePort }; },
    destroy() { socket.destroyed = true; return socket; }, end() { return socket; }, write() { return true; },
  });
  return socket;
}

let nextRemotePort = 40000;

const isUpgradeRequest = isUpgrade;

/** Splits a raw HTTP response head (`HTTP/1.1 101 ...\r\n...\r\n\r\n`) off `bytes`. */
function parseRawHead(bytes: Uint8Array): { status: number; statusText: string; headers: [string, string][]; rest: Uint8Array } | null {
  for (let i = 3; i < bytes.length; i++) {
    if (bytes[i] === 10 && bytes[i - 1] === 13 && bytes[i - 2] === 10 && bytes[i - 3] === 13) {
      const lines = new TextDecoder('latin1').decode(bytes.subarray(0, i - 3)).split('\r\n');
      const m = /^HTTP\/1\.[01] (\d{3}) ?(.*)$/.exec(lines[0] ?? '');
      if (!m) return { status: 0, statusText: '', headers: [], rest: bytes.subarray(i + 1) };
      const headers: [string, string][] = [];
      for (const line of lines.slice(1)) {
        const c = line.indexOf(':');
        if (c > 0) headers.push([line.slice(0, c).trim(), line.slice(c + 1).trim()]);
      }
      return { status: Number(m[1]), statusText: m[2] ?? '', headers, rest: bytes.subarray(i + 1) };
    }
  }
  return null;
}

// ------------------------------------------------------------------ IncomingMessage

export class IncomingMessage extends (Readable as any) {
  declare push: (chunk: any) => boolean;
  httpVersion = '1.1';
  httpVersionMajor = 1;
  httpVersionMinor = 1;
  complete = false;
  headers: Record<string, string | string[]> = {};
  rawHeaders: string[] = [];
  trailers: Record<string, string> = {};
  rawTrailers: string[] = [];
  method: string | null = null;
  url = '';
  statusCode: number | null = null;
  statusMessage: string | null = null;
  socket: any;
  aborted = false;
  upgrade = false;
  #onRead: () => void;

  constructor(socket: any, onRead: () => void = () => {}) {
    super();
    this.socket = socket;
    this.#onRead = onRead;
  }

  get connection(): any {
    return this.socket;
  }

  _read(): void {
    this.#onRead();
  }

  setHeaders(raw: [string, string][]): void {
    this.rawHeaders = raw.flat();
    this.headers = headersObject(raw);
  }

  get headersDistinct(): Record<string, string[]> {
    const out: Record<string, string[]> = Object.create(null);
    for (let i = 0; i < this.rawHeaders.length; i += 2) (out[this.rawHeaders[i]!.toLowerCase()] ??= []).push(this.rawHeaders[i + 1]!);
    return out;
  }

  setTimeout(_ms: number, cb?: () => void): this {
    if (cb) this.on('timeout', cb);
    return this;
  }
}

// ------------------------------------------------------------------ OutgoingMessage

export class OutgoingMessage extends (Stream as any) {
  declare emit: (event: string, ...args: any[]) => boolean;
  declare on: (event: string, fn: (...args: any[]) => void) => this;
  declare once: (event: string, fn: (...args: any[]) => void) => this;
  readonly [kHeaders] = new Map<string, [string, string | string[]]>();
  headersSent = false;
  sendDate = false;
  finished = false;
  writableEnded = false;
  writableFinished = false;
  destroyed = false;
  chunkedEncoding = false;
  useChunkedEncodingByDefault = true;
  strictContentLength = false;
  writable = true;
  socket: any = null;
  protected [kBody]: Uint8Array[] = [];

  setHeader(name: string, value: string | number | string[]): this {
    if (this.headersSent) throw codedError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot set headers after they are sent to the client');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    this[kHeaders].set(name.toLowerCase(), [name, Array.isArray(value) ? value.map(String) : String(value)]);
    return this;
  }

  appendHeader(name: string, value: string | string[]): this {
    const prev = this[kHeaders].get(name.toLowerCase());
    if (!prev) return this.setHeader(name, value);
    const list = [...(Array.isArray(prev[1]) ? prev[1] : [prev[1]]), ...(Array.isArray(value) ? value : [value])];
    return this.setHeader(name, list);
  }

  setHeaders(headers: Headers | Map<string, string>): this {
    for (const [k, v] of headers as any) this.setHeader(k, v);
    return this;
  }

  getHeader(name: string): string | string[] | undefined {
    return this[kHeaders].get(String(name).toLowerCase())?.[1];
  }

  getHeaders(): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = Object.create(null);
    for (const [k, [, v]] of this[kHeaders]) out[k] = v;
    return out;
  }

  getHeaderNames(): string[] {
    return [...this[kHeaders].keys()];
  }

  getRawHeaderNames(): string[] {
    return [...this[kHeaders].values()].map(([n]) => n);
  }

  hasHeader(name: string): boolean {
    return this[kHeaders].has(String(name).toLowerCase());
  }

  removeHeader(name: string): void {
    if (this.headersSent) throw codedError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot remove headers after they are sent to the client');
    const key = String(name).toLowerCase();
    // Removing Date turns the implicit one off, as in Node.
    if (key === 'date') this.sendDate = false;
    this[kHeaders].delete(key);
  }

  /** Bytes written (with chunked framing) and not yet flushed; 0 once finished. */
  protected [kOutSize] = 0;

  get writableLength(): number {
    return this[kOutSize];
  }

  get writableObjectMode(): boolean {
    return false;
  }

  get writableHighWaterMark(): number {
    return this.socket?.writableHighWaterMark ?? 65536;
  }

  get writableCorked(): number {
    return 0;
  }

  cork(): void {}
  uncork(): void {}

  setTimeout(_ms: number, cb?: () => void): this {
    if (cb) this.on('timeout', cb);
    return this;
  }

  flushHeaders(): void {
    if (!this.headersSent) this[kSendHead](false);
  }

  write(chunk: any, encoding?: any, cb?: any): boolean {
    if (typeof encoding === 'function') [cb, encoding] = [encoding, undefined];
    if (this.writableEnded) {
      const err = codedError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
      nextTick(() => {
        cb?.(err);
        this.emit('error', err);
      });
      return false;
    }
    if (chunk === null) throw codedError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array))
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "chunk" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${describe(chunk)}`);
    if (!this.headersSent) this[kSendHead](false);
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding ?? 'utf8') : chunk;
    if (bytes.length) {
      this[kOutSize] += this.chunkedEncoding ? bytes.length.toString(16).length + 4 + bytes.length : bytes.length;
      this[kSendBody](bytes);
    }
    if (cb) nextTick(cb);
    return true;
  }

  end(chunk?: any, encoding?: any, cb?: any): this {
    if (typeof chunk === 'function') [cb, chunk] = [chunk, undefined];
    else if (typeof encoding === 'function') [cb, encoding] = [encoding, undefined];
    if (this.writableEnded) {
      if (cb) nextTick(cb);
      return this;
    }
    const bytes = chunk == null ? undefined : typeof chunk === 'string' ? Buffer.from(chunk, encoding ?? 'utf8') : chunk;
    if (!this.headersSent) {
      if (bytes && !this.hasHeader('content-length') && !this.hasHeader('transfer-encoding')) this[kImplicitLength] = bytes.length;
      else if (!bytes && !this.hasHeader('transfer-encoding')) this[kImplicitLength] = 0;
      this[kSendHead](true);
    }
    if (bytes?.length) this[kSendBody](bytes);
    this.writableEnded = true;
    this.finished = true;
    this.writable = false;
    this[kSendEnd]();
    if (cb) this.once('finish', cb);
    nextTick(() => {
      this.writableFinished = true;
      this[kOutSize] = 0;
      this.emit('prefinish');
      this.emit('finish');
      this[kClose]();
    });
    return this;
  }

  destroy(err?: Error): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    this[kAbort]();
    nextTick(() => {
      if (err) this.emit('error', err);
      this[kClose]();
    });
    return this;
  }

  protected [kImplicitLength]: number | undefined;
  protected [kClosed] = false;
  protected [kClose](): void {
    if (this[kClosed]) return;
    this[kClosed] = true;
    this.emit('close');
  }
  protected [kSendHead](_ending: boolean): void {}
  protected [kSendBody](_bytes: Uint8Array): void {}
  protected [kSendEnd](): void {}
  protected [kAbort](): void {}

  /** The head's headers in wire order, with Node's implicit ones. */
  protected [kHeaderList](implicit: [string, string][]): [string, string][] {
    const list: [string, string][] = [];
    for (const [, [name, value]] of this[kHeaders]) for (const v of Array.isArray(value) ? value : [value]) list.push([name, v]);
    for (const [k, v] of implicit) if (!this[kHeaders].has(k.toLowerCase())) list.push([k, v]);
    return list;
  }
}



function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return `type number (${v})`;
  if (typeof v === 'object') return `an instance of ${(v as object).constructor?.name ?? 'Object'}`;
  return `type ${typeof v} (${String(v)})`;
}

// ------------------------------------------------------------------ ServerResponse

export class ServerResponse extends OutgoingMessage {
  statusCode = 200;
  statusMessage: string | undefined = undefined;
  req: IncomingMessage;
  #channel: MessagePort | null;
  #head: boolean;

  constructor(req: IncomingMessage, channel: MessagePort | null = null) {
    super();
    this.req = req;
    this.socket = req.socket;
    this.sendDate = true;
    this.#channel = channel;
    this.#head = req.method === 'HEAD';
  }

  get connection(): any {
    return this.socket;
  }

  writeHead(statusCode: number, reason?: any, headers?: any): this {
    if (this.headersSent) throw codedError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot write headers after they are sent to the client');
    if (typeof reason !== 'string') [headers, reason] = [reason, undefined];
    const code = Number(statusCode);
    if (!Number.isInteger(code) || code < 100 || code > 999)
      throw codedError(RangeError, 'ERR_HTTP_INVALID_STATUS_CODE', `Invalid status code: ${statusCode}`);
    this.statusCode = code;
    this.statusMessage = reason !== undefined ? reason : this.statusMessage ?? STATUS_CODES[code] ?? 'unknown';
    if (Array.isArray(headers)) {
      if (headers.length % 2 !== 0 && !(headers.length && Array.isArray(headers[0])))
        throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'headers' is invalid. Received [ ${headers.map((h: unknown) => typeof h === 'string' ? `'${h}'` : String(h)).join(', ')} ]`);
      if (headers.length && Array.isArray(headers[0])) for (const [k, v] of headers) this.appendHeader(k, v);
      else for (let i = 0; i < headers.length; i += 2) this.appendHeader(headers[i], headers[i + 1]);
    } else if (headers) for (const k of Object.keys(headers)) if (headers[k] !== undefined) this.setHeader(k, headers[k]);
    this[kSendHead](false);
    return this;
  }

  /** Set by the server when the requester can take a 100 Continue (a Verklet ClientRequest). */
  [kContinue] = false;

  writeContinue(cb?: () => void): void {
    if (this[kContinue] && !this.headersSent) this.#post({ t: 'head', status: 100, statusText: 'Continue', headers: [] });
    if (cb) nextTick(cb);
  }
  writeProcessing(): void {}
  writeEarlyHints(): void {}

  assignSocket(socket: any): void {
    this.socket = socket;
  }

  detachSocket(): void {
    this.socket = null;
  }

  protected override [kSendHead](ending: boolean): void {
    if (this.headersSent) return;
    this.headersSent = true;
    const status = this.statusCode;
    const implicit: [string, string][] = [];
    if (this.sendDate) implicit.push(['Date', new Date().toUTCString()]);
    const noBody = status === 204 || status === 304 || (status >= 100 && status < 200);
    if (!noBody) {
      if (ending && this[kImplicitLength] !== undefined) implicit.push(['Content-Length', String(this[kImplicitLength])]);
      else if (!this.hasHeader('content-length') && !this.hasHeader('transfer-encoding')) {
        implicit.push(['Transfer-Encoding', 'chunked']);
        this.chunkedEncoding = true;
      }
    }
    implicit.push(['Connection', 'keep-alive'], ['Keep-Alive', 'timeout=5']);
    const message = this.statusMessage ?? STATUS_CODES[status] ?? 'unknown';
    this.#post({ t: 'head', status, statusText: message, headers: this[kHeaderList](implicit) });
  }

  protected override [kSendBody](bytes: Uint8Array): void {
    if (this.#head || this.statusCode === 204 || this.statusCode === 304) return;
    this.#post({ t: 'body', data: bytes.slice() });
  }

  protected override [kSendEnd](): void {
    this.#post({ t: 'end' });
    this.#channel?.close();
    this.#channel = null;
  }

  protected override [kAbort](): void {
    if (this.#channel) this.#post({ t: 'error', message: 'socket hang up' });
    this.#channel?.close();
    this.#channel = null;
  }

  #post(msg: WireToClient): void {
    this.#channel?.postMessage(msg);
  }
}

// ------------------------------------------------------------------ Server

export function createHttpModule(net: NetHost, defaultProtocol: 'http:' | 'https:' = 'http:'): any {
  const ports = lazyPorts(net);
  const encrypted = defaultProtocol === 'https:';

  class Server extends (EventEmitter as any) {
    declare emit: (event: string, ...args: any[]) => boolean;
    declare on: (event: string, fn: (...args: any[]) => void) => this;
    declare once: (event: string, fn: (...args: any[]) => void) => this;
    declare listenerCount: (event: string) => number;
    listening = false;
    timeout = 0;
    keepAliveTimeout = 5000;
    headersTimeout = 60000;
    requestTimeout = 300000;
    maxHeadersCount: number | null = null;
    maxRequestsPerSocket = 0;
    #port: number | null = null;
    #handle: LoopHandle | null = null;
    #refed = true;
    #connections = new Set<ServerResponse>();

    constructor(options?: any, listener?: (req: IncomingMessage, res: ServerResponse) => void) {
      super();
      if (typeof options === 'function') listener = options;
      if (listener) this.on('request', listener);
    }

    listen(...args: any[]): this {
      const cb = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
      let port: any = args[0];
      if (port && typeof port === 'object') port = port.port;
      port = port === undefined || port === null ? 0 : Number(port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw codedError(RangeError, 'ERR_SOCKET_BAD_PORT', `options.port should be >= 0 and < 65536. Received ${describe(args[0])}.`);
      if (this.listening || this.#handle) throw codedError(Error, 'ERR_SERVER_ALREADY_LISTEN', 'Listen method has been called more than once without closing.');
      if (cb) this.once('listening', cb);
      this.#handle = createHandle(this.#refed);
      net.listen(port).then(
        (bound) => {
          this.#port = bound;
          this.listening = true;
          ports().set(bound, (meta, channel) => this.#accept(meta, channel));
          runCallback(() => this.emit('listening'));
        },
        (err) => {
          this.#handle?.close();
          this.#handle = null;
          runCallback(() => this.emit('error', err));
        },
      );
      return this;
    }

    address(): { address: string; family: string; port: number } | null {
      return this.#port === null ? null : { address: '::', family: 'IPv6', port: this.#port };
    }

    close(cb?: (err?: Error) => void): this {
      if (!this.listening) {
        const err = codedError(Error, 'ERR_SERVER_NOT_RUNNING', 'Server is not running.');
        if (cb) nextTick(() => cb(err));
        return this;
      }
      if (cb) this.once('close', cb);
      this.listening = false;
      if (this.#port !== null) {
        ports().delete(this.#port);
        net.unlisten(this.#port);
      }
      this.#port = null;
      this.#handle?.close();
      this.#handle = null;
      nextTick(() => this.emit('close'));
      return this;
    }

    closeAllConnections(): void {
      for (const res of this.#connections) res.destroy();
    }

    closeIdleConnections(): void {}

    setTimeout(ms: number, cb?: () => void): this {
      this.timeout = ms;
      if (cb) this.on('timeout', cb);
      return this;
    }

    ref(): this {
      this.#refed = true;
      this.#handle?.ref();
      return this;
    }

    unref(): this {
      this.#refed = false;
      this.#handle?.unref();
      return this;
    }

    getConnections(cb: (err: null, n: number) => void): void {
      nextTick(() => cb(null, this.#connections.size));
    }

    [Symbol.asyncDispose](): Promise<void> {
      return new Promise((resolve) => this.close(() => resolve()));
    }

    #accept(meta: any, channel: MessagePort): void {
      if (meta.kind !== 'http') {
        channel.close();
        return;
      }
      const m = meta as HttpRequestMeta;
      const socket = fakeSocket(nextRemotePort++, encrypted);
      const req = new IncomingMessage(socket);
      req.method = m.method;
      req.url = m.url;
      req.setHeaders(m.headers.some(([k]) => k.toLowerCase() === 'host') ? m.headers : [['host', `localhost:${this.#port}`], ...m.headers]);
      if (isUpgradeRequest(m.headers)) {
        req.upgrade = true;
        req.complete = true;
        req.push(null);
        if (this.listenerCount('upgrade') > 0) {
          // The connection becomes a raw byte stream: the server writes the 101 itself (ws does).
          const raw = new NetSocket();
          raw.server = this;
          raw._attach(channel, { remotePort: socket.remotePort, localPort: this.#port ?? 0 });
          if (m.lifeline) raw._watchPeer(m.lifeline);
          req.socket = raw;
          runCallback(() => {
            this.emit('connection', raw);
            this.emit('upgrade', req, raw, Buffer.alloc(0));
          });
          return;
        }
      }
      const res = new ServerResponse(req, channel);
      this.#connections.add(res);
      res.on('close', () => this.#connections.delete(res));
      channel.onmessage = (e: MessageEvent<WireToServer>) =>
        runCallback(() => {
          const msg = e.data;
          if (msg.t === 'body') req.push(Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength));
          else if (msg.t === 'end') {
            req.complete = true;
            req.push(null);
          } else if (msg.t === 'abort') {
            req.aborted = true;
            req.emit('aborted');
            res.destroyed = true;
            res.emit('close');
            req.destroy();
          }
        });
      runCallback(() => {
        this.emit('connection', socket);
        if (this.listenerCount('request') === 0) {
          res.statusCode = 404;
          res.end();
          return;
        }
        const expect = String(req.headers.expect ?? '').toLowerCase();
        if (expect === '100-continue') {
          res[kContinue] = !!(m as any).continue;
          if (this.listenerCount('checkContinue') > 0) {
            this.emit('checkContinue', req, res);
            return;
          }
          res.writeContinue();
        } else if (expect && this.listenerCount('checkExpectation') > 0) {
          this.emit('checkExpectation', req, res);
          return;
        }
        this.emit('request', req, res);
      });
    }
  }

  function createServer(options?: any, listener?: any): Server {
    return new Server(options, listener);
  }

  class Agent extends (EventEmitter as any) {
    options: any;
    defaultPort = encrypted ? 443 : 80;
    protocol = defaultProtocol;
    maxSockets: number;
    maxFreeSockets: number;
    maxTotalSockets: number;
    keepAlive: boolean;
    keepAliveMsecs: number;
    sockets: Record<string, any[]> = Object.create(null);
    freeSockets: Record<string, any[]> = Object.create(null);
    requests: Record<string, any[]> = Object.create(null);
    constructor(options: any = {}) {
      super();
      this.options = { __proto__: null, ...options };
      if (this.options.noDelay === undefined) this.options.noDelay = true;
      this.options.path = null;
      this.keepAlive = !!options.keepAlive;
      this.keepAliveMsecs = options.keepAliveMsecs || 1000;
      this.maxSockets = options.maxSockets || Infinity;
      this.maxFreeSockets = options.maxFreeSockets || 256;
      this.maxTotalSockets = options.maxTotalSockets || Infinity;
    }

    getName(options: any = {}): string {
      let name = options.host || 'localhost';
      name += ':';
      if (options.port) name += options.port;
      name += ':';
      if (options.localAddress) name += options.localAddress;
      if (options.family === 4 || options.family === 6) name += `:${options.family}`;
      if (options.socketPath) name += `:${options.socketPath}`;
      return name;
    }

    /** Gives `req` a connection now, or queues it until one of the agent's `maxSockets` is free. */
    addRequest(req: any, options: any = {}): void {
      const name = this.getName(options);
      req[kAgentName] = name;
      const active = this.sockets[name]?.length ?? 0;
      if (active >= this.maxSockets) {
        (this.requests[name] ??= []).push(req);
        return;
      }
      const socket = this.createConnection(options);
      (this.sockets[name] ??= []).push(socket);
      req.onSocket(socket);
    }

    createConnection(options: any = {}): any {
      return fakeSocket(Number(options.port) || this.defaultPort, encrypted);
    }

    /** A request is done with its connection: hand it to the next queued request, or let it go. */
    _release(req: any): void {
      const name = req[kAgentName];
      if (name === undefined) return;
      req[kAgentName] = undefined;
      const queue = this.requests[name];
      const queued = queue ? queue.indexOf(req) : -1;
      if (queued >= 0) {
        queue!.splice(queued, 1);
        if (!queue!.length) delete this.requests[name];
        return;
      }
      const list = this.sockets[name];
      const socket = req.socket;
      const at = list ? list.indexOf(socket) : -1;
      if (at < 0) return;
      if (queue?.length && !socket.destroyed) {
        const next = queue.shift();
        if (!queue.length) delete this.requests[name];
        next[kAgentName] = name;
        next.reusedSocket = true;
        next.onSocket(socket);
        return;
      }
      list!.splice(at, 1);
      if (!list!.length) delete this.sockets[name];
      socket.destroyed = true;
      nextTick(() => socket.emit('close', false));
      // A freed slot can take a queued request of the same name.
      if (queue?.length) {
        const next = queue.shift();
        if (!queue.length) delete this.requests[name];
        this.addRequest(next, { host: next.host, port: next[kAgentPort] });
      }
    }

    destroy(): void {
      for (const set of [this.sockets, this.freeSockets]) for (const k of Object.keys(set)) for (const s of set[k]!) s.destroy();
    }
  }
  const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

  class ClientRequest extends OutgoingMessage {
    method: string;
    path: string;
    host: string;
    protocol: string;
    reusedSocket = false;
    maxHeadersCount: number | null = null;
    aborted = false;
    #port: number;
    #chunks: Uint8Array[] = [];
    #sent = false;
    #handle: LoopHandle;
    #channel: MessagePort | null = null;
    #signal: AbortSignal | undefined;
    agent: any;
    #implicit: [string, string][] = [];
    #expectContinue = false;
    #hasSocket = false;
    #wantDispatch = false;
    #ended = false;
    #local = false;
    #defaultHeaders = true;
    [kAgentName]: string | undefined;
    [kAgentPort]: number | undefined;

    constructor(input: any, options?: any, cb?: (res: IncomingMessage) => void) {
      super();
      if (typeof options === 'function') [cb, options] = [options, undefined];
      let opts: any;
      if (typeof input === 'string' || input instanceof URL) {
        const u = new URL(String(input));
        opts = { protocol: u.protocol, hostname: u.hostname, port: u.port, path: u.pathname + u.search, auth: u.username ? `${u.username}:${u.password}` : undefined, ...options };
      } else opts = { ...input, ...options };
      this.protocol = opts.protocol ?? defaultProtocol;
      this.method = String(opts.method ?? 'GET').toUpperCase();
      this.host = String(opts.hostname ?? opts.host ?? 'localhost').replace(/^\[|\]$/g, '');
      this.#port = Number(opts.port || (this.protocol === 'https:' ? 443 : 80));
      this.path = opts.path ?? '/';
      this.#signal = opts.signal;
      if (opts.headers) {
        if (Array.isArray(opts.headers)) for (let i = 0; i < opts.headers.length; i += 2) this.appendHeader(opts.headers[i], opts.headers[i + 1]);
        else for (const k of Object.keys(opts.headers)) if (opts.headers[k] !== undefined) this.setHeader(k, opts.headers[k]);
      }
      const setHost = opts.setHost ?? opts.setDefaultHeaders !== false;
      if (setHost && !this.hasHeader('host')) this.setHeader('Host', `${this.host}${opts.port ? `:${this.#port}` : ''}`);
      if (opts.auth && !this.hasHeader('authorization')) this.setHeader('Authorization', `Basic ${btoa(opts.auth)}`);
      if (cb) this.once('response', cb);
      this.#handle = createHandle(true);
      this.#signal?.addEventListener('abort', () => this.destroy(abortError()), { once: true });
      this.#expectContinue = String(this.getHeader('expect') ?? '').toLowerCase() === '100-continue';
      this.#local = ['localhost', '127.0.0.1', '::1', '0.0.0.0', '::'].includes(this.host);
      const agent = opts.agent === undefined ? (opts.createConnection ? undefined : globalAgent) : opts.agent;
      this.agent = agent || undefined;
      this.useChunkedEncodingByDefault = !['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'].includes(this.method);
      const keepAlive = !!agent && (agent.keepAlive || Number.isFinite(agent.maxSockets));
      this.#defaultHeaders = opts.setDefaultHeaders !== false;
      if (this.#defaultHeaders) this.#implicit.push(['Connection', keepAlive ? 'keep-alive' : 'close']);
      this[kAgentPort] = opts.port ? this.#port : undefined;
      // Made from a promise continuation (no callback running), a tick would wait for the
      // loop's next wake-up; drain it from a microtask then, as Node runs ticks before promises.
      queueMicrotask(() => runCallback(() => {}));
      nextTick(() => {
        if (this.destroyed) return;
        if (this.agent && typeof this.agent.addRequest === 'function')
          this.agent.addRequest(this, { host: this.host, port: this[kAgentPort], localAddress: opts.localAddress, family: opts.family });
        else this.onSocket(fakeSocket(this.#port, this.protocol === 'https:'));
      });
    }

    /** The connection for this request (from its agent, possibly after waiting in its queue). */
    onSocket(socket: any): void {
      // Set at once, so a request destroyed before the tick still gives the agent its socket back.
      this.socket = socket;
      nextTick(() => {
        if (this.destroyed) {
          this.agent?._release?.(this);
          return;
        }
        this.#hasSocket = true;
        this.emit('socket', socket);
        if (this.#expectContinue && !this.#sent) {
          if (this.#local) {
            // Node stores the head at once for Expect: 100-continue (the body follows chunked).
            if (!this.headersSent) this[kSendHead](false);
            this.#sent = true;
            void this.#dispatch();
          } else this.emit('continue');
        } else if (this.#wantDispatch) {
          this.#wantDispatch = false;
          this.#sent = true;
          void this.#dispatch();
        }
      });
    }

    /** Done with the connection (response read, or failed): the agent may hand it on. */
    #release(): void {
      this.agent?._release?.(this);
    }

    abort(): void {
      this.aborted = true;
      this.destroy();
    }

    setNoDelay(): void {}
    setSocketKeepAlive(): void {}

    protected override [kSendHead](ending: boolean): void {
      if (this.headersSent) return;
      this.headersSent = true;
      if (!this.#defaultHeaders || this.hasHeader('content-length') || this.hasHeader('transfer-encoding')) return;
      if (ending && this[kImplicitLength] !== undefined) {
        if (this[kImplicitLength] > 0 || this.useChunkedEncodingByDefault) this.#implicit.push(['Content-Length', String(this[kImplicitLength])]);
      } else if (this.useChunkedEncodingByDefault) {
        this.#implicit.push(['Transfer-Encoding', 'chunked']);
        this.chunkedEncoding = true;
      }
    }

    protected override [kSendBody](bytes: Uint8Array): void {
      if (this.#channel) this.#channel.postMessage({ t: 'body', data: bytes.slice() } satisfies WireToServer);
      else this.#chunks.push(bytes.slice());
    }

    protected override [kSendEnd](): void {
      this.#ended = true;
      if (this.#sent) {
        // Dispatched early (Expect: 100-continue): the body's end follows the head.
        this.#channel?.postMessage({ t: 'end' } satisfies WireToServer);
        return;
      }
      if (!this.#hasSocket) {
        this.#wantDispatch = true;
        return;
      }
      this.#sent = true;
      void this.#dispatch();
    }

    protected override [kAbort](): void {
      nextTick(() => this.#release());
      this.#channel?.postMessage({ t: 'abort' } satisfies WireToServer);
      this.#channel?.close();
      this.#channel = null;
      this.#handle.close();
    }

    async #dispatch(): Promise<void> {
      try {
        if (this.#local) await this.#localRequest();
        else await this.#remote();
      } catch (err) {
        this.#handle.close();
        runCallback(() => {
          this.#release();
          this.emit('error', err);
          this[kClose]();
        });
      }
    }

    async #localRequest(): Promise<void> {
      const channel = new MessageChannel();
      const meta: HttpRequestMeta = { kind: 'http', method: this.method, url: this.path, headers: this[kHeaderList](this.#implicit), origin: '' };
      // This requester understands an informational 100 head (see ServerResponse#writeContinue).
      if (this.#expectContinue) (meta as any).continue = true;
      const ok = await net.connect(this.#port, meta, channel.port2);
      if (!ok) throw connectionRefused(this.host, this.#port);
      if (this.destroyed) {
        channel.port1.postMessage({ t: 'abort' } satisfies WireToServer);
        channel.port1.close();
        return;
      }
      this.#channel = channel.port1;
      const upgrading = isUpgradeRequest(meta.headers);
      for (const chunk of this.#chunks.splice(0)) channel.port1.postMessage({ t: 'body', data: chunk } satisfies WireToServer);
      if (!upgrading && this.#ended) channel.port1.postMessage({ t: 'end' } satisfies WireToServer);
      let res: IncomingMessage | null = null;
      let raw = new Uint8Array(0);
      let lifeline: MessagePort | undefined;
      channel.port1.onmessage = (e: MessageEvent<WireToClient>) =>
        runCallback(() => {
          const msg = e.data;
          if (msg.t === 'lifeline') {
            lifeline = msg.port;
            return;
          }
          if (msg.t === 'data') {
            // The server took the upgrade: its bytes start with a raw response head.
            const joined = new Uint8Array(raw.length + msg.data.length);
            joined.set(raw);
            joined.set(msg.data, raw.length);
            raw = joined;
            const head = parseRawHead(raw);
            if (!head) return;
            const sock = new NetSocket();
            sock._attach(channel.port1, { remotePort: this.#port, localPort: ephemeralPort() });
            if (lifeline) sock._watchPeer(lifeline);
            const upgraded = new IncomingMessage(sock);
            upgraded.statusCode = head.status;
            upgraded.statusMessage = head.statusText;
            upgraded.setHeaders(head.headers);
            upgraded.upgrade = true;
            (upgraded as any).req = this;
            this.#channel = null;
            this.#handle.close();
            if (head.status === 101 && this.listenerCount('upgrade') > 0) this.emit('upgrade', upgraded, sock, Buffer.from(head.rest));
            else sock.destroy();
            return;
          }
          if (msg.t === 'fin' || msg.t === 'destroy') {
            const err = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
            this.#handle.close();
            this.emit('error', err);
            this[kClose]();
            return;
          }
          if (msg.t === 'head' && msg.status === 100) {
            this.emit('information', { statusCode: 100, statusMessage: msg.statusText, httpVersion: '1.1', httpVersionMajor: 1, httpVersionMinor: 1, headers: {}, rawHeaders: [] });
            this.emit('continue');
            return;
          }
          if (msg.t === 'head') {
            res = new IncomingMessage(fakeSocket(this.#port, false));
            res.statusCode = msg.status;
            res.statusMessage = msg.statusText;
            res.setHeaders(msg.headers);
            (res as any).req = this;
            this.emit('response', res);
            if (this.method === 'HEAD' || msg.status === 204 || msg.status === 304) this.#finishResponse(res);
          } else if (msg.t === 'body') res?.push(Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength));
          else if (msg.t === 'end') {
            if (res) this.#finishResponse(res);
          } else if (msg.t === 'error') {
            const err = Object.assign(new Error(msg.message === 'socket hang up' ? 'socket hang up' : msg.message), { code: 'ECONNRESET' });
            this.#handle.close();
            if (res) res.destroy(err);
            else this.emit('error', err);
            this[kClose]();
          }
        });
    }

    #finishResponse(res: IncomingMessage): void {
      if (res.complete) return;
      res.complete = true;
      res.push(null);
      this.#channel?.close();
      this.#channel = null;
      this.#handle.close();
      res.once('end', () => nextTick(() => {
        this.#release();
        this[kClose]();
      }));
    }

    async #remote(): Promise<void> {
      const url = `${this.protocol}//${this.host}${this.#port === (this.protocol === 'https:' ? 443 : 80) ? '' : `:${this.#port}`}${this.path}`;
      const body = this.#chunks.length ? new Blob(this.#chunks as BlobPart[]) : undefined;
      const headers = this[kHeaderList]([]).filter(([k]) => !['host', 'connection', 'content-length', 'transfer-encoding'].includes(k.toLowerCase()));
      let response: Response;
      try {
        response = await fetch(url, { method: this.method, headers, body, signal: this.#signal, redirect: 'manual' });
      } catch (err) {
        const e = new Error(`getaddrinfo ENOTFOUND ${this.host} (the browser's fetch failed: ${(err as Error).message}; cross-origin requests need CORS)`) as Error & Record<string, unknown>;
        Object.assign(e, { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname: this.host });
        throw e;
      }
      const res = new IncomingMessage(fakeSocket(this.#port, this.protocol === 'https:'));
      res.statusCode = response.status;
      res.statusMessage = response.statusText || STATUS_CODES[response.status] || '';
      res.setHeaders([...response.headers]);
      (res as any).req = this;
      runCallback(() => this.emit('response', res));
      if (response.body) {
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          runCallback(() => res.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength)));
        }
      }
      runCallback(() => this.#finishResponse(res));
    }
  }

  function request(input: any, options?: any, cb?: any): ClientRequest {
    return new ClientRequest(input, options, cb);
  }

  function get(input: any, options?: any, cb?: any): ClientRequest {
    const req = request(input, options, cb);
    req.end();
    return req;
  }

  return {
    STATUS_CODES, METHODS, Server: callableClass(Server), createServer, request, get, Agent: callableClass(Agent), globalAgent,
    ClientRequest, IncomingMessage: CallableIncomingMessage, OutgoingMessage: CallableOutgoingMessage, ServerResponse: CallableServerResponse, validateHeaderName, validateHeaderValue, maxHeaderSize: 16384,
    setMaxIdleHTTPParsers() {},
  };
}

// Node's http constructors work without `new` too.
const CallableIncomingMessage = callableClass(IncomingMessage);
const CallableOutgoingMessage = callableClass(OutgoingMessage);
const CallableServerResponse = callableClass(ServerResponse);

function abortError(): Error {
  const err = new Error('The operation was aborted') as Error & { code: string };
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  return err;
}

function lazyPorts(net: NetHost): () => PortHandlers {
  let ports: PortHandlers | undefined;
  return () => (ports ??= portHandlersFor(net));
}
