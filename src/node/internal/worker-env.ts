/**
 * `env: SHARE_ENV`: Node lets threads share one process.env. Threads here are
 * separate workers with no common heap for it, so each keeps its own copy and
 * every set or delete is sent to the others over their wires. Changes arrive
 * asynchronously — but in order with the thread's messages, so a parent that
 * hears a worker's message or 'exit' sees the env changes made before it.
 * https://nodejs.org/api/worker_threads.html#worker_threadsshare_env
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

type Send = (key: string, value: string | null) => void;

const links = new Set<Send>();
let target: Record<string, string> | null = null;

/** Makes this thread's process.env report its changes to the linked threads (once). */
function install(proc: any): void {
  if (target) return;
  target = proc.env as Record<string, string>;
  const notify = (key: string, value: string | null, except?: Send) => {
    for (const send of links) if (send !== except) send(key, value);
  };
  proc.env = new Proxy(target, {
    set(t, key, value) {
      if (typeof key === 'symbol') return Reflect.set(t, key, value);
      t[key] = String(value);
      notify(key, t[key]!);
      return true;
    },
    defineProperty(t, key, desc) {
      const ok = Reflect.defineProperty(t, key, { ...desc, value: String(desc.value) });
      if (typeof key === 'string') notify(key, t[key]!);
      return ok;
    },
    deleteProperty(t, key) {
      const ok = Reflect.deleteProperty(t, key);
      if (typeof key === 'string') notify(key, null);
      return ok;
    },
  });
  forward = (key, value, from) => {
    if (value === null) delete target![key];
    else target![key] = value;
    notify(key, value, from);
  };
}

let forward: (key: string, value: string | null, from: Send) => void = () => {};

/** A thread's link to one other thread sharing the env: `receive` applies that thread's changes. */
export function linkSharedEnv(proc: any, send: Send): { receive(key: string, value: string | null): void; close(): void } {
  install(proc);
  links.add(send);
  return {
    receive: (key, value) => forward(key, value, send),
    close: () => void links.delete(send),
  };
}
