/**
 * The terminal line discipline of a shell process that owns a TTY (Verklet
 * has no kernel tty: the terminal element sends keystrokes raw, so this layer
 * does what Linux's n_tty would do for the shell and its foreground job).
 *
 * Two modes:
 *  - raw: the interactive shell's line editor reads keys (`readKeys`) and does
 *    its own echo and editing;
 *  - cooked (canonical, with echo): while a foreground job runs. Typed
 *    characters are echoed, Backspace/Ctrl+U/Ctrl+W edit the pending line,
 *    Enter delivers the line (with `\n`) to the job's stdin, Ctrl+D delivers
 *    the pending text or, on an empty line, end-of-file (once), and Ctrl+C
 *    discards pending input and interrupts the foreground job (the innermost
 *    handler pushed with `pushInterrupt`). Other control characters are
 *    echoed as `^X` (ECHOCTL), so an arrow key shows as `^[[A`.
 *
 * Input typed ahead while a job runs that the job did not read goes back to
 * the line editor afterwards, as a real shell would read it.
 */
import type { ShellSink, ShellStream } from '../shell-system.js';
import { isWide } from './prompt.js';

/** What the host (the process running the shell) tells the shell about its terminal. */
export interface ShellTerminal {
  cols: number;
  rows: number;
  /** Registers the listener for terminal resizes. */
  onResize?(listener: (size: { cols: number; rows: number }) => void): void;
  /** Registers the listener for SIGINT delivered to the shell process itself (e.g. `interrupt()` on the element). */
  onInterrupt?(listener: () => void): void;
  /** Command names the host can run (for Tab completion). */
  commands?(): string[];
}

const enc = new TextEncoder();

interface Waiter {
  resolve: (chunk: Uint8Array | null) => void;
  /** Survives an interrupt (a child process's stdin pump: the child decides what SIGINT means). */
  persistent: boolean;
}

/** The stdin of a foreground job: cooked lines from the TTY. */
export class JobStream implements ShellStream {
  readonly isTTY = true;
  closed = false;
  waiters: Waiter[] = [];
  constructor(readonly tty: Tty) {}
  read(): Promise<Uint8Array | null> {
    return this.tty.readJob(this, false);
  }
  /** Like `read`, but not ended by Ctrl+C (used to forward stdin to a child process). */
  readPersistent(): Promise<Uint8Array | null> {
    return this.tty.readJob(this, true);
  }
}

export class Tty {
  cols: number;
  rows: number;
  readonly terminal: ShellTerminal;
  /** Raw mode: keys go to `readKeys` unprocessed. */
  #raw = false;
  /** Raw input not yet consumed by the line editor. */
  #pending = '';
  #keyWaiter: (() => void) | null = null;
  #inputEnded = false;
  /** Cooked mode: the line being typed, and completed input not yet read (null = EOF). */
  #line = '';
  #ready: (string | null)[] = [];
  #jobs: JobStream[] = [];
  #interrupts: (() => void)[] = [];
  #resizeListeners = new Set<() => void>();
  #started = false;
  /** The last byte written to the terminal, and whether output since `markPrompt` may have changed terminal modes. */
  lastByte = 10;
  dirty = false;
  readonly out: ShellSink;

