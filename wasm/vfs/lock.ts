/**
 * The mutation lock: one i32 word at FS_BASE + SB_LOCK (Drepper's three-state
 * futex mutex). Spins first, then `atomic.wait`s — unless this instance was
 * told it may not block (a browser main thread, where `atomic.wait` traps), in
 * which case it only spins. In the non-shared build (no threads feature) the
 * lock compiles to nothing.
 */
import { FS_BASE, SB_LOCK } from "./layout";

/** Per instance: whether `atomic.wait` is allowed on this thread. */
let canBlock: bool = true;

export function setCanBlock(value: bool): void {
  canBlock = value;
}

export function lock(): void {
  if (ASC_FEATURE_THREADS) {
    const a = <usize>(FS_BASE + SB_LOCK);
    if (atomic.cmpxchg<i32>(a, 0, 1) == 0) return;
    for (let i = 0; i < 200; i++) {
      if (atomic.load<i32>(a) == 0 && atomic.cmpxchg<i32>(a, 0, 1) == 0) return;
    }
    let c = atomic.xchg<i32>(a, 2);
    while (c != 0) {
      if (canBlock) atomic.wait<i32>(a, 2, -1);
      c = atomic.xchg<i32>(a, 2);
    }
  }
}

export function unlock(): void {
  if (ASC_FEATURE_THREADS) {
    const a = <usize>(FS_BASE + SB_LOCK);
    if (atomic.sub<i32>(a, 1) != 1) {
      atomic.store<i32>(a, 0);
      atomic.notify(a, 1);
    }
  }
}
