/**
 * The page's handle on one process: text streams over the process's io port,
 * an exit promise, and the signals. Created by `Runtime.spawn`.
 */
import type { IoFromProcess, IoToProcess } from '../kernel/protocol.js';
import type { RuntimeProcess, Signal } from './types.js';
import { TextChannel } from './text-channel.js';

const SIGNAL_NAMES = new Set(['SIGINT', 'SIGTERM', 'SIGKILL']);

export class RuntimeProcessHandle implements RuntimeProcess {
  pid = -1;
  readonly exit: Promise<number>;
  readonly input: WritableStream<string>;

  readonly #port: MessagePort;
  readonly #kill: (pid: number, signal: Signal) => void;
  readonly #out = new TextChannel();
  readonly #err = new TextChannel();
  readonly #all = new TextChannel();
  readonly #outDecoder = new TextDecoder();
  readonly #errDecoder = new TextDecoder();
  #resolveExit!: (code: number) => void;
  #exitCode: number | null = null;
  #graceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(port: MessagePort, kill: (pid: number, signal: Signal) => void) {
    this.#port = port;
    this.#kill = kill;
    this.exit = new Promise((resolve) => (this.#resolveExit = resolve));
    port.onmessage = (e: MessageEvent<IoFromProcess>) => this.#onMessage(e.data);
    const encoder = new TextEncoder();
    this.input = new WritableStream<string>({
      write: (chunk) => {
        if (typeof chunk !== 'string') throw new TypeError('process input takes strings');
        if (this.#exitCode !== null) throw new Error(`process ${this.pid} has exited; its input is closed`);
        this.#post({ type: 'stdin', data: encoder.encode(chunk) });
      },
      close: () => {
        if (this.#exitCode === null) this.#post({ type: 'stdin-end' });
      },
    });
  }

  get output(): ReadableStream<string> {
    return this.#all.stream;
  }
  get stdout(): ReadableStream<string> {
    return this.#out.stream;
  }
  get stderr(): ReadableStream<string> {
    return this.#err.stream;
  }

  kill(signal: Signal = 'SIGTERM'): void {
    if (!SIGNAL_NAMES.has(signal)) throw new TypeError(`kill: unsupported signal ${String(signal)} (use SIGINT, SIGTERM or SIGKILL)`);
    if (this.#exitCode === null) this.#kill(this.pid, signal);
  }

  resize(size: { cols: number; rows: number }): void {
    const cols = Math.floor(Number(size?.cols));
    const rows = Math.floor(Number(size?.rows));
    if (!(cols > 0 && rows > 0)) throw new TypeError('resize needs positive integer cols and rows');
    if (this.#exitCode === null) this.#post({ type: 'resize', cols, rows });
  }

  /** The kernel says the process ended (possibly killed, so no io exit will come). */
  kernelExit(code: number): void {
    if (this.#exitCode !== null) return;
    // Output posted just before a normal exit travels on the io port, which may
    // land after the kernel's notice: give it a moment.
    this.#graceTimer = setTimeout(() => this.#finish(code), 30);
  }

  #onMessage(msg: IoFromProcess): void {
    switch (msg.type) {
      case 'stdout':
      case 'stderr': {
        const isOut = msg.type === 'stdout';
        const text = (isOut ? this.#outDecoder : this.#errDecoder).decode(msg.data, { stream: true });
        // Credit goes back once any reader has taken the chunk (stdout/stderr or output).
        let acked = false;
        const bytes = msg.data.length;
        const ack = () => {
          if (acked) return;
          acked = true;
          if (this.#exitCode === null) this.#post({ type: 'ack', bytes });
        };
        const own = isOut ? this.#out : this.#err;
        const paced = [own, this.#all].filter((c) => c.hasReader);
        if (!paced.length) ack();
        own.push(text, paced.includes(own) ? ack : undefined);
        this.#all.push(text, paced.includes(this.#all) ? ack : undefined);
        break;
      }
      case 'exit':
        this.#finish(msg.code);
        break;
    }
  }

  #finish(code: number): void {
    if (this.#exitCode !== null) return;
    clearTimeout(this.#graceTimer);
    this.#exitCode = code;
    const tailOut = this.#outDecoder.decode();
    const tailErr = this.#errDecoder.decode();
    this.#out.push(tailOut);
    this.#err.push(tailErr);
    this.#all.push(tailOut + tailErr);
    this.#out.close();
    this.#err.close();
    this.#all.close();
    this.#port.close();
    this.#resolveExit(code);
  }

  #post(msg: IoToProcess): void {
    this.#port.postMessage(msg);
  }
}
