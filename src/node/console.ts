/**
 * `console`: Node's Console over process.stdout/stderr, formatting through
 * util.format/util.inspect as lib/internal/console/constructor.js does.
 * https://nodejs.org/api/console.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { formatWithOptions, inspect } from 'node-inspect-extracted';

const kGroupIndent = 2;

function tableRow(cells: string[], widths: number[]): string {
  return '│' + cells.map((c, i) => ' ' + c + ' '.repeat(widths[i]! - strWidth(c) + 1)).join('│') + '│\n';
}

function strWidth(s: string): number {
  // eslint-disable-next-line no-control-regex
  return [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;
}

function renderTable(head: string[], columns: string[][]): string {
  const widths = head.map((h, i) => Math.max(strWidth(h), ...columns[i]!.map(strWidth)) + 0);
  const divider = widths.map((w) => '─'.repeat(w + 2));
  let out = `┌${divider.join('┬')}┐\n`;
  out += tableRow(head, widths);
  out += `├${divider.join('┼')}┤\n`;
  const rows = columns[0]?.length ?? 0;
  for (let r = 0; r < rows; r++) out += tableRow(columns.map((c) => c[r] ?? ''), widths);
  out += `└${divider.join('┴')}┘`;
  return out;
}

/** Node's Console class. */
export class Console {
  private _stdout: any;
  private _stderr: any;
  private _indent = '';
  private _counts = new Map<string, number>();
  private _timers = new Map<string, number>();
  private _colorMode: boolean | 'auto';
  private _inspectOptions: any;

  constructor(stdout: any, stderr?: any, ignoreErrors?: boolean) {
    let opts: any = stdout;
    if (!stdout || typeof stdout.write === 'function') opts = { stdout, stderr, ignoreErrors };
    this._stdout = opts.stdout;
    this._stderr = opts.stderr ?? opts.stdout;
    this._colorMode = opts.colorMode ?? 'auto';
    this._inspectOptions = opts.inspectOptions;
    for (const k of Object.getOwnPropertyNames(Console.prototype)) {
      if (k !== 'constructor' && typeof (this as any)[k] === 'function') (this as any)[k] = (this as any)[k].bind(this);
    }
  }

  private colors(stream: any): boolean {
    if (this._colorMode !== 'auto') return this._colorMode;
    return !!(stream?.isTTY && (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true));
  }

  private fmt(stream: any, args: unknown[]): string {
    return formatWithOptions({ ...this._inspectOptions, colors: this.colors(stream) }, ...args);
  }

  private out(stream: any, text: string): void {
    if (this._indent) text = this._indent + text.replace(/\n/g, `\n${this._indent}`);
    try {
      stream.write(text + '\n');
    } catch {
      // Node's console ignores write errors by default.
    }
  }

