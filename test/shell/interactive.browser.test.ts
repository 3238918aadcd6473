/**
 * The interactive shell in a real <verklet-terminal>: keys typed into xterm
 * (`terminal.input(data, true)`, the same path as the keyboard and paste),
 * the screen read back from xterm's buffer.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture, MODE, until, Runtime, type RuntimeType } from '../elements/helpers.js';
import type { VerkletTerminalElement } from '../../dist/types/elements.js';
import { readAll } from '../helpers/runtime.js';

function screen(term: VerkletTerminalElement): string {
  const buf = term.terminal!.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i)?.translateToString(true) ?? '');
  return lines.join('\n').trimEnd();
}

/** The visible rows only. */
function viewport(term: VerkletTerminalElement): string {
  const buf = term.terminal!.buffer.active;
  const lines: string[] = [];
  for (let i = buf.viewportY; i < buf.viewportY + term.terminal!.rows; i++) lines.push(buf.getLine(i)?.translateToString(true) ?? '');
  return lines.join('\n').trimEnd();
}

function count(text: string, needle: string | RegExp): number {
  if (typeof needle === 'string') return text.split(needle).length - 1;
  return (text.match(new RegExp(needle.source, 'g' + needle.flags.replace('g', ''))) ?? []).length;
}

async function waitFor(term: VerkletTerminalElement, test: (s: string) => boolean, what: string, ms = 5_000): Promise<string> {
  try {
    return await until(async () => {
      await term.flush();
      const s = screen(term);
      return test(s) ? s : '';
    }, what, ms);
  } catch (e) {
    throw new Error(`${(e as Error).message}; screen:\n${screen(term)}`);
  }
}

/** Waits until the screen shows `n` prompts. */
const PROMPT = /^~[^\n]*?\$(?: |$)/m;
const prompts = (s: string) => count(s, PROMPT);

function type(term: VerkletTerminalElement, data: string): void {
  term.terminal!.input(data, true);
}

/** Types a command line and waits for the prompt after it. */
async function run(term: VerkletTerminalElement, line: string): Promise<string> {
  const before = prompts(screen(term));
  type(term, line + '\r');
  return waitFor(term, (s) => prompts(s) > before, `the prompt after ${JSON.stringify(line)}`);
}

/** The lines of output between the last two prompts. */
function lastOutput(s: string): string {
  const lines = s.split('\n');
  const idx = lines.map((l, i) => (PROMPT.test(l) ? i : -1)).filter((i) => i >= 0);
  const a = idx[idx.length - 2]!;
  const b = idx[idx.length - 1]!;
  return lines.slice(a + 1, b).join('\n');
}

