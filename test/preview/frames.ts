/** Helpers for preview tests that open frames and listen to preview pages. */
import type { Runtime } from '../helpers/runtime.js';

type PreviewMessage = { port: number; type: 'console' | 'error'; level?: string; message: string };

export async function openFrame(src: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = src;
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame;
}

/** Records a runtime's 'preview-message' events; `wait` resolves on the first matching one. */
export function previewMessages(rt: Runtime): {
  all: PreviewMessage[];
  wait(match: (m: PreviewMessage) => boolean, ms?: number): Promise<PreviewMessage>;
  off(): void;
} {
  const all: PreviewMessage[] = [];
  const waiters: (() => void)[] = [];
  const off = rt.on('preview-message', (m) => {
    all.push(m);
    for (const w of waiters.splice(0)) w();
  });
  return {
    all,
    off,
    wait(match, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching preview message in ${ms} ms; got ${JSON.stringify(all)}`)), ms);
        const check = () => {
          const hit = all.find(match);
          if (hit) {
            clearTimeout(timer);
            resolve(hit);
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}

export async function until<T>(fn: () => T | Promise<T>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`condition not met in ${ms} ms: ${fn.toString()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
