/**
 * The Node event loop, emulated inside a browser worker.
 *
 * A browser worker cannot tell when it is idle, so the host keeps its own
 * loop: Node's timers and immediates live here, every callback runs in its
 * own macrotask (so the worker drains promise microtasks after it, as Node
 * does), `process.nextTick` callbacks run before those microtasks, and a count
 * of ref'd handles decides when the process has nothing left to do
 * (https://nodejs.org/en/learn/asynchronous-work/event-loop-timers-and-nexttick).
 *
 * Other modules (fs, child_process, http, net…) keep the process alive with
 * `ref()`/`unref()` or `createHandle()` and run their callbacks through
 * `runCallback()` so ticks and uncaught errors behave as in Node.
 */

/** Thrown by `process.exit()` to unwind user code; never reported as an error. */
export class ExitSignal {
  constructor(readonly code: number) {}
}

interface Timer {
  id: number;
  when: number;
  cb: () => void;
  repeat: number | null;
  refed: boolean;
  active: boolean;
}

interface Immediate {
  cb: () => void;
  refed: boolean;
  active: boolean;
}

type Tick = { fn: (...a: unknown[]) => void; args: unknown[] };

const nativeSetTimeout = globalThis.setTimeout.bind(globalThis);
const nativeClearTimeout = globalThis.clearTimeout.bind(globalThis);

let externalRefs = 0;
let timers: Timer[] = [];
let immediates: Immediate[] = [];
let ticks: Tick[] = [];
let timerSeq = 0;
let refedTimers = 0;
let refedImmediates = 0;
let running = false;
let stopped = false;
let wakeFn: (() => void) | null = null;
let onIdle: () => boolean = () => false;
let onError: (err: unknown) => void = (e) => { throw e; };
const startTime = performance.now();

/** Milliseconds since the loop module loaded (Node's loop clock). */
export function now(): number {
  return Math.floor(performance.now() - startTime);
}

/**
 * libuv caches the loop time at the start of each iteration and timers count
 * from it, so a setTimeout(0) made by the main module is already due when the
 * loop first runs (before setImmediate), as in Node.
 */
let loopTime = 0;

/**
 * Refresh the cached loop time; the host calls this before running the main
 * module. Node's clock was last updated before bootstrap, which takes over a
 * millisecond, so the main module's setTimeout(0) is already due.
 */
export function updateTime(): void {
  loopTime = now() - 1;
}

function wake(): void {
  const w = wakeFn;
  wakeFn = null;
  w?.();
}

/** Keep the process alive (a listening server, a running child, pending I/O). */
export function ref(): void {
  externalRefs++;
}

/** Release one `ref()`. */
export function unref(): void {
  externalRefs = Math.max(0, externalRefs - 1);
  wake();
}

/** A ref'd handle with idempotent ref/unref, as libuv handles have. */
export interface LoopHandle {
  ref(): void;
  unref(): void;
  hasRef(): boolean;
  close(): void;
}

/** Create a handle that keeps the loop alive while ref'd and not closed. */
export function createHandle(refed = true): LoopHandle {
  let isRef = false;
  let closed = false;
  const h: LoopHandle = {
    ref() { if (!isRef && !closed) { isRef = true; ref(); } },
    unref() { if (isRef) { isRef = false; unref(); } },
    hasRef() { return isRef; },
    close() { h.unref(); closed = true; },
  };
  if (refed) h.ref();
  return h;
}

/** Whether anything keeps the loop alive. */
export function hasRefs(): boolean {
  return externalRefs > 0 || refedTimers > 0 || refedImmediates > 0 || ticks.length > 0;
}

/** `process.nextTick`. */
export function nextTick(fn: (...a: unknown[]) => void, ...args: unknown[]): void {
  ticks.push({ fn, args });
  if (!running) scheduleWake();
}

let wakeScheduled = false;
function scheduleWake(): void {
  if (wakeScheduled) return;
  wakeScheduled = true;
  queueMicrotask(() => {
    wakeScheduled = false;
    wake();
  });
}

/** Run queued ticks now (after the main module, after each callback). */
export function runTicks(): void {
  while (ticks.length && !stopped) {
    const t = ticks.shift()!;
    try {
      t.fn(...t.args);
    } catch (e) {
      onError(e);
    }
  }
}

/** Run a callback coming from outside the loop (an fs reply, a socket event) as Node would. */
export function runCallback<T>(fn: () => T): T | undefined {
  if (stopped) return undefined;
  loopTime = now();
  try {
    return fn();
  } catch (e) {
    onError(e);
    return undefined;
  } finally {
    runTicks();
    wake();
  }
}

/** Timer API used by the timers module. */
export function addTimer(cb: () => void, ms: number, repeat: boolean): Timer {
  const delay = ms >= 1 && ms <= 2147483647 ? Math.floor(ms) : 1;
  const t: Timer = { id: ++timerSeq, when: loopTime + delay, cb, repeat: repeat ? delay : null, refed: true, active: true };
  timers.push(t);
  refedTimers++;
  wake();
  return t;
}

