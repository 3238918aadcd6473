/**
 * POSIX path resolution (path_resolution(7)) done inside WASM: `.`, `..`
 * (physical, `..` of `/` is `/`), symlinks spliced into the remaining path
 * (ELOOP after SYMLOOP_MAX hops), ENAMETOOLONG for components > NAME_MAX or
 * paths ≥ PATH_MAX, and a trailing slash meaning "must be a directory"
 * (it also forces following a final symlink).
 */
import { ROOT_INO, I_SIZE, I_DATA, I_AUX, NAME_MAX, PATH_MAX, SYMLOOP_MAX, SCR_WORK } from "./layout";
import { ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG } from "./errno";
import { inodePtr, isDir, isLink } from "./inode";
import { dirLookup } from "./dir";

/** Per-instance scratch base, set at attach. */
export let scratch: usize = 0;
export function setScratch(p: usize): void {
  scratch = p;
}

/** Results of the last `resolve`: the directory holding the final name, the name, its ino (0 if absent). */
export let rParent: u32 = 0;
export let rName: usize = 0;
export let rNameLen: u32 = 0;
export let rIno: u32 = 0;
export let rSlash: bool = false;

/** True when the final component is ".", ".." or absent ("/"), i.e. names no entry. */
export function rIsSpecial(): bool {
  if (rNameLen == 0) return true;
  if (load<u8>(rName) != 46) return false;
  return rNameLen == 1 || (rNameLen == 2 && load<u8>(rName + 1) == 46);
}

/** How `resolve` treats a final symlink. */
export const FINAL_NOFOLLOW: u32 = 0; // not followed, unless the path ends in '/' (lstat, readlink)
export const FINAL_FOLLOW: u32 = 1; // followed (stat, open)
export const FINAL_ENTRY: u32 = 2; // never followed: the call acts on the entry (unlink, rmdir, rename, mkdir)

/**
 * Resolves `path`. `follow` is one of FINAL_*. `slot` (0 or 1) picks
 * the work buffers so two resolutions (rename, link) can coexist.
 * Returns 0 (results in r*) or -errno for a failure before the final name.
 */
export function resolve(path: usize, len: u32, follow: u32, slot: u32): i32 {
  if (len >= PATH_MAX) return -ENAMETOOLONG;
  if (len == 0) return -ENOENT;
  const w0 = scratch + SCR_WORK + (slot << 13);
  const w1 = w0 + 4096;
  let which: u32 = 0;
  let cur = path;
  let curLen = len;
  let pos: u32 = 0;
  let dir: u32 = ROOT_INO;
  let hops: u32 = 0;
  rSlash = false;
  rIno = 0;
  while (true) {
    while (pos < curLen && load<u8>(cur + pos) == 47) pos++;
    if (pos >= curLen) {
      rParent = dir;
      rIno = dir;
      rName = cur;
      rNameLen = 0;
      rSlash = true;
      return 0;
    }
    const s = pos;
    while (pos < curLen && load<u8>(cur + pos) != 47) pos++;
    const e = pos;
    const nlen = e - s;
    let q = e;
    while (q < curLen && load<u8>(cur + q) == 47) q++;
    const isLast = q >= curLen;
    const trailing = isLast && e < curLen;
    if (nlen > NAME_MAX) return -ENAMETOOLONG;
    const np = cur + s;
    if (load<u8>(np) == 46 && (nlen == 1 || (nlen == 2 && load<u8>(np + 1) == 46))) {
      const target = nlen == 1 ? dir : load<u32>(inodePtr(dir) + I_AUX);
      if (isLast) {
        rParent = target;
        rIno = target;
        rName = np;
        rNameLen = nlen;
        rSlash = trailing;
        return 0;
      }
      dir = target;
      continue;
    }
    const child = dirLookup(inodePtr(dir), np, nlen);
    const cp = child != 0 ? inodePtr(child) : 0;
    if (child != 0 && isLink(cp) && (!isLast || follow == FINAL_FOLLOW || (follow == FINAL_NOFOLLOW && trailing))) {
      if (++hops > SYMLOOP_MAX) return -ELOOP;
      const tlen = load<u32>(cp + I_SIZE);
      const tptr = <usize>load<u32>(cp + I_DATA);
      const restLen: u32 = isLast ? (trailing ? 1 : 0) : curLen - e;
      if (tlen == 0) return -ENOENT;
      if (tlen + restLen >= PATH_MAX) return -ENAMETOOLONG;
      const nb = which == 0 ? w0 : w1;
      which ^= 1;
      memory.copy(nb, tptr, tlen);
      if (restLen != 0) {
        if (isLast) store<u8>(nb + tlen, 47);
        else memory.copy(nb + tlen, cur + e, restLen);
      }
      cur = nb;
      curLen = tlen + restLen;
      pos = 0;
      if (load<u8>(tptr) == 47) dir = ROOT_INO;
      continue;
    }
    if (isLast) {
      rParent = dir;
      rIno = child;
      rName = np;
      rNameLen = nlen;
      rSlash = trailing;
      if (trailing && child != 0 && !isDir(cp)) return -ENOTDIR;
      return 0;
    }
    if (child == 0) return -ENOENT;
    if (!isDir(cp)) return -ENOTDIR;
    dir = child;
  }
  return 0;
}
