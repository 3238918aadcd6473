/**
 * The interpreter: walks the tree of ast.ts with dash's semantics. Builtins
 * run against this shell's state; utilities run in-process as async functions;
 * everything else goes to `ShellSystem.spawn`. Subshells (pipelines, `( )`,
 * `$( )`, `&`) are clones of the state running concurrently in the same
 * Worker, connected by bounded pipes.
 */
import type { Node, Redir, Word } from './ast.js';
import { ShellSyntaxError } from './lexer.js';
import { Parser, parseAll } from './parser.js';
import { interactiveMain, ttyOf } from './interactive/session.js';
import { Expander, type ExpandHost } from './expand.js';
import { ExitSignal, LoopSignal, ReturnSignal, ShellError, errCode } from './errors.js';
import { CollectSink, InStream, bytesStream, decode, emptyStream, encode, maybeYield, nullSink, readAll } from './io.js';
import { Pipe } from './pipe.js';
import { resolve, basename } from './path.js';
import { matchPattern } from './pattern.js';
import type { ShellFs, ShellSink, ShellStream, ShellSystem } from './shell-system.js';
import { BUILTINS, SPECIAL_BUILTINS } from './builtins/index.js';
import { UTILITIES } from './utilities/index.js';
import type { UtilityContext } from './utilities/types.js';

/** One open file descriptor. */
export interface Fd {
  r?: InStream;
  w?: ShellSink;
}

/** The descriptor table of a command. */
export class IO {
  constructor(public fds: (Fd | undefined)[]) {}
  get stdin(): InStream {
    return this.fds[0]?.r ?? InStream.of(emptyStream);
  }
  get stdout(): ShellSink {
    return this.fds[1]?.w ?? nullSink;
  }
  get stderr(): ShellSink {
    return this.fds[2]?.w ?? nullSink;
  }
  clone(): IO {
    return new IO([...this.fds]);
  }
}

/** A shell variable. */
interface Var {
  value: string | undefined;
  exported: boolean;
  readonly: boolean;
}

/** A background job. */
export interface Job {
  id: number;
  pid: number;
  cmd: string;
  done: boolean;
  status: number;
  promise: Promise<number>;
  /** Aborted by `kill %N`. */
  abort?: AbortController;
}

/** Appends each write to a file (the target of `>` / `>>`). */
class FileSink implements ShellSink {
  constructor(private readonly fs: ShellFs, private readonly path: string) {}
  async write(c: Uint8Array): Promise<void> {
    this.fs.appendFileSync(this.path, c);
  }
}

let nextPid = 1000;

/** Shell options set by `set -e` etc. */
export interface ShellOpts {
  e: boolean;
  u: boolean;
  x: boolean;
  f: boolean;
  n: boolean;
  /** bash's `set -o pipefail` (accepted only when invoked as `bash`; dash 0.5.12 has none). */
  pipefail: boolean;
}

/** The state of one shell or subshell, and its evaluator. */
export class Shell implements ExpandHost {
  vars = new Map<string, Var>();
  funcs = new Map<string, Node>();
  positionalArgs: string[] = [];
  arg0 = 'sh';
  cwd: string;
  opts: ShellOpts = { e: false, u: false, x: false, f: false, n: false, pipefail: false };
  /** Invoked as `bash`: a few bash-only options are accepted. */
  bash = false;
  lastStatus = 0;
  lastBg: number | undefined;
  jobs: Job[] = [];
  traps = new Map<string, string>();
  aliases = new Map<string, string>();
  localFrames: Map<string, Var | undefined>[] = [];
  loopDepth = 0;
  condDepth = 0;
  lineNo = 1;
  isSubshell = false;
  /** `getopts` position inside a bundled option word, and the OPTIND it belongs to. */
  getoptsState = { pos: 0, optind: '1' };
  readonly expander: Expander;
  readonly signal: AbortSignal;

