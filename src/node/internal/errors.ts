/**
 * Error decoration shared by the loaders and the host: the "arrow" Node
 * prints above an uncaught error (file:line, the source line, a caret), and
 * the registry of compiled sources used to find it.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

export const kArrow = Symbol('verklet.arrow');
/** Extra text Node prints after an error's stack ("Emitted 'error' event at: …"). */
export const kEmittedAt = Symbol('verklet.emittedAt');

interface Compiled { source: string; headerLength: number; esm: boolean }
const compiled = new Map<string, Compiled>();

/** Remember a compiled file so stack positions can be mapped back to its source. */
export function registerSource(url: string, source: string, headerLength: number, esm: boolean): void {
  compiled.set(url, { source, headerLength, esm });
}

/** Attach an arrow message (`file:line\nsource line\n   ^\n`) to an error. */
export function setArrow(err: any, arrow: string): void {
  if (err && typeof err === 'object' && !err[kArrow]) {
    try {
      Object.defineProperty(err, kArrow, { value: arrow, enumerable: false, configurable: true });
    } catch {
      // frozen error objects keep no arrow
    }
  }
}

export function arrowAt(url: string, source: string, line: number, col: number, width = 1): string {
  const text = source.split('\n')[line - 1] ?? '';
  return `${url}:${line}\n${text.replace(/\r$/, '')}\n${' '.repeat(Math.max(0, col))}${'^'.repeat(width)}\n`;
}

/** Compute the arrow from the first stack frame that points into user code. */
export function arrowFromStack(err: any, thrown = true): string | null {
  if (err && typeof err === 'object' && err[kArrow]) return err[kArrow];
  const stack = err && typeof err === 'object' ? err.stack : undefined;
  if (typeof stack !== 'string') return null;
  const re = /(?:\(|at )((?:file:\/\/)?\/[^():]*|\[eval\]):(\d+):(\d+)\)?$/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(stack))) {
    const c = compiled.get(m[1]!);
    if (!c) continue;
    const line = Number(m[2]);
    let col = Number(m[3]) - 1;
    if (line === 1) col -= c.headerLength;
    const text = c.source.split('\n')[line - 1] ?? '';
    if (err instanceof RangeError && /call stack/.test(err.message)) col = stackCheckColumn(text, col);
    if (!c.esm && thrown) {
      const before = text.slice(0, col);
      const t = /\bthrow\s(?!.*\bthrow\s)/.exec(before);
      if (t) col = t.index;
    }
    return arrowAt(m[1]!, c.source, line, col);
  }
  return null;
}

/**
 * A stack overflow is raised by the stack check on function entry. Chromium
 * places that frame at the function literal's start (the `(` of its
 * parameters); Node's V8 at the body's first statement, where its arrow
 * points. Moves `col` from the former to the latter when the body starts on
 * the same line.
 */
function stackCheckColumn(text: string, col: number): number {
  if (text[col] !== '(') return col;
  let depth = 0;
  let i = col;
  for (; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) break;
  }
  const m = /^\)\s*(?:=>\s*)?(\{\s*)?(?=\S)/.exec(text.slice(i));
  return m ? i + m[0].length : col;
}

/** The source text of the call expression that called `fn` (assert.ok's message), or null. */
export function callSiteSource(fn: any): string | null {
  const holder: any = {};
  (Error as any).captureStackTrace?.(holder, fn);
  const stack = String(holder.stack ?? '');
  const re = /(?:\(|at )((?:file:\/\/)?\/[^():]*|\[eval\]):(\d+):(\d+)\)?$/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(stack))) {
    const c = compiled.get(m[1]!);
    if (!c) continue;
    const lines = c.source.split('\n');
    const lineNo = Number(m[2]);
    let col = Number(m[3]) - 1;
    if (lineNo === 1) col -= c.headerLength;
    const rest = lines.slice(lineNo - 1).join('\n');
    let start = col;
    while (start > 0 && /[\w$.]/.test(rest[start - 1]!)) start--;
    let i = rest.indexOf('(', col);
    if (i < 0) return null;
    let depth = 0;
    let quote = '';
    for (; i < rest.length; i++) {
      const ch = rest[i]!;
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = '';
        continue;
      }
      if (ch === '"' || ch === "'" || ch === '`') quote = ch;
      else if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) break;
    }
    const text = rest.slice(start, i + 1);
    return text.includes('\n') ? text.split('\n').map((l, k) => (k === 0 ? l : l)).join('\n') : text;
  }
  return null;
}
