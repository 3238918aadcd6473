/**
 * Argument checks at the public facade. Inside, arguments are trusted; here a
 * user's mistake becomes a TypeError that says what was expected.
 */
import type { BootOptions, SpawnOptions } from './types.js';

export function assertString(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string, got ${describe(value)}`);
}

export function assertStringArray(value: unknown, what: string): asserts value is string[] {
  if (!Array.isArray(value)) throw new TypeError(`${what} must be an array of strings, got ${describe(value)}`);
  value.forEach((v, i) => assertString(v, `${what}[${i}]`));
}

export function assertEnv(value: unknown, what: string): asserts value is Record<string, string> | undefined {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${what} must be an object of strings`);
  for (const [k, v] of Object.entries(value)) assertString(v, `${what}.${k}`);
}

export function checkSpawnOptions(options: unknown): SpawnOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw new TypeError(`spawn options must be an object, got ${describe(options)}`);
  const o = options as SpawnOptions;
  if (o.cwd !== undefined) assertString(o.cwd, 'options.cwd');
  assertEnv(o.env, 'options.env');
  if (o.terminal !== undefined) {
    const { cols, rows } = o.terminal ?? ({} as { cols: number; rows: number });
    if (!(Number.isInteger(cols) && cols > 0 && Number.isInteger(rows) && rows > 0))
      throw new TypeError('options.terminal must be { cols, rows } with positive integers');
  }
  return o;
}

const BACKENDS = ['auto', 'browser', 'server'];

export function checkBootOptions(options: unknown): BootOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw new TypeError(`boot options must be an object, got ${describe(options)}`);
  const o = options as BootOptions;
  if (o.backend !== undefined && !BACKENDS.includes(o.backend))
    throw new TypeError(`backend must be one of ${BACKENDS.map((b) => `'${b}'`).join(', ')}; got ${describe(o.backend)}`);
  if (o.workdir !== undefined) {
    assertString(o.workdir, 'workdir');
    if (!o.workdir.startsWith('/')) throw new TypeError(`workdir must be an absolute path, got '${o.workdir}'`);
  }
  assertEnv(o.env, 'env');
  if (o.registry !== undefined) assertString(o.registry, 'registry');
  if (o.persistenceKey !== undefined) assertString(o.persistenceKey, 'persistenceKey');
  const quota = o.fs?.quota;
  if (quota !== undefined && !(typeof quota === 'number' && Number.isFinite(quota) && quota > 0))
    throw new TypeError(`fs.quota must be a positive number of bytes, got ${describe(quota)}`);
  return o;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `'${value}'`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