  constructor(readonly system: ShellSystem, cwd: string, env: Record<string, string>, signal?: AbortSignal) {
    this.cwd = cwd;
    this.signal = signal ?? new AbortController().signal;
    for (const [k, v] of Object.entries(env)) this.vars.set(k, { value: v, exported: true, readonly: false });
    this.expander = new Expander(this);
    if (this.getVar('IFS') === undefined) this.vars.set('IFS', { value: ' \t\n', exported: false, readonly: false });
    this.vars.set('PWD', { value: cwd, exported: true, readonly: false });
  }

  get fs(): ShellFs {
    return this.system.fs;
  }
  get nounset(): boolean {
    return this.opts.u;
  }
  get noglob(): boolean {
    return this.opts.f;
  }

  // ---- variables -------------------------------------------------------

  getVar(name: string): string | undefined {
    return this.vars.get(name)?.value;
  }

  setVar(name: string, value: string | undefined, flags: { export?: boolean; readonly?: boolean } = {}): void {
    const v = this.vars.get(name);
    if (v?.readonly) throw new ShellError(`${name}: is read only`);
    if (v) {
      if (value !== undefined) v.value = value;
      if (flags.export) v.exported = true;
      if (flags.readonly) v.readonly = true;
    } else this.vars.set(name, { value, exported: !!flags.export || this.allExport, readonly: !!flags.readonly });
    if (name === 'PWD' && value !== undefined) this.cwd = value;
  }

  allExport = false;

  unsetVar(name: string): void {
    const v = this.vars.get(name);
    if (v?.readonly) throw new ShellError(`${name}: is read only`);
    this.vars.delete(name);
  }

  /** Saves a variable in the innermost function frame (`local`). */
  makeLocal(name: string): void {
    const frame = this.localFrames[this.localFrames.length - 1];
    if (!frame) throw new ShellError('local: not in a function');
    if (!frame.has(name)) {
      const v = this.vars.get(name);
      frame.set(name, v ? { ...v } : undefined);
    }
  }

  special(name: string): string | undefined {
    switch (name) {
      case '?': return String(this.lastStatus);
      case '#': return String(this.positionalArgs.length);
      case '$': return String(this.system.pid ?? 1);
      case '!': return this.lastBg === undefined ? undefined : String(this.lastBg);
      case '-': return (this.opts.e ? 'e' : '') + (this.opts.f ? 'f' : '') + (this.opts.u ? 'u' : '') + (this.opts.x ? 'x' : '');
      case '0': return this.arg0;
    }
    if (/^[0-9]+$/.test(name)) return this.positionalArgs[Number(name) - 1];
    return undefined;
  }

  positional(): string[] {
    return this.positionalArgs;
  }

