/**
 * The scripts on the current call stack, read through V8's structured stack
 * API (the sourceURL of eval'd user code, the bundle URL of the host's own).
 * The host uses it to tell its own callers from user code (inspect-proxy.ts)
 * and to find the file that called the Function constructor
 * (function-import.ts). The caller's prepareStackTrace and stackTraceLimit
 * are restored: source-map-support and the like keep working.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** The script URL of each of the first `limit` frames above `below`. */
export function callerScripts(below: (...args: any[]) => any, limit: number): string[] {
  const E = Error as any;
  const savedPrepare = E.prepareStackTrace;
  const savedLimit = E.stackTraceLimit;
  try {
    E.prepareStackTrace = (_e: unknown, sites: any[]) => sites.map((s) => String(s.getScriptNameOrSourceURL?.() ?? s.getFileName?.() ?? ''));
    E.stackTraceLimit = limit;
    const holder: { stack?: unknown } = {};
    E.captureStackTrace(holder, below);
    return Array.isArray(holder.stack) ? holder.stack : [];
  } catch {
    return [];
  } finally {
    E.prepareStackTrace = savedPrepare;
    E.stackTraceLimit = savedLimit;
  }
}