export function removeTimer(t: Timer): void {
  if (!t.active) return;
  t.active = false;
  if (t.refed) refedTimers--;
  timers = timers.filter((x) => x !== t);
  wake();
}

export function setTimerRef(t: Timer, refed: boolean): void {
  if (t.refed === refed) return;
  t.refed = refed;
  if (t.active) refedTimers += refed ? 1 : -1;
  wake();
}

export function refreshTimer(t: Timer, ms: number): void {
  const delay = ms >= 1 && ms <= 2147483647 ? Math.floor(ms) : 1;
  t.when = loopTime + delay;
  t.id = ++timerSeq;
  if (!t.active) {
    t.active = true;
    timers.push(t);
    if (t.refed) refedTimers++;
  }
  wake();
}

export function addImmediate(cb: () => void): Immediate {
  const im: Immediate = { cb, refed: true, active: true };
  immediates.push(im);
  refedImmediates++;
  wake();
  return im;
}

export function removeImmediate(im: Immediate): void {
  if (!im.active) return;
  im.active = false;
  if (im.refed) refedImmediates--;
  immediates = immediates.filter((x) => x !== im);
}

export function setImmediateRef(im: Immediate, refed: boolean): void {
  if (im.refed === refed) return;
  im.refed = refed;
  if (im.active) refedImmediates += refed ? 1 : -1;
}

export type { Timer, Immediate };

const channel = typeof MessageChannel === 'function' ? new MessageChannel() : null;
const macroQueue: (() => void)[] = [];
if (channel) {
  channel.port1.onmessage = () => macroQueue.shift()?.();
  (channel.port1 as unknown as { unref?: () => void }).unref?.();
}
/** Resolve in a fresh macrotask, after the worker drained microtasks. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    if (channel) {
      macroQueue.push(resolve);
      channel.port2.postMessage(0);
    } else nativeSetTimeout(resolve, 0);
  });
}

function invoke(cb: () => void): void {
  try {
    cb();
  } catch (e) {
    onError(e);
  }
  runTicks();
}

/** Set how errors thrown by loop callbacks and ticks are reported (before the loop runs). */
export function setErrorHandler(fn: (err: unknown) => void): void {
  onError = fn;
}

/** Stop the loop for good (process.exit). */
export function stop(): void {
  stopped = true;
  wake();
}

export function isStopped(): boolean {
  return stopped;
}

/**
 * Run the loop until nothing is ref'd. `idle` is called when the loop would
 * end (emit 'beforeExit'); it returns true if the loop should continue.
 */
export async function run(opts: { idle: () => boolean; error: (err: unknown) => void }): Promise<void> {
  onIdle = opts.idle;
  onError = opts.error;
  running = true;
  await macrotask();
  // Node reports the main module's unhandled rejections before the loop
  // starts. Chromium posts its 'unhandledrejection' task only after the task
  // that rejected has ended, behind the macrotask queued above: hop once more.
  await macrotask();
  for (;;) {
    if (stopped) return;
    // Ticks queued from microtasks or foreign callbacks.
    if (ticks.length) {
      runTicks();
      await macrotask();
      continue;
    }
    // Timers phase.
    const t0 = (loopTime = now());
    const due = timers.filter((t) => t.when <= t0).sort((a, b) => a.when - b.when || a.id - b.id);
    let ran = false;
    for (const t of due) {
      if (stopped) return;
      if (!t.active || t.when > t0) continue;
      ran = true;
      if (t.repeat !== null) {
        t.when = t0 + t.repeat;
        t.id = ++timerSeq;
      } else removeTimer(t);
      invoke(t.cb);
      await macrotask();
    }
    // Check phase: immediates queued before this phase started.
    const batch = immediates;
    if (batch.length) {
      immediates = [];
      for (const im of batch) {
        if (stopped) return;
        if (!im.active) continue;
        im.active = false;
        if (im.refed) refedImmediates--;
        ran = true;
        invoke(im.cb);
        await macrotask();
      }
    }
    if (ran) continue;
    if (stopped) return;
    if (!hasRefs()) {
      if (immediates.length || ticks.length) continue;
      if (!onIdle()) return;
      runTicks();
      await macrotask();
      if (!hasRefs() && !immediates.length && !ticks.length && !timers.some((t) => t.when <= now())) return;
      continue;
    }
    // Wait for the next timer or a wake-up from outside.
    const next = timers.length ? Math.min(...timers.map((t) => t.when)) : Infinity;
    await new Promise<void>((resolve) => {
      let handle: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        if (handle !== undefined) nativeClearTimeout(handle);
        wakeFn = null;
        resolve();
      };
      wakeFn = done;
      if (next !== Infinity) handle = nativeSetTimeout(done, Math.max(0, next - now()));
    });
    loopTime = now();
    running = true;
  }
}
