/**
 * `find [PATH...] [EXPR]` (GNU findutils subset): -name -iname -path -type
 * -maxdepth -mindepth -empty -newer -size, `!`/-not, -a, -o, parentheses,
 * -print, -delete, -exec ... {} ; and -exec ... {} +. Directory order is the
 * fs's readdir order, as GNU find's is.
 */
import { strerror } from '../errors.js';
import { TextWriter } from '../io.js';
import { matchPattern } from '../pattern.js';
import type { ShellStats } from '../shell-system.js';
import { abs, err } from './common.js';
import type { Utility } from './types.js';

type Expr =
  | { k: 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'not'; a: Expr }
  | { k: 'test'; t: string; v: string }
  | { k: 'print' }
  | { k: 'delete' }
  | { k: 'exec'; cmd: string[]; plus: boolean }
  | { k: 'true' }
  | { k: 'prune' };

export const find: Utility = async (ctx) => {
  const av = ctx.argv.slice(1);
  const paths: string[] = [];
  let i = 0;
  while (i < av.length && !/^[-!(]/.test(av[i]!)) paths.push(av[i++]!);
  if (!paths.length) paths.push('.');
  let maxdepth = Infinity;
  let mindepth = 0;
  let hasAction = false;
  const toks = av.slice(i);
  let p = 0;
  const fail = async (m: string) => {
    await err(ctx, m);
    return 1;
  };
  const parseOr = (): Expr => {
    let a = parseAnd();
    while (toks[p] === '-o' || toks[p] === '-or') {
      p++;
      a = { k: 'or', a, b: parseAnd() };
    }
    return a;
  };
  const parseAnd = (): Expr => {
    let a = parseNot();
    for (;;) {
      if (toks[p] === '-a' || toks[p] === '-and') {
        p++;
        a = { k: 'and', a, b: parseNot() };
      } else if (p < toks.length && toks[p] !== '-o' && toks[p] !== '-or' && toks[p] !== ')') a = { k: 'and', a, b: parseNot() };
      else return a;
    }
  };
  const parseNot = (): Expr => {
    if (toks[p] === '!' || toks[p] === '-not') {
      p++;
      return { k: 'not', a: parseNot() };
    }
    return primary();
  };
  const primary = (): Expr => {
    const t = toks[p++]!;
    if (t === '(') {
      const e = parseOr();
      if (toks[p++] !== ')') throw new Error("invalid expression; I was expecting to find a ')' somewhere but did not see one.");
      return e;
    }
    switch (t) {
      case '-print':
        hasAction = true;
        return { k: 'print' };
      case '-delete':
        hasAction = true;
        return { k: 'delete' };
      case '-exec':
      case '-execdir': {
        hasAction = true;
        const cmd: string[] = [];
        while (p < toks.length && toks[p] !== ';' && !(toks[p] === '+' && toks[p - 1] === '{}')) cmd.push(toks[p++]!);
        if (p >= toks.length) throw new Error(`missing argument to \`${t}'`);
        const plus = toks[p++] === '+';
        return { k: 'exec', cmd, plus };
      }
      case '-maxdepth':
        maxdepth = Number(toks[p++]);
        return { k: 'true' };
      case '-mindepth':
        mindepth = Number(toks[p++]);
        return { k: 'true' };
      case '-true':
        return { k: 'true' };
      case '-prune':
        return { k: 'prune' };
      case '-false':
        return { k: 'not', a: { k: 'true' } };
      case '-empty':
        return { k: 'test', t, v: '' };
      case '-name': case '-iname': case '-path': case '-wholename': case '-type': case '-newer': case '-size': case '-perm': {
        const v = toks[p++];
        if (v === undefined) throw new Error(`missing argument to \`${t}'`);
        return { k: 'test', t, v };
      }
    }
    throw new Error(t.startsWith('-') ? `unknown predicate \`${t}'` : `paths must precede expression: \`${t}'`);
  };
  let expr: Expr;
  try {
    expr = toks.length ? parseOr() : { k: 'true' };
    if (p < toks.length) throw new Error(`unexpected \`${toks[p]}'`);
  } catch (e) {
    return fail((e as Error).message);
  }
  if (!hasAction) expr = { k: 'and', a: expr, b: { k: 'print' } };
  const w = new TextWriter(ctx.stdout);
  let status = 0;
  const plusBatches = new Map<Expr, string[]>();
  let pruned = false;
  const evalE = async (e: Expr, path: string, st: ShellStats, name: string): Promise<boolean> => {
    switch (e.k) {
      case 'and': return (await evalE(e.a, path, st, name)) && evalE(e.b, path, st, name);
      case 'or': return (await evalE(e.a, path, st, name)) || evalE(e.b, path, st, name);
      case 'not': return !(await evalE(e.a, path, st, name));
      case 'true': return true;
      case 'prune':
        pruned = true;
        return true;
      case 'print':
        await w.write(path + '\n');
        return true;
      case 'delete':
        try {
          const a = abs(ctx, path);
          if (st.isDirectory()) ctx.fs.rmdirSync(a);
          else ctx.fs.unlinkSync(a);
        } catch (x) {
          await w.flush();
          await err(ctx, `cannot delete '${path}': ${strerror(x)}`);
          status = 1;
        }
        return true;
      case 'exec': {
        if (e.plus) {
          plusBatches.set(e, [...(plusBatches.get(e) ?? []), path]);
          return true;
        }
        await w.flush();
        const r = await ctx.exec(e.cmd.map((a) => a.replaceAll('{}', path)));
        return r === 0;
      }
      case 'test':
        switch (e.t) {
          case '-name': return matchPattern(e.v, name);
          case '-iname': return matchPattern(e.v.toLowerCase(), name.toLowerCase());
          case '-path':
          case '-wholename': return matchPattern(e.v, path);
          case '-type': {
            const t = st.isSymbolicLink() ? 'l' : st.isDirectory() ? 'd' : st.isFile() ? 'f' : 'p';
            return e.v.split(',').includes(t);
          }
          case '-empty':
            return st.isDirectory() ? ctx.fs.readdirSync(abs(ctx, path), { withFileTypes: true }).length === 0 : st.isFile() && st.size === 0;
          case '-newer':
            return st.mtimeMs > ctx.fs.statSync(abs(ctx, e.v)).mtimeMs;
          case '-size': {
            const m = /^([+-]?)([0-9]+)([ckMGb]?)$/.exec(e.v);
            if (!m) return false;
            const unit = { c: 1, k: 1024, M: 1048576, G: 1073741824, b: 512, '': 512 }[m[3] as 'c'] ?? 512;
            const size = Math.ceil(st.size / unit);
            const n = Number(m[2]);
            return m[1] === '+' ? size > n : m[1] === '-' ? size < n : size === n;
          }
          case '-perm':
            return (st.mode & 0o7777) === parseInt(e.v.replace(/^[-/]/, ''), 8);
        }
        return false;
    }
  };
  const walk = async (path: string, depth: number): Promise<void> => {
    let st: ShellStats;
    try {
      st = ctx.fs.lstatSync(abs(ctx, path));
    } catch (x) {
      await w.flush();
      await err(ctx, `'${path}': ${strerror(x)}`);
      status = 1;
      return;
    }
    const name = depth === 0 ? path.replace(/\/+$/, '').split('/').pop() || path : path.slice(path.lastIndexOf('/') + 1);
    pruned = false;
    if (depth >= mindepth) await evalE(expr, path, st, name);
    if (st.isDirectory() && depth < maxdepth && !pruned) {
      let ents;
      try {
        ents = ctx.fs.readdirSync(abs(ctx, path), { withFileTypes: true });
      } catch (x) {
        await w.flush();
        await err(ctx, `'${path}': ${strerror(x)}`);
        status = 1;
        return;
      }
      for (const d of ents) await walk(path.endsWith('/') ? path + d.name : `${path}/${d.name}`, depth + 1);
    }
  };
  for (const root of paths) await walk(root, 0);
  await w.flush();
  for (const [e, files] of plusBatches) {
    if (e.k !== 'exec') continue;
    const k = e.cmd.indexOf('{}');
    await ctx.exec([...e.cmd.slice(0, k), ...files, ...e.cmd.slice(k + 1)]);
  }
  return status;
};
