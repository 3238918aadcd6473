/**
 * Bad input a Node program can hand the runtime, in the browser (run in both
 * modes): each must end as Node ends it — an error with Node's code and
 * message, an exit code — and leave the runtime usable.
 */
import { expect } from '@esm-bundle/chai';
import { Runtime, MODE, finish } from '../helpers/runtime.js';

const QUOTA = 8 * 1024 * 1024;

describe(`bad input (${MODE})`, () => {
  let rt: Runtime;
  before(async () => {
    rt = await Runtime.boot({ fs: { quota: QUOTA } });
  });
  after(async () => {
    await rt.teardown();
  });

  async function node(files: Record<string, string>, args = ['main.js']) {
    for (const [name, text] of Object.entries(files)) {
      const dir = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : '';
      if (dir) await rt.fs.mkdir(dir, { recursive: true });
      await rt.fs.writeFile(name, text);
    }
    return finish(await rt.spawn('node', args));
  }

  it('a path with a NUL byte is ERR_INVALID_ARG_VALUE from the sync, callback and promise forms', async () => {
    const r = await node({
      'main.js': `
        const fs = require('fs');
        const show = (how, e) => console.log(how, e.name, e.code, e.message);
        try { fs.readFileSync('a\\0b'); } catch (e) { show('sync', e); }
        try { fs.writeFile(Buffer.from('x\\0'), 'x', () => console.log('callback ran')); } catch (e) { show('callback', e); }
        fs.promises.stat(new URL('file:///tmp/a%00b')).catch((e) => show('promise', e));
        console.log(fs.existsSync('a\\0b'));
      `,
    });
    expect(r.stdout).to.equal([
      "sync TypeError ERR_INVALID_ARG_VALUE The argument 'path' must be a string, Uint8Array, or URL without null bytes. Received 'a\\x00b'",
      "callback TypeError ERR_INVALID_ARG_VALUE The argument 'path' must be a string, Uint8Array, or URL without null bytes. Received <Buffer 78 00>",
      'false',
      "promise TypeError ERR_INVALID_ARG_VALUE The argument 'path' must be a string, Uint8Array, or URL without null bytes. Received '/tmp/a\\x00b'",
      '',
    ].join('\n'));
    expect(r.code).to.equal(0);
  });

  it('writes beyond the VFS quota fail with ENOSPC; the process and the runtime carry on', async () => {
    const r = await node({
      'main.js': `
        const fs = require('fs');
        try { fs.writeFileSync('big', Buffer.alloc(${QUOTA * 2}, 1)); } catch (e) { console.log('sync', e.code, e.errno, e.syscall, e.message); }
        fs.rmSync('big', { force: true });
        const fd = fs.openSync('grow', 'w');
        let total = 0;
        try { for (;;) total += fs.writeSync(fd, Buffer.alloc(1 << 20, 2)); } catch (e) { console.log('loop', e.code, total > 0); }
        fs.closeSync(fd);
        fs.unlinkSync('grow');
        const ws = fs.createWriteStream('stream');
        ws.on('error', (e) => {
          console.log('stream', e.code);
          fs.rmSync('stream', { force: true });
          fs.writeFileSync('small', 'still works');
          console.log(fs.readFileSync('small', 'utf8'));
        });
        for (let i = 0; i < 16; i++) ws.write(Buffer.alloc(1 << 20, 3));
        ws.end();
      `,
    });
    expect(r.stderr).to.equal('');
    expect(r.stdout).to.equal([
      'sync ENOSPC -28 write ENOSPC: no space left on device, write',
      'loop ENOSPC true',
      'stream ENOSPC',
      'still works',
      '',
    ].join('\n'));
    expect(r.code).to.equal(0);
    const again = await node({ 'main.js': 'console.log(require("fs").readFileSync("small", "utf8"))' });
    expect(again.stdout).to.equal('still works\n');
  });

  it('requiring a native addon names the package and says it needs the server backend', async () => {
    const r = await node({
      'node_modules/fancy-native/package.json': JSON.stringify({ name: 'fancy-native', main: 'build/Release/fancy.node' }),
      'node_modules/fancy-native/build/Release/fancy.node': '\u007fELF',
      'main.js': `
        try { require('fancy-native'); } catch (e) { console.log(e.code, e.message); }
        require('fancy-native');
      `,
    });
    const [first] = r.stdout.split('\n');
    expect(first).to.match(/^ERR_VERKLET_NATIVE_ADDON /);
    expect(first).to.include("package 'fancy-native'");
    expect(first).to.include('server backend');
    expect(r.stderr).to.include('ERR_VERKLET_NATIVE_ADDON');
    expect(r.code).to.equal(1);
  });

  it('unbounded recursion is a RangeError as in Node: exit 1, and the process finishes its output', async () => {
    const r = await node({
      'main.js': `
        function down(n) { return down(n + 1) + 1; }
        try { down(0); } catch (e) { console.log('caught', e.name, e.message); }
        process.on('exit', (code) => console.log('exit', code));
        setTimeout(() => { console.log('still alive'); down(0); }, 5);
      `,
    });
    expect(r.stdout).to.equal('caught RangeError Maximum call stack size exceeded\nstill alive\nexit 1\n');
    expect(r.stderr).to.match(/main\.js:2\n {8}function down\(n\) \{ return down\(n \+ 1\) \+ 1; \}\n {27}\^\n\nRangeError: Maximum call stack size exceeded\n/);
    expect(r.stderr).to.match(/\n\nNode\.js v24\.12\.0\n$/);
    expect(r.code).to.equal(1);
    const next = await node({ 'main.js': 'console.log("next process")' });
    expect(next.stdout).to.equal('next process\n');
  });

  it('a syntax error in user code prints Node\'s message with file and line, exit 1', async () => {
    const cwd = rt.workdir;
    const cjs = await node({ 'main.js': 'const x = 1;\nconst y = {;\n' });
    expect(cjs.stdout).to.equal('');
    expect(cjs.stderr.startsWith(`${cwd}/main.js:2\nconst y = {;\n           ^\n\nSyntaxError: Unexpected token ';'\n`), cjs.stderr).to.equal(true);
    expect(cjs.code).to.equal(1);
    const esm = await node({ 'bad.mjs': 'export const a = 1;\nconst y = {;\n' }, ['bad.mjs']);
    expect(esm.stderr.startsWith(`file://${cwd}/bad.mjs:2\nconst y = {;\n           ^\n\nSyntaxError: Unexpected token ';'\n`), esm.stderr).to.equal(true);
    expect(esm.code).to.equal(1);
  });
});
