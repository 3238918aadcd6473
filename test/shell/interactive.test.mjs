// The interactive shell and its TTY line discipline (src/shell/interactive)
// under Node: runShell(['sh']) with a terminal on stdin, keys pushed as a
// terminal would send them, the output read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collector, loadShell, nodeSystem } from './harness.mjs';

/** A terminal's input: chunks pushed by the test, null = closed. */
function ttyInput() {
  const queue = [];
  let wake;
  return {
    isTTY: true,
    push(s) {
      queue.push(s === null ? null : new TextEncoder().encode(s));
      wake?.();
    },
    async read() {
      while (!queue.length) await new Promise((r) => (wake = r));
      const c = queue.shift();
      if (c === null) queue.unshift(null);
      return c;
    },
  };
}

async function startShell({ cols = 80, files = {} } = {}) {
  const { runShell } = await loadShell();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'verklet-ish-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(home, name)), { recursive: true });
    fs.writeFileSync(path.join(home, name), text);
  }
  const input = ttyInput();
  const out = collector();
  let resize;
  let interrupt;
  const status = runShell(['sh'], {
    system: nodeSystem(),
    cwd: home,
    env: { HOME: home, PATH: '/usr/bin:/bin' },
    stdin: input,
    stdout: { ...out.sink, isTTY: true },
    stderr: { ...out.sink, isTTY: true },
    terminal: { cols, rows: 24, onResize: (l) => (resize = l), onInterrupt: (l) => (interrupt = l), commands: () => ['node', 'npm', 'zzhostcmd'] },
  });
  const sh = {
    home,
    input,
    status,
    text: out.text,
    resize: (size) => resize(size),
    interrupt: () => interrupt(),
    /** Waits until the output (from `from` on) matches. */
    async until(pred, from = 0, ms = 5000) {
      const end = Date.now() + ms;
      for (;;) {
        const t = out.text().slice(from);
        if (typeof pred === 'string' ? t.includes(pred) : pred.test(t)) return t;
        if (Date.now() > end) throw new Error(`timed out waiting for ${pred}; output: ${JSON.stringify(out.text())}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    /** Types a line and resolves with the output up to the next prompt. */
    async run(keys) {
      const from = out.text().length;
      input.push(keys + '\r');
      const t = await sh.until(/\$ $/, from);
      return t;
    },
  };
  await sh.until(/\$ $/);
  return sh;
}

test('interactive: prompt, echo, editing keys, Ctrl+D exits 0', async () => {
  const sh = await startShell();
  assert.match(sh.text(), /\x1b\[1;34m~\x1b\[0m \$ $/);
  assert.match(await sh.run('echo hi'), /\r\nhi\n/);
  assert.match(await sh.run('echo sevn\x1b[De\x1b[C!'), /\r\nseven!\n/);
  assert.match(await sh.run('cho x\x1bOHe\x1b[8~y'), /\r\nxy\n/);
  assert.match(await sh.run('echo a b c\x17\x17d'), /\r\na d\n/);
  assert.match(await sh.run('junk\x01\x0becho k'), /\r\nk\n/);
  assert.match(await sh.run('echo xyz\x01\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x1b[3~'), /\r\nyz\n/);
  sh.input.push('\x04');
  assert.equal(await sh.status, 0);
});

test('interactive: long lines wrap and still edit (narrow terminal)', async () => {
  const sh = await startShell({ cols: 12 });
  assert.match(await sh.run('echo 0123456789abcdefghij\x01\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C+'), /\r\n\+0123456789abcdefghij\n/);
  sh.resize({ cols: 30, rows: 10 });
  assert.match(await sh.run('echo resized-ok'), /\r\nresized-ok\n/);
  sh.input.push('exit 4\r');
  assert.equal(await sh.status, 4);
});

test('interactive: PS2 continuation for if/for/quotes/here-documents/backslash', async () => {
  const sh = await startShell();
  let from = sh.text().length;
  sh.input.push('for i in 1 2\r');
  await sh.until(/> $/, from);
  assert.match(await sh.run('do echo n$i; done'), /n1\nn2\n/);
  sh.input.push('echo "a\r');
  await sh.until(/> $/, sh.text().length - 2);
  assert.match(await sh.run('b"'), /a\nb\n/);
  from = sh.text().length;
  sh.input.push('cat <<EOF\rhere\r');
  await sh.until(/here\r\n> $/, from);
  assert.match(await sh.run('EOF'), /\r\nhere\n/);
  assert.match(await sh.run('echo one \\\rtwo'), /one two\n/);
  sh.input.push('exit\r');
  assert.equal(await sh.status, 0);
});

test('interactive: history in $HOME/.sh_history, Up/Down, loaded by the next shell', async () => {
  const sh = await startShell();
  await sh.run('echo h1');
  await sh.run('echo h2');
  assert.match(await sh.run('\x1b[A\x1b[A'), /\r\nh1\n/);
  assert.match(await sh.run('\x10\x10\x0e'), /\r\nh1\n/);
  const hist = await sh.run('history');
  assert.match(hist, / {4}1 {2}echo h1\n {4}2 {2}echo h2\n/);
  sh.input.push('\x04');
  await sh.status;
  assert.equal(fs.readFileSync(path.join(sh.home, '.sh_history'), 'utf8'), 'echo h1\necho h2\necho h1\nhistory\n');
  const { runShell } = await loadShell();
  const input = ttyInput();
  const out = collector();
  const st = runShell(['sh'], { system: nodeSystem(), cwd: sh.home, env: { HOME: sh.home }, stdin: input, stdout: out.sink, stderr: out.sink, terminal: { cols: 80, rows: 24 } });
  input.push('\x1b[A\r');
  input.push('\x04');
  assert.equal(await st, 0);
  assert.match(out.text(), /\r\n {4}1 {2}echo h1\n/);
});

test('interactive: Tab completes commands and paths, double Tab lists', async () => {
  const sh = await startShell({ files: { 'dir/alpha.txt': 'A\n', 'dir/beta1': '', 'dir/beta2': '', 'dir/sub/x': '' } });
  assert.match(await sh.run('ech\tok'), /\r\nok\n/);
  assert.match(await sh.run('cat di\tal\t'), /\r\nA\n/);
  let from = sh.text().length;
  sh.input.push('ls dir/be\t');
  await new Promise((r) => setTimeout(r, 50));
  sh.input.push('\t');
  await sh.until(/beta1 +beta2\r\n/, from);
  sh.input.push('\x15');
  from = sh.text().length;
  sh.input.push('zzh\t');
  await sh.until('zzhostcmd ', from);
  sh.input.push('\x03');
  await sh.until(/\^C\r\n[^]*\$ $/, from);
  sh.input.push('\x04');
  // EOF exits with the last status: 130 after a Ctrl+C at the prompt (as bash).
  assert.equal(await sh.status, 130);
});

test('interactive: Ctrl+C interrupts a loop, cat, and a SIGINT to the shell; cooked echo', async () => {
  const sh = await startShell();
  let from = sh.text().length;
  sh.input.push('while :; do :; done\r');
  await new Promise((r) => setTimeout(r, 100));
  sh.input.push('\x03');
  await sh.until(/\^C\r\n[^]*\$ $/, from);
  assert.match(await sh.run('echo $?'), /\r\n130\n/);
  from = sh.text().length;
  sh.input.push('cat\r');
  await new Promise((r) => setTimeout(r, 50));
  sh.input.push('typed\x7fD\r');
  await sh.until('typed\b \bD\r\ntypeD\n', from);
  sh.input.push('\x04');
  await sh.until(/\$ $/, from);
  assert.match(await sh.run('echo cat=$?'), /cat=0/);
  from = sh.text().length;
  sh.input.push('sleep 20\r');
  await new Promise((r) => setTimeout(r, 50));
  sh.interrupt();
  await sh.until(/\$ $/, from);
  assert.match(await sh.run('echo $?'), /\r\n130\n/);
  // Typed ahead while a command runs: echoed, then run by the shell.
  from = sh.text().length;
  sh.input.push('sleep 0.2\r');
  await new Promise((r) => setTimeout(r, 30));
  sh.input.push('echo ahead\r');
  await sh.until(/\r\nahead\n/, from);
  sh.input.push('\x04');
  assert.equal(await sh.status, 0);
});
