/**
 * `fs.cp`/`cpSync`/`fs.promises.cp` after Node 24's cp-sync: checks (same
 * path, copying into itself, dir over non-dir and back), then a recursive
 * copy of files, directories and symlinks (relative link targets resolved
 * against the source unless `verbatimSymlinks`).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { ErrnoError } from '../../fs/errno-error.js';
import type { VfsDirent, VfsStat } from '../../fs/vfs.js';
import { absolute, nodeError, resolvePath } from './fs-args.js';

export interface CpOptions {
  dereference: boolean;
  errorOnExist: boolean;
  force: boolean;
  preserveTimestamps: boolean;
  recursive: boolean;
  verbatimSymlinks: boolean;
  filter?: (src: string, dest: string) => boolean | Promise<boolean>;
  mode?: number;
}

/** Absolute-path primitives the copy needs (negative errno on failure). */
export interface CpHost {
  cwd(): string;
  lstat(abs: string): VfsStat | number;
  stat(abs: string): VfsStat | number;
  readdir(abs: string): VfsDirent[] | number;
  readlink(abs: string): string | number;
  mkdir(abs: string, mode: number): number;
  unlink(abs: string): number;
  symlink(target: string, abs: string): number;
  copyFile(src: string, dest: string): void;
  chmod(abs: string, mode: number): number;
  utimes(abs: string, atimeMs: number, mtimeMs: number): number;
}

const S_IFMT = 0o170000;
const isDir = (s: VfsStat) => (s.mode & S_IFMT) === 0o040000;
const isLink = (s: VfsStat) => (s.mode & S_IFMT) === 0o120000;

/** Node's SystemError for cp (`<prefix>: cp returned <CODE> (<detail>) <path>`). */
function systemError(code: string, prefix: string, errname: string, errno: number, detail: string, path: string): Error {
  const err: any = nodeError(Error, code, `${prefix}: cp returned ${errname} (${detail}) ${path}`);
  err.name = 'SystemError';
  err.info = { code: errname, message: detail, path, syscall: 'cp', errno };
  err.errno = errno;
  err.syscall = 'cp';
  err.path = path;
  return err;
}

function ok(r: number, syscall: string, path: string): void {
  if (r < 0) throw ErrnoError.fromErrno(r, syscall, path);
}

/**
 * Copies `src` to `dest` (paths as the user gave them). Node 24's cpSync
 * (C++) and its async cp (JS) word their errors differently; `asyncForm`
 * picks the callback/promise wording.
 */
export function cpImpl(host: CpHost, src: string, dest: string, opts: CpOptions, asyncForm = false): void {
  const s = resolvePath(host.cwd(), src);
  const d = resolvePath(host.cwd(), dest);
  // Lookups keep the path as written (a trailing slash matters); comparisons use the resolved form.
  const sst = opts.dereference ? host.stat(absolute(host.cwd(), src)) : host.lstat(absolute(host.cwd(), src));
  if (typeof sst === 'number') throw ErrnoError.fromErrno(sst, opts.dereference ? 'stat' : 'lstat', src);
  if (asyncForm) checkAsync(host, src, dest, s, d, sst, opts);
  else checkSync(host, src, dest, sst, opts);
  const dl = host.lstat(absolute(host.cwd(), dest));
  if (typeof dl === 'number' && dl !== -2) throw ErrnoError.fromErrno(dl, 'lstat', dest);
  if (opts.filter && !opts.filter(src, dest)) return;
  // Missing parents of dest are created.
  const parent = d.slice(0, d.lastIndexOf('/')) || '/';
  if (typeof host.stat(parent) === 'number') mkdirp(host, parent);
  copyAny(host, s, d, src, dest, opts, sst);
}

/** std::filesystem::path::parent_path for the POSIX strings we see. */
function parentPath(p: string): string {
  if (p === '/') return '/';
  if (p.endsWith('/')) return p.replace(/\/+$/, '') || '/';
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : i === 0 ? '/' : p.slice(0, i).replace(/\/+$/, '') || '/';
}

function equivalent(host: CpHost, a: string, b: string): boolean | null {
  const x = host.stat(absolute(host.cwd(), a));
  const y = host.stat(absolute(host.cwd(), b));
  if (typeof x === 'number' || typeof y === 'number') return null;
  return x.ino === y.ino && x.dev === y.dev;
}

/** Node 24's cpSyncCheckPaths (src/node_file.cc), in its order. */
function checkSync(host: CpHost, src: string, dest: string, sst: VfsStat, opts: CpOptions): void {
  const srcIsDir = isDir(sst);
  const srcStr = src.endsWith('/') ? src : `${src}/`;
  const dst = opts.dereference ? host.stat(absolute(host.cwd(), dest)) : host.lstat(absolute(host.cwd(), dest));
  if (typeof dst !== 'number') {
    if (equivalent(host, src, dest)) throw nodeError(Error, 'ERR_FS_CP_EINVAL', `src and dest cannot be the same ${dest}`);
    if (srcIsDir && !isDir(dst)) throw nodeError(Error, 'ERR_FS_CP_DIR_TO_NON_DIR', `Cannot overwrite non-directory ${dest} with directory ${src}`);
    if (!srcIsDir && isDir(dst)) throw nodeError(Error, 'ERR_FS_CP_NON_DIR_TO_DIR', `Cannot overwrite directory ${dest} with non-directory ${src}`);
  }
  if (srcIsDir && dest.startsWith(srcStr)) throw nodeError(Error, 'ERR_FS_CP_EINVAL', `Cannot copy ${srcStr} to a subdirectory of self ${dest}`);
  let destParent = parentPath(dest);
  while (parentPath(src) !== destParent && parentPath(destParent) !== '' && parentPath(destParent) !== destParent) {
    const eq = equivalent(host, src, destParent);
    if (eq) throw nodeError(Error, 'ERR_FS_CP_EINVAL', `Cannot copy ${srcStr} to a subdirectory of self ${dest}`);
    if (eq === null) break;
    destParent = parentPath(destParent);
  }
  if (srcIsDir && !opts.recursive) throw nodeError(Error, 'ERR_FS_EISDIR', `Recursive option not enabled, cannot copy a directory: ${srcStr}`);
}