describe(`interactive sh in <verklet-terminal> (${MODE})`, function () {
  this.timeout(60_000);
  let rt: RuntimeType;
  before(async () => {
    rt = await Runtime.boot();
  });
  after(async () => {
    await rt.teardown();
  });
  afterEach(cleanup);

  async function shell(): Promise<VerkletTerminalElement> {
    const term = fixture<VerkletTerminalElement>('<verklet-terminal style="width: 800px; --verklet-terminal-height: 400px"></verklet-terminal>');
    term.runtime = rt as unknown as string;
    await until(() => term.process, 'the shell process');
    await waitFor(term, (s) => prompts(s) === 1, 'the first prompt');
    return term;
  }

  it('shows a prompt with the cwd relative to HOME, runs `echo hi`', async () => {
    const term = await shell();
    expect(screen(term)).to.match(/^~ \$ ?$/m);
    const s = await run(term, 'echo hi');
    expect(lastOutput(s)).to.equal('hi');
    expect(s).to.contain('~ $ echo hi');
    await run(term, 'mkdir -p sub/dir && cd sub/dir');
    expect(screen(term)).to.match(/~\/sub\/dir \$ ?$/m);
  });

  it('edits the line: arrows, Home/End variants, Delete, Backspace, Ctrl+A/E/K/U/W/Y', async () => {
    const term = await shell();
    // Home, then End (two escape variants).
    expect(lastOutput(await run(term, 'cho one\x1b[He\x1b[FX'))).to.equal('oneX');
    expect(lastOutput(await run(term, 'cho one\x1bOHe\x1bOFY'))).to.equal('oneY');
    expect(lastOutput(await run(term, 'xecho two\x1b[1~\x1b[3~\x1b[4~!'))).to.equal('two!');
    // Left inserts in the middle, Right moves back to the end.
    expect(lastOutput(await run(term, 'echo sevn\x1b[De\x1b[C!'))).to.equal('seven!');
    expect(lastOutput(await run(term, 'echo ninee\x7f'))).to.equal('nine');
    expect(lastOutput(await run(term, 'echo two three\x17four'))).to.equal('two four');
    expect(lastOutput(await run(term, 'junk\x01\x0becho five'))).to.equal('five');
    expect(lastOutput(await run(term, 'junk junk\x15echo six'))).to.equal('six');
    expect(lastOutput(await run(term, 'echo ab\x01\x05c'))).to.equal('abc');
    expect(lastOutput(await run(term, 'echo yank\x17\x19\x19'))).to.equal('yankyank');
  });

  it('Up/Down walk the history; `history` lists it', async () => {
    const term = await shell();
    await run(term, 'echo first-entry');
    await run(term, 'echo second-entry');
    let s = await run(term, '\x1b[A\x1b[A');
    expect(lastOutput(s)).to.equal('first-entry');
    s = await run(term, '\x1b[A\x1b[A\x1b[B');
    expect(lastOutput(s)).to.equal('first-entry');
    s = await run(term, 'history');
    expect(lastOutput(s)).to.match(/\d+ {2}echo first-entry\n\s+\d+ {2}echo second-entry/);
  });

  it('history survives a new shell ($HOME/.sh_history)', async () => {
    const term = await shell();
    const word = `persisted-${Math.random().toString(36).slice(2, 8)}`;
    await run(term, `echo ${word}`);
    type(term, '\x04');
    await waitFor(term, (s) => s.includes('[process exited with code 0]'), 'exit');
    expect(await rt.fs.readFile('/home/project/.sh_history', 'utf8')).to.contain(`echo ${word}\n`);
    await cleanup();
    const term2 = await shell();
    const s = await run(term2, '\x1b[A');
    expect(lastOutput(s)).to.equal(word);
  });

  it('Tab completes command names (incl. node_modules/.bin) and paths; a second Tab lists', async () => {
    await rt.fs.mkdir('/home/project/node_modules/.bin', { recursive: true });
    await rt.fs.writeFile('/home/project/node_modules/.bin/mytool-xyz', '#!/bin/sh\necho mytool ran\n');
    await rt.exec('chmod +x /home/project/node_modules/.bin/mytool-xyz');
    await rt.fs.mkdir('/home/project/tabdir/inner', { recursive: true });
    await rt.fs.writeFile('/home/project/tabdir/longfilename-abc.txt', 'file contents here\n');
    await rt.fs.writeFile('/home/project/tabdir/pa1', '');
    await rt.fs.writeFile('/home/project/tabdir/pa2', '');
    const term = await shell();
    expect(lastOutput(await run(term, 'ech\ttabbed'))).to.equal('tabbed');
    expect(lastOutput(await run(term, 'mytool-x\t'))).to.equal('mytool ran');
    expect(lastOutput(await run(term, 'cat tabd\tlongf\t'))).to.equal('file contents here');
    let s = await run(term, 'cd tabd\tin\t');
    expect(s).to.contain('cd tabdir/inner/');
    await run(term, 'cd ../..');
    type(term, 'ls tabdir/pa\t\t');
    s = await waitFor(term, (x) => /pa1\s+pa2/.test(x), 'the candidate list');
    expect(s).to.match(/pa1\s+pa2\n~ \$ ls tabdir\/pa/);
    s = await run(term, '1');
    expect(lastOutput(s)).to.equal('tabdir/pa1');
  });

  it('Ctrl+C at the prompt discards the line; Ctrl+L clears the screen', async () => {
    const term = await shell();
    type(term, 'echo nope');
    await waitFor(term, (s) => s.includes('echo nope'), 'typed text');
    type(term, '\x03');
    await waitFor(term, (s) => s.includes('echo nope^C') && prompts(s) === 2, '^C and a new prompt');
    const s = await run(term, 'echo status $?');
    expect(lastOutput(s)).to.equal('status 130');
    expect(s).to.not.match(/^nope$/m);
    type(term, 'echo kept\x0c');
    await waitFor(term, () => viewport(term).startsWith('~ $ echo kept'), 'a cleared screen');
    expect(lastOutput(await run(term, ''))).to.equal('kept');
  });

  it('Ctrl+C stops a node child and an in-process loop, back to a prompt', async () => {
    const term = await shell();
    type(term, 'node -e "console.log(\'ticking\'); setInterval(() => {}, 1000)"\r');
    await waitFor(term, (s) => /^ticking$/m.test(s), 'node running');
    type(term, '\x03');
    let s = await waitFor(term, (x) => prompts(x) === 2, 'the prompt after Ctrl+C');
    expect(s).to.contain('^C');
    s = await run(term, 'echo code $?');
    expect(lastOutput(s)).to.equal('code 130');
    type(term, 'while :; do :; done\r');
    await new Promise((r) => setTimeout(r, 300));
    type(term, '\x03');
    await waitFor(term, (x) => prompts(x) === 4, 'the prompt after stopping the loop');
    expect(lastOutput(await run(term, 'echo loop $?'))).to.equal('loop 130');
    // interrupt() (SIGINT to the shell process) does the same.
    type(term, 'sleep 30\r');
    await new Promise((r) => setTimeout(r, 200));
    term.interrupt();
    await waitFor(term, (x) => prompts(x) === 6, 'the prompt after interrupt()');
    expect(lastOutput(await run(term, 'echo sleep $?'))).to.equal('sleep 130');
  });

  it('Ctrl+D on an empty line exits with status 0', async () => {
    const term = await shell();
    await run(term, 'true');
    type(term, '\x04');
    await waitFor(term, (s) => s.includes('[process exited with code 0]'), 'exit');
    expect(term.exitCode).to.equal(0);
  });

  it('`cat` gets echoed, cooked lines and ends on Ctrl+D', async () => {
    const term = await shell();
    type(term, 'cat\r');
    await new Promise((r) => setTimeout(r, 100));
    type(term, 'hello cat\r');
    await waitFor(term, (s) => count(s, 'hello cat') === 2, 'the echo and cat output');
    // Backspace edits the pending line (cooked mode).
    type(term, 'typx\x7fo\r');
    await waitFor(term, (s) => count(s, /^typo$/m) === 2, 'the edited line twice');
    type(term, '\x04');
    await waitFor(term, (s) => prompts(s) === 2, 'the prompt after EOF');
    expect(lastOutput(await run(term, 'echo cat $?'))).to.equal('cat 0');
  });

  it('a node child reads the keys typed while it runs; Ctrl+D is its EOF', async () => {
    const term = await shell();
    type(term, `node -e "let n=0; process.stdin.on('data', d => console.log('got[' + String(d).trim() + ']')); process.stdin.on('end', () => console.log('end'))"\r`);
    await new Promise((r) => setTimeout(r, 300));
    type(term, 'abc\r');
    await waitFor(term, (s) => s.includes('got[abc]'), 'node got the line');
    type(term, '\x04');
    await waitFor(term, (s) => s.includes('end') && prompts(s) === 2, 'node saw EOF and exited');
  });

  it('pasted text runs line by line', async () => {
    const term = await shell();
    term.terminal!.paste('echo pasted-1\necho pasted-2\n');
    const s = await waitFor(term, (x) => prompts(x) === 3, 'both pasted lines run');
    expect(s).to.match(/^pasted-1$/m);
    expect(s).to.match(/^pasted-2$/m);
  });

  it('a child handling SIGINT gets each Ctrl+C and keeps its stdin', async () => {
    const term = await shell();
    type(term, `node -e "let n=0; process.on('SIGINT', () => console.log('caught', ++n)); process.stdin.on('data', d => console.log('data[' + String(d).trim() + ']')); process.stdin.on('end', () => process.exit(5)); console.log('ready')"\r`);
    await waitFor(term, (s) => /^ready$/m.test(s), 'node ready');
    type(term, '\x03');
    await waitFor(term, (s) => s.includes('caught 1'), 'the first SIGINT');
    type(term, '\x03');
    await waitFor(term, (s) => s.includes('caught 2'), 'the second SIGINT');
    type(term, 'still here\r');
    await waitFor(term, (s) => s.includes('data[still here]'), 'stdin after Ctrl+C');
    type(term, '\x04');
    await waitFor(term, (s) => prompts(s) === 2, 'the prompt after EOF');
    expect(lastOutput(await run(term, 'echo $?'))).to.equal('5');
  });

  it('a multi-line construct continues with PS2', async () => {
    const term = await shell();
    type(term, 'for i in 1 2\r');
    await waitFor(term, (s) => /^> ?$/m.test(s), 'PS2');
    type(term, 'do echo it$i\r');
    const s = await run(term, 'done');
    expect(lastOutput(s).split('\n').slice(-2)).to.deep.equal(['it1', 'it2']);
    expect(lastOutput(await run(term, 'echo "two\nlines"'))).to.contain('two\nlines');
  });

  it('resizes reach the foreground node child (columns, resize event, SIGWINCH)', async () => {
    const term = await shell();
    const proc = term.process!;
    type(term, `node -e "console.log('start', process.stdout.columns); process.on('SIGWINCH', () => console.log('winch', process.stdout.columns, process.stdout.rows)); setTimeout(() => {}, 20000)"\r`);
    await waitFor(term, (s) => /start \d+/.test(s), 'node started');
    proc.resize({ cols: 97, rows: 31 });
    await waitFor(term, (s) => s.includes('winch 97 31'), 'SIGWINCH with the new size');
    type(term, '\x03');
    await waitFor(term, (s) => prompts(s) === 2, 'prompt');
    const s = await run(term, 'node -e "console.log(process.stdout.columns, process.stdout.isTTY)"');
    expect(lastOutput(s)).to.equal('97 true');
  });

  it('binary output does not break the terminal; colours render', async () => {
    const term = await shell();
    await run(term, `node -e "process.stdout.write(Buffer.from([0x0e, 0xff, 0xfe, 0x00, 0x1b, 0x28, 0x30, 0x61, 0x62]))"`);
    const s = await run(term, 'echo fine-after-binary');
    expect(lastOutput(s)).to.equal('fine-after-binary');
    await run(term, 'printf "\\033[32mGREEN\\033[0m\\n"');
    const buf = term.terminal!.buffer.active;
    let cell;
    for (let i = 0; i < buf.length; i++) if (buf.getLine(i)?.translateToString(true) === 'GREEN') cell = buf.getLine(i)!.getCell(0);
    expect(cell?.getFgColor()).to.equal(2);
  });

  it('sh -c on a terminal: cooked echo for cat, Ctrl+C ends it with 130', async () => {
    const proc = await rt.spawn('sh', ['-c', 'cat; echo after; sleep 30'], { terminal: { cols: 80, rows: 24 } });
    const out = readAll(proc.output);
    const w = proc.input.getWriter();
    await w.write('line one\r');
    await new Promise((r) => setTimeout(r, 200));
    await w.write('\x04');
    await new Promise((r) => setTimeout(r, 200));
    await w.write('\x03');
    const code = await proc.exit;
    const text = await out;
    expect(text).to.contain('line one\r\nline one\n');
    expect(text).to.contain('after');
    expect(text).to.contain('^C');
    expect(code).to.equal(130);
  });
});
