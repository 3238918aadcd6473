/**
 * What the process worker gives the network modules (http, https, net): the
 * kernel's port table and connections. One connection handler per process
 * dispatches to whichever server listens on the connection's port.
 */
import type { ConnectionMeta } from '../../internal/http-wire.js';

export interface NetHost {
  listen(port: number): Promise<number>;
  unlisten(port: number): void;
  connect(port: number, meta: ConnectionMeta, channel: MessagePort): Promise<boolean>;
  /** Installs the process's single connection handler. */
  onConnection(handler: (port: number, meta: ConnectionMeta, channel: MessagePort) => void): void;
}

type Handler = (meta: ConnectionMeta, channel: MessagePort) => void;

export class PortHandlers {
  readonly #handlers = new Map<number, Handler>();

  constructor(host: NetHost) {
    host.onConnection((port, meta, channel) => {
      const handler = this.#handlers.get(port);
      if (handler) handler(meta, channel);
      else {
        channel.postMessage({ t: 'error', message: `no server is listening on port ${port}`, code: 'ECONNREFUSED' });
        channel.close();
      }
    });
  }

  set(port: number, handler: Handler): void {
    this.#handlers.set(port, handler);
  }

  delete(port: number): void {
    this.#handlers.delete(port);
  }
}

const registries = new WeakMap<NetHost, PortHandlers>();

/** The one PortHandlers of a process's NetHost, shared by http, https and net. */
export function portHandlersFor(host: NetHost): PortHandlers {
  let p = registries.get(host);
  if (!p) registries.set(host, (p = new PortHandlers(host)));
  return p;
}

/** Node-style error with a `code`, e.g. ERR_INVALID_HTTP_TOKEN. */
export function codedError<T extends Error>(Ctor: new (message: string) => T, code: string, message: string): T & { code: string } {
  const err = new Ctor(message) as T & { code: string };
  err.code = code;
  Object.defineProperty(err, 'name', { value: `${Ctor.name}`, enumerable: false, configurable: true });
  err.stack = `${Ctor.name} [${code}]: ${message}${err.stack?.slice(err.stack.indexOf('\n')) ?? ''}`;
  return err;
}

/** `connect ECONNREFUSED 127.0.0.1:3000`, as Node reports a refused connection. */
export function connectionRefused(host: string, port: number): Error {
  const address = host === 'localhost' ? '127.0.0.1' : host;
  const err = new Error(`connect ECONNREFUSED ${address}:${port}`) as Error & Record<string, unknown>;
  Object.assign(err, { errno: -111, code: 'ECONNREFUSED', syscall: 'connect', address, port });
  return err;
}
