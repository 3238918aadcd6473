/**
 * The one errno table: Linux errno numbers (the VFS returns them negated) and
 * the message text Node.js prints for each (libuv's `uv_strerror`).
 */

/** An errno entry: Linux number and Node's message. */
export interface ErrnoInfo {
  readonly code: ErrnoCode;
  readonly errno: number;
  readonly message: string;
}

const table = {
  EPERM: [1, 'operation not permitted'],
  ENOENT: [2, 'no such file or directory'],
  ESRCH: [3, 'no such process'],
  EINTR: [4, 'interrupted system call'],
  EIO: [5, 'i/o error'],
  ENXIO: [6, 'no such device or address'],
  E2BIG: [7, 'argument list too long'],
  EBADF: [9, 'bad file descriptor'],
  ECHILD: [10, 'no child processes'],
  EAGAIN: [11, 'resource temporarily unavailable'],
  ENOMEM: [12, 'not enough memory'],
  EACCES: [13, 'permission denied'],
  EFAULT: [14, 'bad address in system call argument'],
  EBUSY: [16, 'resource busy or locked'],
  EEXIST: [17, 'file already exists'],
  EXDEV: [18, 'cross-device link not permitted'],
  ENODEV: [19, 'no such device'],
  ENOTDIR: [20, 'not a directory'],
  EISDIR: [21, 'illegal operation on a directory'],
  EINVAL: [22, 'invalid argument'],
  ENFILE: [23, 'file table overflow'],
  EMFILE: [24, 'too many open files'],
  ENOTTY: [25, 'inappropriate ioctl for device'],
  ETXTBSY: [26, 'text file is busy'],
  EFBIG: [27, 'file too large'],
  ENOSPC: [28, 'no space left on device'],
  ESPIPE: [29, 'invalid seek'],
  EROFS: [30, 'read-only file system'],
  EMLINK: [31, 'too many links'],
  EPIPE: [32, 'broken pipe'],
  ERANGE: [34, 'result too large'],
  EDEADLK: [35, 'resource deadlock avoided'],
  ENAMETOOLONG: [36, 'name too long'],
  ENOSYS: [38, 'function not implemented'],
  ENOTEMPTY: [39, 'directory not empty'],
  ELOOP: [40, 'too many symbolic links encountered'],
  ENOTSUP: [95, 'operation not supported on socket'],
  EADDRINUSE: [98, 'address already in use'],
  EADDRNOTAVAIL: [99, 'address not available'],
  ECONNRESET: [104, 'connection reset by peer'],
  ECONNREFUSED: [111, 'connection refused'],
  ETIMEDOUT: [110, 'connection timed out'],
  ECANCELED: [125, 'operation canceled'],
} as const satisfies Record<string, readonly [number, string]>;

/** Every errno name the runtime knows, e.g. `'ENOENT'`. */
export type ErrnoCode = keyof typeof table;

const byCode = new Map<string, ErrnoInfo>();
const byNumber = new Map<number, ErrnoInfo>();
for (const [code, [errno, message]] of Object.entries(table)) {
  const info: ErrnoInfo = Object.freeze({ code: code as ErrnoCode, errno, message });
  byCode.set(code, info);
  byNumber.set(errno, info);
}

/** Linux errno numbers by name (positive), e.g. `Errno.ENOENT === 2`. */
export const Errno: { readonly [K in ErrnoCode]: (typeof table)[K][0] } = Object.freeze(
  Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v[0]])),
) as never;

/** Looks up an errno by name. */
export function errnoByCode(code: string): ErrnoInfo | undefined {
  return byCode.get(code);
}

/** Looks up an errno by number; accepts the negated form the VFS returns. */
export function errnoByNumber(errno: number): ErrnoInfo | undefined {
  return byNumber.get(Math.abs(errno));
}
