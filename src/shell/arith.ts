/**
 * Arithmetic expansion `$(( ))` (XCU 2.6.4): C integer operators with
 * precedence, variables by name, assignment operators. Errors use dash's
 * wording (`arithmetic expression: division by zero: "1/0"`).
 */

/** Variable access for the evaluator. */
export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

/** An arithmetic error; the shell prints it and exits 2. */
export class ArithError extends Error {}

type Tok = { k: 'n'; v: number } | { k: 'id'; v: string } | { k: 'op'; v: string };

const OPS = ['<<=', '>>=', '&&', '||', '==', '!=', '<=', '>=', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=',
  '+', '-', '*', '/', '%', '(', ')', '<', '>', '!', '~', '&', '^', '|', '?', ':', '='];

function tokenize(src: string, fail: (m: string) => never): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|[0-9]+)/.exec(src.slice(i));
    if (num) {
      const t = num[0];
      const v = /^0[xX]/.test(t) ? parseInt(t, 16) : t.length > 1 && t[0] === '0' ? parseInt(t, 8) : parseInt(t, 10);
      out.push({ k: 'n', v });
      i += t.length;
      if (/[A-Za-z_]/.test(src[i] ?? '')) fail('expecting EOF');
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      out.push({ k: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) fail('expecting primary');
    out.push({ k: 'op', v: op! });
    i += op!.length;
  }
  return out;
}

const BIN: [string[], number][] = [
  [['||'], 1], [['&&'], 2], [['|'], 3], [['^'], 4], [['&'], 5], [['==', '!='], 6],
  [['<', '>', '<=', '>='], 7], [['<<', '>>'], 8], [['+', '-'], 9], [['*', '/', '%'], 10],
];
const PREC = new Map<string, number>();
for (const [ops, p] of BIN) for (const o of ops) PREC.set(o, p);

/** Evaluates an (already parameter-expanded) arithmetic expression. */
export function evalArith(src: string, vars: ArithVars): number {
  const fail = (m: string): never => {
    throw new ArithError(`arithmetic expression: ${m}: "${src}"`);
  };
  const toks = tokenize(src, fail);
  let p = 0;
  const peek = () => toks[p];
  const isOp = (v: string) => {
    const t = toks[p];
    return t !== undefined && t.k === 'op' && t.v === v;
  };
  const varVal = (name: string): number => {
    const s = vars.get(name);
    if (s === undefined || s === '') return 0;
    const t = s.trim();
    if (/^-?(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(t)) {
      const neg = t.startsWith('-');
      const u = neg ? t.slice(1) : t;
      const v = /^0[xX]/.test(u) ? parseInt(u, 16) : u.length > 1 && u[0] === '0' ? parseInt(u, 8) : parseInt(u, 10);
      return neg ? -v : v;
    }
    throw new ArithError(`Illegal number: ${s}`);
  };
  const wrap = (n: number) => Number(BigInt.asIntN(64, BigInt(Math.trunc(n))));
  // skip: evaluate without side effects or errors (short-circuit branches).
  const primary = (skip: boolean): number => {
    const t = peek();
    if (!t) return fail('expecting primary');
    if (t.k === 'n') {
      p++;
      return t.v;
    }
    if (t.k === 'id') {
      p++;
      const a = peek();
      if (a && a.k === 'op' && /^([-+*/%&^|]|<<|>>)?=$/.test(a.v) && a.v !== '==') {
        p++;
        const rhs = assign(skip);
        if (skip) return 0;
        const cur = a.v === '=' ? 0 : varVal(t.v);
        const v = a.v === '=' ? rhs : binop(a.v.slice(0, -1), cur, rhs);
        vars.set(t.v, String(v));
        return v;
      }
      return skip ? 0 : varVal(t.v);
    }
    if (t.v === '(') {
      p++;
      const v = assign(skip);
      if (!isOp(')')) fail('expecting \')\'');
      p++;
      return v;
    }
    if (t.v === '-' || t.v === '+' || t.v === '!' || t.v === '~') {
      p++;
      const v = primary(skip);
      return t.v === '-' ? wrap(-v) : t.v === '+' ? v : t.v === '!' ? Number(!v) : ~v;
    }
    return fail('expecting primary');
  };
  const binop = (op: string, a: number, b: number): number => {
    switch (op) {
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '*': return Number(BigInt.asIntN(64, BigInt(a) * BigInt(b)));
      case '/': if (b === 0) fail('division by zero'); return wrap(a / b);
      case '%': if (b === 0) fail('division by zero'); return wrap(a % b);
      case '<<': return Number(BigInt.asIntN(64, BigInt(a) << BigInt(b)));
      case '>>': return Number(BigInt(a) >> BigInt(b));
      case '<': return Number(a < b);
      case '>': return Number(a > b);
      case '<=': return Number(a <= b);
      case '>=': return Number(a >= b);
      case '==': return Number(a === b);
      case '!=': return Number(a !== b);
      case '&': return Number(BigInt.asIntN(64, BigInt(a) & BigInt(b)));
      case '^': return Number(BigInt.asIntN(64, BigInt(a) ^ BigInt(b)));
      case '|': return Number(BigInt.asIntN(64, BigInt(a) | BigInt(b)));
    }
    return 0;
  };
  const binary = (minPrec: number, skip: boolean): number => {
    let left = primary(skip);
    for (;;) {
      const t = peek();
      if (!t || t.k !== 'op') break;
      const prec = PREC.get(t.v);
      if (prec === undefined || prec < minPrec) break;
      p++;
      if (t.v === '&&' || t.v === '||') {
        const short = t.v === '&&' ? !left : !!left;
        const right = binary(prec + 1, skip || short);
        left = short ? Number(t.v === '||') : Number(!!right);
        continue;
      }
      const right = binary(prec + 1, skip);
      left = skip ? 0 : binop(t.v, left, right);
    }
    return left;
  };
  const cond = (skip: boolean): number => {
    const c = binary(1, skip);
    if (!isOp('?')) return c;
    p++;
    const a = assign(skip || !c);
    if (!isOp(':')) fail("expecting ':'");
    p++;
    const b = cond(skip || !!c);
    return c ? a : b;
  };
  const assign = (skip: boolean): number => cond(skip);
  if (!toks.length) return 0;
  const v = assign(false);
  if (p < toks.length) fail('expecting EOF');
  return v;
}
