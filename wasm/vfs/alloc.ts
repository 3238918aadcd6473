/**
 * Allocator for the VFS heap: segregated free lists of power-of-two blocks
 * (2^4 .. 2^24 bytes), no per-block header (callers always know a block's
 * size). An empty class is refilled by splitting a larger free block, then by
 * bumping the top pointer (growing memory as needed). Freed blocks are reused;
 * blocks are never merged back. Counted allocations are charged against the
 * quota; failure returns 0 (→ ENOSPC), never traps.
 */
import { FS_BASE, SB_FREE_LISTS, SB_QUOTA, SB_TOP, SB_USED, MIN_CLASS, MAX_CLASS } from "./layout";

// @ts-ignore: decorator
@inline function sb(off: u32): usize {
  return <usize>(FS_BASE + off);
}

export function classOf(size: u32): u32 {
  if (size <= (1 << MIN_CLASS)) return MIN_CLASS;
  return 32 - clz<u32>(size - 1);
}

// @ts-ignore: decorator
@inline function listAddr(k: u32): usize {
  return sb(SB_FREE_LISTS) + (k << 2);
}

function popFree(k: u32): usize {
  const head = load<u32>(listAddr(k));
  if (head != 0) store<u32>(listAddr(k), load<u32>(head));
  return head;
}

function pushFree(k: u32, p: usize): void {
  store<u32>(p, load<u32>(listAddr(k)));
  store<u32>(listAddr(k), <u32>p);
}

function bump(bytes: u32): usize {
  const top = <u64>load<u32>(sb(SB_TOP));
  const end = top + <u64>bytes;
  if (end > 0xFFFF0000) return 0;
  const have = (<u64>memory.size()) << 16;
  if (end > have) {
    const pages = <i32>((end - have + 0xFFFF) >> 16);
    if (memory.grow(pages) < 0) return 0;
  }
  store<u32>(sb(SB_TOP), <u32>end);
  return <usize>top;
}

/** Allocates a block of at least `size` bytes; 0 when out of quota or memory. */
export function alloc(size: u32, counted: bool): usize {
  const k = classOf(size);
  if (k > MAX_CLASS) return 0;
  const bytes: u32 = 1 << k;
  if (counted && load<f64>(sb(SB_USED)) + <f64>bytes > load<f64>(sb(SB_QUOTA))) return 0;
  let p = popFree(k);
  if (p == 0) {
    let j = k + 1;
    while (j <= MAX_CLASS && load<u32>(listAddr(j)) == 0) j++;
    if (j <= MAX_CLASS) {
      p = popFree(j);
      while (j > k) {
        j--;
        pushFree(j, p + (<usize>1 << j));
      }
    } else {
      p = bump(bytes);
      if (p == 0) return 0;
    }
  }
  if (counted) store<f64>(sb(SB_USED), load<f64>(sb(SB_USED)) + <f64>bytes);
  return p;
}

/** Returns a block obtained from `alloc(size, counted)`. */
export function free(p: usize, size: u32, counted: bool): void {
  if (p == 0) return;
  const k = classOf(size);
  pushFree(k, p);
  if (counted) store<f64>(sb(SB_USED), load<f64>(sb(SB_USED)) - <f64>(1 << k));
}
