/**
 * A process's file-descriptor table: small integers (0–2 are stdio, files
 * from 3 up, lowest free first as open(2) does) mapped to open VFS inodes with
 * their access mode, O_APPEND and file position. The VFS does not enforce
 * access modes (vfs.ts `open`); this table does, returning EBADF like Linux.
 */

/** One open file description. */
export interface OpenFile {
  ino: number;
  /** The O_* flags it was opened with. */
  flags: number;
  /** Current position for reads/writes without an explicit position. */
  position: number;
  /** Absolute path it was opened by (for watch notices). */
  path: string;
  readable: boolean;
  writable: boolean;
  append: boolean;
  isDir: boolean;
  /**
   * Set on a descriptor the runtime holds for itself, as libuv does when
   * Node first opens a stdio stream (ino 0: no VFS inode behind it).
   */
  internal?: true;
}

/** Linux's default soft RLIMIT_NOFILE. */
export const FD_LIMIT = 1024;

export class FdTable {
  readonly #files = new Map<number, OpenFile>();
  readonly limit: number;

  constructor(limit = FD_LIMIT) {
    this.limit = limit;
  }

  /** Lowest free fd ≥ 3, or -EMFILE. */
  add(file: OpenFile): number {
    for (let fd = 3; fd < this.limit; fd++) {
      if (!this.#files.has(fd)) {
        this.#files.set(fd, file);
        return fd;
      }
    }
    return -24;
  }

  get(fd: number): OpenFile | undefined {
    return this.#files.get(fd);
  }

  delete(fd: number): OpenFile | undefined {
    const f = this.#files.get(fd);
    this.#files.delete(fd);
    return f;
  }

  /** Open fds (for closing everything at exit). */
  fds(): number[] {
    return [...this.#files.keys()];
  }
}
