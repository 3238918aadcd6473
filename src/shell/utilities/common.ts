/**
 * Helpers shared by the utilities: GNU-style option parsing (bundled short
 * options, `--long[=value]`, argument permutation, `--`), GNU error messages,
 * and reading operands (`-` is stdin).
 */
import { decode, encode, readAll } from '../io.js';
import { resolve } from '../path.js';
import type { UtilityContext } from './types.js';

/** Parsed options: each option's values in order (flags get `''`). */
export interface Parsed {
  opts: Map<string, string[]>;
  /** Options in command-line order (for order-sensitive ones like sed -e). */
  order: [string, string][];
  args: string[];
  has(o: string): boolean;
  get(o: string): string | undefined;
}

/**
 * Parses argv like getopt_long. `spec` lists short options, `:` after a
 * letter takes a value. `longs` maps long names to a short letter (append
 * `:` to the long name if it takes a value). Returns null after printing the
 * error (exit 1 or 2 is the caller's choice).
 */
export async function getopt(ctx: UtilityContext, spec: string, longs: Record<string, string> = {}, permute = true): Promise<Parsed | null> {
  const name = ctx.argv[0]!;
  const opts = new Map<string, string[]>();
  const order: [string, string][] = [];
  const args: string[] = [];
  const add = (k: string, v: string) => {
    opts.set(k, [...(opts.get(k) ?? []), v]);
    order.push([k, v]);
  };
  const av = ctx.argv.slice(1);
  for (let i = 0; i < av.length; i++) {
    const a = av[i]!;
    if (a === '--') {
      args.push(...av.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const lname = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const keys = Object.keys(longs).filter((k) => k.replace(/:$/, '') === lname || k.startsWith(lname));
      const exact = keys.find((k) => k.replace(/:$/, '') === lname);
      const key = exact ?? (keys.length === 1 ? keys[0] : undefined);
      if (!key) {
        await err(ctx, `unrecognized option '${a}'\nTry '${name} --help' for more information.`);
        return null;
      }
      const target = longs[key]!;
      if (key.endsWith(':')) {
        const v = eq >= 0 ? a.slice(eq + 1) : av[++i];
        if (v === undefined) {
          await err(ctx, `option '--${key.slice(0, -1)}' requires an argument\nTry '${name} --help' for more information.`);
          return null;
        }
        add(target, v);
      } else add(target, eq >= 0 ? a.slice(eq + 1) : '');
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const k = spec.indexOf(c);
        if (k < 0 || c === ':') {
          await err(ctx, `invalid option -- '${c}'\nTry '${name} --help' for more information.`);
          return null;
        }
        if (spec[k + 1] === ':') {
          const v = j + 1 < a.length ? a.slice(j + 1) : av[++i];
          if (v === undefined) {
            await err(ctx, `option requires an argument -- '${c}'\nTry '${name} --help' for more information.`);
            return null;
          }
          add(c, v);
          break;
        }
        add(c, '');
      }
      continue;
    }
    if (!permute) {
      args.push(...av.slice(i));
      break;
    }
    args.push(a);
  }
  return {
    opts,
    order,
    args,
    has: (o) => opts.has(o),
    get: (o) => {
      const v = opts.get(o);
      return v ? v[v.length - 1] : undefined;
    },
  };
}

/** Writes `name: msg` to stderr. */
export async function err(ctx: UtilityContext, msg: string): Promise<void> {
  await ctx.stderr.write(encode(`${ctx.argv[0]}: ${msg}\n`));
}

/** Writes text to stdout. */
export async function out(ctx: UtilityContext, s: string): Promise<void> {
  if (s) await ctx.stdout.write(encode(s));
}

/** Absolute path of an operand. */
export function abs(ctx: UtilityContext, p: string): string {
  return resolve(ctx.cwd, p);
}

/** Reads an operand's bytes (`-` = stdin). Throws fs errors. */
export async function readInput(ctx: UtilityContext, file: string): Promise<Uint8Array> {
  if (file === '-') return readAll(ctx.stdin);
  const p = abs(ctx, file);
  if (ctx.fs.statSync(p).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
  return ctx.fs.readFileSync(p);
}

/** Reads an operand as text. */
export async function readText(ctx: UtilityContext, file: string): Promise<string> {
  return decode(await readInput(ctx, file));
}

/** GNU's quoting of file names in messages ('x' when it needs quoting, as `ls` and `rm` do). */
export function q(s: string): string {
  if (/^[A-Za-z0-9_./,:+@%^-]+$/.test(s)) return `'${s}'`;
  if (!s.includes("'")) return `'${s}'`;
  return `"${s}"`;
}
