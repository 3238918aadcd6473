/**
 * What this browser and page can give a runtime, probed once at boot. The
 * runtime degrades instead of failing where it can (no shared memory, no OPFS,
 * no service worker); it refuses to boot only without the parts it cannot
 * replace (WebAssembly, module workers, streams, MessageChannel).
 */
export function missingFeatures(): string[] {
  const missing: string[] = [];
  const g = globalThis as Record<string, unknown>;
  if (typeof g.WebAssembly !== 'object') missing.push('WebAssembly');
  if (typeof g.Worker !== 'function') missing.push('Web Workers');
  else if (!supportsModuleWorkers()) missing.push('module workers');
  if (typeof g.ReadableStream !== 'function' || typeof g.WritableStream !== 'function') missing.push('Streams API');
  if (typeof g.MessageChannel !== 'function') missing.push('MessageChannel');
  if (typeof g.TextDecoder !== 'function') missing.push('TextDecoder');
  return missing;
}

let moduleWorkers: boolean | undefined;

/** Feature test without starting a worker: the `type` option is read only by browsers that know it. */
function supportsModuleWorkers(): boolean {
  if (moduleWorkers !== undefined) return moduleWorkers;
  moduleWorkers = false;
  try {
    const options = {
      get type() {
        moduleWorkers = true;
        return 'module' as const;
      },
    };
    new Worker('data:text/javascript,', options).terminate();
  } catch {
    // Constructing may fail for other reasons (CSP); the getter ran if supported.
  }
  return moduleWorkers;
}

/** Shared memory needs SharedArrayBuffer, which browsers give only to cross-origin isolated pages. */
export function hasSharedMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

export async function hasOpfs(): Promise<boolean> {
  try {
    const storage = (globalThis.navigator as Navigator | undefined)?.storage;
    if (!storage?.getDirectory) return false;
    await storage.getDirectory();
    return true;
  } catch {
    return false;
  }
}
