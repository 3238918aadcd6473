/**
 * The syntax tree the parser builds and the interpreter walks. Words keep
 * their quoting structure so expansion can tell quoted text (no field
 * splitting, no globbing) from unquoted text, as POSIX 2.6 requires.
 */

/** A piece of a word. `q` marks text inside quotes. */
export type WordPart =
  | { t: 'lit'; v: string; q: boolean }
  | {
      t: 'param';
      name: string;
      /** '' (plain), 'len' (`${#x}`), or one of - = ? + :- := :? :+ % %% # ## */
      op: string;
      arg: Word | null;
      q: boolean;
    }
  | { t: 'cmd'; node: Node | null; src: string; q: boolean }
  | { t: 'arith'; src: string; q: boolean };

/** A shell word: its parts and its source text (for error messages, `set -x`). */
export interface Word {
  parts: WordPart[];
  raw: string;
}

/** A redirection: `[fd]op target` or a here-document. */
export interface Redir {
  fd: number;
  op: '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '<<' | '<<-' | '&>';
  target: Word;
  /** Here-document body: literal text when the delimiter was quoted. */
  heredoc?: { body: Word; quoted: boolean; delim: string };
}

/** `NAME=value` before a command or alone. */
export interface Assign {
  name: string;
  value: Word;
}

/** Every command form of the POSIX grammar (XCU 2.9). */
export type Node =
  | { type: 'simple'; assigns: Assign[]; words: Word[]; redirs: Redir[]; line: number }
  | { type: 'pipeline'; bang: boolean; cmds: Node[] }
  | { type: 'andor'; op: '&&' | '||'; left: Node; right: Node }
  | { type: 'list'; items: { node: Node; bg: boolean; /** Source text of a background job (for `jobs`). */ text?: string }[] }
  | { type: 'subshell'; body: Node; redirs: Redir[] }
  | { type: 'group'; body: Node; redirs: Redir[] }
  | { type: 'if'; clauses: { cond: Node; body: Node }[]; else: Node | null; redirs: Redir[] }
  | { type: 'while'; until: boolean; cond: Node; body: Node; redirs: Redir[] }
  | { type: 'for'; name: string; words: Word[] | null; body: Node; redirs: Redir[] }
  | { type: 'case'; word: Word; items: { patterns: Word[]; body: Node | null }[]; redirs: Redir[] }
  | { type: 'func'; name: string; body: Node };
