/**
 * A worker's global scope has web properties Node's does not (`onmessage`,
 * `postMessage`, `location`, `indexedDB`, ...). Programs that walk
 * `globalThis` — Node's own test/common checks for leaked globals that way —
 * would see them. They stay usable, but no longer enumerable: each gets an own,
 * non-enumerable property that forwards to the original, which shadows the
 * enumerable one on the prototype chain.
 */
/** What `for (k in globalThis)` lists in Node 24 (besides the module wrapper's names). */
const NODE_ENUMERABLE = new Set([
  'global', 'clearImmediate', 'setImmediate', 'clearInterval', 'clearTimeout', 'setInterval', 'setTimeout',
  'queueMicrotask', 'structuredClone', 'atob', 'btoa', 'performance', 'fetch', 'crypto', 'navigator',
  'process', 'Buffer', 'console',
]);

export function hideWebGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  const names: string[] = [];
  for (const key in g) if (!NODE_ENUMERABLE.has(key)) names.push(key);
  for (const key of names) {
    let owner: object | null = g;
    let desc: PropertyDescriptor | undefined;
    while (owner && !(desc = Object.getOwnPropertyDescriptor(owner, key))) owner = Object.getPrototypeOf(owner);
    if (!desc || !desc.enumerable) continue;
    try {
      if (owner === g) Object.defineProperty(g, key, { ...desc, enumerable: false });
      else if ('value' in desc) Object.defineProperty(g, key, { value: desc.value, writable: desc.writable ?? true, configurable: true, enumerable: false });
      else
        Object.defineProperty(g, key, {
          get: desc.get ? () => desc!.get!.call(g) : undefined,
          set: desc.set ? (v: unknown) => desc!.set!.call(g, v) : undefined,
          configurable: true,
          enumerable: false,
        });
    } catch {
      // A non-configurable property stays as it is.
    }
  }
}
