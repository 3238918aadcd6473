/**
 * Differential harness: a case is an async function body (test/node-fs/cases/*.js)
 * run with (fs, log, Buffer, sleep) under real Node 24 in a temp directory and
 * under Verklet's fs (cwd a folder inside a fresh VFS). `log(...values)` prints
 * one line of JSON-ish text through the same serializer on both sides.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, freshFs, realTemp, runNode24 } from './support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Serializer shared by both sides (source text so the Node 24 script can embed it). */
export const SERIALIZER = String.raw`
function makeSer(Buffer) {
  const ser = (v, seen = new Set()) => {
    if (v === undefined) return 'undefined';
    if (v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
    if (typeof v === 'bigint') return v + 'n';
    if (typeof v === 'function') return '[Function]';
    if (typeof v === 'symbol') return v.toString();
    if (v instanceof Error) {
      const o = { name: v.name, code: v.code, message: v.message };
      for (const k of ['errno', 'syscall', 'path', 'dest']) if (v[k] !== undefined) o[k] = v[k];
      return 'Error' + JSON.stringify(o);
    }
    if (v instanceof Date) return isNaN(v) ? 'Date(invalid)' : 'Date';
    if (v instanceof Uint8Array) return (Buffer.isBuffer(v) ? 'Buffer' : 'Uint8Array') + '<' + Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex') + '>';
    if (seen.has(v)) return '[Circular]';
    seen.add(v);
    if (Array.isArray(v)) return '[' + v.map((x) => ser(x, seen)).join(',') + ']';
    return '{' + Object.keys(v).map((k) => JSON.stringify(k) + ':' + ser(v[k], seen)).join(',') + '}';
  };
  return (...a) => a.map((x) => ser(x)).join(' ');
}
`;
// eslint-disable-next-line no-new-func
const makeSer = new Function(`${SERIALIZER}; return makeSer;`)();

export function loadCases() {
  const dir = path.join(here, 'cases');
  return readdirSync(dir).filter((f) => f.endsWith('.js')).sort().map((f) => ({ name: f.replace(/\.js$/, ''), body: readFileSync(path.join(dir, f), 'utf8') }));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const AsyncFunction = (async () => {}).constructor;

/** Runs every case under Node 24 in one process, each in its own temp dir; returns { name: lines[] }. */
export function runAllNode24(cases) {
  const base = realTemp('cases');
  try {
    const script = `${SERIALIZER}
const fs = require('fs');
const results = {};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const cases = ${JSON.stringify(cases)};
const AsyncFunction = (async () => {}).constructor;
let current = [];
process.on('uncaughtException', (e) => current.push('UNCAUGHT ' + makeSer(Buffer)(e)));
(async () => {
  for (const c of cases) {
    const dir = ${JSON.stringify(base)} + '/' + c.name;
    fs.mkdirSync(dir);
    process.chdir(dir);
    const lines = [];
    current = lines;
    const ser = makeSer(Buffer);
    const log = (...a) => lines.push(ser(...a));
    try {
      await Promise.race([new AsyncFunction('fs', 'log', 'Buffer', 'sleep', c.body)(fs, log, Buffer, sleep), sleep(5000).then(() => { throw new Error('case timed out'); })]);
    } catch (e) {
      log('THROWN', e);
    }
    results[c.name] = lines;
  }
  process.chdir(${JSON.stringify(base)});
  fs.writeFileSync(${JSON.stringify(base)} + '/results.json', JSON.stringify(results));
  process.exit(0);
})();
`;
    writeFileSync(path.join(base, 'run.cjs'), script);
    runNode24(path.join(base, 'run.cjs'), base);
    return JSON.parse(readFileSync(path.join(base, 'results.json'), 'utf8'));
  } finally {
    cleanup(base);
  }
}

/** Runs one case under Verklet's fs; returns lines[]. */
export async function runVerklet(c) {
  const { fs, Buffer } = await freshFs({ cwd: `/tmp/x/${c.name}` });
  const lines = [];
  const ser = makeSer(Buffer);
  const log = (...a) => lines.push(ser(...a));
  try {
    await Promise.race([new AsyncFunction('fs', 'log', 'Buffer', 'sleep', c.body)(fs, log, Buffer, sleep), sleep(5000).then(() => { throw new Error('case timed out'); })]);
  } catch (e) {
    log('THROWN', e);
  }
  return lines;
}
