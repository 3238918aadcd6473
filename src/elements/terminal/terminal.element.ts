/**
 * `<verklet-terminal>`: an xterm.js screen attached to one process of a
 * runtime: the interactive shell by default, or `sh -c` on the `command`
 * attribute. xterm.js is loaded lazily (see load-xterm.ts).
 */
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { Terminal } from '@xterm/xterm';
import type { FitAddon } from '@xterm/addon-fit';
import type { Runtime } from '../../runtime/runtime.js';
import type { RuntimeProcess, SpawnOptions } from '../../runtime/types.js';
import { VerkletExitEvent } from '../../events/verklet-exit-event.js';
import { baseStyles } from '../base/base.styles.js';
import { messageOf } from '../base/base-element.js';
import { RuntimeConsumerElement, type Cleanup } from '../base/runtime-consumer.js';
import { loadXterm } from './load-xterm.js';
import { readTheme } from './terminal-theme.js';
import { terminalStyles } from './terminal.styles.js';

const DEFAULT_SIZE = { cols: 80, rows: 24 };

let sharedSheet: CSSStyleSheet | undefined;

/** xterm.js's stylesheet, constructed once and adopted by every terminal's shadow root. */
function xtermSheet(css: string): CSSStyleSheet {
  if (!sharedSheet) {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(css);
  }
  return sharedSheet;
}

/**
 * A terminal on a Verklet runtime, built on xterm.js (loaded on first use).
 *
 * Without attributes it runs the interactive shell, `sh`, with a TTY of the
 * terminal's size; with `command="npm install && npm start"` it runs
 * `sh -c` on that command line instead. Keystrokes (and pasted text) go to
 * the process's `input` unchanged (raw), with no local echo: the shell is the
 * TTY's line discipline — it edits the prompt line itself (history, Tab
 * completion), echoes cooked lines for a foreground program reading stdin,
 * and turns **Ctrl+C** (the byte `\x03`) into `SIGINT` for the foreground
 * job; **Ctrl+D** is end-of-file. `interrupt()` sends `SIGINT` to the
 * process, which the shell also passes to its foreground job. Resizing the
 * element resizes the TTY (`process.resize`); the shell forwards it to the
 * foreground program (`process.stdout.columns`, `SIGWINCH`). When the process
 * exits the terminal prints `[process exited with code N]`.
 *
 * Colours come from the `--verklet-terminal-*` custom properties (read when
 * the terminal starts, on colour-scheme changes and on `refreshTheme()`).
 * Copy and paste work as in xterm.js (select to copy with the platform's copy
 * shortcut; paste with the platform's paste shortcut).
 *
 * @summary An xterm.js terminal running the shell, or a command, in a Verklet runtime.
 * @tagname verklet-terminal
 *
 * @event {VerkletExitEvent} verklet-exit - The process ended (`event.code`); the exit line has been written.
 * @event {VerkletErrorEvent} verklet-error - No runtime, or the process could not start; also shown in place.
 *
 * @csspart terminal - The box xterm.js renders into.
 * @csspart status - The "Starting…" text shown while xterm.js loads.
 * @csspart error - The in-place error message.
 *
 * @cssproperty --verklet-terminal-height - Height of the element. Default 18rem.
 * @cssproperty --verklet-terminal-height-narrow - Height on narrow screens (≤ 40rem). Default 14rem.
 * @cssproperty --verklet-terminal-padding - Space around the screen. Default 0.5rem.
 * @cssproperty --verklet-terminal-font-size - Font size in px. Default 14.
 * @cssproperty --verklet-font-family-mono - The terminal font.
 * @cssproperty --verklet-terminal-background - Screen background.
 * @cssproperty --verklet-terminal-foreground - Default text colour.
 * @cssproperty --verklet-terminal-cursor - Cursor colour.
 * @cssproperty --verklet-terminal-cursor-accent - Colour of the character under a block cursor.
 * @cssproperty --verklet-terminal-selection - Selection background.
 * @cssproperty --verklet-terminal-black - ANSI colour 0 (likewise `-red`, `-green`, `-yellow`, `-blue`, `-magenta`, `-cyan`, `-white`).
 * @cssproperty --verklet-terminal-bright-black - ANSI colour 8 (likewise `-bright-red` … `-bright-white`).
 * @cssproperty --verklet-border-color - Border colour.
 * @cssproperty --verklet-radius - Corner radius.
 */
