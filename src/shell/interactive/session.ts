/**
 * The interactive shell: prompt, line editor, history, and foreground job
 * control over the TTY's line discipline (tty.ts).
 *
 * Each command line runs as the foreground job with a fresh AbortSignal as the
 * shell's signal and its own cooked stdin stream. Ctrl+C (typed, or SIGINT
 * sent to the shell process) aborts that signal: in-process loops and
 * utilities stop with status 130 and child processes get SIGINT (again on
 * each further Ctrl+C); then the prompt returns.
 */
import type { IO, Shell } from '../interpreter.js';
import { ExitSignal } from '../errors.js';
import { InStream } from '../io.js';
import { resolve } from '../path.js';
import { BUILTINS, SPECIAL_BUILTINS } from '../builtins/index.js';
import { UTILITIES } from '../utilities/index.js';
import { Tty } from './tty.js';
import { LineEditor } from './editor.js';
import { History } from './history.js';
import { DEFAULT_PS1, expandPrompt } from './prompt.js';
import { complete } from './complete.js';

/** The Tty behind a stream, when the stream is a terminal this shell can drive. */
export function ttyOf(stream: unknown): Tty | undefined {
  const s = stream as { src?: { tty?: unknown }; tty?: unknown } | undefined;
  const t = s?.src?.tty ?? s?.tty;
  return t instanceof Tty ? t : undefined;
}