/** The JS checks of Node 24's async cp (lib/internal/fs/cp/cp.js). */
function checkAsync(host: CpHost, src: string, dest: string, s: string, d: string, sst: VfsStat, opts: CpOptions): void {
  const srcIsDir = isDir(sst);
  const dst = host.stat(d);
  if (typeof dst !== 'number' && dst.ino === sst.ino) {
    throw systemError('ERR_FS_CP_EINVAL', 'Invalid src or dest', 'EINVAL', 22, 'src and dest cannot be the same', dest);
  }
  if (srcIsDir && !opts.recursive) {
    throw systemError('ERR_FS_EISDIR', 'Path is a directory', 'EISDIR', 21, `${src} is a directory (not copied)`, src);
  }
  if (typeof dst !== 'number') {
    if (srcIsDir && !isDir(dst)) {
      throw systemError('ERR_FS_CP_DIR_TO_NON_DIR', 'Cannot overwrite non-directory with directory', 'EISDIR', 21, `cannot overwrite non-directory ${dest} with directory ${src}`, dest);
    }
    if (!srcIsDir && isDir(dst)) {
      throw systemError('ERR_FS_CP_NON_DIR_TO_DIR', 'Cannot overwrite directory with non-directory', 'ENOTDIR', 20, `cannot overwrite directory ${dest} with non-directory ${src}`, dest);
    }
  }
  if (srcIsDir && d.startsWith(`${s}/`)) {
    throw systemError('ERR_FS_CP_EINVAL', 'Invalid src or dest', 'EINVAL', 22, `cannot copy ${src} to a subdirectory of self ${dest}`, dest);
  }
}

function mkdirp(host: CpHost, abs: string): void {
  if (abs === '/' || typeof host.stat(abs) !== 'number') return;
  mkdirp(host, abs.slice(0, abs.lastIndexOf('/')) || '/');
  ok(host.mkdir(abs, 0o777), 'mkdir', abs);
}

function copyAny(host: CpHost, s: string, d: string, src: string, dest: string, opts: CpOptions, sst: VfsStat): void {
  const existing = host.lstat(d);
  if (isDir(sst)) {
    // Node 24's cpSync creates directories with the default mode (umask applies), not the source's.
    if (typeof existing === 'number') ok(host.mkdir(d, 0o777), 'mkdir', d);
    const entries = host.readdir(s);
    if (typeof entries === 'number') throw ErrnoError.fromErrno(entries, 'opendir', s);
    for (const e of entries) {
      const cs = `${s}/${e.name}`;
      const cd = `${d}/${e.name}`;
      if (opts.filter && !opts.filter(`${src}/${e.name}`, `${dest}/${e.name}`)) continue;
      const st = opts.dereference ? host.stat(cs) : host.lstat(cs);
      if (typeof st === 'number') throw ErrnoError.fromErrno(st, 'lstat', cs);
      copyAny(host, cs, cd, cs, cd, opts, st);
    }
  } else if (isLink(sst)) {
    let target = host.readlink(s);
    if (typeof target === 'number') throw ErrnoError.fromErrno(target, 'readlink', s);
    if (!opts.verbatimSymlinks && !target.startsWith('/')) target = resolvePath(s.slice(0, s.lastIndexOf('/')) || '/', target);
    if (typeof existing !== 'number') ok(host.unlink(d), 'unlink', d);
    ok(host.symlink(target, d), 'symlink', d);
  } else {
    if (dest.endsWith('/')) {
      // std::filesystem's copy_file reports this through Node as `EISDIR, Is a directory '<dest>'`.
      const err: any = new Error(`EISDIR, Is a directory '${dest}'`);
      err.errno = -21;
      err.code = 'EISDIR';
      err.syscall = 'cp';
      err.path = dest;
      throw err;
    }
    if (typeof existing !== 'number') {
      if (!opts.force) {
        if (opts.errorOnExist) throw systemError('ERR_FS_CP_EEXIST', 'Target already exists', 'EEXIST', 17, `${dest} already exists`, dest);
        return;
      }
      // Node 24's cpSync replaces an existing file (unlink, then copy): open fds keep the old inode.
      ok(host.unlink(d), 'unlink', d);
    }
    host.copyFile(s, d);
    if (opts.preserveTimestamps) host.utimes(d, sst.atimeMs, sst.mtimeMs);
  }
}