export class VerkletTerminalElement extends RuntimeConsumerElement {
  static override styles = [baseStyles, terminalStyles];

  static override properties: PropertyDeclarations = {
    command: {},
    cwd: {},
    screenReaderMode: { type: Boolean, attribute: 'screen-reader-mode', reflect: true },
    label: {},
    status: { reflect: true },
    exitCode: { attribute: false },
  };

  /** A command line run with `sh -c` instead of the interactive shell. */
  declare command: string | null;
  /** The working directory of the process (default: the runtime's workdir). */
  declare cwd: string | null;
  /** xterm.js screen-reader mode: output is mirrored into a live region for assistive technology. */
  declare screenReaderMode: boolean;
  /** Accessible name of the terminal. Default "Terminal". */
  declare label: string | null;
  /** `loading`, `running` or `exited` (reflected, for styling). */
  declare status: 'loading' | 'running' | 'exited';
  /** The exit code of the last process, once it has exited. */
  declare exitCode: number | null;

  #term: Terminal | undefined;
  #fit: FitAddon | undefined;
  #proc: RuntimeProcess | undefined;
  #writer: WritableStreamDefaultWriter<string> | undefined;
  #runtime: Runtime | undefined;
  #generation = 0;
  #termWaiters: (() => void)[] = [];

  constructor() {
    super();
    this.command = null;
    this.cwd = null;
    this.screenReaderMode = false;
    this.label = null;
    this.status = 'loading';
    this.exitCode = null;
  }

  /** The xterm.js `Terminal`, once loaded (read `terminal.buffer.active` for what is on screen). */
  get terminal(): Terminal | undefined {
    return this.#term;
  }

  /** The process the terminal is attached to. */
  get process(): RuntimeProcess | undefined {
    return this.#proc;
  }

  /**
   * Runs `command` with `args` in this terminal, ending the current process
   * first. Resolves with the new process once it has started.
   */
  async run(command: string, args: string[] = [], options: Omit<SpawnOptions, 'terminal'> = {}): Promise<RuntimeProcess> {
    const rt = await this.resolveRuntime();
    if (!this.#term) await this.#whenTerminal();
    return this.#spawn(rt, command, args, options);
  }

  /** Sends `SIGINT` to the process (the shell passes it to its foreground job, as Ctrl+C does). */
  interrupt(): void {
    this.#proc?.kill('SIGINT');
  }

  /** Re-reads the `--verklet-terminal-*` custom properties (after a design-system change). */
  refreshTheme(): void {
    const probe = this.renderRoot.querySelector<HTMLElement>('.probe');
    if (this.#term && probe) this.#term.options.theme = readTheme(this, probe);
  }

  /** Resolves once everything written to the screen so far has been parsed (for tests and screenshots). */
  flush(): Promise<void> {
    const term = this.#term;
    return term ? new Promise((resolve) => term.write('', resolve)) : Promise.resolve();
  }

  /** Moves keyboard focus into the terminal. */
  override focus(): void {
    this.#term ? this.#term.focus() : super.focus();
  }

  override render() {
    return html`
      ${this.renderError()}
      ${this.status === 'loading' && !this.error ? html`<div class="status" part="status" role="status">Starting terminal…</div>` : nothing}
      <div class="terminal" part="terminal"></div>
      <span class="probe" aria-hidden="true"></span>
    `;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('screenReaderMode') && this.#term) this.#term.options.screenReaderMode = this.screenReaderMode;
    if (changed.has('label')) this.#term?.textarea?.setAttribute('aria-label', this.label ?? 'Terminal');
  }

  protected override async attachRuntime(rt: Runtime, signal: AbortSignal): Promise<Cleanup[]> {
    this.#runtime = rt;
    const xterm = await loadXterm();
    await this.updateComplete;
    if (signal.aborted) return [];
    const root = this.renderRoot as ShadowRoot;
    const sheet = xtermSheet(xterm.css);
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];

    const container = root.querySelector<HTMLElement>('.terminal')!;
    const probe = root.querySelector<HTMLElement>('.probe')!;
    const style = getComputedStyle(this);
    const term = new xterm.Terminal({
      convertEol: true,
      cursorBlink: true,
      screenReaderMode: this.screenReaderMode,
      fontFamily: style.getPropertyValue('--verklet-font-family-mono').trim() || 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      fontSize: Number.parseFloat(style.getPropertyValue('--verklet-terminal-font-size')) || 14,
      theme: readTheme(this, probe),
      scrollback: 5000,
    });
    const fit = new xterm.FitAddon();
    term.loadAddon(fit);
    term.open(container);
    term.textarea?.setAttribute('aria-label', this.label ?? 'Terminal');
    this.#term = term;
    this.#fit = fit;
    this.#fitNow();

    const onData = term.onData((data) => {
      // Raw keys and pastes, Ctrl+C included as '\x03': echo, line editing and
      // signals are the shell's job (src/shell/interactive/tty.ts).
      this.#writer?.write(data).catch(() => {});
    });
    const onResize = term.onResize(({ cols, rows }) => {
      try {
        this.#proc?.resize({ cols, rows });
      } catch {
        // The process has just exited.
      }
    });
    // A timer, not requestAnimationFrame: frames do not run in background tabs.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => this.#fitNow(), 16);
    });
    observer.observe(container);
    const scheme = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    const onScheme = (): void => this.refreshTheme();
    scheme?.addEventListener('change', onScheme);

