// Table-driven error cases: every fs call, in its sync, callback and promise
// forms, against a small fixture tree. Expectations (code, errno, syscall,
// path, dest, message, name) come from running the same table under the
// reference Node 24 binary in a temp directory.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, freshFs, realTemp, runNode24 } from './support.mjs';

// [call, args source] — run as fs.<call>Sync(...args), fs.<call>(...args, cb), fs.promises.<call>(...args).
// A `!` prefix on the call: no promise form (fd calls). `nocb:` runs the callback form without a callback.
export const TABLE = [
  ['access', `'nope'`], ['access', `'nope', 2`], ['access', `'f/x'`], ['access', `'f/'`], ['access', `'loop'`],
  ['open', `'nope'`], ['open', `'nope', 'r+'`], ['open', `'f', 'wx'`], ['open', `'d', 'w'`], ['open', `'d', 'r+'`], ['open', `'f/x', 'w'`],
  ['open', `'nope/x', 'w'`], ['open', `'loop'`], ['open', `'dl', 'r'`], ['open', `'f', 0o200000`], ['open', `'l', 0o400000`],
  ['stat', `'nope'`], ['stat', `'f/x'`], ['stat', `'f/'`], ['stat', `'dl'`], ['stat', `'loop'`], ['stat', `'d/'`],
  ['lstat', `'nope'`], ['lstat', `'f/x'`], ['lstat', `'f/'`], ['lstat', `'loop'`],
  ['readFile', `'nope'`], ['readFile', `'d'`], ['readFile', `'f/'`], ['readFile', `'nope', 'utf8'`], ['readFile', `'d', { flag: 'r' }`],
  ['writeFile', `'d', 'x'`], ['writeFile', `'nope/x', 'x'`], ['writeFile', `'f', 'x', { flag: 'wx' }`], ['writeFile', `'f/x', 'x'`],
  ['appendFile', `'d', 'x'`], ['appendFile', `'nope/x', 'x'`],
  ['readdir', `'nope'`], ['readdir', `'f'`], ['readdir', `'nope', { recursive: true }`], ['readdir', `'f', { withFileTypes: true }`], ['readdir', `'loop'`],
  ['mkdir', `'f'`], ['mkdir', `'d'`], ['mkdir', `'nope/x'`], ['mkdir', `'f/x'`], ['mkdir', `'f', { recursive: true }`],
  ['mkdir', `'f/x', { recursive: true }`], ['mkdir', `'d', { recursive: true }`],
  ['mkdtemp', `'nope/x'`], ['mkdtemp', `'f/x'`],
  ['rm', `'nope'`], ['rm', `'d'`], ['rm', `'e'`], ['rm', `'f/x'`], ['rm', `'nope', { force: true }`], ['rm', `'d', { recursive: true }`],
  ['rmdir', `'nope'`], ['rmdir', `'d'`], ['rmdir', `'f'`], ['rmdir', `'f/x'`], ['rmdir', `'l'`],
  ['unlink', `'nope'`], ['unlink', `'d'`], ['unlink', `'f/x'`], ['unlink', `'e'`],
  ['rename', `'nope', 'x'`], ['rename', `'f', 'd'`], ['rename', `'d', 'f'`], ['rename', `'d', 'd/sub'`], ['rename', `'e', 'd'`],
  ['rename', `'f', 'nope/x'`], ['rename', `'f', 'f/x'`],
  ['copyFile', `'nope', 'x'`], ['copyFile', `'d', 'x'`], ['copyFile', `'f', 'd'`], ['copyFile', `'f', 'l', 1`], ['copyFile', `'f', 'nope/x'`],
  ['symlink', `'f', 'l'`], ['symlink', `'x', 'nope/y'`], ['symlink', `'x', 'f/y'`], ['symlink', `'x', 'd'`],
  ['link', `'nope', 'x'`], ['link', `'d', 'x'`], ['link', `'f', 'l'`], ['link', `'f', 'nope/x'`],
  ['readlink', `'f'`], ['readlink', `'nope'`], ['readlink', `'d'`], ['readlink', `'f/x'`],
  ['realpath', `'nope'`], ['realpath', `'f/x'`], ['realpath', `'d/nope'`],
  ['chmod', `'nope', 0o600`], ['chmod', `'f/x', 0o600`], ['chown', `'nope', 0, 0`], ['lchown', `'nope', 0, 0`],
  ['utimes', `'nope', 1, 1`], ['lutimes', `'nope', 1, 1`], ['utimes', `'f/x', 1, 1`],
  ['truncate', `'nope'`], ['truncate', `'d'`], ['truncate', `'f/x'`],
  ['opendir', `'nope'`], ['opendir', `'f'`],
  ['cp', `'nope', 'x'`], ['cp', `'d', 'x'`], ['cp', `'d', 'd/y', { recursive: true }`], ['cp', `'f', 'd', { recursive: true }`], ['cp', `'f', 'f'`],
  ['!close', `999`], ['!fstat', `999`], ['!fsync', `999`], ['!fdatasync', `999`], ['!ftruncate', `999`], ['!futimes', `999, 1, 1`],
  ['!fchmod', `999, 0o600`], ['!fchown', `999, 0, 0`], ['!read', `999, Buffer.alloc(2), 0, 2, 0`], ['!write', `999, 'x'`],
  ['!readv', `999, [Buffer.alloc(2)]`], ['!writev', `999, [Buffer.from('x')]`],
  // argument validation
  ['open', `undefined`], ['open', `'a\\0b'`], ['open', `'f', 'bogus'`], ['stat', `5`], ['stat', `{}`], ['readFile', `undefined`],
  ['mkdir', `'x', { mode: 'z' }`], ['mkdir', `'x', { recursive: 'yes' }`], ['chmod', `'f', -1`], ['chmod', `'f', 'abc'`], ['copyFile', `'f', 'y', 'a'`],
  ['access', `'f', 8`], ['rename', `'f'`], ['symlink', `undefined, 'x'`], ['writeFile', `'x', 5`], ['readFile', `'f', 5`],
  ['readFile', `'f', { encoding: 'nope' }`], ['utimes', `'f', {}, 1`], ['mkdtemp', `undefined`], ['readdir', `null`],
  ['rm', `'f', { recursive: 'a' }`], ['lstat', `Buffer.from('a\\0')`], ['chown', `'f', 'a', 0`], ['link', `'f'`],
  ['!close', `-1`], ['!close', `'1'`], ['!close', `1.5`], ['!close', `2 ** 31`], ['!fstat', `'x'`], ['!read', `3, 5`], ['!write', `3, 5`],
  ['!ftruncate', `3, 'a'`],
  // missing callbacks
  ['nocb:stat', `'f'`], ['nocb:readFile', `'f'`], ['nocb:open', `'f'`], ['nocb:mkdir', `'x', {}`], ['nocb:unlink', `'f'`],
  ['nocb:open', `undefined`],
];