  /** Exported variables, as a child's environment. */
  exportedEnv(extra?: Record<string, string>): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of this.vars) if (v.exported && v.value !== undefined) env[k] = v.value;
    return { ...env, ...extra };
  }

  // ---- subshells ---------------------------------------------------------

  /** A copy of this shell's state for a subshell. */
  clone(): Shell {
    const s = Object.create(Shell.prototype) as Shell;
    Object.assign(s, this);
    s.vars = new Map([...this.vars].map(([k, v]) => [k, { ...v }]));
    s.funcs = new Map(this.funcs);
    s.positionalArgs = [...this.positionalArgs];
    s.opts = { ...this.opts };
    s.jobs = [];
    s.traps = new Map();
    s.aliases = new Map(this.aliases);
    s.localFrames = this.localFrames.map((f) => new Map(f));
    s.isSubshell = true;
    s.getoptsState = { ...this.getoptsState };
    (s as { expander: Expander }).expander = new Expander(s);
    return s;
  }

  /** Runs a node as a subshell: exit and fatal errors end only the subshell. */
  async runSub(node: Node, io: IO): Promise<number> {
    try {
      return await this.exec(node, io);
    } catch (e) {
      return this.handleTop(e, io);
    }
  }

  /** Converts a thrown signal at a (sub)shell boundary into an exit status. */
  async handleTop(e: unknown, io: IO): Promise<number> {
    if (e instanceof ExitSignal) return e.status;
    if (e instanceof ReturnSignal) return e.status;
    if (e instanceof LoopSignal) return 0;
    if (e instanceof ShellError) {
      await this.errmsg(io, e.message);
      return e.status;
    }
    if (e instanceof ShellSyntaxError) {
      await this.errmsg(io, e.bare ? e.message : `Syntax error: ${e.message}`, e.line);
      return 2;
    }
    if (errCode(e) === 'EPIPE') return 141;
    throw e;
  }

  /** Writes `sh: LINE: msg` to stderr. */
  async errmsg(io: IO, msg: string, line = this.lineNo): Promise<void> {
    try {
      await io.stderr.write(encode(`${this.arg0}: ${line}: ${msg}\n`));
    } catch {
      // stderr gone
    }
  }

  // ---- running source text ------------------------------------------------

  /** Parses and runs a script one complete command at a time (as dash does). */
  async runSource(src: string, io: IO): Promise<number> {
    const p = new Parser(src);
    p.aliases = this.aliases;
    let status = 0;
    for (;;) {
      let node: Node | null | undefined;
      try {
        node = p.parseNext();
      } catch (e) {
        if (e instanceof ShellSyntaxError) {
          this.lineNo = e.line;
          throw new ShellError(e.bare ? e.message : `Syntax error: ${e.message}`, 2);
        }
        throw e;
      }
      if (node === undefined) return status;
      if (node === null) continue;
      if (this.opts.n) continue;
      status = await this.exec(node, io);
      if (this.signal.aborted) throw new ExitSignal(130);
    }
  }

  /** Runs the EXIT trap, if any, once. */
  async runExitTrap(io: IO, status: number): Promise<number> {
    const t = this.traps.get('EXIT');
    if (t === undefined) return status;
    this.traps.delete('EXIT');
    this.lastStatus = status;
    try {
      await this.runSource(t, io);
    } catch (e) {
      if (e instanceof ExitSignal) return e.status;
      return this.handleTop(e, io);
    }
    return status;
  }

  // ---- evaluation -----------------------------------------------------------

  private checkErrexit(status: number): void {
    if (this.opts.e && status !== 0 && this.condDepth === 0) throw new ExitSignal(status);
  }

  private async cond(node: Node, io: IO): Promise<number> {
    this.condDepth++;
    try {
      return await this.exec(node, io);
    } finally {
      this.condDepth--;
    }
  }

  async exec(node: Node, io: IO): Promise<number> {
    if (this.signal.aborted) throw new ExitSignal(130);
    let st: number;
    switch (node.type) {
      case 'simple':
        st = await this.execSimple(node, io);
        this.lastStatus = st;
        this.checkErrexit(st);
        return st;
      case 'list': {
        st = 0;
        for (const it of node.items) {
          if (it.bg) {
            this.background(it.node, io, it.text ?? '');
            st = 0;
          } else st = await this.exec(it.node, io);
          this.lastStatus = st;
        }
        return st;
      }
      case 'andor': {
        st = await this.cond(node.left, io);
        this.lastStatus = st;
        if ((node.op === '&&') === (st === 0)) st = await this.exec(node.right, io);
        this.lastStatus = st;
        return st;
      }
      case 'pipeline': {
        st = node.bang ? await this.cond({ ...node, bang: false }, io) : await this.execPipeline(node.cmds, io);
        if (node.bang) st = st === 0 ? 1 : 0;
        this.lastStatus = st;
        if (!node.bang) this.checkErrexit(st);
        return st;
      }
      case 'func':
        this.funcs.set(node.name, node.body);
        return (this.lastStatus = 0);
      default:
        break;
    }
    const rio = await this.redirect(node.redirs, io);
    if (!rio) return (this.lastStatus = 2);
    switch (node.type) {
      case 'subshell':
        st = await this.clone().runSub(node.body, rio);
        this.lastStatus = st;
        this.checkErrexit(st);
        return st;
      case 'group':
        return (this.lastStatus = await this.exec(node.body, rio));
      case 'if': {
        for (const c of node.clauses) {
          if ((await this.cond(c.cond, rio)) === 0) return (this.lastStatus = await this.exec(c.body, rio));
        }
        return (this.lastStatus = node.else ? await this.exec(node.else, rio) : 0);
      }
      case 'while': {
        st = 0;
        this.loopDepth++;
        try {
          for (;;) {
            const c = await this.cond(node.cond, rio);
            if ((c === 0) === node.until) break;
            try {
              st = await this.exec(node.body, rio);
            } catch (e) {
              if (!(e instanceof LoopSignal)) throw e;
              if (e.levels > 1) {
                e.levels--;
                throw e;
              }
              if (e.kind === 'break') break;
            }
            await maybeYield();
          }
        } finally {
          this.loopDepth--;
        }
        return (this.lastStatus = st);
      }
      case 'for': {
        const items = node.words ? await this.expander.expandWords(node.words) : [...this.positionalArgs];
        st = 0;
        this.loopDepth++;
        try {
          for (const it of items) {
            await maybeYield();
            if (this.signal.aborted) throw new ExitSignal(130);
            this.setVar(node.name, it);
            try {
              st = await this.exec(node.body, rio);
            } catch (e) {
              if (!(e instanceof LoopSignal)) throw e;
              if (e.levels > 1) {
                e.levels--;
                throw e;
              }
              if (e.kind === 'break') break;
            }
          }
        } finally {
          this.loopDepth--;
        }
        return (this.lastStatus = st);
      }
      case 'case': {
        const w = await this.expander.expandString(node.word);
        for (const it of node.items) {
          for (const p of it.patterns) {
            if (matchPattern(await this.expander.expandPattern(p), w)) {
              return (this.lastStatus = it.body ? await this.exec(it.body, rio) : 0);
            }
          }
        }
        return (this.lastStatus = 0);
      }
    }
    return 0;
  }

  private background(node: Node, io: IO, text: string): void {
    const sub = this.clone();
    const abort = new AbortController();
    this.signal.addEventListener('abort', () => abort.abort(), { once: true });
    (sub as { signal: AbortSignal }).signal = abort.signal;
    const bio = io.clone();
    if (!bio.fds[0] || bio.fds[0].r?.isTTY) bio.fds[0] = { r: InStream.of(emptyStream) };
    const pid = nextPid++;
    const job: Job = { id: (this.jobs[this.jobs.length - 1]?.id ?? 0) + 1, pid, cmd: text, done: false, status: 0, promise: Promise.resolve(0), abort };
    job.promise = sub.runSub(node, bio).then(
      (s) => {
        job.done = true;
        job.status = s;
        return s;
      },
      () => {
        job.done = true;
        job.status = 1;
        return 1;
      },
    );
    this.jobs.push(job);
    this.lastBg = pid;
  }

  private async execPipeline(cmds: Node[], io: IO): Promise<number> {
    if (cmds.length === 1) return this.exec(cmds[0]!, io);
    const pipes = cmds.slice(1).map(() => new Pipe());
    const runs = cmds.map(async (c, i) => {
      const pio = io.clone();
      if (i > 0) pio.fds[0] = { r: new InStream(pipes[i - 1]!.readable) };
      if (i < cmds.length - 1) pio.fds[1] = { w: pipes[i]!.writable };
      try {
        return await this.clone().runSub(c, pio);
      } finally {
        if (i < cmds.length - 1) pipes[i]!.closeWrite();
        if (i > 0) pipes[i - 1]!.closeRead();
      }
    });
    const st = await Promise.all(runs);
    if (this.opts.pipefail) return [...st].reverse().find((s) => s !== 0) ?? 0;
    return st[st.length - 1]!;
  }

  // ---- redirections -----------------------------------------------------------

  /** Applies redirections, returning the new table, or null after printing an error. */
  async redirect(redirs: Redir[], io: IO): Promise<IO | null> {
    if (!redirs.length) return io;
    const out = io.clone();
    for (const r of redirs) {
      let target = '';
      if (!r.heredoc) target = await this.expander.expandString(r.target);
      const path = resolve(this.cwd, target);
      try {
        switch (r.op) {
          case '<<':
          case '<<-': {
            const h = r.heredoc!;
            const text = h.quoted ? h.body.raw : await this.expander.expandString(h.body);
            out.fds[r.fd] = { r: new InStream(bytesStream(encode(text))) };
            break;
          }
          case '<':
          case '<>': {
            if (target === '/dev/null') out.fds[r.fd] = { r: InStream.of(emptyStream) };
            else if (target === '/dev/stdin') out.fds[r.fd] = io.fds[0];
            else {
              if (r.op === '<>' && !this.fs.existsSync(path)) this.fs.writeFileSync(path, '');
              const data = this.fs.readFileSync(path);
              const s = bytesStream(data);
              s.size = data.length;
              out.fds[r.fd] = { r: new InStream(s) };
            }
            break;
          }
          case '>':
          case '>|':
          case '>>':
          case '&>': {
            let fd: Fd;
            if (target === '/dev/null') fd = { w: nullSink };
            else if (target === '/dev/stdout') fd = io.fds[1] ?? {};
            else if (target === '/dev/stderr') fd = io.fds[2] ?? {};
            else {
              if (r.op === '>>') {
                if (!this.fs.existsSync(path)) this.fs.writeFileSync(path, '');
                else if (this.fs.statSync(path).isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
              } else this.fs.writeFileSync(path, '');
              fd = { w: new FileSink(this.fs, path) };
            }
            out.fds[r.fd] = fd;
            if (r.op === '&>') out.fds[2] = fd;
            break;
          }
          case '>&':
          case '<&': {
            if (target === '-') {
              out.fds[r.fd] = undefined;
              break;
            }
            if (!/^[0-9]+$/.test(target)) {
              if (r.op === '>&') {
                this.fs.writeFileSync(path, '');
                const fd = { w: new FileSink(this.fs, path) };
                out.fds[1] = fd;
                out.fds[2] = fd;
                break;
              }
              throw new ShellError(`Syntax error: Bad fd number`);
            }
            const src = out.fds[Number(target)];
            if (!src) {
              await this.errmsg(io, `${target}: Bad file descriptor`);
              return null;
            }
            out.fds[r.fd] = src;
            break;
          }
        }
      } catch (e) {
        if (e instanceof ShellError) throw e;
        const code = errCode(e);
        const reading = r.op === '<' || r.op === '<>';
        let why = code === 'ENOENT' ? (reading ? 'No such file' : 'Directory nonexistent') : code === 'EISDIR' ? 'Is a directory' : code === 'EACCES' ? 'Permission denied' : 'No such file';
        if (!reading && code === 'ENOENT') why = 'Directory nonexistent';
        await this.errmsg(io, `${reading ? 'cannot open' : 'cannot create'} ${target}: ${why}`);
        return null;
      }
    }
    return out;
  }

  // ---- simple commands ----------------------------------------------------------

  private async execSimple(node: Extract<Node, { type: 'simple' }>, io: IO): Promise<number> {
    this.lineNo = node.line;
    this.lastSubst = null;
    const argv = await this.expander.expandWords(node.words);
    const assigns: [string, string][] = [];
    for (const a of node.assigns) assigns.push([a.name, await this.expander.expandString(a.value)]);
    if (this.opts.x) {
      const line = [...assigns.map(([k, v]) => `${k}=${v}`), ...argv].join(' ');
      await io.stderr.write(encode(`+ ${line}\n`));
    }
    if (!argv.length) {
      for (const [k, v] of assigns) this.setVar(k, v);
      const rio = await this.redirect(node.redirs, io);
      if (!rio) return 2;
      return this.lastSubst ?? 0;
    }
    const rio = await this.redirect(node.redirs, io);
    if (!rio) return 2;
    if (argv.length === 1 && argv[0] === 'exec') {
      // `exec >file`: the redirections stay for the rest of this shell.
      io.fds = rio.fds;
      return 0;
    }
    return this.runCommand(argv, rio, assigns);
  }

  /** Exit status of the last command substitution in the current command. */
  lastSubst: number | null = null;

  async commandSubst(part: { node: Node | null; src: string }): Promise<string> {
    let node = part.node;
    const sub = this.clone();
    const sink = new CollectSink();
    const io = new IO([this.currentIO?.fds[0], { w: sink }, this.currentIO?.fds[2]]);
    let st: number;
    if (!node && part.src.trim() !== '') {
      try {
        st = await sub.runSource(part.src, io);
      } catch (e) {
        st = await sub.handleTop(e, io);
      }
    } else st = node ? await sub.runSub(node, io) : 0;
    node = null;
    this.lastSubst = st;
    return sink.text();
  }

  /** The descriptor table of the command being expanded (for `$( )` stderr). */
  currentIO: IO | null = null;

  /** Runs an expanded command line: builtin, function, utility or external. */
  async runCommand(argv: string[], io: IO, assigns: [string, string][] = []): Promise<number> {
    const name = argv[0]!;
    const prevIO = this.currentIO;
    this.currentIO = io;
    try {
      const special = SPECIAL_BUILTINS[name];
      if (special) {
        for (const [k, v] of assigns) this.setVar(k, v);
        return await special(this, argv, io);
      }
      const fn = this.funcs.get(name);
      if (fn) return await this.withTempVars(assigns, () => this.callFunction(fn, argv, io));
      const bi = BUILTINS[name];
      if (bi) return await this.withTempVars(assigns, () => bi(this, argv, io));
      const env = this.exportedEnv(Object.fromEntries(assigns));
      return await this.runExternal(argv, io, env);
    } finally {
      this.currentIO = prevIO;
    }
  }

  private async withTempVars(assigns: [string, string][], f: () => Promise<number>): Promise<number> {
    if (!assigns.length) return f();
    const saved = assigns.map(([k]) => [k, this.vars.get(k)] as const);
    for (const [k, v] of assigns) this.setVar(k, v, { export: true });
    try {
      return await f();
    } finally {
      for (const [k, v] of saved) {
        if (v) this.vars.set(k, v);
        else this.vars.delete(k);
      }
    }
  }

  async callFunction(body: Node, argv: string[], io: IO): Promise<number> {
    const savedArgs = this.positionalArgs;
    this.positionalArgs = argv.slice(1);
    this.localFrames.push(new Map());
    const savedLoop = this.loopDepth;
    this.loopDepth = 0;
    try {
      return await this.exec(body, io);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      this.loopDepth = savedLoop;
      this.positionalArgs = savedArgs;
      const frame = this.localFrames.pop()!;
      for (const [k, v] of frame) {
        if (v) this.vars.set(k, v);
        else this.vars.delete(k);
      }
    }
  }

  /** Where a command name resolves, for `command -v`, `type`, `which` and execution. */
  lookup(name: string): { kind: 'utility' | 'file' | 'system'; path: string } | null {
    if (name.includes('/')) {
      const base = this.systemPathCommand(name);
      if (base) {
        const found = this.lookup(base);
        if (found && found.kind !== 'file') return { kind: found.kind, path: name };
      }
      const p = resolve(this.cwd, name);
      return this.fs.existsSync(p) ? { kind: 'file', path: name } : null;
    }
    if (UTILITIES[name]) return { kind: 'utility', path: `/usr/bin/${name}` };
    if (name === 'sh' || name === 'bash' || name === 'dash') return { kind: 'utility', path: `/bin/${name}` };
    for (const dir of (this.getVar('PATH') ?? '').split(':')) {
      if (!dir) continue;
      const p = resolve(this.cwd, dir + '/' + name);
      try {
        const st = this.fs.statSync(p);
        if (st.isFile() && st.mode & 0o111) {
          if (this.system.hasCommand(name) && !this.isScript(p)) return { kind: 'system', path: p };
          return { kind: 'file', path: p };
        }
      } catch {
        // not here
      }
    }
    if (this.system.hasCommand(name)) return { kind: 'system', path: `/usr/bin/${name}` };
    return null;
  }

  /**
   * `/usr/local/bin/X`, `/usr/bin/X` or `/bin/X` names the program X when X is
   * a known command (process.execPath is /usr/local/bin/node), as the
   * kernel's resolveCommand decides for direct spawns.
   */
  systemPathCommand(name: string): string | null {
    for (const dir of ['/usr/local/bin/', '/usr/bin/', '/bin/']) {
      if (!name.startsWith(dir)) continue;
      const base = name.slice(dir.length);
      if (!base || base.includes('/')) return null;
      if (UTILITIES[base] || base === 'sh' || base === 'bash' || base === 'dash' || this.system.hasCommand(base)) return base;
      return null;
    }
    return null;
  }

  private isScript(p: string): boolean {
    try {
      const b = this.fs.readFileSync(p);
      return b[0] === 0x23 && b[1] === 0x21;
    } catch {
      return false;
    }
  }

  /** Builds the context a utility runs with. */
  utilityContext(argv: string[], io: IO, env: Record<string, string>): UtilityContext {
    return {
      argv,
      system: this.system,
      fs: this.fs,
      cwd: this.cwd,
      env,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      signal: this.signal,
      exec: (av, o) => {
        const cio = io.clone();
        if (o?.stdin) cio.fds[0] = { r: InStream.of(o.stdin) };
        if (o?.stdout) cio.fds[1] = { w: o.stdout };
        const sub = this.clone();
        if (o?.env) {
          sub.vars = new Map();
          for (const [k, v] of Object.entries(o.env)) sub.vars.set(k, { value: v, exported: true, readonly: false });
        }
        if (o?.silentNotFound && !BUILTINS[av[0]!] && !SPECIAL_BUILTINS[av[0]!] && !sub.lookup(av[0]!) && !['sh', 'bash', 'dash'].includes(av[0]!)) return Promise.resolve(127);
        return sub.runExternalOrBuiltin(av, cio, o?.env ?? env);
      },
    };
  }

  /** For utilities that run commands (`xargs`, `env`, `find -exec`): builtins count, functions don't. */
  async runExternalOrBuiltin(argv: string[], io: IO, env: Record<string, string>): Promise<number> {
    const bi = BUILTINS[argv[0]!] ?? SPECIAL_BUILTINS[argv[0]!];
    if (bi && argv[0] !== 'echo') {
      try {
        return await bi(this, argv, io);
      } catch (e) {
        return this.handleTop(e, io);
      }
    }
    return this.runExternal(argv, io, env);
  }

  async runExternal(argv: string[], io: IO, env: Record<string, string>): Promise<number> {
    const systemBase = argv[0]!.includes('/') ? this.systemPathCommand(argv[0]!) : null;
    if (systemBase) argv = [systemBase, ...argv.slice(1)];
    const name = argv[0]!;
    if (name === 'sh' || name === 'bash' || name === 'dash') return shellMain(argv, this.system, this.cwd, env, io, this.signal);
    const found = this.lookup(name);
    if (!found) {
      await this.errmsg(io, `${name}: not found`);
      return 127;
    }
    if (found.kind === 'utility') {
      const util = UTILITIES[name]!;
      try {
        return await util(this.utilityContext(argv, io, env));
      } catch (e) {
        if (errCode(e) === 'EPIPE') return 141;
        if (e instanceof ExitSignal) return e.status;
        await io.stderr.write(encode(`${name}: ${e instanceof Error ? e.message : String(e)}\n`));
        return 1;
      }
    }
    if (found.kind === 'system') return this.spawn(argv, io, env);
    return this.runFile(found.path, argv, io, env);
  }

  private spawn(argv: string[], io: IO, env: Record<string, string>): Promise<number> {
    return this.system.spawn(argv, { cwd: this.cwd, env, stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, signal: this.signal });
  }

  /** Executes a file: by its `#!` line, or as a shell script without one. */
  async runFile(path: string, argv: string[], io: IO, env: Record<string, string>): Promise<number> {
    const abs = resolve(this.cwd, path);
    let st;
    try {
      st = this.fs.statSync(abs);
    } catch {
      await this.errmsg(io, `${argv[0]}: not found`);
      return 127;
    }
    if (st.isDirectory() || !(st.mode & 0o111)) {
      await this.errmsg(io, `${argv[0]}: Permission denied`);
      return 126;
    }
    const text = decode(this.fs.readFileSync(abs));
    if (text.startsWith('#!')) {
      const first = text.slice(2, text.indexOf('\n') < 0 ? undefined : text.indexOf('\n')).trim();
      let [interp, ...iargs] = first.split(/\s+/);
      if (interp && basename(interp) === 'env' && iargs.length) {
        if (iargs[0] === '-S') iargs.shift();
        interp = iargs.shift()!;
      }
      const iname = basename(interp ?? 'sh');
      if (iname === 'sh' || iname === 'bash' || iname === 'dash') return runScriptText(this, text, [path, ...argv.slice(1)], io, env, iname === 'bash');
      const cmd = [iname, ...iargs, abs, ...argv.slice(1)];
      if (UTILITIES[iname]) return this.runExternal(cmd, io, env);
      if (!this.system.hasCommand(iname)) {
        await this.errmsg(io, `${argv[0]}: not found`);
        return 127;
      }
      return this.spawn(cmd, io, env);
    }
    return runScriptText(this, text, [path, ...argv.slice(1)], io, env);
  }
}