  constructor(
    private readonly input: ShellStream,
    out: ShellSink,
    terminal: ShellTerminal,
    raw = false,
  ) {
    this.#raw = raw;
    this.terminal = terminal;
    this.cols = terminal.cols > 0 ? terminal.cols : 80;
    this.rows = terminal.rows > 0 ? terminal.rows : 24;
    this.out = this.track(out);
    terminal.onResize?.((size) => {
      if (size.cols > 0) this.cols = size.cols;
      if (size.rows > 0) this.rows = size.rows;
      for (const l of this.#resizeListeners) l();
    });
    terminal.onInterrupt?.(() => this.interrupt(false));
  }

  /** A sink that records what reaches the terminal (so the prompt can start on a fresh line). */
  track(sink: ShellSink): ShellSink {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const tty = this;
    return {
      isTTY: sink.isTTY ?? true,
      get columns() {
        return tty.cols;
      },
      write(chunk: Uint8Array) {
        tty.note(chunk);
        return sink.write(chunk);
      },
    };
  }

  note(chunk: Uint8Array): void {
    if (!chunk.length) return;
    this.lastByte = chunk[chunk.length - 1]!;
    if (!this.dirty && (chunk.includes(0x1b) || chunk.includes(0x0e))) this.dirty = true;
  }

  onResize(listener: () => void): () => void {
    this.#resizeListeners.add(listener);
    return () => this.#resizeListeners.delete(listener);
  }

  /** Writes text to the terminal (not awaited: order is kept by the sink). */
  write(text: string): void {
    if (!text) return;
    // The shell's own output (prompt colours) does not count as a job changing terminal modes.
    const dirty = this.dirty;
    this.out.write(enc.encode(text)).catch(() => {});
    this.dirty = dirty;
  }

  /** Starts pumping the raw input (once). */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    const dec = new TextDecoder();
    void (async () => {
      for (;;) {
        let chunk: Uint8Array | null;
        try {
          chunk = await this.input.read();
        } catch {
          chunk = null;
        }
        if (chunk === null) {
          const tail = dec.decode();
          if (tail) this.#feed(tail);
          this.#inputEnded = true;
          this.#keyWaiter?.();
          this.#ready.push(null);
          this.#deliver();
          for (const j of this.#jobs) for (const w of j.waiters.splice(0)) w.resolve(null);
          return;
        }
        const text = dec.decode(chunk, { stream: true });
        if (text) this.#feed(text);
      }
    })();
  }

  get raw(): boolean {
    return this.#raw;
  }

  /** Switches between raw (line editor) and cooked (foreground job) mode. */
  setRaw(raw: boolean): void {
    if (raw === this.#raw) return;
    this.#raw = raw;
    if (raw) {
      // Typeahead nobody read goes back to the editor.
      // (An end-of-file nobody read is a Ctrl+D again.)
      const left = this.#ready.map((s) => s ?? '\x04').join('') + this.#line;
      this.#ready = [];
      this.#line = '';
      if (left) this.#pending = left + this.#pending;
      if (this.#pending) this.#keyWaiter?.();
    } else if (this.#pending) {
      const p = this.#pending;
      this.#pending = '';
      this.#cook(p);
    }
  }

  /** Raw mode: resolves to the keys typed so far (at least one), or null at end of input. */
  async readKeys(): Promise<string | null> {
    for (;;) {
      if (this.#pending) {
        const p = this.#pending;
        this.#pending = '';
        return p;
      }
      if (this.#inputEnded) return null;
      await new Promise<void>((r) => (this.#keyWaiter = r));
      this.#keyWaiter = null;
    }
  }

  /** Gives keys back (typed ahead of a completed line). */
  unreadKeys(keys: string): void {
    if (!keys) return;
    if (this.#raw) this.#pending = keys + this.#pending;
    else this.#cook(keys);
  }

  /** Opens the stdin stream of a new foreground job. */
  openJob(): JobStream {
    const j = new JobStream(this);
    this.#jobs.push(j);
    return j;
  }

  /** Ends a job's stdin: its pending and later reads see end-of-file. */
  closeJob(j: JobStream): void {
    j.closed = true;
    for (const w of j.waiters.splice(0)) w.resolve(null);
    this.#jobs = this.#jobs.filter((x) => x !== j);
    this.#deliver();
  }

  /** Sets the handler Ctrl+C calls until `popInterrupt` (innermost wins). */
  pushInterrupt(handler: () => void): void {
    this.#interrupts.push(handler);
  }

  popInterrupt(handler: () => void): void {
    const i = this.#interrupts.lastIndexOf(handler);
    if (i >= 0) this.#interrupts.splice(i, 1);
  }

  readJob(j: JobStream, persistent: boolean): Promise<Uint8Array | null> {
    if (j.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      j.waiters.push({ resolve, persistent });
      this.#deliver();
    });
  }

  /** SIGINT: from Ctrl+C typed in cooked mode (echoed), or a signal sent to the shell process. */
  interrupt(echo: boolean): void {
    if (this.#raw) {
      // At the prompt: the editor treats it as Ctrl+C.
      this.#pending += '\x03';
      this.#keyWaiter?.();
      return;
    }
    if (echo) this.write('^C');
    this.#line = '';
    this.#ready = [];
    // In-process readers (cat, read) stop; a child's stdin stays open.
    for (const j of this.#jobs) {
      const keep: Waiter[] = [];
      for (const w of j.waiters) (w.persistent ? keep.push(w) : w.resolve(null));
      j.waiters = keep;
    }
    this.#interrupts[this.#interrupts.length - 1]?.();
  }

  #current(): JobStream | undefined {
    return this.#jobs[this.#jobs.length - 1];
  }

  #deliver(): void {
    const j = this.#current();
    if (!j) return;
    // Newest reader first: an older read still pending is usually a stdin pump
    // whose child has exited (it hands what it gets back with `unread`).
    while (j.waiters.length && this.#ready.length) {
      const next = this.#ready.shift()!;
      j.waiters.pop()!.resolve(next === null ? null : enc.encode(next));
    }
  }

  #feed(text: string): void {
    if (this.#raw) {
      this.#pending += text;
      this.#keyWaiter?.();
    } else this.#cook(text);
  }

  #echoWidth(ch: string): number {
    const c = ch.codePointAt(0)!;
    return c < 0x20 || c === 0x7f || isWide(c) ? 2 : 1;
  }

  /** The canonical-mode line discipline. */
  #cook(text: string): void {
    let echo = '';
    const flush = () => {
      if (echo) this.write(echo);
      echo = '';
    };
    for (const ch of text) {
      if (this.#raw) {
        // The job ended mid-chunk and the editor took over (not expected, but keep the rest).
        this.#pending += ch;
        continue;
      }
      switch (ch) {
        case '\x03':
          flush();
          this.interrupt(true);
          continue;
        case '\x04':
          flush();
          this.#ready.push(this.#line === '' ? null : this.#line);
          this.#line = '';
          this.#deliver();
          continue;
        case '\r':
        case '\n':
          echo += '\r\n';
          flush();
          this.#ready.push(this.#line + '\n');
          this.#line = '';
          this.#deliver();
          continue;
        case '\x7f':
        case '\b': {
          const chars = [...this.#line];
          const last = chars.pop();
          if (last !== undefined) {
            echo += this.#erase(last);
            this.#line = chars.join('');
          }
          continue;
        }
        case '\x15':
          for (const c of [...this.#line].reverse()) echo += this.#erase(c);
          this.#line = '';
          continue;
        case '\x17': {
          const chars = [...this.#line];
          while (chars.length && /\s/.test(chars[chars.length - 1]!)) echo += this.#erase(chars.pop()!);
          while (chars.length && !/\s/.test(chars[chars.length - 1]!)) echo += this.#erase(chars.pop()!);
          this.#line = chars.join('');
          continue;
        }
      }
      const code = ch.codePointAt(0)!;
      if (code < 0x20 && ch !== '\t') echo += '^' + String.fromCharCode(code + 64);
      else if (code === 0x7f) echo += '^?';
      else echo += ch;
      this.#line += ch;
    }
    flush();
  }

  /** The echo that erases one character from the screen. */
  #erase(ch: string): string {
    const w = this.#echoWidth(ch);
    return '\b'.repeat(w) + ' '.repeat(w) + '\b'.repeat(w);
  }
}
