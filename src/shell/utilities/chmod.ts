/** `chmod [-R] MODE FILE...` (GNU coreutils): octal and symbolic (`u+x`, `go-w`, `a=r`, `+x`) modes. */
import { strerror } from '../errors.js';
import { resolve } from '../path.js';
import { abs, err, getopt, q } from './common.js';
import type { Utility } from './types.js';

/** Applies a chmod mode string to a current mode; null when invalid. */
export function applyMode(spec: string, cur: number, isDir: boolean): number | null {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let mode = cur & 0o7777;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!m) return null;
    const who = m[1] || 'a';
    let bits = 0;
    for (const p of m[3]!) {
      if (p === 'r') bits |= 0o444;
      if (p === 'w') bits |= 0o222;
      if (p === 'x' || (p === 'X' && (isDir || cur & 0o111))) bits |= 0o111;
      if (p === 's') bits |= 0o6000;
      if (p === 't') bits |= 0o1000;
    }
    let mask = 0;
    if (who.includes('u') || who.includes('a')) mask |= 0o4700;
    if (who.includes('g') || who.includes('a')) mask |= 0o2070;
    if (who.includes('o') || who.includes('a')) mask |= 0o1007;
    if (!m[1]) bits &= ~0o022 | (m[3]!.includes('w') ? 0o200 : 0);
    const b = bits & mask;
    if (m[2] === '+') mode |= b;
    else if (m[2] === '-') mode &= ~b;
    else mode = (mode & ~mask) | b;
  }
  return mode;
}

export const chmod: Utility = async (ctx) => {
  const argv = ctx.argv.map((a, i) => (i > 0 && /^-[rwxXst]+$/.test(a) ? '\u0000' + a : a));
  const o = await getopt({ ...ctx, argv }, 'Rvfc', { recursive: 'R', verbose: 'v', silent: 'f', quiet: 'f' });
  if (!o) return 1;
  const args = o.args.map((a) => a.replace('\u0000', ''));
  if (args.length < 2) {
    await err(ctx, args.length ? `missing operand after '${args[0]}'\nTry 'chmod --help' for more information.` : "missing operand\nTry 'chmod --help' for more information.");
    return 1;
  }
  const spec = args[0]!;
  let st = 0;
  const apply = async (p: string, label: string) => {
    const s = ctx.fs.statSync(p);
    const m = applyMode(spec, s.mode, s.isDirectory());
    if (m === null) {
      await err(ctx, `invalid mode: '${spec}'\nTry 'chmod --help' for more information.`);
      st = 1;
      return false;
    }
    ctx.fs.chmodSync(p, m);
    if (o.has('R') && s.isDirectory()) for (const d of ctx.fs.readdirSync(p, { withFileTypes: true })) if (!d.isSymbolicLink()) await apply(resolve(p, d.name), `${label}/${d.name}`);
    return true;
  };
  for (const f of args.slice(1)) {
    try {
      if (!(await apply(abs(ctx, f), f))) break;
    } catch (e) {
      await err(ctx, `cannot access ${q(f)}: ${strerror(e)}`);
      st = 1;
    }
  }
  return st;
};
