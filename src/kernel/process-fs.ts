/**
 * A process's handle on the VFS. With shared memory it attaches to the
 * kernel's memory; without, it works on a private copy of the bytes the kernel
 * sent at start. Either way mutations are logged and sent to the kernel
 * (batched per microtask, and always before a child is spawned or the process
 * exits): in full without shared memory, so the kernel can replay them, and as
 * path-only notices with shared memory, for watchers. Without shared memory
 * the kernel also forwards every other writer's mutations (applyRemote).
 */
import { Vfs, type VfsOp } from '../fs/vfs.js';
import type { FsAttach } from './protocol.js';

export class ProcessFs {
  readonly vfs: Vfs;
  readonly shared: boolean;
  readonly #send: (ops: unknown[]) => void;
  #scheduled = false;

  constructor(attach: FsAttach, send: (ops: unknown[]) => void) {
    this.shared = !!attach.memory;
    this.#send = send;
    // With shared memory the kernel sees the bytes already: log paths only.
    if (attach.memory) this.vfs = Vfs.attach(attach.module, attach.memory, { log: true, logData: false });
    else {
      const bytes = new Uint8Array(attach.bytes!);
      const memory = Vfs.createMemory(false, Math.ceil(bytes.length / 65536));
      new Uint8Array(memory.buffer).set(bytes);
      this.vfs = Vfs.attach(attach.module, memory, { log: true });
    }
  }

  /** Call after any mutating VFS call; the log goes out once the current task's sync work is done. */
  changed(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => this.flush());
  }

  /**
   * Without shared memory: another process's (or runtime.fs's) mutations,
   * forwarded by the kernel, replayed on this copy so that a running process
   * sees edits made elsewhere (a dev server, an editor saving through
   * runtime.fs). This process's own pending log goes out first, keeping the
   * order the kernel replays in close to the order things happened.
   */
  applyRemote(ops: unknown[]): void {
    if (this.shared) return;
    this.flush();
    this.vfs.apply(ops as VfsOp[]);
  }

  flush(): void {
    this.#scheduled = false;
    const ops = this.vfs.takeLog();
    if (!ops.length) return;
    this.#send(ops);
  }
}
