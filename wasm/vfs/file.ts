/**
 * Regular-file contents. Small files (≤ CHUNK_SIZE) are one power-of-two
 * block; larger ones are a table of 64 KiB chunks, so appending to a 200 MB
 * file allocates one chunk at a time and never moves existing bytes.
 */
import { I_SIZE, I_DATA, I_CAP, I_AUX, CHUNK_SIZE, CHUNK_SHIFT } from "./layout";
import { alloc, free, classOf } from "./alloc";
import { ENOSPC } from "./errno";

// @ts-ignore: decorator
@inline function addrOf(ip: usize, off: u32): usize {
  const data = <usize>load<u32>(ip + I_DATA);
  if (load<u32>(ip + I_CAP) <= CHUNK_SIZE) return data + off;
  return <usize>load<u32>(data + ((off >> CHUNK_SHIFT) << 2)) + (off & (CHUNK_SIZE - 1));
}

/** Ensures capacity for `newSize` bytes; 0 or -ENOSPC. */
export function ensureCap(ip: usize, newSize: u32): i32 {
  let cap = load<u32>(ip + I_CAP);
  if (newSize <= cap) return 0;
  const size = load<u32>(ip + I_SIZE);
  let data = <usize>load<u32>(ip + I_DATA);
  if (newSize <= CHUNK_SIZE) {
    const ncap: u32 = 1 << classOf(newSize);
    const nb = alloc(ncap, true);
    if (nb == 0) return -ENOSPC;
    if (cap != 0) {
      memory.copy(nb, data, size);
      free(data, cap, true);
    }
    store<u32>(ip + I_DATA, <u32>nb);
    store<u32>(ip + I_CAP, ncap);
    return 0;
  }
  if (cap <= CHUNK_SIZE) {
    // Table mode always holds at least two chunks, so capacity > CHUNK_SIZE
    // unambiguously tells the two representations apart.
    const c0 = alloc(CHUNK_SIZE, true);
    const c1 = c0 != 0 ? alloc(CHUNK_SIZE, true) : 0;
    const table = c1 != 0 ? alloc(16, true) : 0;
    if (table == 0) {
      free(c1, CHUNK_SIZE, true);
      free(c0, CHUNK_SIZE, true);
      return -ENOSPC;
    }
    if (cap != 0) {
      memory.copy(c0, data, size);
      free(data, cap, true);
    }
    store<u32>(table, <u32>c0);
    store<u32>(table + 4, <u32>c1);
    data = table;
    cap = CHUNK_SIZE * 2;
    store<u32>(ip + I_DATA, <u32>table);
    store<u32>(ip + I_CAP, cap);
    store<u32>(ip + I_AUX, 16);
  }
  let n = cap >> CHUNK_SHIFT;
  const need = <u32>((<u64>newSize + CHUNK_SIZE - 1) >> CHUNK_SHIFT);
  while (n < need) {
    const chunk = alloc(CHUNK_SIZE, true);
    if (chunk == 0) return -ENOSPC;
    const tcap = load<u32>(ip + I_AUX);
    if ((n + 1) << 2 > tcap) {
      const ncap = tcap << 1;
      const nt = alloc(ncap, true);
      if (nt == 0) {
        free(chunk, CHUNK_SIZE, true);
        return -ENOSPC;
      }
      memory.copy(nt, data, n << 2);
      free(data, tcap, true);
      data = nt;
      store<u32>(ip + I_DATA, <u32>nt);
      store<u32>(ip + I_AUX, ncap);
    }
    store<u32>(data + (n << 2), <u32>chunk);
    n++;
    store<u32>(ip + I_CAP, n << CHUNK_SHIFT);
  }
  return 0;
}

/** Copies `len` bytes between file offset `off` and linear memory `mem`. */
export function copyFile(ip: usize, off: u32, mem: usize, len: u32, toFile: bool): void {
  while (len > 0) {
    const room = CHUNK_SIZE - (off & (CHUNK_SIZE - 1));
    const n = len < room ? len : room;
    const a = addrOf(ip, off);
    if (toFile) memory.copy(a, mem, n);
    else memory.copy(mem, a, n);
    off += n;
    mem += n;
    len -= n;
  }
}

function zeroFile(ip: usize, off: u32, len: u32): void {
  while (len > 0) {
    const room = CHUNK_SIZE - (off & (CHUNK_SIZE - 1));
    const n = len < room ? len : room;
    memory.fill(addrOf(ip, off), 0, n);
    off += n;
    len -= n;
  }
}

/** Writes bytes at `pos`, zero-filling any gap past EOF; returns len or -errno. */
export function fileWrite(ip: usize, pos: u32, src: usize, len: u32): i32 {
  const end = pos + len;
  const r = ensureCap(ip, end);
  if (r < 0) return r;
  const size = load<u32>(ip + I_SIZE);
  if (pos > size) zeroFile(ip, size, pos - size);
  copyFile(ip, pos, src, len, true);
  if (end > size) store<u32>(ip + I_SIZE, end);
  return <i32>len;
}

/** Sets the file length, zero-filling growth and releasing whole chunks on shrink. */
export function fileTruncate(ip: usize, len: u32): i32 {
  const size = load<u32>(ip + I_SIZE);
  if (len > size) {
    const r = ensureCap(ip, len);
    if (r < 0) return r;
    zeroFile(ip, size, len - size);
    store<u32>(ip + I_SIZE, len);
    return 0;
  }
  store<u32>(ip + I_SIZE, len);
  const cap = load<u32>(ip + I_CAP);
  if (len == 0) {
    if (cap != 0) {
      if (cap > CHUNK_SIZE) {
        const data = <usize>load<u32>(ip + I_DATA);
        const n = cap >> CHUNK_SHIFT;
        for (let i: u32 = 0; i < n; i++) free(<usize>load<u32>(data + (i << 2)), CHUNK_SIZE, true);
        free(data, load<u32>(ip + I_AUX), true);
      } else {
        free(<usize>load<u32>(ip + I_DATA), cap, true);
      }
    }
    store<u32>(ip + I_DATA, 0);
    store<u32>(ip + I_CAP, 0);
    store<u32>(ip + I_AUX, 0);
  } else if (cap > CHUNK_SIZE) {
    const data = <usize>load<u32>(ip + I_DATA);
    const n = cap >> CHUNK_SHIFT;
    let keep = <u32>((<u64>len + CHUNK_SIZE - 1) >> CHUNK_SHIFT);
    if (keep < 2) keep = 2; // stay in table mode: capacity must exceed CHUNK_SIZE
    if (keep > n) keep = n;
    for (let i = keep; i < n; i++) free(<usize>load<u32>(data + (i << 2)), CHUNK_SIZE, true);
    store<u32>(ip + I_CAP, keep << CHUNK_SHIFT);
  }
  return 0;
}