/** Whether `src` needs more lines to be a complete command (open quote, `if` without `fi`, here-document…). */
export function incomplete(src: string, parse: (s: string) => void): boolean {
  if (/(^|[^\\])(\\\\)*\\\n$/.test(src)) return true;
  try {
    parse(src);
  } catch (e) {
    const m = e instanceof Error ? e.message : '';
    return /end of file unexpected|Unterminated quoted string|EOF in backquote|Missing '\)\)'|Missing '\}'/.test(m);
  }
  // Here-documents whose delimiter line has not come yet.
  const lines = src.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const re = /<<(-?)\s*(['"]?)([A-Za-z0-9_.-]+)\2/g;
    let m: RegExpExecArray | null;
    const pending: { delim: string; strip: boolean }[] = [];
    while ((m = re.exec(lines[i]!))) pending.push({ delim: m[3]!, strip: m[1] === '-' });
    for (const h of pending) {
      let found = false;
      for (i++; i < lines.length; i++) {
        const l = h.strip ? lines[i]!.replace(/^\t+/, '') : lines[i]!;
        if (l === h.delim) {
          found = true;
          break;
        }
      }
      if (!found) return true;
    }
  }
  return false;
}

export async function interactiveMain(sh: Shell, io: IO, tty: Tty, parse: (s: string) => void): Promise<number> {
  const home = sh.getVar('HOME');
  const history = new History(sh.fs, home ? resolve('/', home) + '/.sh_history' : null);
  history.load();
  const system = sh.system as { history?: () => string[]; spawn: Shell['system']['spawn'] };
  system.history = () => history.entries;
  // After Ctrl+C, $? is the status of a child that was interrupted (it may
  // handle SIGINT and exit as it likes); else 130.
  let interruptedChild: number | undefined;
  const spawn = system.spawn.bind(system);
  system.spawn = async (argv, opts) => {
    const st = await spawn(argv, opts);
    if (opts.signal.aborted) interruptedChild = st;
    return st;
  };
  if (sh.getVar('PS1') === undefined) sh.setVar('PS1', DEFAULT_PS1);
  if (sh.getVar('PS2') === undefined) sh.setVar('PS2', '> ');
  const root = sh.signal;
  const editor = new LineEditor(tty, {
    history: () => history.entries,
    complete: (line, cursor) =>
      complete(line, cursor, {
        fs: sh.fs,
        cwd: sh.cwd,
        home: sh.getVar('HOME'),
        path: sh.getVar('PATH') ?? '',
        names: () => [
          ...Object.keys(SPECIAL_BUILTINS),
          ...Object.keys(BUILTINS),
          ...Object.keys(UTILITIES),
          ...sh.funcs.keys(),
          ...sh.aliases.keys(),
          'sh',
          'bash',
          ...(tty.terminal.commands?.() ?? []),
        ],
      }),
  });
  const setSignal = (s: AbortSignal) => ((sh as { signal: AbortSignal }).signal = s);
  const notifyJobs = () => {
    const done = sh.jobs.filter((j) => j.done);
    if (!done.length) return;
    let out = '';
    for (const j of done) out += `[${j.id}] + ${(j.status ? `Done(${j.status})` : 'Done').padEnd(26)} ${j.cmd}\r\n`;
    sh.jobs = sh.jobs.filter((j) => !j.done);
    tty.write(out);
  };

  for (;;) {
    if (root.aborted) return 130;
    // Read a complete command, with PS2 continuation lines.
    let src = '';
    let eof = false;
    let interrupted = false;
    tty.setRaw(true);
    // The prompt starts on a fresh line, with the terminal's modes restored.
    let fix = '';
    if (tty.dirty) fix += '\x0f\x1b(B\x1b[0m\x1b[?25h';
    if (tty.lastByte !== 10) fix += '\r\n';
    tty.write(fix);
    tty.dirty = false;
    notifyJobs();
    for (;;) {
      const ps = src ? sh.getVar('PS2') ?? '> ' : sh.getVar('PS1') ?? '$ ';
      const r = await editor.readLine(expandPrompt(ps, { get: (n) => (n === '?' ? String(sh.lastStatus) : sh.getVar(n)), cwd: sh.cwd }));
      if (r.kind === 'eof') {
        eof = true;
        break;
      }
      if (r.kind === 'interrupt') {
        interrupted = true;
        break;
      }
      history.add(r.line);
      src += r.line + '\n';
      if (!incomplete(src, parse)) break;
    }
    if (interrupted) {
      sh.lastStatus = 130;
      continue;
    }
    if (eof && !src) break;
    if (!src.trim()) continue;

    // Run it as the foreground job.
    const fg = new AbortController();
    const onRootAbort = () => fg.abort();
    root.addEventListener('abort', onRootAbort, { once: true });
    let presses = 0;
    let abandon: (() => void) | undefined;
    const abandoned = new Promise<'abandoned'>((r) => (abandon = () => r('abandoned')));
    const onInterrupt = () => {
      presses++;
      if (!fg.signal.aborted) fg.abort();
      else fg.signal.dispatchEvent(new Event('interrupt'));
      // A job that ignores three Ctrl+C's is left running; the prompt comes back.
      if (presses >= 3) abandon?.();
    };
    interruptedChild = undefined;
    const job = tty.openJob();
    const jio = io.clone();
    jio.fds[0] = { r: new InStream(job) };
    setSignal(fg.signal);
    tty.setRaw(false);
    tty.pushInterrupt(onInterrupt);
    let status = 0;
    let exitStatus: number | undefined;
    try {
      const run = sh.runSource(src, jio).catch(async (e: unknown) => {
        if (e instanceof ExitSignal && !fg.signal.aborted) throw e;
        if (fg.signal.aborted) return 130;
        try {
          return await sh.handleTop(e, jio);
        } catch (err) {
          tty.write(`sh: ${err instanceof Error ? err.message : String(err)}\r\n`);
          return 1;
        }
      });
      const r = await Promise.race([run, abandoned]);
      status = r === 'abandoned' ? 130 : r;
    } catch (e) {
      // `exit` (or `set -e`): leave; the caller runs the EXIT trap.
      exitStatus = e instanceof ExitSignal ? e.status : 2;
    } finally {
      tty.popInterrupt(onInterrupt);
      tty.closeJob(job);
      setSignal(root);
      root.removeEventListener('abort', onRootAbort);
    }
    if (exitStatus !== undefined) {
      tty.setRaw(true);
      return exitStatus;
    }
    if (fg.signal.aborted) status = interruptedChild ?? 130;
    sh.lastStatus = status;
    if (eof) break;
  }
  return sh.lastStatus;
}