const RUNNER = String.raw`
async function runTable(fs, Buffer, table, fresh) {
  const clean = (e, cwd) => {
    if (!(e instanceof Error)) return { notError: String(e) };
    // mkdtemp's async forms name the random directory they tried.
    const fix = (s) => typeof s === 'string' ? s.split(cwd).join('<cwd>').replace(/(\/x)(?!XXXXXX)[A-Za-z0-9]{6}\b/g, '$1<rand>') : s;
    const o = { name: e.name, code: e.code, message: fix(e.message) };
    for (const k of ['errno', 'syscall', 'path', 'dest']) if (e[k] !== undefined) o[k] = fix(e[k]);
    return o;
  };
  const out = [];
  for (const [callRaw, argsSrc] of table) {
    const noPromise = callRaw.startsWith('!');
    const noCb = callRaw.startsWith('nocb:');
    const call = callRaw.replace(/^!|^nocb:/, '');
    const row = { call: callRaw, args: argsSrc };
    const forms = noCb ? ['nocb'] : noPromise ? ['sync', 'cb'] : ['sync', 'cb', 'promise'];
    for (const form of forms) {
      const { fs: f, cwd } = await fresh();
      const args = new Function('Buffer', 'return [' + argsSrc + '];')(Buffer);
      try {
        if (form === 'sync') { f[call + 'Sync'](...args); row.sync = 'ok'; }
        else if (form === 'nocb') { f[call](...args); row.nocb = 'no throw'; }
        else if (form === 'cb') {
          row.cb = await new Promise((resolve, reject) => {
            try { f[call](...args, (err) => resolve(err ? clean(err, cwd) : 'ok')); } catch (e) { reject(e); }
          });
        } else {
          const p = f.promises[call](...args);
          row.promiseIsPromise = p instanceof Promise;
          row.promise = await p.then(() => 'ok', (e) => clean(e, cwd));
        }
      } catch (e) {
        row[form] = { threw: clean(e, cwd) };
      }
    }
    out.push(row);
  }
  return out;
}
function fixture(fs) {
  fs.mkdirSync('d'); fs.writeFileSync('d/f', 'in d'); fs.mkdirSync('e'); fs.writeFileSync('f', 'x');
  fs.symlinkSync('f', 'l'); fs.symlinkSync('nope', 'dl'); fs.symlinkSync('loop2', 'loop'); fs.symlinkSync('loop', 'loop2');
  fs.openSync('f', 'r');
}
`;

