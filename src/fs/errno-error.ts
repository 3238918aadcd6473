/**
 * `ErrnoError`: the single place where VFS/WASI result codes become
 * exceptions, shaped like Node's fs errors (`code`, negative `errno`,
 * `syscall`, `path`, `dest`, and the message `CODE: text, syscall 'path' -> 'dest'`).
 */
import { errnoByCode, errnoByNumber, type ErrnoCode } from './errno.js';

/** A Node-style system error. */
export class ErrnoError extends Error {
  /** Errno name, e.g. `'ENOENT'`. */
  readonly code: string;
  /** Negative errno number as Node reports it, e.g. `-2`. */
  readonly errno: number;
  readonly syscall: string;
  readonly path?: string;
  readonly dest?: string;

  constructor(code: ErrnoCode | string, syscall: string, path?: string, dest?: string) {
    const info = errnoByCode(code);
    let message = `${code}: ${info?.message ?? 'unknown error'}, ${syscall}`;
    if (path !== undefined) message += ` '${path}'`;
    if (dest !== undefined) message += ` -> '${dest}'`;
    super(message);
    this.name = 'Error';
    this.code = code;
    this.errno = -(info?.errno ?? 0);
    this.syscall = syscall;
    if (path !== undefined) this.path = path;
    if (dest !== undefined) this.dest = dest;
  }

  /** Builds the error for a (negative or positive) errno number. */
  static fromErrno(errno: number, syscall: string, path?: string, dest?: string): ErrnoError {
    const info = errnoByNumber(errno);
    const err = new ErrnoError(info?.code ?? 'UNKNOWN', syscall, path, dest);
    if (!info) (err as { errno: number }).errno = -Math.abs(errno);
    return err;
  }
}

/**
 * Returns `result` unchanged, or throws the `ErrnoError` for a negative
 * numeric result (a negated errno from the VFS).
 */
export function check<T>(result: T | number, syscall: string, path?: string, dest?: string): T {
  if (typeof result === 'number' && result < 0) throw ErrnoError.fromErrno(result, syscall, path, dest);
  return result as T;
}
