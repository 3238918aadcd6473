/**
 * The error for an API a browser tab cannot provide (TLS sockets, HTTP/2,
 * UDP, the inspector). The modules holding these APIs still load, as in Node,
 * so programs that import them for an optional feature (Vite imports `tls`
 * and `http2` for https mode) run; only a call fails, naming what is missing.
 * It is the error a session would promote to the server backend on.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

export function needsServerError(api: string, what: string): Error {
  const e: any = new Error(`${api} is not available in the browser runtime (Verklet): ${what} needs the server backend.`);
  e.code = 'ERR_VERKLET_NEEDS_SERVER';
  return e;
}

/** A function that throws needsServerError when called (or constructed). */
export function needsServer(api: string, what: string): (...args: any[]) => never {
  const fn = function (): never {
    throw needsServerError(api, what);
  };
  Object.defineProperty(fn, 'name', { value: api.replace(/^.*\./, '').replace(/\(\)$/, '') });
  return fn;
}
