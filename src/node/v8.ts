/**
 * `v8`: honest minimal: heap statistics are estimates and serialize is
 * structured-clone through JSON-free copies. https://nodejs.org/api/v8.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

export function getHeapStatistics(): Record<string, number> {
  const m = (performance as any).memory;
  return {
    total_heap_size: m?.totalJSHeapSize ?? 6_000_000, total_heap_size_executable: 0, total_physical_size: m?.totalJSHeapSize ?? 6_000_000,
    total_available_size: m?.jsHeapSizeLimit ?? 4_345_298_944, used_heap_size: m?.usedJSHeapSize ?? 4_000_000,
    heap_size_limit: m?.jsHeapSizeLimit ?? 4_345_298_944, malloced_memory: 0, peak_malloced_memory: 0,
    does_zap_garbage: 0, number_of_native_contexts: 1, number_of_detached_contexts: 0, total_global_handles_size: 0,
    used_global_handles_size: 0, external_memory: 0,
  };
}
export function getHeapSpaceStatistics(): object[] {
  return [];
}
export function cachedDataVersionTag(): number {
  return 0;
}
export function setFlagsFromString(): void {}

const values: unknown[] = [];
/** Serialize by keeping the value in this process (the buffer holds an index). */
export function serialize(value: unknown): any {
  const B = (globalThis as any).Buffer;
  values.push(structuredClone(value));
  return B.from(`VKV8:${values.length - 1}`);
}
export function deserialize(buf: any): unknown {
  const m = /^VKV8:(\d+)$/.exec(String(buf));
  if (!m) throw new Error('Unable to deserialize cloned data.');
  return structuredClone(values[Number(m[1])]);
}
export function isStringOneByteRepresentation(s: string): boolean {
  return !/[^\x00-\xff]/.test(s);
}

export default { getHeapStatistics, getHeapSpaceStatistics, cachedDataVersionTag, setFlagsFromString, serialize, deserialize, isStringOneByteRepresentation };
