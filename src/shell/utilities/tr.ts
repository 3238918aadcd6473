/** `tr [-cds] SET1 [SET2]` (GNU coreutils): ranges, `[:class:]`, escapes, `[c*n]`. */
import { decode, encode } from '../io.js';
import { err, getopt } from './common.js';
import type { Utility } from './types.js';

const CLASS: Record<string, () => string[]> = {
  upper: () => range('A', 'Z'), lower: () => range('a', 'z'), digit: () => range('0', '9'),
  alpha: () => [...range('A', 'Z'), ...range('a', 'z')], alnum: () => [...range('0', '9'), ...range('A', 'Z'), ...range('a', 'z')],
  space: () => [' ', '\t', '\n', '\r', '\f', '\v'], blank: () => [' ', '\t'], punct: () => [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'],
  xdigit: () => [...range('0', '9'), ...range('A', 'F'), ...range('a', 'f')], cntrl: () => [...range('\x00', '\x1f'), '\x7f'],
  print: () => range(' ', '~'), graph: () => range('!', '~'),
};

function range(a: string, b: string): string[] {
  const out: string[] = [];
  for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) out.push(String.fromCharCode(c));
  return out;
}

/** Expands a tr SET into its characters. */
export function expandSet(s: string, padTo = 0): string[] {
  const out: string[] = [];
  const unesc = (i: number): [string, number] => {
    if (s[i] !== '\\' || i + 1 >= s.length) return [s[i]!, i + 1];
    const n = s[i + 1]!;
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };
    if (map[n]) return [map[n]!, i + 2];
    const m = /^[0-7]{1,3}/.exec(s.slice(i + 1));
    if (m) return [String.fromCharCode(parseInt(m[0], 8)), i + 1 + m[0].length];
    return [n, i + 2];
  };
  for (let i = 0; i < s.length; ) {
    const cls = /^\[:([a-z]+):\]/.exec(s.slice(i));
    if (cls && CLASS[cls[1]!]) {
      out.push(...CLASS[cls[1]!]!());
      i += cls[0].length;
      continue;
    }
    const rep = /^\[(.)\*([0-9]*)\]/.exec(s.slice(i));
    if (rep) {
      const n = rep[2] ? Number(rep[2]) : Math.max(0, padTo - out.length);
      for (let k = 0; k < n; k++) out.push(rep[1]!);
      i += rep[0].length;
      continue;
    }
    const [c, j] = unesc(i);
    if (s[j] === '-' && j + 1 < s.length) {
      const [d, k] = unesc(j + 1);
      out.push(...range(c, d));
      i = k;
      continue;
    }
    out.push(c);
    i = j;
  }
  return out;
}

export const tr: Utility = async (ctx) => {
  const o = await getopt(ctx, 'cCdst', { complement: 'c', delete: 'd', 'squeeze-repeats': 's', truncate: 't' });
  if (!o) return 1;
  const del = o.has('d');
  const sq = o.has('s');
  const comp = o.has('c') || o.has('C');
  const need = del ? (sq ? 2 : 1) : sq ? 1 : 2;
  if (o.args.length < need) {
    await err(ctx, o.args.length ? `missing operand after '${o.args[o.args.length - 1]}'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.` : "missing operand\nTry 'tr --help' for more information.");
    return 1;
  }
  const s1 = expandSet(o.args[0]!);
  const set1 = new Set(s1);
  const in1 = (c: string) => set1.has(c) !== comp;
  let s2 = o.args[1] !== undefined ? expandSet(o.args[1], s1.length) : [];
  const map = new Map<string, string>();
  if (!del && s2.length) {
    if (s2.length < s1.length) s2 = [...s2, ...Array(s1.length - s2.length).fill(s2[s2.length - 1])];
    if (!comp) s1.forEach((c, i) => map.set(c, s2[i]!));
  }
  const sqSet = new Set(del || !s2.length ? (del ? s2 : s1) : s2);
  let last = '';
  let carry = new Uint8Array(0);
  for (;;) {
    const c = await ctx.stdin.read();
    if (c === null) break;
    const chunk = new Uint8Array(carry.length + c.length);
    chunk.set(carry);
    chunk.set(c, carry.length);
    let cut = chunk.length;
    while (cut > 0 && cut > chunk.length - 4 && (chunk[cut - 1]! & 0xc0) === 0x80) cut--;
    if (cut > 0 && chunk[cut - 1]! >= 0xc0) cut--;
    else cut = chunk.length;
    carry = chunk.slice(cut);
    let out = '';
    for (const ch of decode(chunk.subarray(0, cut))) {
      let x = ch;
      if (del && in1(x)) continue;
      if (!del) {
        if (comp && in1(x) && s2.length) x = s2[s2.length - 1]!;
        else x = map.get(x) ?? x;
      }
      if (sq && sqSet.has(x) !== (comp && !s2.length && !del) && x === last) continue;
      last = x;
      out += x;
    }
    await ctx.stdout.write(encode(out));
  }
  return 0;
};
