/**
 * Which process listens on which runtime port. `listen(0)` picks a free port
 * from the ephemeral range, as Linux does; a taken port is EADDRINUSE.
 */
const EPHEMERAL_LOW = 32768;
const EPHEMERAL_HIGH = 60999;

export class PortTable {
  readonly #owners = new Map<number, number>();

  /** Binds `port` (0 = any free one) to `pid`; returns the port or an errno name. */
  bind(port: number, pid: number): number | 'EADDRINUSE' | 'EACCES' {
    if (!Number.isInteger(port) || port < 0 || port > 65535) return 'EACCES';
    if (port === 0) {
      for (let tries = 0; tries < 1000; tries++) {
        const p = EPHEMERAL_LOW + Math.floor(Math.random() * (EPHEMERAL_HIGH - EPHEMERAL_LOW));
        if (!this.#owners.has(p)) {
          this.#owners.set(p, pid);
          return p;
        }
      }
      return 'EADDRINUSE';
    }
    if (this.#owners.has(port)) return 'EADDRINUSE';
    this.#owners.set(port, pid);
    return port;
  }

  release(port: number, pid: number): boolean {
    if (this.#owners.get(port) !== pid) return false;
    this.#owners.delete(port);
    return true;
  }

  /** Ports a process held; they are freed when it exits. */
  releaseAll(pid: number): number[] {
    const freed: number[] = [];
    for (const [port, owner] of this.#owners) if (owner === pid) freed.push(port);
    for (const port of freed) this.#owners.delete(port);
    return freed;
  }

  owner(port: number): number | undefined {
    return this.#owners.get(port);
  }
}
