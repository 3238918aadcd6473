// Unit tests: the parser (tree shapes, dash's syntax-error wording, exit 2),
// the bounded pipe (a 100 MB writer against a slow reader never buffers more
// than the bound), EPIPE ending `yes | head`, and the ShellSystem seams
// (spawn, hasCommand, PATH lookup with shebang dispatch, kill/ps hooks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { collector, loadShell, makeFixture, nodeSystem, stringStream } from './harness.mjs';

async function sh(cmd, { system = nodeSystem(), cwd = process.cwd(), stdin = '', env = { PATH: process.env.PATH } } = {}) {
  const { runShell } = await loadShell();
  const out = collector();
  const err = collector();
  const status = await runShell(['sh', '-c', cmd], { system, cwd, env, stdin: stringStream(stdin), stdout: out.sink, stderr: err.sink });
  return { stdout: out.text(), stderr: err.text(), status };
}

test('parser builds the expected tree', async () => {
  const { parseAll } = await loadShell();
  const [n] = parseAll('A=1 echo "x $y" > f | cat && ! false || true &');
  assert.equal(n.type, 'list');
  assert.equal(n.items[0].bg, true);
  const andor = n.items[0].node;
  assert.equal(andor.type, 'andor');
  assert.equal(andor.op, '||');
  assert.equal(andor.left.type, 'andor');
  const pipe = andor.left.left;
  assert.equal(pipe.type, 'pipeline');
  assert.equal(pipe.cmds.length, 2);
  const simple = pipe.cmds[0];
  assert.deepEqual(simple.assigns.map((a) => a.name), ['A']);
  assert.equal(simple.redirs[0].op, '>');
  assert.deepEqual(simple.words[1].parts.map((p) => [p.t, p.q]), [['lit', true], ['param', true]]);
  assert.equal(andor.left.right.bang, true);
});

test('parser: compound commands, functions, here-docs', async () => {
  const { parseAll } = await loadShell();
  const nodes = parseAll('f() { echo $1; }\nfor i in a b; do :; done\ncase x in a|b) ;; *) echo;; esac\nwhile false; do :; done\nif a; then b; elif c; then d; else e; fi\ncat <<-E\n\tbody $x\n\tE\n');
  assert.deepEqual(nodes.map((n) => n.type), ['func', 'for', 'case', 'while', 'if', 'simple']);
  assert.equal(nodes[2].items[0].patterns.length, 2);
  assert.equal(nodes[4].clauses.length, 2);
  const h = nodes[5].redirs[0].heredoc;
  assert.equal(h.quoted, false);
  assert.equal(h.body.parts[0].v, 'body ');
});

const SYNTAX = [
  ['if true; then echo', 'Syntax error: end of file unexpected (expecting "fi")'],
  ['done', 'Syntax error: "done" unexpected'],
  ["echo 'abc", 'Syntax error: Unterminated quoted string'],
  ['for x in a b; echo $x; done', 'Syntax error: word unexpected (expecting "do")'],
  ['echo a |', 'Syntax error: end of file unexpected'],
  ['case x in', 'Syntax error: end of file unexpected (expecting ")")'],
  ['echo $(echo', 'Syntax error: end of file unexpected (expecting ")")'],
  ['echo `echo', 'Syntax error: EOF in backquote substitution'],
  ['echo $((1+', "Syntax error: Missing '))'"],
  ['{ echo', 'Syntax error: end of file unexpected (expecting "}")'],
  ['echo a;;', 'Syntax error: ";;" unexpected'],
];

for (const [src, msg] of SYNTAX) {
  test(`syntax error: ${src}`, async () => {
    const { parseAll, ShellSyntaxError } = await loadShell();
    assert.throws(() => parseAll(src), (e) => e instanceof ShellSyntaxError && `Syntax error: ${e.message}` === msg);
    const r = await sh(src);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `sh: 1: ${msg}\n`);
  });
}

test('syntax error on line 3 runs lines 1-2 first and reports line 3', async () => {
  const r = await sh('echo one\necho two\nfi');
  assert.equal(r.stdout, 'one\ntwo\n');
  assert.equal(r.stderr, 'sh: 3: Syntax error: "fi" unexpected\n');
  assert.equal(r.status, 2);
});

