/**
 * The few synchronous fs calls the module loader makes (readFileSync,
 * statSync, realpathSync, existsSync), straight over the process's VFS. The
 * full `node:fs` (src/node/fs.ts) replaces this as `require('fs')` once it is
 * wired; the loader keeps working on either.
 */
import { check } from '../../fs/errno-error.js';
import type { Vfs, VfsStat } from '../../fs/vfs.js';

const S_IFMT = 0o170000;

export function loaderFs(vfs: Vfs, cwd: () => string): Record<string, unknown> {
  const abs = (p: string) => (p.startsWith('/') ? p : `${cwd()}/${p}`);
  const stats = (st: VfsStat) => ({
    ...st,
    isFile: () => (st.mode & S_IFMT) === 0o100000,
    isDirectory: () => (st.mode & S_IFMT) === 0o040000,
    isSymbolicLink: () => (st.mode & S_IFMT) === 0o120000,
  });
  return {
    readFileSync(path: string, enc?: string | { encoding?: string }) {
      const bytes = check(vfs.readFile(abs(path)), 'open', path);
      const encoding = typeof enc === 'string' ? enc : enc?.encoding;
      return encoding ? new TextDecoder().decode(bytes) : bytes;
    },
    statSync(path: string, opts?: { throwIfNoEntry?: boolean }) {
      const st = vfs.stat(abs(path), true);
      if (typeof st === 'number' && st === -2 && opts?.throwIfNoEntry === false) return undefined;
      return stats(check(st, 'stat', path));
    },
    realpathSync(path: string) {
      return check(vfs.realpath(abs(path)), 'realpath', path);
    },
    existsSync(path: string) {
      return typeof vfs.stat(abs(path), true) !== 'number';
    },
  };
}
