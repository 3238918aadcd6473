import { expect } from '@esm-bundle/chai';
import { Runtime, MODE, finish, waitForText, readAll } from '../helpers/runtime.js';

/** requestAnimationFrame gaps over `ms`: their 90th percentile and maximum. */
async function frameGaps(ms: number): Promise<{ p90: number; max: number }> {
  const gaps: number[] = [];
  let last = performance.now();
  const until = last + ms;
  await new Promise<void>((resolve) => {
    const frame = (now: number) => {
      gaps.push(now - last);
      last = now;
      if (now < until) requestAnimationFrame(frame);
      else resolve();
    };
    requestAnimationFrame(frame);
  });
  gaps.sort((a, b) => a - b);
  return { p90: Math.round(gaps[Math.floor(gaps.length * 0.9)]!), max: Math.round(gaps[gaps.length - 1]!) };
}

describe(`Runtime (${MODE})`, () => {
  let rt: Runtime;
  before(async () => {
    rt = await Runtime.boot();
  });
  after(async () => {
    await rt.teardown();
  });

  it('runs on a page with the isolation the suite asked for', () => {
    expect(globalThis.crossOriginIsolated === true).to.equal(MODE === 'isolated');
    expect(rt.capabilities.sharedMemory).to.equal(MODE === 'isolated');
    expect(rt.capabilities.backend).to.equal('browser');
    expect(rt.backend).to.equal('browser');
    expect(rt.workdir).to.equal('/home/project');
    expect(rt.id).to.match(/^rt_/);
  });

  it('isSupported names nothing missing in Chromium', () => {
    expect(Runtime.isSupported()).to.deep.equal({ supported: true, missing: [] });
  });

  it('runs node -e and streams its output', async () => {
    const proc = await rt.spawn('node', ['-e', 'console.log(1)']);
    expect(proc.pid).to.be.greaterThan(0);
    const r = await finish(proc);
    expect(r).to.deep.equal({ stdout: '1\n', stderr: '', code: 0 });
  });

  it('keeps stdout and stderr apart and interleaves them in output', async () => {
    const proc = await rt.spawn('node', ['-e', 'console.log("a"); console.error("b"); console.log("c")']);
    const [out, all, err] = await Promise.all([readAll(proc.stdout), readAll(proc.output), readAll(proc.stderr)]);
    expect(out).to.equal('a\nc\n');
    expect(err).to.equal('b\n');
    expect(all).to.equal('a\nb\nc\n');
  });

  it('passes argv, env and cwd', async () => {
    const proc = await rt.spawn('node', ['-e', 'console.log(process.argv.slice(1).join(","), process.env.FOO, process.cwd())', 'x', 'y'], {
      env: { FOO: 'bar' },
      cwd: 'sub',
    });
    const r = await finish(proc);
    expect(r.stdout).to.equal('x,y bar /home/project/sub\n');
  });

  it('reports exit codes from process.exit and process.exitCode', async () => {
    expect((await finish(await rt.spawn('node', ['-e', 'process.exit(3)']))).code).to.equal(3);
    expect((await finish(await rt.spawn('node', ['-e', 'process.exitCode = 4']))).code).to.equal(4);
  });

  it('a top-level throw prints the stack and exits 1, the page unaffected', async () => {
    const r = await finish(await rt.spawn('node', ['-e', 'throw new Error("boom")']));
    expect(r.code).to.equal(1);
    expect(r.stderr).to.contain('Error: boom');
    expect((await finish(await rt.spawn('node', ['-e', 'console.log("still fine")']))).stdout).to.equal('still fine\n');
  });

  it('exits 127 with "NAME: command not found"', async () => {
    const r = await finish(await rt.spawn('no-such-cmd', ['a']));
    expect(r.code).to.equal(127);
    expect(r.stderr).to.equal('no-such-cmd: command not found\n');
    expect(r.stdout).to.equal('');
  });

  it('runs processes in parallel, each in its own worker', async () => {
    // A keeps its worker busy for seconds; B starts, runs and exits meanwhile.
    const a = await rt.spawn('node', ['-e', 'console.log("A up"); const t = Date.now(); while (Date.now() - t < 4000) {} console.log("A done")']);
    await waitForText(a.stdout, 'A up');
    const b = await finish(await rt.spawn('node', ['-e', 'console.log("B ran")']));
    expect(b.stdout).to.equal('B ran\n');
    let aDone = false;
    void a.exit.then(() => (aDone = true));
    await Promise.resolve();
    expect(aDone, 'A still running when B finished').to.equal(false);
    a.kill('SIGKILL');
    await a.exit;
  });

  it('a spinning process leaves the page responsive and kill() ends it', async () => {
    const baseline = await frameGaps(400);
    const proc = await rt.spawn('node', ['-e', 'console.log("spinning"); for(;;){}']);
    await waitForText(proc.stdout, 'spinning');
    // Frame gaps while the worker spins: a frozen page shows one long gap.
    // 90% of frames within 50 ms, or within one frame more than the same page
    // managed just before when the shared test machine itself is that busy.
    const spinning = await frameGaps(600);
    expect(spinning.p90, `p90 frame gap ${spinning.p90} ms (baseline ${baseline.p90} ms)`).to.be.at.most(Math.max(50, baseline.p90 + 17));
    expect(spinning.max, `longest frame gap ${spinning.max} ms`).to.be.lessThan(250);
    const t0 = performance.now();
    proc.kill('SIGKILL');
    expect(await proc.exit).to.equal(137);
    expect(performance.now() - t0).to.be.lessThan(1000);
  });

  it('SIGTERM and SIGINT without a handler end the process with 128+n', async () => {
    const a = await rt.spawn('node', ['-e', 'console.log("up"); for(;;){}']);
    await waitForText(a.stdout, 'up');
    a.kill();
    expect(await a.exit).to.equal(143);
    const b = await rt.spawn('node', ['-e', 'console.log("up"); for(;;){}']);
    await waitForText(b.stdout, 'up');
    b.kill('SIGINT');
    expect(await b.exit).to.equal(130);
  });

  it('delivers SIGINT and SIGTERM to a process that handles them', async () => {
    const proc = await rt.spawn('node', ['-e', `
      process.on('SIGINT', () => { console.log('got SIGINT'); });
      process.on('SIGTERM', () => { console.log('got SIGTERM'); process.exit(0); });
      console.log('ready'); setInterval(() => {}, 1000);`]);
    const out = waitForText(proc.stdout, 'got SIGTERM');
    await waitForText(proc.output, 'ready');
    proc.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 100));
    proc.kill('SIGTERM');
    expect(await out).to.equal('ready\ngot SIGINT\ngot SIGTERM\n');
    expect(await proc.exit).to.equal(0);
  });

  it('feeds input to process.stdin and ends it on close', async () => {
    const proc = await rt.spawn('node', ['-e', `let s = ''; process.stdin.setEncoding('utf8'); process.stdin.on('data', (d) => s += d); process.stdin.on('end', () => console.log(JSON.stringify(s), process.stdin.isTTY))`]);
    const w = proc.input.getWriter();
    await w.write('line 1\n');
    await w.write('line 2');
    await w.close();
    expect(await finish(proc)).to.deep.equal({ stdout: '"line 1\\nline 2" undefined\n', stderr: '', code: 0 });
  });

  it('gives a terminal: isTTY, columns and rows, resize with SIGWINCH', async () => {
    const proc = await rt.spawn(
      'node',
      ['-e', `process.on('SIGWINCH', () => { console.log(\`winch \${process.stdout.columns} \${process.stdout.rows}\`); process.exit(0); });
        console.log(\`\${process.stdout.isTTY} \${process.stdout.columns} \${process.stdout.rows}\`);
        setInterval(() => {}, 1000);`],
      { terminal: { cols: 100, rows: 30 } },
    );
    const seen = waitForText(proc.stdout, 'winch');
    await waitForText(proc.output, '30');
    proc.resize({ cols: 120, rows: 40 });
    expect(await seen).to.equal('true 100 30\nwinch 120 40\n');
    expect(await proc.exit).to.equal(0);
  });

  it('rejects non-string commands and args with a TypeError', async () => {
    for (const [cmd, args] of [[42, []], [null, []], ['node', 'x'], ['node', [1]], ['node', [undefined]]] as const) {
      let error: unknown;
      try {
        await rt.spawn(cmd as unknown as string, args as unknown as string[]);
      } catch (e) {
        error = e;
      }
      expect(error, `spawn(${String(cmd)}, ${JSON.stringify(args)})`).to.be.instanceOf(TypeError);
    }
    let error: unknown;
    try {
      await rt.exec(5 as unknown as string);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(TypeError);
  });

  it("writing to a finished process's input rejects instead of crashing", async () => {
    const proc = await rt.spawn('node', ['-e', '0']);
    await proc.exit;
    const writer = proc.input.getWriter();
    let error: unknown;
    try {
      await writer.write('late');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(Error);
    expect(String((error as Error).message)).to.contain('exited');
  });
});