// eslint-disable-next-line no-new-func
const { runTable, fixture } = new Function(`${RUNNER}; return { runTable, fixture };`)();

function expectedRows() {
  const base = realTemp('errtable');
  try {
    const script = `${RUNNER}
const fs = require('fs');
let n = 0;
const fresh = async () => {
  const dir = ${JSON.stringify(base)} + '/' + (n++);
  fs.mkdirSync(dir);
  process.chdir(dir);
  fixture(fs);
  return { fs, cwd: fs.realpathSync('.') };
};
runTable(fs, Buffer, ${JSON.stringify(TABLE)}, fresh).then((rows) => {
  process.chdir(${JSON.stringify(base)});
  require('fs').writeFileSync('rows.json', JSON.stringify(rows));
  process.exit(0);
});
`;
    writeFileSync(path.join(base, 'run.cjs'), script);
    runNode24(path.join(base, 'run.cjs'), base);
    return JSON.parse(readFileSync(path.join(base, 'rows.json'), 'utf8'));
  } finally {
    cleanup(base);
  }
}

const expected = expectedRows();
const actual = await (async () => {
  const fresh = async () => {
    const env = await freshFs({ cwd: '/tmp/t' });
    fixture(env.fs);
    return { fs: env.fs, cwd: '/tmp/t' };
  };
  const { Buffer } = await freshFs();
  return runTable(null, Buffer, TABLE, fresh);
})();

test('the table covers every fs call', () => {
  const calls = new Set(TABLE.map(([c]) => c.replace(/^!|^nocb:/, '')));
  for (const c of ['access', 'open', 'close', 'read', 'write', 'readv', 'writev', 'readFile', 'writeFile', 'appendFile', 'stat', 'lstat', 'fstat',
    'readdir', 'opendir', 'mkdir', 'mkdtemp', 'rm', 'rmdir', 'unlink', 'rename', 'copyFile', 'cp', 'symlink', 'link', 'readlink', 'realpath',
    'chmod', 'fchmod', 'chown', 'fchown', 'lchown', 'utimes', 'futimes', 'lutimes', 'truncate', 'ftruncate', 'fsync', 'fdatasync']) {
    assert.ok(calls.has(c), c);
  }
});

for (let i = 0; i < TABLE.length; i++) {
  const [call, args] = TABLE[i];
  test(`${call}(${args})`, () => {
    assert.deepEqual(actual[i], expected[i]);
  });
}
