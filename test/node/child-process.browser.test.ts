import { expect } from '@esm-bundle/chai';
import { Runtime, MODE, finish, runNodeFile } from '../helpers/runtime.js';

describe(`child_process (${MODE})`, () => {
  let rt: Runtime;
  before(async () => {
    rt = await Runtime.boot();
  });
  after(async () => {
    await rt.teardown();
  });

  const node = (code: string) => runNodeFile(rt, code);

  it('spawn runs a child process with piped stdio, exit code and close', async () => {
    const r = await node(`
      const { spawn } = require('child_process');
      const c = spawn(process.execPath, ['-e', 'process.stdin.on("data", d => process.stdout.write("got " + d)); process.stdin.on("end", () => { console.error("err line"); process.exit(7) })']);
      let out = '', err = '';
      c.stdout.on('data', d => out += d);
      c.stderr.on('data', d => err += d);
      c.on('spawn', () => console.log('spawned', typeof c.pid));
      c.on('exit', (code, sig) => console.log('exit', code, sig));
      c.on('close', (code) => console.log('close', code, JSON.stringify(out), JSON.stringify(err)));
      c.stdin.end('hello');
    `);
    expect(r.stdout).to.equal('spawned number\nexit 7 null\nclose 7 "got hello" "err line\\n"\n');
    expect(r.code).to.equal(0);
  });

  it('kill ends a child with a signal', async () => {
    const r = await node(`
      const c = require('child_process').spawn('node', ['-e', 'setInterval(() => {}, 1000)']);
      c.on('spawn', () => setTimeout(() => console.log('kill', c.kill('SIGKILL')), 50));
      c.on('exit', (code, sig) => console.log('exit', code, sig, c.killed));
    `);
    expect(r.stdout).to.equal('kill true\nexit null SIGKILL true\n');
  });

  it('a missing command is an ENOENT error event, as Node reports it', async () => {
    const r = await node(`
      const c = require('child_process').spawn('definitely-not-here', ['x']);
      c.on('error', (e) => console.log(e.code, e.errno, e.syscall, e.path, e.message, JSON.stringify(e.spawnargs)));
    `);
    expect(r.stdout).to.equal('ENOENT -2 spawn definitely-not-here definitely-not-here spawn definitely-not-here ENOENT ["x"]\n'.replace('["x"]', '["definitely-not-here","x"]'));
  });

  it('execFile buffers output and reports failures', async () => {
    const r = await node(`
      const { execFile } = require('child_process');
      execFile('node', ['-e', 'console.log("out"); console.error("bad"); process.exit(2)'], (err, stdout, stderr) => {
        console.log(err.code, JSON.stringify(stdout), JSON.stringify(stderr), err.message.split('\\n')[0]);
      });
    `);
    expect(r.stdout).to.equal(`2 "out\\n" "bad\\n" Command failed: node -e console.log("out"); console.error("bad"); process.exit(2)\n`);
  });

  it('runs shebang scripts found on PATH, such as node_modules/.bin', async () => {
    await rt.fs.mkdir('node_modules/.bin', { recursive: true });
    await rt.fs.writeFile('node_modules/.bin/hello', '#!/usr/bin/env node\nconsole.log("hello from bin", process.argv.slice(2).join(","))\n');
    // Not executable yet: PATH search skips it (127); naming the file is EACCES (126).
    expect((await finish(await rt.spawn('hello', ['a']))).code).to.equal(127);
    const byPath = await finish(await rt.spawn('./node_modules/.bin/hello', ['a']));
    expect(byPath.code).to.equal(126);
    expect(byPath.stderr).to.contain('Permission denied');
  });

  it('spawnSync/execFileSync block until the child is done (shared memory) or say why not', async () => {
    const r = await node(`
      const cp = require('child_process');
      try {
        const res = cp.spawnSync('node', ['-e', 'process.stdin.on("data", d => process.stdout.write(String(d).toUpperCase()))'], { input: 'abc' });
        console.log(res.status, String(res.stdout));
        console.log(cp.execFileSync('node', ['-e', 'console.log(6*7)'], { encoding: 'utf8' }).trim());
        try { cp.execFileSync('node', ['-e', 'process.exit(3)'], { stdio: 'pipe' }); } catch (e) { console.log('status', e.status); }
        console.log(cp.spawnSync('nope-cmd').error.code);
      } catch (e) { console.log(e.code); }
    `);
    if (MODE === 'isolated') expect(r.stdout).to.equal('0 ABC\n42\nstatus 3\nENOENT\n');
    else expect(r.stdout).to.equal('ERR_VERKLET_SYNC_UNAVAILABLE\n');
  });

  it('fork() gives parent and child an IPC channel, in Node\'s event order', async () => {
    await rt.fs.writeFile('child.js', `
      process.on('message', (m) => {
        if (m.cmd === 'add') process.send({ sum: m.a + m.b, pid: typeof process.pid });
        if (m.cmd === 'bye') process.disconnect();
      });
      process.send({ ready: true, connected: process.connected });
    `);
    const r = await node(`
      const { fork } = require('child_process');
      const c = fork('child.js');
      c.on('message', (m) => {
        console.log('parent got', JSON.stringify(m));
        if (m.ready) c.send({ cmd: 'add', a: 2, b: 40 });
        else c.send({ cmd: 'bye' });
      });
      c.on('disconnect', () => console.log('disconnect'));
      c.on('exit', (code) => console.log('exit', code));
    `);
    expect(r.stdout).to.equal('parent got {"ready":true,"connected":true}\nparent got {"sum":42,"pid":"number"}\ndisconnect\nexit 0\n');
  });

  it('runs host-registered commands, from the page and from processes', async () => {
    const off = rt.registerCommand('greet', async ({ args, stdout, stdin }) => {
      const w = stdout.getWriter();
      let input = '';
      const reader = stdin.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        input += value;
      }
      await w.write(`hi ${args.join(' ')} [${input}]\n`);
      return 5;
    });
    await new Promise((r) => setTimeout(r, 20));
    const direct = await rt.spawn('greet', ['page']);
    const w = direct.input.getWriter();
    await w.write('in');
    await w.close();
    expect(await finish(direct)).to.deep.equal({ stdout: 'hi page [in]\n', stderr: '', code: 5 });
    const r = await node(`
      const c = require('child_process').spawn('greet', ['proc']);
      c.stdout.on('data', d => process.stdout.write(d));
      c.on('exit', code => console.log('code', code));
      c.stdin.end('x');
    `);
    expect(r.stdout).to.equal('hi proc [x]\ncode 5\n');
    off();
    await new Promise((r) => setTimeout(r, 20));
    expect((await finish(await rt.spawn('greet'))).code).to.equal(127);
  });
});
