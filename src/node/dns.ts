/**
 * `dns`: only localhost resolves (a browser cannot do DNS queries).
 * https://nodejs.org/api/dns.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

function notFound(host: string, syscall = 'getaddrinfo'): Error {
  const e: any = new Error(`${syscall} ENOTFOUND ${host}`);
  e.errno = -3008;
  e.code = 'ENOTFOUND';
  e.syscall = syscall;
  e.hostname = host;
  return e;
}

function lookupSync(host: string, opts: any): { address: string; family: number }[] {
  const family = typeof opts === 'number' ? opts : opts?.family ?? 0;
  if (host === 'localhost' || host === '127.0.0.1' || host === '::1' || host === '' || host == null) {
    const v4 = { address: '127.0.0.1', family: 4 };
    const v6 = { address: '::1', family: 6 };
    if (family === 6 || host === '::1') return [v6];
    if (family === 4 || host === '127.0.0.1') return [v4];
    return [v4, v6];
  }
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return [{ address: host, family: 4 }];
  throw notFound(host);
}

export function lookup(host: string, opts: any, cb?: any): void {
  if (typeof opts === 'function') {
    cb = opts;
    opts = {};
  }
  let res: { address: string; family: number }[] | undefined;
  let err: Error | null = null;
  try {
    res = lookupSync(host, opts);
  } catch (e) {
    err = e as Error;
  }
  (globalThis as any).process.nextTick(() => {
    if (err) cb(err);
    else if (opts?.all) cb(null, res);
    else cb(null, res![0]!.address, res![0]!.family);
  });
}

export const promises = {
  lookup: async (host: string, opts?: any) => {
    const res = lookupSync(host, opts);
    return opts?.all ? res : res[0];
  },
  resolve: async (host: string) => {
    throw notFound(host, 'queryA');
  },
  setDefaultResultOrder: () => {},
  getDefaultResultOrder: () => 'verbatim',
};

export function resolve(host: string, _type: any, cb?: any): void {
  if (typeof _type === 'function') cb = _type;
  (globalThis as any).process.nextTick(cb, notFound(host, 'queryA'));
}
export const resolve4 = resolve;
export const resolve6 = resolve;
export function setDefaultResultOrder(): void {}
export function getDefaultResultOrder(): string {
  return 'verbatim';
}
export function getServers(): string[] {
  return [];
}
export const NOTFOUND = 'ENOTFOUND';

export default { lookup, promises, resolve, resolve4, resolve6, setDefaultResultOrder, getDefaultResultOrder, getServers, NOTFOUND };
