/**
 * `net`: TCP-style servers and sockets between the runtime's processes. A
 * server listens on a runtime port (the kernel's port table, shared with
 * `http`); `net.connect(port)` asks the kernel for a connection of kind 'net'
 * and both ends get a byte stream over a MessagePort (src/node/internal/
 * net-socket.ts). A browser tab has no raw sockets, so connecting to a host
 * outside the runtime fails at once with a clear error.
 * https://nodejs.org/api/net.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import EventEmitter from './events.js';
import { createHandle, runCallback, nextTick, type LoopHandle } from './internal/loop.js';
import { codedError, connectionRefused, portHandlersFor, type NetHost } from './internal/net-host.js';
import { Socket, ephemeralPort } from './internal/net-socket.js';
import type { ConnectionMeta, NetConnectionMeta } from '../internal/http-wire.js';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0', '::', '']);

export function isIPv4(input: unknown): boolean {
  return typeof input === 'string' && /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(input);
}

export function isIPv6(input: unknown): boolean {
  if (typeof input !== 'string' || !input.includes(':')) return false;
  try {
    new URL(`http://[${input}]/`);
    return true;
  } catch {
    return false;
  }
}

export function isIP(input: unknown): 0 | 4 | 6 {
  return isIPv4(input) ? 4 : isIPv6(input) ? 6 : 0;
}

/** The error for hosts outside the runtime. */
export function outsideHostError(host: string, port: number): Error {
  const err = new Error(
    `connect ENETUNREACH ${host}:${port} - Verklet: a browser tab cannot open TCP connections; net.connect reaches only servers inside this runtime (localhost). Use fetch or http(s) for outside hosts.`,
  ) as Error & Record<string, unknown>;
  Object.assign(err, { errno: -101, code: 'ENETUNREACH', syscall: 'connect', address: host, port });
  return err;
}

function normalizeConnectArgs(args: any[]): [any, ((...a: any[]) => void) | undefined] {
  const cb = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
  const first = args[0];
  if (first !== null && typeof first === 'object') return [{ ...first }, cb];
  if (typeof first === 'string' && !/^\d+$/.test(first)) return [{ path: first }, cb];
  return [{ port: first, host: typeof args[1] === 'string' ? args[1] : undefined }, cb];
}