describe(`Runtime lifecycle (${MODE})`, () => {
  it('runs several runtimes on one page, each with its own processes', async () => {
    const [a, b] = await Promise.all([Runtime.boot({ env: { WHO: 'a' } }), Runtime.boot({ env: { WHO: 'b' } })]);
    expect(a.id).to.not.equal(b.id);
    const [ra, rb] = await Promise.all([
      a.spawn('node', ['-e', 'console.log(process.env.WHO)']).then(finish),
      b.spawn('node', ['-e', 'console.log(process.env.WHO)']).then(finish),
    ]);
    expect(ra.stdout).to.equal('a\n');
    expect(rb.stdout).to.equal('b\n');
    await a.teardown();
    // b is unaffected by a's teardown
    expect((await finish(await b.spawn('node', ['-e', 'console.log(2)']))).stdout).to.equal('2\n');
    await b.teardown();
  });

  it('boots again after teardown, and teardown twice is a no-op', async () => {
    const a = await Runtime.boot();
    const running = await a.spawn('node', ['-e', 'for(;;){}']);
    await a.teardown();
    await a.teardown();
    expect(await running.exit).to.equal(137);
    let error: unknown;
    try {
      await a.spawn('node', ['-e', '0']);
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.contain('torn down');
    const b = await Runtime.boot();
    expect((await finish(await b.spawn('node', ['-e', 'console.log("again")']))).stdout).to.equal('again\n');
    await b.teardown();
  });

  it('rejects bad boot options with a clear TypeError', async () => {
    for (const options of [{ backend: 'cloud' }, { workdir: 'relative' }, { env: { A: 1 } }, 'x']) {
      let error: unknown;
      try {
        await Runtime.boot(options as never);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(options)).to.be.instanceOf(TypeError);
    }
  });

  it('boot on a browser without WebAssembly rejects with what is missing', async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly')!;
    delete (globalThis as { WebAssembly?: unknown }).WebAssembly;
    try {
      expect(Runtime.isSupported()).to.deep.equal({ supported: false, missing: ['WebAssembly'] });
      let error: unknown;
      try {
        await Runtime.boot();
      } catch (e) {
        error = e;
      }
      expect(String(error)).to.contain('missing WebAssembly');
    } finally {
      Object.defineProperty(globalThis, 'WebAssembly', saved);
    }
  });
});
