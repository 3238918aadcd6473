/**
 * `printf FORMAT [ARG...]` (XCU printf, GNU coreutils): the format is reused
 * until the arguments are consumed; `%b` expands echo escapes; numeric
 * arguments accept `'c` for a character code.
 */
import { echoEscapes } from '../builtins/echo.js';
import { encode } from '../io.js';
import type { Utility } from './types.js';

function escapes(fmt: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== '\\' || i + 1 >= fmt.length) {
      out += c;
      continue;
    }
    const n = fmt[++i]!;
    const map: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'", e: '\x1b' };
    if (map[n] !== undefined) out += map[n];
    else if (n === 'c') return { text: out, stop: true };
    else if (/[0-7]/.test(n)) {
      const m = /^[0-7]{1,3}/.exec(fmt.slice(i))![0];
      out += String.fromCharCode(parseInt(m, 8) & 255);
      i += m.length - 1;
    } else if (n === 'x' && /[0-9a-fA-F]/.test(fmt[i + 1] ?? '')) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(fmt.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m, 16));
      i += m.length;
    } else out += '\\' + n;
  }
  return { text: out, stop: false };
}

/**
 * Formats like printf(1). `onErr` receives messages such as
 * `abc: expected numeric value` (dash) or `'abc': expected a numeric value` (GNU).
 */
export function formatPrintf(args: string[], onErr: (m: string) => void, flavor: 'dash' | 'gnu'): { out: string; usage: boolean } {
  if (!args.length) return { out: '', usage: true };
  const fmt = args[0]!;
  const vals = args.slice(1);
  let vi = 0;
  let out = '';
  const num = (s: string | undefined, float: boolean): number => {
    if (s === undefined || s === '') return 0;
    if (/^['"]/.test(s)) return s.length > 1 ? s.codePointAt(1)! : 0;
    const t = s.trim();
    const v = float ? Number(t) : /^[-+]?0[xX][0-9a-fA-F]+$/.test(t) ? parseInt(t, 16) : /^[-+]?0[0-7]+$/.test(t) ? parseInt(t, 8) : /^[-+]?[0-9]+$/.test(t) ? parseInt(t, 10) : NaN;
    if (Number.isNaN(v)) {
      const lead = /^[-+]?[0-9]+/.exec(t);
      onErr(flavor === 'dash' ? `${s}: expected numeric value` : `'${s}': expected a numeric value`);
      return lead ? parseInt(lead[0], 10) : 0;
    }
    return v;
  };
  for (;;) {
    const startVi = vi;
    let stop = false;
    for (let i = 0; i < fmt.length; i++) {
      const c = fmt[i]!;
      if (c === '\\') {
        const m = (flavor === 'dash' ? /^\\([0-7]{1,3}|.)/s : /^\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/s).exec(fmt.slice(i))!;
        const e = escapes(m[0]);
        out += e.text;
        if (e.stop) return { out, usage: false };
        i += m[0].length - 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?([a-zA-Z%])/.exec(fmt.slice(i));
      if (!m) {
        out += c;
        continue;
      }
      i += m[0].length - 1;
      const conv = m[4]!;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const flags = m[1]!;
      let width = m[2] === '*' ? num(vals[vi++], false) : m[2] ? Number(m[2]) : 0;
      let prec: number | undefined = m[3] === undefined ? undefined : m[3] === '*' ? num(vals[vi++], false) : Number(m[3] || 0);
      let left = flags.includes('-');
      if (width < 0) {
        left = true;
        width = -width;
      }
      const arg = vals[vi++];
      let s: string;
      switch (conv) {
        case 's':
          s = arg ?? '';
          if (prec !== undefined) s = s.slice(0, prec);
          break;
        case 'b': {
          const e = echoEscapes(arg ?? '');
          s = e.text;
          if (e.stop) stop = true;
          if (prec !== undefined) s = s.slice(0, prec);
          break;
        }
        case 'c':
          s = (arg ?? '').slice(0, 1);
          break;
        case 'd':
        case 'i':
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
          const n = Math.trunc(num(arg, false));
          const neg = n < 0 && (conv === 'd' || conv === 'i');
          let digits = conv === 'o' ? Math.abs(n).toString(8) : conv === 'x' ? Math.abs(n).toString(16) : conv === 'X' ? Math.abs(n).toString(16).toUpperCase() : Math.abs(n).toString();
          if (n < 0 && !neg) digits = (BigInt.asUintN(64, BigInt(n))).toString(conv === 'o' ? 8 : conv === 'u' ? 10 : 16);
          if (conv === 'X') digits = digits.toUpperCase();
          if (prec !== undefined) digits = digits.padStart(prec, '0');
          if (flags.includes('#') && conv === 'o' && !digits.startsWith('0')) digits = '0' + digits;
          if (flags.includes('#') && (conv === 'x' || conv === 'X') && n !== 0) digits = (conv === 'x' ? '0x' : '0X') + digits;
          const sign = neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
          if (flags.includes('0') && !left && prec === undefined) digits = digits.padStart(width - sign.length, '0');
          s = sign + digits;
          break;
        }
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G': {
          const n = num(arg, true);
          const p = prec ?? 6;
          if (conv === 'f' || conv === 'F') s = Math.abs(n).toFixed(p);
          else if (conv === 'e' || conv === 'E') s = expo(Math.abs(n), p);
          else s = gfmt(Math.abs(n), p === 0 ? 1 : p, flags.includes('#'));
          if (conv === 'E' || conv === 'G') s = s.toUpperCase();
          const sign = n < 0 || Object.is(n, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
          if (flags.includes('0') && !left) s = s.padStart(width - sign.length, '0');
          s = sign + s;
          break;
        }
        default:
          onErr(flavor === 'dash' ? `%${conv}: invalid directive` : `%${conv}: invalid conversion specification`);
          return { out, usage: false };
      }
      out += left ? s.padEnd(width) : s.padStart(width);
      if (stop) return { out, usage: false };
    }
    if (vi >= vals.length || vi === startVi) break;
  }
  return { out, usage: false };
}

function expo(n: number, p: number): string {
  const s = n.toExponential(p);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function gfmt(n: number, p: number, alt: boolean): string {
  if (n === 0) return '0';
  const e = Math.floor(Math.log10(n));
  let s: string;
  if (e < -4 || e >= p) {
    s = expo(n, p - 1);
    if (!alt) s = s.replace(/\.?0+e/, 'e');
  } else {
    s = n.toFixed(Math.max(0, p - 1 - e));
    if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return s;
}

export const printf: Utility = async (ctx) => {
  const errs: string[] = [];
  const args = ctx.argv.slice(1);
  if (args[0] === '--') args.shift();
  const r = formatPrintf(args, (m) => errs.push(m), 'gnu');
  await ctx.stdout.write(encode(r.out));
  for (const m of errs) await ctx.stderr.write(encode(`printf: ${m}\n`));
  if (r.usage) {
    await ctx.stderr.write(encode("printf: missing operand\nTry 'printf --help' for more information.\n"));
    return 1;
  }
  return errs.length ? 1 : 0;
};
