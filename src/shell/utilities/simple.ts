/**
 * Small utilities that fit in a few lines each: true, false, sleep, seq,
 * basename, dirname, clear, yes, realpath, history, ps, kill (hook-backed).
 */
import { strerror } from '../errors.js';
import { encode, maybeYield } from '../io.js';
import { basename as bn, dirname as dn } from '../path.js';
import { abs, err, getopt, out } from './common.js';
import type { Utility } from './types.js';

export const trueU: Utility = async () => 0;
export const falseU: Utility = async () => 1;

/** `sleep NUMBER[smhd]...`; aborted by the command's signal. */
export const sleep: Utility = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (!args.length) {
    await err(ctx, "missing operand\nTry 'sleep --help' for more information.");
    return 1;
  }
  let ms = 0;
  for (const a of args) {
    const m = /^([0-9]*\.?[0-9]+)([smhd]?)$/.exec(a);
    if (!m) {
      await err(ctx, `invalid time interval '${a}'\nTry 'sleep --help' for more information.`);
      return 1;
    }
    ms += Number(m[1]) * ({ s: 1, m: 60, h: 3600, d: 86400, '': 1 }[m[2] as 's'] ?? 1) * 1000;
  }
  const aborted = await new Promise<boolean>((r) => {
    if (ctx.signal.aborted) return r(true);
    const t = setTimeout(() => r(false), ms);
    ctx.signal.addEventListener('abort', () => {
      clearTimeout(t);
      r(true);
    }, { once: true });
  });
  return aborted ? 143 : 0;
};

/** `seq [-s SEP] [-w] [FIRST [INC]] LAST`. */
export const seq: Utility = async (ctx) => {
  const argv = [ctx.argv[0]!, ...ctx.argv.slice(1).map((a) => (/^-[0-9.]/.test(a) ? '\u0000' + a : a))];
  const o = await getopt({ ...ctx, argv }, 's:wf:', { 'separator:': 's', 'equal-width': 'w', 'format:': 'f' });
  if (!o) return 1;
  const nums = o.args.map((a) => a.replace('\u0000', ''));
  if (!nums.length) {
    await err(ctx, "missing operand\nTry 'seq --help' for more information.");
    return 1;
  }
  for (const n of nums) {
    if (!/^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)(e[-+]?[0-9]+)?$/i.test(n)) {
      await err(ctx, `invalid floating point argument: '${n}'\nTry 'seq --help' for more information.`);
      return 1;
    }
  }
  const [first, inc, last] = nums.length === 1 ? ['1', '1', nums[0]!] : nums.length === 2 ? [nums[0]!, '1', nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
  const dec = Math.max(...[first, inc].map((s) => (s.includes('.') ? s.split('.')[1]!.length : 0)));
  const f = Number(first);
  const st = Number(inc);
  const l = Number(last);
  if (st === 0) {
    await err(ctx, `invalid Zero increment value: '${inc}'\nTry 'seq --help' for more information.`);
    return 1;
  }
  const sep = o.get('s') ?? '\n';
  const vals: string[] = [];
  for (let k = 0; ; k++) {
    const v = f + k * st;
    if (st > 0 ? v > l + 1e-10 : v < l - 1e-10) break;
    vals.push(v.toFixed(dec));
    if (vals.length >= 1e5) {
      await out(ctx, vals.join(sep) + sep);
      vals.length = 0;
    }
  }
  if (o.has('w')) {
    const wd = vals.reduce((m, v) => Math.max(m, v.length), 0);
    for (let k = 0; k < vals.length; k++) vals[k] = vals[k]!.startsWith('-') ? '-' + vals[k]!.slice(1).padStart(wd - 1, '0') : vals[k]!.padStart(wd, '0');
  }
  if (vals.length) await out(ctx, vals.join(sep) + '\n');
  return 0;
};

export const basename: Utility = async (ctx) => {
  const o = await getopt(ctx, 'as:z', { multiple: 'a', 'suffix:': 's', zero: 'z' });
  if (!o) return 1;
  if (!o.args.length) {
    await err(ctx, "missing operand\nTry 'basename --help' for more information.");
    return 1;
  }
  if (o.has('a') || o.has('s')) {
    await out(ctx, o.args.map((a) => bn(a, o.get('s')) + '\n').join(''));
    return 0;
  }
  if (o.args.length > 2) {
    await err(ctx, `extra operand '${o.args[2]}'\nTry 'basename --help' for more information.`);
    return 1;
  }
  await out(ctx, bn(o.args[0]!, o.args[1]) + '\n');
  return 0;
};

export const dirname: Utility = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (!args.length) {
    await err(ctx, "missing operand\nTry 'dirname --help' for more information.");
    return 1;
  }
  await out(ctx, args.map((a) => dn(a) + '\n').join(''));
  return 0;
};

export const clear: Utility = async (ctx) => {
  await out(ctx, '\x1b[H\x1b[2J\x1b[3J');
  return 0;
};

/** `yes [STRING...]`: writes in large chunks; ends on EPIPE when the reader goes away. */
export const yes: Utility = async (ctx) => {
  const line = (ctx.argv.length > 1 ? ctx.argv.slice(1).join(' ') : 'y') + '\n';
  const chunk = encode(line.repeat(Math.max(1, Math.floor(8192 / line.length))));
  while (!ctx.signal.aborted) {
    await ctx.stdout.write(chunk);
    await maybeYield();
  }
  return 130;
};

export const realpath: Utility = async (ctx) => {
  const o = await getopt(ctx, 'emsq', { 'canonicalize-existing': 'e', 'canonicalize-missing': 'm', 'no-symlinks': 's', quiet: 'q' });
  if (!o) return 1;
  if (!o.args.length) {
    await err(ctx, "missing operand\nTry 'realpath --help' for more information.");
    return 1;
  }
  let st = 0;
  let res = '';
  for (const a of o.args) {
    try {
      const p = abs(ctx, a);
      let r: string;
      if (o.has('m') || o.has('s')) r = p;
      else {
        try {
          r = ctx.fs.realpathSync(p);
        } catch (e) {
          if (o.has('e') || (e as { code?: string }).code !== 'ENOENT') throw e;
          r = ctx.fs.realpathSync(dn(p)).replace(/\/$/, '') + '/' + bn(p);
        }
      }
      res += r + '\n';
    } catch (e) {
      if (!o.has('q')) await err(ctx, `${a}: ${strerror(e)}`);
      st = 1;
    }
  }
  await out(ctx, res);
  return st;
};

export const history: Utility = async (ctx) => {
  const h = ctx.system.history?.() ?? [];
  await out(ctx, h.map((l, i) => `${String(i + 1).padStart(5)}  ${l}\n`).join(''));
  return 0;
};

export const ps: Utility = async (ctx) => {
  const list = ctx.system.ps?.() ?? [{ pid: ctx.system.pid ?? 1, command: 'sh' }];
  await out(ctx, '    PID TTY          TIME CMD\n' + list.map((p) => `${String(p.pid).padStart(7)} pts/0    00:00:00 ${p.command}\n`).join(''));
  return 0;
};

export const kill: Utility = async (ctx) => {
  let args = ctx.argv.slice(1);
  let sig = 'TERM';
  if (args[0]?.startsWith('-')) {
    sig = args[0] === '-s' ? args[1] ?? 'TERM' : args[0].slice(1);
    args = args.slice(args[0] === '-s' ? 2 : 1);
  }
  let st = 0;
  for (const a of args) {
    if (!ctx.system.kill?.(Number(a), sig)) {
      await err(ctx, `(${a}) - No such process`);
      st = 1;
    }
  }
  return st;
};
