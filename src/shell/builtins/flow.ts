/**
 * Builtins that change control flow or run text as commands: `:`, `true`,
 * `false`, `break`, `continue`, `return`, `exit`, `eval`, `.`/`source`,
 * `exec`, `trap` (dash's special builtins, XCU 2.14).
 */
import { ExitSignal, LoopSignal, ReturnSignal, ShellError } from '../errors.js';
import { encode, decode } from '../io.js';
import { resolve } from '../path.js';
import type { Builtin } from './types.js';

function num(name: string, s: string | undefined, def: number): number {
  if (s === undefined) return def;
  if (!/^[0-9]+$/.test(s)) throw new ShellError(`${name}: Illegal number: ${s}`);
  return Number(s);
}

export const colon: Builtin = async () => 0;
export const trueCmd: Builtin = async () => 0;
export const falseCmd: Builtin = async () => 1;

function loop(kind: 'break' | 'continue'): Builtin {
  return async (sh, argv) => {
    const n = num(kind, argv[1], 1);
    if (n === 0) throw new ShellError(`${kind}: Illegal number: ${argv[1]}`);
    if (sh.loopDepth === 0) return 0;
    throw new LoopSignal(kind, Math.min(n, sh.loopDepth));
  };
}
export const breakCmd = loop('break');
export const continueCmd = loop('continue');

export const returnCmd: Builtin = async (sh, argv) => {
  throw new ReturnSignal(num('return', argv[1], sh.lastStatus));
};

export const exitCmd: Builtin = async (sh, argv) => {
  throw new ExitSignal(num('exit', argv[1], sh.lastStatus) & 255);
};

export const evalCmd: Builtin = async (sh, argv, io) => {
  const src = argv.slice(1).join(' ');
  if (!src.trim()) return 0;
  return sh.runSource(src, io);
};

/** `. file [args]`: runs a file in the current shell. Without a slash, PATH is searched (as dash). */
export const dot: Builtin = async (sh, argv, io) => {
  const name = argv[1];
  if (name === undefined) return 0;
  let path: string | null = null;
  if (name.includes('/')) path = resolve(sh.cwd, name);
  else {
    for (const dir of (sh.getVar('PATH') ?? '').split(':')) {
      const p = resolve(sh.cwd, (dir || '.') + '/' + name);
      try {
        if (sh.fs.statSync(p).isFile()) {
          path = p;
          break;
        }
      } catch {
        // next
      }
    }
    if (!path && argv[0] === 'source' && sh.fs.existsSync(resolve(sh.cwd, name))) path = resolve(sh.cwd, name);
  }
  let text: string;
  try {
    if (!path) throw new Error();
    text = decode(sh.fs.readFileSync(path));
  } catch {
    throw new ShellError(`${argv[0]}: cannot open ${name}: No such file`);
  }
  const saved = sh.positionalArgs;
  if (argv.length > 2) sh.positionalArgs = argv.slice(2);
  try {
    return await sh.runSource(text, io);
  } catch (e) {
    if (e instanceof ReturnSignal) return e.status;
    throw e;
  } finally {
    if (argv.length > 2) sh.positionalArgs = saved;
  }
};

export const execCmd: Builtin = async (sh, argv, io) => {
  if (argv.length < 2) return 0;
  const st = await sh.runCommand(argv.slice(1), io);
  throw new ExitSignal(st);
};

const SIGNALS: Record<string, string> = { '0': 'EXIT', '1': 'HUP', '2': 'INT', '3': 'QUIT', '9': 'KILL', '13': 'PIPE', '14': 'ALRM', '15': 'TERM' };

function sigName(s: string): string {
  const u = s.toUpperCase().replace(/^SIG/, '');
  return SIGNALS[u] ?? u;
}

export const trap: Builtin = async (sh, argv, io) => {
  const args = argv.slice(1);
  if (args[0] === '--') args.shift();
  if (!args.length) {
    let out = '';
    for (const [sig, cmd] of sh.traps) out += `trap -- '${cmd.replace(/'/g, "'\\''")}' ${sig}\n`;
    await io.stdout.write(encode(out));
    return 0;
  }
  const action = /^[0-9]+$/.test(args[0]!) ? '-' : args.shift()!;
  if (/^[0-9]+$/.test(argv[1]!)) args.unshift(argv[1]!);
  for (const s of args) {
    const name = sigName(s);
    if (action === '-') sh.traps.delete(name);
    else sh.traps.set(name, action);
  }
  return 0;
};