  log(...args: unknown[]): void {
    this.out(this._stdout, this.fmt(this._stdout, args));
  }
  info(...args: unknown[]): void {
    this.log(...args);
  }
  debug(...args: unknown[]): void {
    this.log(...args);
  }
  warn(...args: unknown[]): void {
    this.out(this._stderr, this.fmt(this._stderr, args));
  }
  error(...args: unknown[]): void {
    this.warn(...args);
  }
  dir(obj: unknown, options?: object): void {
    this.out(this._stdout, inspect(obj, { customInspect: false, colors: this.colors(this._stdout), ...this._inspectOptions, ...options }));
  }
  dirxml(...args: unknown[]): void {
    this.log(...args);
  }
  trace(...args: unknown[]): void {
    const err: any = { name: 'Trace', message: this.fmt(this._stderr, args) };
    (Error as any).captureStackTrace?.(err, this.trace);
    const stack = String(err.stack ?? `Trace: ${err.message}`);
    this.error(stack);
  }
  assert(cond: unknown, ...args: unknown[]): void {
    if (!cond) {
      if (typeof args[0] === 'string') {
        args[0] = `Assertion failed: ${args[0]}`;
        this.warn(...args);
      } else {
        this.warn('Assertion failed', ...args);
      }
    }
  }
  clear(): void {
    if (this._stdout?.isTTY) this._stdout.write('\x1b[1;1H\x1b[0J');
  }
  count(label = 'default'): void {
    label = `${label}`;
    const n = (this._counts.get(label) ?? 0) + 1;
    this._counts.set(label, n);
    this.log(`${label}: ${n}`);
  }
  countReset(label = 'default'): void {
    label = `${label}`;
    if (!this._counts.has(label)) {
      this.emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    this._counts.delete(label);
  }
  group(...label: unknown[]): void {
    if (label.length) this.log(...label);
    this._indent += ' '.repeat(kGroupIndent);
  }
  groupCollapsed(...label: unknown[]): void {
    this.group(...label);
  }
  groupEnd(): void {
    this._indent = this._indent.slice(0, this._indent.length - kGroupIndent);
  }
  private emitWarning(msg: string): void {
    (globalThis as any).process?.emitWarning?.(msg);
  }
  time(label = 'default'): void {
    label = `${label}`;
    if (this._timers.has(label)) {
      this.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this._timers.set(label, performance.now());
  }
  private timeLog_(label: string, end: boolean, data: unknown[]): void {
    const start = this._timers.get(label);
    if (start === undefined) {
      this.emitWarning(`No such label '${label}' for console.${end ? 'timeEnd' : 'timeLog'}()`);
      return;
    }
    if (end) this._timers.delete(label);
    this.log(`${label}: ${formatTime(performance.now() - start)}`, ...data);
  }
  timeEnd(label = 'default'): void {
    this.timeLog_(`${label}`, true, []);
  }
  timeLog(label = 'default', ...data: unknown[]): void {
    this.timeLog_(`${label}`, false, data);
  }
  table(data: any, properties?: string[]): void {
    if (data === null || typeof data !== 'object') {
      this.log(data);
      return;
    }
    const fmt = (v: unknown) => inspect(v, { depth: 1, breakLength: Infinity, maxArrayLength: 3, colors: false });
    const indexKey = '(index)';
    const valuesKey = 'Values';
    const keys: string[] = [];
    const rows: string[] = [];
    const cols = new Map<string, string[]>();
    const values: string[] = [];
    let hasValues = false;
    let entries: [unknown, unknown][];
    let iterKey = indexKey;
    if (data instanceof Map) {
      iterKey = '(iteration index)';
      entries = [...data.entries()];
      const kcol: string[] = [];
      const vcol: string[] = [];
      entries.forEach(([k, v]) => {
        kcol.push(fmt(k));
        vcol.push(fmt(v));
      });
      this.log(renderTable([iterKey, 'Key', 'Values'], [entries.map((_, i) => String(i)), kcol, vcol]));
      return;
    }
    if (data instanceof Set) {
      const vals = [...data];
      this.log(renderTable(['(iteration index)', 'Values'], [vals.map((_, i) => String(i)), vals.map(fmt)]));
      return;
    }
    entries = Object.keys(data).map((k) => [k, data[k]]);
    entries.forEach(([k, v], i) => {
      rows.push(String(k));
      const primitive = v === null || (typeof v !== 'function' && typeof v !== 'object');
      if (primitive) {
        hasValues = true;
        values[i] = fmt(v);
      } else {
        for (const key of properties ?? Object.keys(v as object)) {
          if (!keys.includes(key)) keys.push(key);
          if (!cols.has(key)) cols.set(key, []);
          if (properties && !(key in (v as object))) continue;
          cols.get(key)![i] = fmt((v as any)[key]);
        }
      }
    });
    const head = [iterKey, ...keys];
    const columns = [rows, ...keys.map((k) => rows.map((_, i) => cols.get(k)![i] ?? ''))];
    if (hasValues) {
      head.push(valuesKey);
      columns.push(rows.map((_, i) => values[i] ?? ''));
    }
    this.log(renderTable(head, columns));
  }
  profile(): void {}
  profileEnd(): void {}
  timeStamp(): void {}
}

function formatTime(ms: number): string {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60000) {
      if (ms >= 3600000) {
        hours = Math.floor(ms / 3600000);
        ms %= 3600000;
      }
      minutes = Math.floor(ms / 60000);
      ms %= 60000;
    }
    seconds = ms / 1000;
  }
  if (hours !== 0 || minutes !== 0) {
    const [s, msPart] = seconds.toFixed(3).split('.');
    const res = hours !== 0 ? `${hours}:${String(minutes).padStart(2, '0')}` : `${minutes}`;
    return `${res}:${s!.padStart(2, '0')}.${msPart} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

/** Create the global console bound to the given streams. */
export function createConsole(stdout: any, stderr: any): Console {
  return new Console({ stdout, stderr } as any);
}

export default Console;
