/**
 * The kernel's process table: one entry per live process, as `ps` shows it.
 */

export type ProcessState = 'starting' | 'running' | 'exited';

export interface ProcessEntry {
  pid: number;
  ppid: number;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  state: ProcessState;
  exitCode: number | null;
  startedAt: number;
  worker: Worker | null;
  /** Signals the process has listeners for; others take their default action (death). */
  handled: Set<string>;
  /** Who learns of the exit: the facade (pid 0) or the parent process's worker. */
  onExit: (code: number, pid: number, signal?: string) => void;
  /**
   * Set for a Node worker thread: `pid` is then a kernel-internal key (negative),
   * `of` the process it belongs to, `by` the key of the thread that started it.
   * Threads are not in the table (`ps`).
   */
  thread?: { of: number; threadId: number; by: number };
}

export class ProcessTable {
  readonly #entries = new Map<number, ProcessEntry>();
  #nextPid = 100;

  allocatePid(): number {
    return this.#nextPid++;
  }

  add(entry: ProcessEntry): void {
    this.#entries.set(entry.pid, entry);
  }

  get(pid: number): ProcessEntry | undefined {
    return this.#entries.get(pid);
  }

  remove(pid: number): void {
    this.#entries.delete(pid);
  }

  list(): ProcessEntry[] {
    return [...this.#entries.values()];
  }
}
