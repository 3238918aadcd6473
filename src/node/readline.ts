/**
 * `readline` and `readline/promises`: line-oriented reading of a stream
 * (no terminal line editing: input echo is the terminal's job in Verklet).
 * https://nodejs.org/api/readline.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import EventEmitter from './events.js';
import { StringDecoder } from './string_decoder.js';

/** readline.Interface */
export class Interface extends (EventEmitter as any) {
  input: any;
  output: any;
  terminal: boolean;
  line = '';
  closed = false;
  private _prompt: string;
  private _questionCb: ((answer: string) => void) | null = null;
  private _buffer = '';
  private _decoder = new StringDecoder('utf8');
  private _paused = false;
  private _onData: (d: any) => void;
  private _onEnd: () => void;
  private _sawCR = false;
  history: string[] = [];
  crlfDelay: number;

  constructor(input: any, output?: any, completer?: unknown, terminal?: boolean) {
    super();
    let opts: any = input;
    if (!input || typeof input.on !== 'function' || input.input) {
      opts = input ?? {};
    } else {
      opts = { input, output, completer, terminal };
    }
    this.input = opts.input;
    this.output = opts.output;
    this.terminal = opts.terminal ?? !!this.output?.isTTY;
    this._prompt = opts.prompt ?? '> ';
    this.crlfDelay = opts.crlfDelay ?? 100;
    this._onData = (data: any) => this._write(typeof data === 'string' ? data : this._decoder.write(data));
    this._onEnd = () => {
      const rest = this._buffer + this._decoder.end();
      this._buffer = '';
      if (rest.length > 0) this._emitLine(rest);
      this.close();
    };
    this.input.on('data', this._onData);
    this.input.on('end', this._onEnd);
    this.input.resume?.();
  }

  private _write(s: string): void {
    this._buffer += s;
    for (;;) {
      const m = /\r\n|\n|\r/.exec(this._buffer);
      if (!m) break;
      if (m[0] === '\n' && this._sawCR && m.index === 0) {
        this._sawCR = false;
        this._buffer = this._buffer.slice(1);
        continue;
      }
      const line = this._buffer.slice(0, m.index);
      this._sawCR = m[0] === '\r';
      this._buffer = this._buffer.slice(m.index + m[0].length);
      this._emitLine(line);
      if (this.closed) return;
    }
    this.line = this._buffer;
  }

  private _emitLine(line: string): void {
    this.line = '';
    if (this._questionCb) {
      const cb = this._questionCb;
      this._questionCb = null;
      cb(line);
      return;
    }
    this.emit('line', line);
  }

  setPrompt(p: string): void {
    this._prompt = p;
  }
  getPrompt(): string {
    return this._prompt;
  }
  prompt(): void {
    if (this.closed) {
      const e: any = new Error('readline was closed');
      e.code = 'ERR_USE_AFTER_CLOSE';
      throw e;
    }
    this.output?.write(this._prompt);
    if (this._paused) this.resume();
  }
  question(query: string, opts: any, cb?: (a: string) => void): void {
    if (typeof opts === 'function') cb = opts;
    if (this.closed) {
      const e: any = new Error('readline was closed');
      e.code = 'ERR_USE_AFTER_CLOSE';
      throw e;
    }
    if (this._questionCb) {
      this.prompt();
      return;
    }
    this._questionCb = cb ?? null;
    this.output?.write(query);
    if (this._paused) this.resume();
  }
  write(data: string): void {
    if (this.closed) return;
    this._write(String(data));
  }
  pause(): this {
    if (this._paused) return this;
    this.input.pause?.();
    this._paused = true;
    this.emit('pause');
    return this;
  }
  resume(): this {
    if (!this._paused) return this;
    this.input.resume?.();
    this._paused = false;
    this.emit('resume');
    return this;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.input.removeListener('data', this._onData);
    this.input.removeListener('end', this._onEnd);
    this.input.pause?.();
    this._paused = true;
    this.emit('close');
  }
  getCursorPos(): { rows: number; cols: number } {
    return { rows: 0, cols: this.line.length };
  }
  [Symbol.asyncIterator](): AsyncIterableIterator<string> {
    const queue: string[] = [];
    const waiters: ((r: IteratorResult<string>) => void)[] = [];
    let done = false;
    this.on('line', (l: string) => {
      const w = waiters.shift();
      if (w) w({ value: l, done: false });
      else queue.push(l);
    });
    this.on('close', () => {
      done = true;
      for (const w of waiters.splice(0)) w({ value: undefined, done: true });
    });
    const it: AsyncIterableIterator<string> = {
      next: () => {
        if (queue.length) return Promise.resolve({ value: queue.shift()!, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((r) => waiters.push(r));
      },
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() {
        return it;
      },
    };
    return it;
  }
  [Symbol.dispose](): void {
    this.close();
  }
}

export function createInterface(input: any, output?: any, completer?: unknown, terminal?: boolean): Interface {
  return new Interface(input, output, completer, terminal);
}

export function clearLine(stream: any, dir: number, cb?: () => void): boolean {
  return stream.write(dir < 0 ? '\x1b[1K' : dir > 0 ? '\x1b[0K' : '\x1b[2K', cb);
}
export function clearScreenDown(stream: any, cb?: () => void): boolean {
  return stream.write('\x1b[0J', cb);
}
export function cursorTo(stream: any, x: number, y?: number | (() => void), cb?: () => void): boolean {
  if (typeof y === 'function') {
    cb = y;
    y = undefined;
  }
  return stream.write(typeof y === 'number' ? `\x1b[${y + 1};${x + 1}H` : `\x1b[${x + 1}G`, cb);
}
export function moveCursor(stream: any, dx: number, dy: number, cb?: () => void): boolean {
  let s = '';
  if (dx < 0) s += `\x1b[${-dx}D`; else if (dx > 0) s += `\x1b[${dx}C`;
  if (dy < 0) s += `\x1b[${-dy}A`; else if (dy > 0) s += `\x1b[${dy}B`;
  return stream.write(s, cb);
}
export function emitKeypressEvents(stream: any): void {
  if (stream._keypressDecoder) return;
  stream._keypressDecoder = true;
  stream.on('data', (d: any) => {
    for (const ch of String(d)) {
      const key: any = { sequence: ch, name: ch === '\r' ? 'return' : ch === '\x7f' ? 'backspace' : ch.toLowerCase(), ctrl: ch < ' ', meta: false, shift: ch !== ch.toLowerCase() };
      if (ch === '\x03') key.name = 'c';
      stream.emit('keypress', ch, key);
    }
  });
}

class PromisesInterface extends Interface {
  override question(query: string, opts?: any): any {
    return new Promise((resolve, reject) => {
      const signal = opts?.signal;
      if (signal?.aborted) {
        const e: any = new Error('The operation was aborted');
        e.name = 'AbortError';
        e.code = 'ABORT_ERR';
        reject(e);
        return;
      }
      super.question(query, resolve as (a: string) => void);
    });
  }
}

/** readline/promises */
export const promises = {
  Interface: PromisesInterface,
  createInterface: (input: any, output?: any, completer?: unknown, terminal?: boolean) => new PromisesInterface(input, output, completer, terminal),
  Readline: class Readline {
    constructor(readonly stream: any) {}
  },
};

export default { Interface, createInterface, clearLine, clearScreenDown, cursorTo, moveCursor, emitKeypressEvents, promises };
