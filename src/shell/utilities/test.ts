/**
 * `test EXPR` / `[ EXPR ]` (XCU test): unary file and string tests, binary
 * string and integer comparisons, `!`, `-a`, `-o` and parentheses, using
 * POSIX's argument-count rules before falling back to a precedence parser.
 */
import { resolve } from '../path.js';
import type { ShellFs } from '../shell-system.js';
import { encode } from '../io.js';
import type { Utility } from './types.js';

/** An error in the expression; exit status 2. */
export class TestError extends Error {}

const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-z', '-n', '-b', '-c', '-p', '-S', '-t', '-g', '-u', '-k', '-O', '-G']);
const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef', '<', '>']);

/** Evaluates a test expression. Throws TestError on malformed input. */
export function evalTest(args: string[], env: { fs: ShellFs; cwd: string; dash?: boolean }): boolean {
  const int = (s: string): number => {
    const t = s.trim();
    if (!/^[-+]?[0-9]+$/.test(t)) throw new TestError(env.dash ? `Illegal number: ${s}` : `invalid integer '${s}'`);
    return Number(t);
  };
  const stat = (p: string, l = false) => {
    try {
      const a = resolve(env.cwd, p);
      return l ? env.fs.lstatSync(a) : env.fs.statSync(a);
    } catch {
      return null;
    }
  };
  const unary = (op: string, a: string): boolean => {
    switch (op) {
      case '-z': return a === '';
      case '-n': return a !== '';
      case '-t': return false;
    }
    if (a === '') return false;
    const st = stat(a, op === '-L' || op === '-h');
    if (!st) return false;
    switch (op) {
      case '-e': return true;
      case '-f': return st.isFile();
      case '-d': return st.isDirectory();
      case '-s': return st.size > 0;
      case '-r': return (st.mode & 0o444) !== 0;
      case '-w': return (st.mode & 0o222) !== 0;
      case '-x': return (st.mode & 0o111) !== 0;
      case '-L':
      case '-h': return st.isSymbolicLink();
      case '-p': return (st.mode & 0o170000) === 0o010000;
      case '-S': return (st.mode & 0o170000) === 0o140000;
      case '-b': return (st.mode & 0o170000) === 0o060000;
      case '-c': return (st.mode & 0o170000) === 0o020000;
      case '-g': return (st.mode & 0o2000) !== 0;
      case '-u': return (st.mode & 0o4000) !== 0;
      case '-k': return (st.mode & 0o1000) !== 0;
      default: return true;
    }
  };
  const binary = (a: string, op: string, b: string): boolean => {
    switch (op) {
      case '=':
      case '==': return a === b;
      case '!=': return a !== b;
      case '<': return a < b;
      case '>': return a > b;
      case '-eq': return int(a) === int(b);
      case '-ne': return int(a) !== int(b);
      case '-lt': return int(a) < int(b);
      case '-le': return int(a) <= int(b);
      case '-gt': return int(a) > int(b);
      case '-ge': return int(a) >= int(b);
      case '-nt': case '-ot': {
        const x = stat(a);
        const y = stat(b);
        if (env.dash && (!x || !y)) return false;
        if (op === '-nt') return !!x && (!y || x.mtimeMs > y.mtimeMs);
        return !!y && (!x || x.mtimeMs < y.mtimeMs);
      }
      case '-ef': {
        const x = stat(a);
        const y = stat(b);
        return !!x && !!y && x.ino !== undefined && x.ino === y.ino;
      }
    }
    throw new TestError(`${op}: unexpected operator`);
  };
  // Recursive-descent for the general case.
  let p = 0;
  const orExpr = (): boolean => {
    let v = andExpr();
    while (args[p] === '-o') {
      p++;
      const r = andExpr();
      v = v || r;
    }
    return v;
  };
  const andExpr = (): boolean => {
    let v = notExpr();
    while (args[p] === '-a') {
      p++;
      const r = notExpr();
      v = v && r;
    }
    return v;
  };
  const notExpr = (): boolean => {
    if (args[p] === '!' && p + 1 < args.length) {
      p++;
      return !notExpr();
    }
    return primary();
  };
  const primary = (): boolean => {
    const a = args[p];
    if (a === undefined) throw new TestError('argument expected');
    if (a === '(' && p + 1 < args.length) {
      p++;
      const v = orExpr();
      if (args[p] !== ')') throw new TestError(`closing paren expected`);
      p++;
      return v;
    }
    if (args[p + 1] !== undefined && BINARY.has(args[p + 1]!) && args[p + 2] !== undefined) {
      p += 3;
      return binary(a, args[p - 2]!, args[p - 1]!);
    }
    if (UNARY.has(a) && args[p + 1] !== undefined) {
      p += 2;
      return unary(a, args[p - 1]!);
    }
    p++;
    return a !== '';
  };
  const n = args.length;
  if (n === 0) return false;
  if (n === 1) return args[0] !== '';
  if (n === 2) {
    if (args[0] === '!') return args[1] === '';
    if (UNARY.has(args[0]!)) return unary(args[0]!, args[1]!);
    if (BINARY.has(args[1]!)) throw new TestError(`${args[1]}: argument expected`);
    throw new TestError(`${args[0]}: unexpected operator`);
  }
  if (n === 3 && BINARY.has(args[1]!)) return binary(args[0]!, args[1]!, args[2]!);
  if (n === 3 && args[0] === '!') return !evalTest(args.slice(1), env);
  if (n === 3 && args[0] === '(' && args[2] === ')') return args[1] !== '';
  const v = orExpr();
  if (p < args.length) throw new TestError(`${env.dash ? args[0] : args[p]}: unexpected operator`);
  return v;
}

export const test: Utility = async (ctx) => {
  let args = ctx.argv.slice(1);
  const name = ctx.argv[0]!;
  if (name === '[') {
    if (args[args.length - 1] !== ']') {
      await ctx.stderr.write(encode("[: missing ']'\n"));
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evalTest(args, { fs: ctx.fs, cwd: ctx.cwd }) ? 0 : 1;
  } catch (e) {
    await ctx.stderr.write(encode(`${name}: ${(e as Error).message}\n`));
    return 2;
  }
};
