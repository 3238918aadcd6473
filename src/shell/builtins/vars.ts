/**
 * Builtins over variables and options: `export`, `readonly`, `unset`,
 * `local`, `set`, `shift`, `read`. Behaviour and messages follow dash(1).
 */
import { ShellError } from '../errors.js';
import { encode } from '../io.js';
import type { Builtin } from './types.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** dash's `set`/`export -p` quoting: single quotes unless plain. */
export function shQuote(v: string): string {
  return `'${v.replace(/'/g, "'\\''")}'`;
}

function declare(kind: 'export' | 'readonly'): Builtin {
  return async (sh, argv, io) => {
    const args = argv.slice(1).filter((a) => a !== '-p' && a !== '--');
    if (!args.length) {
      let out = '';
      for (const [k, v] of [...sh.vars].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (kind === 'export' ? !v.exported : !v.readonly) continue;
        out += `${kind} ${k}${v.value === undefined ? '' : '=' + shQuote(v.value)}\n`;
      }
      await io.stdout.write(encode(out));
      return 0;
    }
    for (const a of args) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (!NAME.test(name)) throw new ShellError(`${kind}: ${name}: bad variable name`);
      sh.setVar(name, eq < 0 ? undefined : a.slice(eq + 1), kind === 'export' ? { export: true } : { readonly: true });
    }
    return 0;
  };
}
export const exportCmd = declare('export');
export const readonlyCmd = declare('readonly');

export const unset: Builtin = async (sh, argv) => {
  let funcs = false;
  for (const a of argv.slice(1)) {
    if (a === '-f') funcs = true;
    else if (a === '-v') funcs = false;
    else if (funcs) sh.funcs.delete(a);
    else if (sh.vars.get(a)?.readonly) throw new ShellError(`unset: ${a}: is read only`);
    else sh.unsetVar(a);
  }
  return 0;
};

export const local: Builtin = async (sh, argv, io) => {
  if (!sh.localFrames.length) {
    await sh.errmsg(io, 'local: not in a function');
    return 2;
  }
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME.test(name)) throw new ShellError(`local: ${name}: bad variable name`);
    sh.makeLocal(name);
    if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
  }
  return 0;
};

const LONG: Record<string, 'e' | 'u' | 'x' | 'f' | 'n'> = { errexit: 'e', nounset: 'u', xtrace: 'x', noglob: 'f', noexec: 'n' };

export const set: Builtin = async (sh, argv, io) => {
  const args = argv.slice(1);
  if (!args.length) {
    let out = '';
    for (const [k, v] of [...sh.vars].sort(([a], [b]) => (a < b ? -1 : 1))) if (v.value !== undefined) out += `${k}=${shQuote(v.value)}\n`;
    await io.stdout.write(encode(out));
    return 0;
  }
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      setPositional(sh, args.slice(i));
      return 0;
    }
    if (a === '-' ) {
      i++;
      break;
    }
    if (!/^[-+]/.test(a)) break;
    const on = a[0] === '-';
    for (const c of a.slice(1)) {
      if (c === 'o') {
        const opt = args[++i];
        if (opt === undefined) {
          let out = '';
          for (const [k, v] of Object.entries(LONG)) out += `${k.padEnd(16)}${sh.opts[v] ? 'on' : 'off'}\n`;
          await io.stdout.write(encode(out));
          continue;
        }
        if (opt === 'pipefail' && sh.bash) {
          sh.opts.pipefail = on;
          continue;
        }
        const o = LONG[opt];
        if (!o) throw new ShellError(`set: Illegal option -o ${opt}`);
        sh.opts[o] = on;
      } else if (c === 'a') sh.allExport = on;
      else if (c === 'e' || c === 'u' || c === 'x' || c === 'f' || c === 'n') sh.opts[c] = on;
      else if (c === 'v' || c === 'C' || c === 'b' || c === 'm' || c === 'h') {
        // accepted, no effect here
      } else throw new ShellError(`set: Illegal option -${c}`);
    }
  }
  if (i < args.length) setPositional(sh, args.slice(i));
  return 0;
};

/** New positional parameters reset `getopts` (as dash's setparam does). */
function setPositional(sh: Parameters<Builtin>[0], args: string[]): void {
  sh.positionalArgs = args;
  sh.setVar('OPTIND', '1');
  sh.getoptsState = { pos: 0, optind: '1' };
}

export const shift: Builtin = async (sh, argv) => {
  const s = argv[1];
  if (s !== undefined && !/^[0-9]+$/.test(s)) throw new ShellError(`shift: Illegal number: ${s}`);
  const n = s === undefined ? 1 : Number(s);
  if (n > sh.positionalArgs.length) throw new ShellError(`shift: can't shift that many`);
  sh.positionalArgs = sh.positionalArgs.slice(n);
  return 0;
};

/** `read [-r] [-p prompt] name...` (XCU read). */
export const read: Builtin = async (sh, argv, io) => {
  let raw = false;
  let prompt = '';
  const names: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!names.length && a === '-r') raw = true;
    else if (!names.length && a === '-p') prompt = args[++i] ?? '';
    else if (!names.length && a === '--') continue;
    else names.push(a);
  }
  if (!names.length) {
    await sh.errmsg(io, 'read: arg count');
    return 2;
  }
  if (prompt && io.stdin.isTTY) await io.stderr.write(encode(prompt));
  let text = '';
  let eof = false;
  for (;;) {
    const l = await io.stdin.readLine();
    if (!l) {
      eof = true;
      break;
    }
    if (l.eof) eof = true;
    if (!raw && l.line.endsWith('\\') && !l.line.endsWith('\\\\') && !eof) {
      text += l.line.slice(0, -1);
      continue;
    }
    text += l.line;
    break;
  }
  // Backslash removal (without -r) while keeping escaped IFS characters.
  const ifs = sh.getVar('IFS') ?? ' \t\n';
  const chars: { c: string; esc: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!raw && text[i] === '\\' && i + 1 < text.length) chars.push({ c: text[++i]!, esc: true });
    else if (!raw && text[i] === '\\') continue;
    else chars.push({ c: text[i]!, esc: false });
  }
  const isWs = (x: { c: string; esc: boolean }) => !x.esc && ifs.includes(x.c) && ' \t\n'.includes(x.c);
  const isDelim = (x: { c: string; esc: boolean }) => !x.esc && ifs.includes(x.c);
  let p = 0;
  while (p < chars.length && isWs(chars[p]!)) p++;
  for (let n = 0; n < names.length; n++) {
    const name = names[n]!;
    if (n === names.length - 1) {
      let end = chars.length;
      while (end > p && isWs(chars[end - 1]!)) end--;
      sh.setVar(name, chars.slice(p, end).map((x) => x.c).join(''));
      break;
    }
    let v = '';
    while (p < chars.length && !isDelim(chars[p]!)) v += chars[p++]!.c;
    sh.setVar(name, v);
    while (p < chars.length && isWs(chars[p]!)) p++;
    if (p < chars.length && isDelim(chars[p]!)) {
      p++;
      while (p < chars.length && isWs(chars[p]!)) p++;
    }
  }
  return eof ? 1 : 0;
};
