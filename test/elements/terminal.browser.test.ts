import { expect } from '@esm-bundle/chai';
import { cleanup, FakeRuntime, fixture, MODE, nextEvent, shadow, until, type RuntimeType } from './helpers.js';
import type { VerkletRuntimeElement, VerkletTerminalElement } from '../../dist/types/elements.js';
import type { VerkletExitEvent } from '../../dist/elements.js';

/** The text on the terminal's screen (active buffer), trailing blanks trimmed. */
function screen(term: VerkletTerminalElement): string {
  const buf = term.terminal!.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i)?.translateToString(true) ?? '');
  return lines.join('\n').trimEnd();
}

describe(`<verklet-terminal> (${MODE})`, () => {
  afterEach(cleanup);

  it('loads xterm lazily: the drop-in entry does not contain it', async () => {
    const text = await (await fetch('/dist/verklet.js')).text();
    const elements = await (await fetch('/dist/elements.js')).text();
    for (const src of [text, elements]) expect(src).to.not.contain('xterm-helper-textarea');
  });

  it('runs node -e and shows its output, then the exit line (read from the xterm buffer)', async () => {
    const rtEl = fixture<VerkletRuntimeElement>('<verklet-runtime><verklet-terminal></verklet-terminal></verklet-runtime>');
    const term = rtEl.querySelector<VerkletTerminalElement>('verklet-terminal')!;
    await rtEl.ready;
    await term.run('node', ['-e', 'console.log("hello from node"); console.log("two")']);
    const ev = await nextEvent<VerkletExitEvent>(term, 'verklet-exit');
    expect(ev.code).to.equal(0);
    expect(ev.bubbles && ev.composed).to.equal(true);
    const text = screen(term);
    expect(text).to.contain('hello from node\ntwo');
    expect(text).to.contain('[process exited with code 0]');
    expect(term.status).to.equal('exited');
    expect(term.getAttribute('status')).to.equal('exited');
    expect(term.exitCode).to.equal(0);
  });

  it('shows a non-zero exit code and stderr', async () => {
    const term = fixture<VerkletTerminalElement>('<verklet-terminal></verklet-terminal>');
    await term.run('node', ['-e', 'console.error("bad thing"); process.exit(3)']);
    await nextEvent(term, 'verklet-exit');
    expect(screen(term)).to.contain('bad thing');
    expect(screen(term)).to.contain('[process exited with code 3]');
  });

  it('renders ANSI colours as coloured cells', async () => {
    const term = fixture<VerkletTerminalElement>('<verklet-terminal></verklet-terminal>');
    await term.run('node', ['-e', 'process.stdout.write("\\x1b[31mRED\\x1b[0m plain\\n")']);
    await nextEvent(term, 'verklet-exit');
    const buf = term.terminal!.buffer.active;
    let row = -1;
    for (let i = 0; i < buf.length; i++) if (buf.getLine(i)?.translateToString(true).startsWith('RED')) row = i;
    expect(row).to.be.greaterThan(-1);
    const red = buf.getLine(row)!.getCell(0)!;
    expect(red.isFgPalette()).to.equal(true);
    expect(red.getFgColor()).to.equal(1);
    expect(buf.getLine(row)!.getCell(4)!.isFgDefault()).to.equal(true);
  });

  it('starts the interactive shell by default with a TTY of the terminal size', async () => {
    const fake = new FakeRuntime();
    const term = fixture<VerkletTerminalElement>('<verklet-terminal></verklet-terminal>');
    term.runtime = fake as unknown as RuntimeType;
    const proc = await until(() => fake.processes[0], 'a spawn');
    expect(proc.argv).to.deep.equal(['sh']);
    const opts = proc.options as { terminal: { cols: number; rows: number } };
    expect(opts.terminal.cols).to.equal(term.terminal!.cols);
    expect(opts.terminal.rows).to.equal(term.terminal!.rows);
    expect(opts.terminal.cols).to.be.greaterThan(10);
  });

  it('runs the command attribute with sh -c', async () => {
    const fake = new FakeRuntime();
    const term = fixture<VerkletTerminalElement>('<verklet-terminal command="npm install &amp;&amp; npm start" cwd="app"></verklet-terminal>');
    term.runtime = fake as unknown as RuntimeType;
    const proc = await until(() => fake.processes[0], 'a spawn');
    expect(proc.argv).to.deep.equal(['sh', '-c', 'npm install && npm start']);
    expect((proc.options as { cwd: string }).cwd).to.equal('app');
  });

  it('sends keys raw to the process input, Ctrl+C as \\x03', async () => {
    const fake = new FakeRuntime();
    const term = fixture<VerkletTerminalElement>('<verklet-terminal></verklet-terminal>');
    term.runtime = fake as unknown as RuntimeType;
    const proc = await until(() => fake.processes[0], 'a spawn');
    term.terminal!.input('ls -l\r', true);
    term.terminal!.input('\x03', true);
    await until(() => proc.inputs.join('') === 'ls -l\r\x03', `input; got ${JSON.stringify(proc.inputs)}`);
    term.interrupt();
    expect(proc.signals).to.deep.equal(['SIGINT']);
  });

  it('writes process output to the screen and resizes the process with the element', async () => {
    const fake = new FakeRuntime();
    const term = fixture<VerkletTerminalElement>('<verklet-terminal style="width: 600px; --verklet-terminal-height: 200px"></verklet-terminal>');
    term.runtime = fake as unknown as RuntimeType;
    const proc = await until(() => fake.processes[0], 'a spawn');
    proc.write('$ prompt');
    await until(async () => (await term.flush(), screen(term).includes('$ prompt')), 'output on screen');
    const before = term.terminal!.cols;
    term.style.width = '900px';
    term.style.setProperty('--verklet-terminal-height', '320px');
    const last = await until(() => proc.resizes.at(-1), 'a resize');
    expect(last.cols).to.be.greaterThan(before);
    expect(last).to.deep.equal({ cols: term.terminal!.cols, rows: term.terminal!.rows });
    proc.end(130);
    await nextEvent(term, 'verklet-exit');
    expect(screen(term)).to.contain('[process exited with code 130]');
  });

  it('until sh exists the default shell exits 127 and the terminal says so', async () => {
    const term = fixture<VerkletTerminalElement>('<verklet-terminal></verklet-terminal>');
    const rt = await term.resolveRuntime();
    const probe = await rt.exec('true').catch(() => ({ exitCode: 127 }));
    if (probe.exitCode === 0) {
      // The shell has landed: it should be interactive (a prompt, a working echo).
      await until(() => term.terminal && term.process, 'the shell');
      term.terminal!.input('echo shell-$((20+1))\r', true);
      await until(async () => (await term.flush(), screen(term).includes('shell-21')), 'echo output', 15_000);
      return;
    }
    await nextEvent(term, 'verklet-exit');
    expect(screen(term)).to.contain('sh: command not found');
    expect(screen(term)).to.contain('[process exited with code 127]');
  });

  it('takes its colours from --verklet-terminal-* custom properties', async () => {
    const fake = new FakeRuntime();
    const term = fixture<VerkletTerminalElement>(
      '<verklet-terminal style="--verklet-terminal-background: rgb(1, 2, 3); --verklet-terminal-foreground: white; --verklet-terminal-red: #ff0000"></verklet-terminal>',
    );
    term.runtime = fake as unknown as RuntimeType;
    await until(() => fake.processes[0], 'a spawn');
    const theme = term.terminal!.options.theme!;
    expect(theme.background).to.equal('rgb(1, 2, 3)');
    expect(theme.foreground).to.equal('rgb(255, 255, 255)');
    expect(theme.red).to.equal('rgb(255, 0, 0)');
    term.style.setProperty('--verklet-terminal-background', 'hsl(120 100% 25%)');
    term.refreshTheme();
    expect(term.terminal!.options.theme!.background).to.equal('rgb(0, 128, 0)');
  });

  it('screen-reader-mode turns on xterm screen-reader mode', async () => {
    const fake = new FakeRuntime();
    const term = fixture<VerkletTerminalElement>('<verklet-terminal screen-reader-mode label="Build output"></verklet-terminal>');
    term.runtime = fake as unknown as RuntimeType;
    await until(() => fake.processes[0], 'a spawn');
    expect(term.screenReaderMode).to.equal(true);
    expect(term.terminal!.options.screenReaderMode).to.equal(true);
    expect(term.terminal!.textarea!.getAttribute('aria-label')).to.equal('Build output');
    term.screenReaderMode = false;
    await term.updateComplete;
    expect(term.terminal!.options.screenReaderMode).to.equal(false);
  });

  it('shows "Starting terminal…" until xterm is up, and an error in place when there is no runtime', async () => {
    const term = fixture<VerkletTerminalElement>('<verklet-terminal runtime="missing-id"></verklet-terminal>');
    await term.updateComplete;
    expect(shadow(term).querySelector('[part="status"]')?.textContent).to.contain('Starting terminal');
    term.runtime = document.body as unknown as string; // not an id
    term.runtime = 'body-less';
    await until(() => term.error, 'an error', 15_000);
    expect(shadow(term).querySelector('[part="error"]')?.textContent).to.contain('no <verklet-runtime id="body-less">');
  });

  it('kills its process when removed from the page', async () => {
    const fake = new FakeRuntime();
    const term = fixture<VerkletTerminalElement>('<verklet-terminal></verklet-terminal>');
    term.runtime = fake as unknown as RuntimeType;
    const proc = await until(() => fake.processes[0], 'a spawn');
    term.remove();
    await until(() => proc.signals.includes('SIGKILL'), 'SIGKILL on removal');
  });
});
