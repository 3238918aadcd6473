/**
 * `spawnSync` and friends: the calling process blocks in `Atomics.wait` on a
 * shared mailbox while the kernel runs the child, collects its output and
 * writes the result into the mailbox. Only possible with shared memory
 * (cross-origin isolated pages); elsewhere the Node host reports that.
 *
 * Mailbox layout (Int32 slots, then bytes):
 *
 * ```
 *  0  state      0 pending · 1 done
 *  4  status     exit code (valid when signal = 0)
 *  8  signal     signal number that ended the child, or 0
 * 12  outLen     bytes of stdout written
 * 16  errLen     bytes of stderr written
 * 20  flags      1 stdout overflowed · 2 stderr overflowed · 4 command not found · 8 timed out
 * 24  pid
 * 64  stdout     [capacity] bytes
 * 64+capacity    stderr [capacity] bytes
 * ```
 * capacity = (byteLength - 64) / 2.
 */
import { SIGNALS, type ControlToKernel, type IoFromProcess, type IoToProcess } from './protocol.js';
import type { Kernel } from './kernel.js';

export const MAILBOX = { STATE: 0, STATUS: 1, SIGNAL: 2, OUT_LEN: 3, ERR_LEN: 4, FLAGS: 5, PID: 6, DATA: 64 } as const;
export const FLAG = { OUT_OVERFLOW: 1, ERR_OVERFLOW: 2, NOT_FOUND: 4, TIMED_OUT: 8 } as const;

export function runSyncSpawn(kernel: Kernel, ppid: number, msg: Extract<ControlToKernel, { type: 'spawn-sync' }>): void {
  const i32 = new Int32Array(msg.mailbox, 0, 16);
  const capacity = (msg.mailbox.byteLength - MAILBOX.DATA) >> 1;
  const out = new Uint8Array(msg.mailbox, MAILBOX.DATA, capacity);
  const err = new Uint8Array(msg.mailbox, MAILBOX.DATA + capacity, capacity);
  let outLen = 0;
  let errLen = 0;
  let flags = 0;
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const channel = new MessageChannel();
  const finish = (status: number, signal?: string) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    // Output posted right before exit may still be in flight on the io port.
    setTimeout(() => {
      channel.port1.close();
      if (status === 127 && new TextDecoder().decode(err.slice(0, errLen)).endsWith('command not found\n')) flags |= FLAG.NOT_FOUND;
      Atomics.store(i32, MAILBOX.STATUS, status);
      Atomics.store(i32, MAILBOX.SIGNAL, signal ? SIGNALS[signal as keyof typeof SIGNALS] ?? 0 : 0);
      Atomics.store(i32, MAILBOX.OUT_LEN, outLen);
      Atomics.store(i32, MAILBOX.ERR_LEN, errLen);
      Atomics.store(i32, MAILBOX.FLAGS, flags);
      Atomics.store(i32, MAILBOX.STATE, 1);
      Atomics.notify(i32, MAILBOX.STATE);
    }, 5);
  };
  channel.port1.onmessage = (e: MessageEvent<IoFromProcess>) => {
    const m = e.data;
    if (m.type === 'stdout' || m.type === 'stderr') {
      channel.port1.postMessage({ type: 'ack', bytes: m.data.length } satisfies IoToProcess);
      const isOut = m.type === 'stdout';
      const target = isOut ? out : err;
      const used = isOut ? outLen : errLen;
      const n = Math.min(m.data.length, capacity - used);
      target.set(m.data.subarray(0, n), used);
      if (isOut) outLen += n;
      else errLen += n;
      if (n < m.data.length) flags |= isOut ? FLAG.OUT_OVERFLOW : FLAG.ERR_OVERFLOW;
    } else if (m.type === 'exit') finish(m.code);
  };
  if (msg.input?.length) channel.port1.postMessage({ type: 'stdin', data: msg.input } satisfies IoToProcess);
  channel.port1.postMessage({ type: 'stdin-end' } satisfies IoToProcess);
  kernel
    .spawn({ argv: msg.argv, env: msg.env, cwd: msg.cwd, io: channel.port2 }, ppid, (code, _pid, signal) => {
      if (signal) finish(code, signal);
      else setTimeout(() => finish(code), 30);
    })
    .then(
      (pid) => {
        Atomics.store(i32, MAILBOX.PID, pid);
        if (msg.timeout > 0)
          timer = setTimeout(() => {
            flags |= FLAG.TIMED_OUT;
            kernel.kill(pid, msg.killSignal in SIGNALS ? msg.killSignal : 'SIGTERM');
          }, msg.timeout);
      },
      () => finish(127),
    );
}
