/**
 * Buddy allocator for the VFS heap. The heap is a run of 4 MiB regions
 * (REGION_SIZE), added one at a time with memory.grow. Blocks are powers of
 * two, 2^MIN_CLASS .. 2^MAX_CLASS bytes, aligned to their size within their
 * region; a block's buddy is at (offset ^ size). Freeing merges a block with
 * its free buddy repeatedly, so freed space coalesces and serves any later
 * size. Blocks carry no header while allocated (callers always know a block's
 * size); free blocks are on doubly linked per-class lists.
 *
 * ```
 * region (4 MiB, at HEAP_START + r * REGION_SIZE)
 *   +0       free-block bitmap, BITMAP_SIZE bytes: bit i set ⇔ a FREE block
 *            starts at region offset i * 16 (permanently allocated)
 *   +32 KiB  allocatable blocks (initially free: 32 KiB, 64 KiB, … 2 MiB)
 * free block: +0 u32 next  +4 u32 prev  +8 u32 class
 * ```
 * Counted allocations are charged against the quota; failure returns 0
 * (→ ENOSPC), never traps.
 */
import {
  FS_BASE, SB_FREE_LISTS, SB_QUOTA, SB_TOP, SB_USED, MIN_CLASS, MAX_CLASS, HEAP_START,
  REGION_SHIFT, REGION_SIZE, BITMAP_SIZE,
} from "./layout";

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

// @ts-ignore: decorator
@inline function regionOf(p: usize): usize {
  return <usize>HEAP_START + (((p - <usize>HEAP_START) >> REGION_SHIFT) << REGION_SHIFT);
}

function bitAddr(p: usize): usize {
  const base = regionOf(p);
  return base + ((p - base) >> 7);
}
// @ts-ignore: decorator
@inline function bitMask(p: usize): u8 {
  const bit = <u32>((p - regionOf(p)) >> 4) & 7;
  return <u8>((<u32>1) << bit);
}

function isFreeOf(p: usize, k: u32): bool {
  return (load<u8>(bitAddr(p)) & bitMask(p)) != 0 && load<u32>(p + 8) == k;
}

function pushFree(k: u32, p: usize): void {
  const head = load<u32>(listAddr(k));
  store<u32>(p, head);
  store<u32>(p + 4, 0);
  store<u32>(p + 8, k);
  if (head != 0) store<u32>(<usize>head + 4, <u32>p);
  store<u32>(listAddr(k), <u32>p);
  const b = bitAddr(p);
  store<u8>(b, load<u8>(b) | bitMask(p));
}

function removeFree(k: u32, p: usize): void {
  const next = load<u32>(p);
  const prev = load<u32>(p + 4);
  if (prev != 0) store<u32>(<usize>prev, next);
  else store<u32>(listAddr(k), next);
  if (next != 0) store<u32>(<usize>next + 4, prev);
  const b = bitAddr(p);
  store<u8>(b, load<u8>(b) & <u8>~bitMask(p));
}

/** Appends one region to the heap; false when memory cannot grow. */
function addRegion(): bool {
  const top = <u64>load<u32>(sb(SB_TOP));
  const end = top + <u64>REGION_SIZE;
  if (end > 0xFFFF0000) return false;
  const have = (<u64>memory.size()) << 16;
  if (end > have) {
    if (memory.grow(<i32>((end - have + 0xFFFF) >> 16)) < 0) return false;
  }
  const base = <usize>top;
  memory.fill(base, 0, BITMAP_SIZE);
  store<u32>(sb(SB_TOP), <u32>end);
  for (let k = classOf(BITMAP_SIZE); k <= MAX_CLASS; k++) pushFree(k, base + (<usize>1 << k));
  return true;
}

/** Allocates a block of at least `size` bytes; 0 when out of quota or memory. */
export function alloc(size: u32, counted: bool): usize {
  const k = classOf(size);
  if (k > MAX_CLASS) return 0;
  const bytes: u32 = 1 << k;
  if (counted && load<f64>(sb(SB_USED)) + <f64>bytes > load<f64>(sb(SB_QUOTA))) return 0;
  let j = k;
  while (j <= MAX_CLASS && load<u32>(listAddr(j)) == 0) j++;
  if (j > MAX_CLASS) {
    if (!addRegion()) return 0;
    j = k;
    while (load<u32>(listAddr(j)) == 0) j++;
  }
  const p = <usize>load<u32>(listAddr(j));
  removeFree(j, p);
  while (j > k) {
    j--;
    pushFree(j, p + (<usize>1 << j));
  }
  if (counted) store<f64>(sb(SB_USED), load<f64>(sb(SB_USED)) + <f64>bytes);
  return p;
}

/** Returns a block obtained from `alloc(size, counted)`, merging it with free buddies. */
export function free(p: usize, size: u32, counted: bool): void {
  if (p == 0) return;
  let k = classOf(size);
  if (counted) store<f64>(sb(SB_USED), load<f64>(sb(SB_USED)) - <f64>(1 << k));
  const base = regionOf(p);
  while (k < MAX_CLASS) {
    const buddy = base + ((p - base) ^ (<usize>1 << k));
    if (!isFreeOf(buddy, k)) break;
    removeFree(k, buddy);
    if (buddy < p) p = buddy;
    k++;
  }
  pushFree(k, p);
}