test('pipe: 100 MB writer, slow reader, never more than the bound buffered', async () => {
  const { Pipe } = await loadShell();
  const pipe = new Pipe(65536);
  const total = 100 * 1024 * 1024;
  const chunk = new Uint8Array(1024 * 1024).fill(7);
  let maxSeen = 0;
  const writer = (async () => {
    for (let sent = 0; sent < total; sent += chunk.length) {
      await pipe.writable.write(chunk);
      maxSeen = Math.max(maxSeen, pipe.buffered);
    }
    pipe.closeWrite();
  })();
  let got = 0;
  let reads = 0;
  for (;;) {
    const c = await pipe.readable.read();
    if (c === null) break;
    got += c.length;
    maxSeen = Math.max(maxSeen, pipe.buffered);
    if (++reads % 64 === 0) await new Promise((r) => setImmediate(r)); // slow reader
  }
  await writer;
  assert.equal(got, total);
  assert.ok(pipe.highWater <= 65536, `highWater ${pipe.highWater}`);
  assert.ok(maxSeen <= 65536);
});

test('pipe: closing the read end fails the writer with EPIPE', async () => {
  const { Pipe } = await loadShell();
  const pipe = new Pipe(16);
  const w = pipe.writable.write(new Uint8Array(64));
  await pipe.readable.read();
  pipe.closeRead();
  await assert.rejects(w, (e) => e.code === 'EPIPE');
});

test('yes | head terminates (EPIPE) and pipelines stream through the bound', async () => {
  const r = await sh('yes | head -n 200000 | wc -l');
  assert.equal(r.stdout.trim(), '200000');
  assert.equal(r.status, 0);
});

test('external commands go through spawn; unknown ones are "not found" (127)', async () => {
  const calls = [];
  const system = {
    ...nodeSystem(),
    hasCommand: (n) => n === 'fake',
    async spawn(argv, opts) {
      calls.push(argv);
      await opts.stdout.write(new TextEncoder().encode(`spawned ${argv.join(' ')} in ${opts.cwd} E=${opts.env.E}\n`));
      return 5;
    },
  };
  const r = await sh('E=x fake a "b c"; echo $?; nope', { system, env: { PATH: '' }, cwd: '/tmp' });
  assert.deepEqual(calls, [['fake', 'a', 'b c']]);
  assert.equal(r.stdout, 'spawned fake a b c in /tmp E=x\n5\n');
  assert.equal(r.stderr, 'sh: 1: nope: not found\n');
  assert.equal(r.status, 127);
});

