import { expect } from '@esm-bundle/chai';
import { Runtime, MODE, finish, readAll } from '../helpers/runtime.js';

describe(`sh in the runtime (${MODE})`, () => {
  let rt: Runtime;
  before(async () => {
    rt = await Runtime.boot();
  });
  after(async () => {
    await rt.teardown();
  });

  it('exec runs a command line: pipelines, redirections, expansions, exit codes', async () => {
    const r = await rt.exec('mkdir -p d && echo "a b" > d/f.txt && printf "c\\nb\\na\\n" | sort | tr a-z A-Z; cat d/f.txt; x=${UNSET:-dflt}; echo $x $((6*7)); false || echo ok');
    expect(r).to.deep.equal({ exitCode: 0, stdout: 'A\nB\nC\na b\ndflt 42\nok\n', stderr: '' });
    expect((await rt.exec('exit 3')).exitCode).to.equal(3);
    const missing = await rt.exec('nosuchthing arg');
    expect(missing.exitCode).to.equal(127);
    expect(missing.stderr).to.equal('sh: 1: nosuchthing: not found\n');
    const syntax = await rt.exec('if true; then echo');
    expect(syntax.exitCode).to.equal(2);
    expect(syntax.stderr).to.contain('Syntax error');
  });

  it('runs node from the shell, in pipelines both ways', async () => {
    const r = await rt.exec(`echo hello | node -e "process.stdin.on('data', d => process.stdout.write(String(d).toUpperCase()))" | wc -c`);
    expect(r.stdout.trim()).to.equal('6');
    const env = await rt.exec('FOO=bar node -e "console.log(process.env.FOO)"');
    expect(env.stdout).to.equal('bar\n');
  });

  it('runs utilities by name, and shebang scripts from node_modules/.bin', async () => {
    await rt.fs.writeFile('u.txt', 'z\ny\n');
    expect((await finish(await rt.spawn('sort', ['u.txt']))).stdout).to.equal('y\nz\n');
    await rt.fs.mkdir('node_modules/.bin', { recursive: true });
    await rt.fs.writeFile('node_modules/.bin/greet', '#!/usr/bin/env node\nconsole.log("hi", process.argv[2])\n');
    await rt.exec('chmod +x node_modules/.bin/greet');
    expect((await rt.exec('greet you')).stdout).to.equal('hi you\n');
    expect((await finish(await rt.spawn('greet', ['direct']))).stdout).to.equal('hi direct\n');
  });

  it('a process sees files another process wrote before it started', async () => {
    await rt.exec('node -e "require(\'fs\').writeFileSync(\'from-node.txt\', \'written\')"');
    expect((await rt.exec('cat from-node.txt')).stdout).to.equal('written');
    expect(await rt.fs.readFile('from-node.txt', 'utf8')).to.equal('written');
  });

  it("fs.watch in one process fires for another process's writes and for runtime.fs", async () => {
    await rt.fs.mkdir('watched', { recursive: true });
    const watcher = await rt.spawn('node', ['-e', `
      const fs = require('fs');
      const seen = new Set();
      fs.watch('watched', (event, name) => {
        seen.add(name);
        if (seen.has('from-proc.txt') && seen.has('from-host.txt')) { console.log('both'); process.exit(0); }
      });
      console.log('watching');`]);
    let out = '';
    const reader = watcher.stdout.getReader();
    while (!out.includes('watching')) out += (await reader.read()).value ?? '';
    await rt.exec('node -e "require(\'fs\').writeFileSync(\'watched/from-proc.txt\', \'1\')"');
    await rt.fs.writeFile('watched/from-host.txt', '2');
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      out += value;
    }
    expect(out).to.equal('watching\nboth\n');
    expect(await watcher.exit).to.equal(0);
  });

  it('a running process reads what another process and runtime.fs write, by the time its watcher fires', async () => {
    await rt.fs.mkdir('live', { recursive: true });
    await rt.fs.writeFile('live/a.txt', 'old a');
    await rt.fs.writeFile('live/b.txt', 'old b');
    const reader = await rt.spawn('node', ['-e', `
      const fs = require('fs');
      const want = { 'a.txt': 'new a from a process', 'b.txt': 'new b from runtime.fs', 'c.txt': 'made by sh' };
      const done = new Set();
      fs.watch('live', (event, name) => {
        if (!want[name] || done.has(name)) return;
        const text = fs.readFileSync('live/' + name, 'utf8');
        if (text === want[name]) done.add(name);
        if (done.size === 3) { console.log(fs.readdirSync('live').sort().join(',')); process.exit(0); }
      });
      console.log('ready', fs.readFileSync('live/a.txt', 'utf8'));`]);
    const lines = reader.stdout.getReader();
    let out = '';
    while (!out.includes('\n')) out += (await lines.read()).value ?? '';
    expect(out).to.equal('ready old a\n');
    await rt.exec('node -e "require(\'fs\').writeFileSync(\'live/a.txt\', \'new a from a process\')"');
    await rt.fs.writeFile('live/b.txt', 'new b from runtime.fs');
    await rt.exec('printf "made by sh" > live/c.txt');
    for (;;) {
      const { done, value } = await lines.read();
      if (done) break;
      out += value;
    }
    expect(out).to.equal('ready old a\na.txt,b.txt,c.txt\n');
    expect(await reader.exit).to.equal(0);
  });

  it('a process printing a lot waits for a slow reader (backpressure), and all bytes arrive', async () => {
    const proc = await rt.spawn('sh', ['-c', 'yes 0123456789 | head -c 8000000']);
    const reader = proc.stdout.getReader();
    let total = 0;
    let first = true;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (first) {
        first = false;
        // Stall the reader: the writer must wait, not buffer everything.
        await new Promise((r) => setTimeout(r, 300));
      }
    }
    expect(total).to.equal(8_000_000);
    expect(await proc.exit).to.equal(0);
  });

  it('Ctrl+C (SIGINT) stops a foreground loop in the shell', async () => {
    const proc = await rt.spawn('sh', ['-c', 'while :; do :; done']);
    await new Promise((r) => setTimeout(r, 200));
    proc.kill('SIGINT');
    expect(await proc.exit).to.equal(130);
    void readAll;
  });
});