    for (const resolve of this.#termWaiters.splice(0)) resolve();
    if (this.command) await this.#spawn(rt, 'sh', ['-c', this.command], {});
    else await this.#spawn(rt, 'sh', [], {});

    return [
      () => {
        observer.disconnect();
        clearTimeout(timer);
        scheme?.removeEventListener('change', onScheme);
        onData.dispose();
        onResize.dispose();
        this.#endProcess();
        term.dispose();
        this.#term = undefined;
        this.#fit = undefined;
        this.#runtime = undefined;
        this.status = 'loading';
      },
    ];
  }

  #whenTerminal(): Promise<void> {
    return new Promise((resolve) => (this.#term ? resolve() : this.#termWaiters.push(resolve)));
  }

  #fitNow(): void {
    try {
      this.#fit?.fit();
    } catch {
      // Not laid out (hidden): keep the current size.
    }
  }

  #endProcess(): void {
    this.#generation++;
    const proc = this.#proc;
    this.#proc = undefined;
    this.#writer?.releaseLock();
    this.#writer = undefined;
    try {
      proc?.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }

  async #spawn(rt: Runtime, command: string, args: string[], options: Omit<SpawnOptions, 'terminal'>): Promise<RuntimeProcess> {
    const term = this.#term!;
    this.#endProcess();
    const generation = this.#generation;
    const size = term.cols > 0 && term.rows > 0 ? { cols: term.cols, rows: term.rows } : DEFAULT_SIZE;
    let proc: RuntimeProcess;
    try {
      proc = await rt.spawn(command, args, { cwd: options.cwd ?? this.cwd ?? undefined, env: options.env, terminal: size });
    } catch (err) {
      const message = `Could not start ${command}: ${messageOf(err)}`;
      term.write(`\x1b[31m${message}\x1b[0m\r\n`);
      this.fail(message, 'process', err);
      throw err;
    }
    if (generation !== this.#generation || rt !== this.#runtime) {
      proc.kill('SIGKILL');
      return proc;
    }
    this.#proc = proc;
    this.#writer = proc.input.getWriter();
    this.exitCode = null;
    this.status = 'running';
    void this.#pump(proc, term, generation);
    return proc;
  }

  async #pump(proc: RuntimeProcess, term: Terminal, generation: number): Promise<void> {
    const reader = proc.output.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (generation === this.#generation) term.write(value);
      }
    } catch {
      // The stream failed with the process; the exit code says the rest.
    }
    const code = await proc.exit;
    if (generation !== this.#generation) return;
    this.#writer?.releaseLock();
    this.#writer = undefined;
    await new Promise<void>((resolve) => term.write(`\r\n\x1b[2m[process exited with code ${code}]\x1b[0m\r\n`, resolve));
    if (generation !== this.#generation) return;
    this.exitCode = code;
    this.status = 'exited';
    this.dispatchEvent(new VerkletExitEvent(code));
  }
}
