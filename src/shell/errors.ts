/**
 * Control-flow and error signals of the interpreter. A non-interactive shell
 * exits on expansion errors and special-builtin errors (XCU 2.8.1); these are
 * thrown as {@link ShellError} and caught at the (sub)shell boundary.
 */

/** A fatal shell error: printed as `sh: LINE: message`, then the shell exits with `status`. */
export class ShellError extends Error {
  constructor(message: string, readonly status = 2) {
    super(message);
  }
}

/** `exit N` (or the end of a subshell). */
export class ExitSignal {
  constructor(readonly status: number) {}
}

/** `return N` from a function or sourced file. */
export class ReturnSignal {
  constructor(readonly status: number) {}
}

/** `break N` / `continue N`. */
export class LoopSignal {
  constructor(readonly kind: 'break' | 'continue', public levels: number) {}
}

/** Node-style errno code of an unknown thrown value. */
export function errCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

/** GNU's strerror text for the errno names the utilities meet. */
export function strerror(e: unknown): string {
  switch (errCode(e)) {
    case 'ENOENT': return 'No such file or directory';
    case 'EEXIST': return 'File exists';
    case 'ENOTDIR': return 'Not a directory';
    case 'EISDIR': return 'Is a directory';
    case 'ENOTEMPTY': return 'Directory not empty';
    case 'EACCES': return 'Permission denied';
    case 'EPERM': return 'Operation not permitted';
    case 'EINVAL': return 'Invalid argument';
    case 'ELOOP': return 'Too many levels of symbolic links';
    case 'EXDEV': return 'Invalid cross-device link';
    case 'EBUSY': return 'Device or resource busy';
    case 'ENOSPC': return 'No space left on device';
    case 'EROFS': return 'Read-only file system';
    default: return e instanceof Error ? e.message : String(e);
  }
}