test('PATH lookup: node_modules/.bin symlink to a `#!/usr/bin/env node` file is run through spawn(node)', async () => {
  const dir = makeFixture({
    'node_modules/pkg/cli.js': { mode: 0o755, content: '#!/usr/bin/env node\nconsole.log("cli", process.argv.slice(2).join(","))\n' },
    'node_modules/.bin/cli': { link: '../pkg/cli.js' },
    'node_modules/.bin/shtool': { mode: 0o755, content: '#!/bin/sh\necho "shtool $1"\n' },
  });
  try {
    const r = await sh('PATH=$PWD/node_modules/.bin:$PATH; cli x y && shtool z && command -v cli | sed "s|$PWD|.|"', { cwd: dir, env: { PATH: '/usr/bin:/bin', PWD: dir } });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'cli x,y\nshtool z\n./node_modules/.bin/cli\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('background jobs: jobs, wait, fg, kill %1', async () => {
  const r = await sh('sleep 5 & jobs; kill %1; wait %1; echo "killed $?"; (exit 3) & fg; echo "fg $?"');
  assert.match(r.stdout, /^\[1\] \+ Running/);
  assert.match(r.stdout, /killed 143\n/);
  assert.match(r.stdout, /fg 3\n$/);
});

test('kill and ps go through the optional hooks', async () => {
  const killed = [];
  const system = { ...nodeSystem(), kill: (pid, sig) => (killed.push([pid, sig]), pid === 42), ps: () => [{ pid: 42, command: 'node server.js' }] };
  const r = await sh('kill 42; kill -9 43; echo $?; ps', { system });
  assert.deepEqual(killed, [[42, 'TERM'], [43, 'KILL']]);
  assert.match(r.stdout, /^1\n\s+PID TTY\s+TIME CMD\n\s+42 pts\/0\s+00:00:00 node server.js\n$/);
});

test('bash-style &> redirects both streams', async () => {
  const dir = makeFixture({});
  try {
    const r = await sh('{ echo out; echo err >&2; } &> both.txt; cat both.txt', { cwd: dir });
    assert.equal(r.stdout, 'out\nerr\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('abort signal stops a running shell', async () => {
  const { runShell } = await loadShell();
  const ac = new AbortController();
  const out = collector();
  setTimeout(() => ac.abort(), 50);
  const t0 = Date.now();
  const st = await runShell(['sh', '-c', 'while true; do sleep 1; done'], { system: nodeSystem(), cwd: '/tmp', env: {}, stdin: stringStream(''), stdout: out.sink, stderr: out.sink, signal: ac.signal });
  assert.ok(Date.now() - t0 < 2000);
  assert.equal(st, 130);
});

test('ls lays out columns only on a TTY', async () => {
  const { runShell } = await loadShell();
  const dir = makeFixture({ 'alpha.txt': '', 'beta.txt': '', 'gamma.txt': '' });
  try {
    const parts = [];
    const stdout = { isTTY: true, columns: 80, write: async (c) => void parts.push(Buffer.from(c)) };
    await runShell(['sh', '-c', 'ls'], { system: nodeSystem(), cwd: dir, env: {}, stdin: stringStream(''), stdout, stderr: stdout });
    assert.equal(Buffer.concat(parts).toString(), 'alpha.txt  beta.txt  gamma.txt\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('source (bash spelling of .), history hook, bash alias and script files', async () => {
  const dir = makeFixture({ 'lib.sh': 'greet() { echo "hello $1"; }\nLIBVAR=set\n', 'run.sh': 'echo "run $0 $1"\nbash -c "echo nested \\$0" inner\n' });
  try {
    const system = { ...nodeSystem(), history: () => ['ls', 'cd dir'] };
    const r = await sh('source ./lib.sh; greet you; echo $LIBVAR; history; sh run.sh arg', { system, cwd: dir });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'hello you\nset\n    1  ls\n    2  cd dir\nrun run.sh arg\nnested inner\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('runShell reads a script from stdin when given no operands', async () => {
  const { runShell } = await loadShell();
  const out = collector();
  const st = await runShell(['bash'], { system: nodeSystem(), cwd: '/tmp', env: {}, stdin: stringStream('echo from-stdin\nexit 4\n'), stdout: out.sink, stderr: out.sink });
  assert.equal(out.text(), 'from-stdin\n');
  assert.equal(st, 4);
});

test('tail -f follows appended data until aborted', async () => {
  const { runShell } = await loadShell();
  const dir = makeFixture({ 'log.txt': 'first\n' });
  try {
    const ac = new AbortController();
    const out = collector();
    const p = runShell(['sh', '-c', 'tail -f -s 0.05 log.txt'], { system: nodeSystem(), cwd: dir, env: {}, stdin: stringStream(''), stdout: out.sink, stderr: out.sink, signal: ac.signal });
    await new Promise((r) => setTimeout(r, 100));
    fs.appendFileSync(`${dir}/log.txt`, 'second\n');
    await new Promise((r) => setTimeout(r, 300));
    ac.abort();
    await p;
    assert.equal(out.text(), 'first\nsecond\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a utility pipeline runs concurrently: head ends an infinite producer early', async () => {
  const r = await sh('yes abc | cat | head -n 3; seq 1 100000 | tail -n 1');
  assert.equal(r.stdout, 'abc\nabc\nabc\n100000\n');
});

test('bash accepts set -o pipefail; sh (dash) rejects it as dash 0.5.12 does', async () => {
  const { runShell } = await loadShell();
  const run = async (argv0) => {
    const out = collector();
    const err = collector();
    const st = await runShell([argv0, '-c', 'set -euo pipefail; false | true; echo unreachable'], { system: nodeSystem(), cwd: '/tmp', env: {}, stdin: stringStream(''), stdout: out.sink, stderr: err.sink });
    return { st, out: out.text(), err: err.text() };
  };
  assert.deepEqual(await run('bash'), { st: 1, out: '', err: '' });
  assert.deepEqual(await run('sh'), { st: 2, out: '', err: 'sh: 1: set: Illegal option -o pipefail\n' });
});

for (const cmd of ['while :; do :; done', 'yes > /dev/null', 'yes | cat > /dev/null', 'for i in $(seq 1 1000000); do :; done']) {
  test(`abort interrupts a busy command: ${cmd}`, async () => {
    const { runShell } = await loadShell();
    const ac = new AbortController();
    const out = collector();
    setTimeout(() => ac.abort(), 100);
    const t0 = Date.now();
    await runShell(['sh', '-c', cmd], { system: nodeSystem(), cwd: '/tmp', env: {}, stdin: stringStream(''), stdout: out.sink, stderr: out.sink, signal: ac.signal });
    assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
  });
}