/** Runs script text in a fresh shell that inherits only the environment (a child `sh`). */
export async function runScriptText(parent: Shell, text: string, argv: string[], io: IO, env: Record<string, string>, bash = false): Promise<number> {
  const sh = new Shell(parent.system, parent.cwd, env, parent.signal);
  sh.bash = bash;
  sh.arg0 = argv[0]!;
  sh.positionalArgs = argv.slice(1);
  return sh.main(() => sh.runSource(text, io), io);
}

export interface Shell {
  /** Runs `body` as the shell's main program: handles exit, errors and the EXIT trap. */
  main(body: () => Promise<number>, io: IO): Promise<number>;
}

Shell.prototype.main = async function (this: Shell, body: () => Promise<number>, io: IO): Promise<number> {
  let status: number;
  try {
    status = await body();
  } catch (e) {
    status = await this.handleTop(e, io);
  }
  return this.runExitTrap(io, status);
};

/** `sh [-eux] [-c CMD [NAME [ARG...]] | FILE [ARG...]]` over a descriptor table: the body of `runShell` and of a nested `sh`. */
export async function shellMain(argv: string[], system: ShellSystem, cwd: string, env: Record<string, string>, io: IO, signal?: AbortSignal): Promise<number> {
  const sh = new Shell(system, cwd, env, signal);
  sh.bash = basename(argv[0] ?? 'sh') === 'bash';
  const ctx = { stderr: io.stderr, system, cwd };
  sh.arg0 = argv[0] ?? 'sh';
  let i = 1;
  let command: string | null = null;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!/^[-+][a-zA-Z]+$/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === 'c') command = '';
      else if (c === 'e' || c === 'u' || c === 'x' || c === 'f' || c === 'n') sh.opts[c] = a[0] === '-';
      else if (c === 's' || c === 'i' || c === 'l') continue;
      else {
        await ctx.stderr.write(encode(`${sh.arg0}: 0: Illegal option -${c}\n`));
        return 2;
      }
    }
  }
  const rest = argv.slice(i);
  let body: () => Promise<number>;
  if (command !== null) {
    if (!rest.length) {
      await ctx.stderr.write(encode(`${sh.arg0}: 0: -c requires an argument\n`));
      return 2;
    }
    command = rest[0]!;
    if (rest.length > 1) sh.arg0 = rest[1]!;
    sh.positionalArgs = rest.slice(2);
    const src = command;
    body = () => sh.runSource(src, io);
  } else if (rest.length) {
    const file = rest[0]!;
    let text: string;
    try {
      text = decode(ctx.system.fs.readFileSync(resolve(ctx.cwd, file)));
    } catch {
      await ctx.stderr.write(encode(`${sh.arg0}: 0: cannot open ${file}: No such file\n`));
      return 2;
    }
    sh.arg0 = file;
    sh.positionalArgs = rest.slice(1);
    body = () => sh.runSource(text, io);
  } else {
    const tty = ttyOf(io.stdin);
    // A terminal on stdin and no script: the interactive shell (src/shell/interactive).
    if (tty) body = () => interactiveMain(sh, io, tty, (src) => void parseAll(src));
    else body = async () => sh.runSource(decode(await readAll(io.stdin)), io);
  }
  return sh.main(body, io);
}

export type { Word, ShellStream };
