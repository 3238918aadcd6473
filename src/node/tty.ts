/**
 * `tty`: isatty answers from the process's stdio; the stream classes are the
 * process streams' own. https://nodejs.org/api/tty.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

export function isatty(fd: number): boolean {
  const p = (globalThis as any).process;
  if (fd === 0) return !!p?.stdin?.isTTY;
  if (fd === 1) return !!p?.stdout?.isTTY;
  if (fd === 2) return !!p?.stderr?.isTTY;
  return false;
}

export class ReadStream {
  constructor() {
    throw new Error('tty.ReadStream cannot be constructed in the browser runtime; use process.stdin');
  }
}
export class WriteStream {
  constructor() {
    throw new Error('tty.WriteStream cannot be constructed in the browser runtime; use process.stdout');
  }
}

export default { isatty, ReadStream, WriteStream };
