/**
 * `net.Socket`: a Duplex over a MessagePort carrying NetWire messages
 * (src/internal/http-wire.ts). The same class backs sockets of `net`
 * connections between processes and the raw socket an HTTP server gets for an
 * `upgrade`. Semantics follow Node: `end()` half-closes (the peer sees 'end'),
 * with `allowHalfOpen` false a socket ends its side when the peer's ends,
 * `destroy()` resets (the peer sees ECONNRESET), 'close' comes last with
 * `hadError`.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Duplex } from '../stream.js';
import { Buffer } from '../buffer.js';
import { createHandle, runCallback, nextTick, type LoopHandle } from './loop.js';
import type { NetWire } from '../../internal/http-wire.js';

let nextEphemeral = 50000;

export function ephemeralPort(): number {
  if (nextEphemeral > 65000) nextEphemeral = 50000;
  return nextEphemeral++;
}

export function resetError(message = 'read ECONNRESET'): Error {
  const err = new Error(message) as Error & Record<string, unknown>;
  Object.assign(err, { errno: -104, code: 'ECONNRESET', syscall: 'read' });
  return err;
}

export class Socket extends (Duplex as any) {
  declare emit: (event: string, ...args: any[]) => boolean;
  declare on: (event: string, fn: (...args: any[]) => void) => this;
  declare once: (event: string, fn: (...args: any[]) => void) => this;
  declare push: (chunk: any) => boolean;
  declare read: (n?: number) => any;
  declare destroy: (err?: Error) => this;
  declare destroyed: boolean;
  declare writable: boolean;
  declare readable: boolean;
  connecting = false;
  remoteAddress: string | undefined = undefined;
  remotePort: number | undefined = undefined;
  remoteFamily: string | undefined = undefined;
  localAddress: string | undefined = undefined;
  localPort: number | undefined = undefined;
  bytesRead = 0;
  #bytesWritten = 0;
  #channel: MessagePort | null = null;
  #handle: LoopHandle | null = null;
  #refed = true;
  #timeout = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #peerReset = false;
  #peerGone = false;
  #lifeline: MessagePort | null = null;
  #finSent = false;
  #reset = false;
  #pendingWrites: [Uint8Array, () => void][] = [];
  server: any = null;
  _host: string | null = null;

  constructor(options: any = {}) {
    super({ allowHalfOpen: !!options.allowHalfOpen, emitClose: false, decodeStrings: true, autoDestroy: true });
  }

  /** Binds the socket to a wire; `remotePort` is what the peer appears as. */
  _attach(channel: MessagePort, info: { remotePort: number; localPort: number }): void {
    this.#channel = channel;
    this.remoteAddress = '127.0.0.1';
    this.remoteFamily = 'IPv4';
    this.remotePort = info.remotePort;
    this.localAddress = '127.0.0.1';
    this.localPort = info.localPort;
    this.connecting = false;
    this.#handle ??= createHandle(this.#refed);
    channel.onmessage = (e: MessageEvent<NetWire>) => runCallback(() => this.#onWire(e.data));

    for (const [data, cb] of this.#pendingWrites.splice(0)) {
      this.#send({ t: 'data', data });
      cb();
    }
    this.#touch();
  }

  /** Bytes that arrived before the socket existed (an upgrade's leftover). */
  _unshiftBytes(bytes: Uint8Array): void {
    if (bytes.length) this.push(Buffer.from(bytes));
  }

  /** The kernel's word that the peer's process exited (see lifelinesFor in http-wire.ts). */
  _watchPeer(line: MessagePort): void {
    this.#lifeline = line;
    line.onmessage = (e: MessageEvent<{ t?: string }>) =>
      runCallback(() => {
        if (e.data?.t !== 'peer-exit' || this.destroyed) return;
        // Its fds closed: a FIN; anything still to write would fail with EPIPE.
        this.#peerGone = true;
        if (!this.readableEnded) this.#onWire({ t: 'fin' });
        if (this.writableFinished || this.writableEnded) return;
        this.end();
      });
  }

  #onWire(msg: NetWire): void {
    if (msg.t === 'lifeline') {
      this._watchPeer(msg.port);
      return;
    }
    if (this.destroyed) return;
    this.#touch();
    if (msg.t === 'data') {
      this.bytesRead += msg.data.byteLength;
      this.push(Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength));
    } else if (msg.t === 'fin') {
      // As Node's net does on EOF: read(0) lets 'end' fire even if nobody reads.
      this.push(null);
      this.read(0);
    }
    else if (msg.t === 'destroy') {
      this.#peerReset = true;
      this.destroy(resetError());
    }
  }

  #send(msg: NetWire): void {
    try {
      if (msg.t === 'data') this.#channel?.postMessage(msg, [msg.data.buffer]);
      else this.#channel?.postMessage(msg);
    } catch {
      // The peer is gone; the port will close with the socket.
    }
  }

  _read(): void {}

  _write(chunk: any, encoding: any, cb: (err?: Error) => void): void {
    const bytes: Uint8Array = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    this.#bytesWritten += copy.byteLength;
    this.#touch();
    if (!this.#channel) {
      this.#pendingWrites.push([copy, () => cb()]);
      return;
    }
    this.#send({ t: 'data', data: copy });
    cb();
  }

  _final(cb: (err?: Error) => void): void {
    if (!this.#channel) {
      this.once('connect', () => {
        this.#finSent = true;
        this.#send({ t: 'fin' });
        cb();
      });
      return;
    }
    this.#finSent = true;
    this.#send({ t: 'fin' });
    cb();
  }

  _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    // As a closed fd does: the peer sees 'end' (FIN), or ECONNRESET after resetAndDestroy (RST).
    if (!this.#peerReset && (this.#reset || !this.#finSent)) this.#send(this.#reset ? { t: 'destroy' } : { t: 'fin' });
    this.#channel?.close();
    this.#channel = null;
    if (!this.#peerGone) this.#lifeline?.postMessage('done');
    this.#lifeline?.close();
    this.#lifeline = null;
    this.#handle?.close();
    this.#handle = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.connecting = false;
    cb(err);
    nextTick(() => this.emit('close', !!err));
  }

  get bytesWritten(): number {
    return this.#bytesWritten;
  }

  get pending(): boolean {
    return !this.#channel;
  }

  get readyState(): string {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable && !this.writable) return 'readOnly';
    if (!this.readable && this.writable) return 'writeOnly';
    return 'closed';
  }

  get bufferSize(): number {
    return this.writableLength;
  }

  get timeout(): number {
    return this.#timeout;
  }

  address(): { address: string; family: string; port: number } | Record<string, never> {
    return this.localPort === undefined ? {} : { address: '127.0.0.1', family: 'IPv4', port: this.localPort };
  }

  setTimeout(ms: number, cb?: () => void): this {
    this.#timeout = ms;
    if (cb) ms === 0 ? this.removeListener('timeout', cb) : this.once('timeout', cb);
    this.#touch();
    return this;
  }

  #touch(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#timeout > 0 && !this.destroyed)
      this.#timer = setTimeout(() => runCallback(() => this.emit('timeout')), this.#timeout);
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
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

  resetAndDestroy(): this {
    this.#reset = true;
    return this.destroy();
  }

  /** Test hook for the handle: whether the socket keeps the process alive. */
  _hasRef(): boolean {
    return !!this.#handle?.hasRef();
  }

  declare removeListener: (event: string, fn: (...args: any[]) => void) => this;
  declare writableFinished: boolean;
  declare readableEnded: boolean;
  declare writableLength: number;
}