export function createNetModule(host: NetHost): any {
  const ports = () => portHandlersFor(host);

  class NetSocket extends Socket {
    connect(...args: any[]): this {
      const [opts, cb] = normalizeConnectArgs(args);
      if (cb) this.once('connect', cb);
      if (opts.path !== undefined) {
        const err = Object.assign(new Error(`connect ENOENT ${opts.path} - Verklet: IPC sockets are not available`), { code: 'ENOENT', syscall: 'connect', address: opts.path });
        nextTick(() => this.destroy(err));
        return this;
      }
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw codedError(RangeError, 'ERR_SOCKET_BAD_PORT', `Port should be >= 0 and < 65536. Received ${String(opts.port)}.`);
      const hostname = String(opts.host ?? 'localhost').replace(/^\[|\]$/g, '');
      this._host = hostname;
      this.connecting = true;
      if (opts.timeout) this.setTimeout(opts.timeout);
      if (!LOCAL_HOSTS.has(hostname)) {
        nextTick(() => this.destroy(outsideHostError(hostname, port)));
        return this;
      }
      const keepAlive: LoopHandle = createHandle(true);
      const channel = new MessageChannel();
      const meta: NetConnectionMeta = { kind: 'net', origin: '' };
      host.connect(port, meta, channel.port2).then(
        (ok) =>
          runCallback(() => {
            keepAlive.close();
            if (this.destroyed) {
              channel.port1.close();
              return;
            }
            if (!ok) {
              channel.port1.close();
              this.destroy(connectionRefused(hostname, port));
              return;
            }
            this._attach(channel.port1, { remotePort: port, localPort: ephemeralPort() });
            this.emit('connect');
            this.emit('ready');
          }),
        (err) => runCallback(() => {
          keepAlive.close();
          this.destroy(err);
        }),
      );
      return this;
    }
  }

  class Server extends (EventEmitter as any) {
    declare emit: (event: string, ...args: any[]) => boolean;
    declare once: (event: string, fn: (...args: any[]) => void) => this;
    declare on: (event: string, fn: (...args: any[]) => void) => this;
    listening = false;
    maxConnections: number | undefined = undefined;
    #port: number | null = null;
    #handle: LoopHandle | null = null;
    #refed = true;
    #connections = new Set<Socket>();
    #allowHalfOpen: boolean;
    #pauseOnConnect: boolean;
    #closeWaiting = false;

    constructor(options?: any, listener?: (socket: Socket) => void) {
      super();
      if (typeof options === 'function') [listener, options] = [options, undefined];
      this.#allowHalfOpen = !!options?.allowHalfOpen;
      this.#pauseOnConnect = !!options?.pauseOnConnect;
      if (listener) this.on('connection', listener);
    }

    listen(...args: any[]): this {
      const cb = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
      let port: any = args[0];
      if (port && typeof port === 'object') {
        if (port.path !== undefined) throw codedError(Error, 'ERR_VERKLET_UNSUPPORTED', 'Verklet: listening on IPC paths is not available');
        port = port.port;
      }
      port = port === undefined || port === null ? 0 : Number(port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw codedError(RangeError, 'ERR_SOCKET_BAD_PORT', `options.port should be >= 0 and < 65536. Received ${String(args[0])}.`);
      if (this.listening || this.#handle) throw codedError(Error, 'ERR_SERVER_ALREADY_LISTEN', 'Listen method has been called more than once without closing.');
      if (cb) this.once('listening', cb);
      this.#handle = createHandle(this.#refed);
      host.listen(port).then(
        (bound) => {
          this.#port = bound;
          this.listening = true;
          ports().set(bound, (meta, channel) => runCallback(() => this.#accept(meta, channel)));
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

    #accept(meta: ConnectionMeta, channel: MessagePort): void {
      if (meta.kind !== 'net') {
        // An HTTP request (preview, fetchPreview) to a raw TCP server: no HTTP parser here.
        channel.postMessage({ t: 'error', message: `port ${this.#port} is a raw TCP (net) server, not an HTTP server`, code: 'EPROTO' });
        channel.close();
        return;
      }
      if (this.maxConnections !== undefined && this.#connections.size >= this.maxConnections) {
        channel.postMessage({ t: 'destroy' });
        channel.close();
        return;
      }
      const socket = new Socket({ allowHalfOpen: this.#allowHalfOpen });
      socket.server = this;
      socket._attach(channel, { remotePort: ephemeralPort(), localPort: this.#port ?? 0 });
      if (meta.lifeline) socket._watchPeer(meta.lifeline);
      if (this.#pauseOnConnect) socket.pause();
      this.#connections.add(socket);
      socket.once('close', () => {
        this.#connections.delete(socket);
        this.#maybeClosed();
      });
      this.emit('connection', socket);
    }

    #maybeClosed(): void {
      if (this.#closeWaiting && this.#connections.size === 0) {
        this.#closeWaiting = false;
        nextTick(() => this.emit('close'));
      }
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
        host.unlisten(this.#port);
      }
      this.#port = null;
      this.#handle?.close();
      this.#handle = null;
      // Node emits 'close' once every connection has ended.
      this.#closeWaiting = true;
      this.#maybeClosed();
      return this;
    }

    getConnections(cb: (err: null, n: number) => void): this {
      nextTick(() => cb(null, this.#connections.size));
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

    [Symbol.asyncDispose](): Promise<void> {
      return new Promise((resolve) => this.close(() => resolve()));
    }
  }

  function createServer(options?: any, listener?: any): Server {
    return new Server(options, listener);
  }

  function connect(...args: any[]): NetSocket {
    const [opts] = normalizeConnectArgs([...args]);
    const socket = new NetSocket({ allowHalfOpen: opts.allowHalfOpen });
    return socket.connect(...args);
  }

  let autoSelectFamily = true;
  let autoSelectFamilyAttemptTimeout = 250;

  return {
    Socket: NetSocket,
    Stream: NetSocket,
    Server,
    createServer,
    connect,
    createConnection: connect,
    isIP,
    isIPv4,
    isIPv6,
    getDefaultAutoSelectFamily: () => autoSelectFamily,
    setDefaultAutoSelectFamily: (v: boolean) => void (autoSelectFamily = !!v),
    getDefaultAutoSelectFamilyAttemptTimeout: () => autoSelectFamilyAttemptTimeout,
    setDefaultAutoSelectFamilyAttemptTimeout: (v: number) => void (autoSelectFamilyAttemptTimeout = v),
  };
}
