/**
 * Where a module's evaluation is waiting. Node reports a top-level await that
 * never settles with the line of the await the module is stuck on; a browser
 * cannot ask a suspended generator where it is, so the transform leaves a
 * marker before each statement that holds a top-level await:
 * `;__vk.a=K;` (K indexes ModuleRecordSource.tlaSites), and the linker reads
 * `__vk.a` when the loop runs dry.
 *
 * Transformed code must keep the user's line and column numbers (stack
 * traces, the syntax-error arrow), so a marker goes only where it moves
 * nothing on a line that holds user code the engine could report: right
 * after the previous statement, or after a block's `{`, when that is on an
 * earlier line than the statement. Elsewhere there is no marker and the
 * report falls back to the module's previous marker (or its first await).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

type Node = any;
type Edit = { start: number; end: number; text: string };

const isFunction = (n: Node) =>
  n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';

/** A statement in a statement list, with where a marker for it could go. */
interface Slot {
  stmt: Node;
  /** Insertion offset, or -1 when the statement opens the module (the default marker, 0, holds). */
  at: number;
}

function collectSlots(node: Node, out: Slot[]): void {
  if (!node || typeof node.type !== 'string' || isFunction(node)) return;
  const list: Node[] | undefined =
    node.type === 'Program' || node.type === 'BlockStatement' ? node.body : node.type === 'SwitchCase' ? node.consequent : undefined;
  if (list) {
    list.forEach((stmt, i) => {
      const prev = list[i - 1];
      let at: number | undefined;
      if (prev) {
        // An import/export declaration's own text is rewritten: never touch its end.
        if (!/^(Import|Export)/.test(prev.type)) at = prev.end;
      } else if (node.type === 'BlockStatement') at = node.start + 1;
      else if (node.type === 'Program') at = -1;
      if (at !== undefined) out.push({ stmt, at });
    });
  }
  for (const key of Object.keys(node)) {
    if (key === 'type' || key === 'start' || key === 'end' || key === 'loc') continue;
    const v = node[key];
    if (Array.isArray(v)) for (const c of v) collectSlots(c, out);
    else if (v && typeof v.type === 'string') collectSlots(v, out);
  }
}

function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Marker edits for the top-level awaits starting at `awaitStarts` (in tlaSites order). */
export function tlaMarkerEdits(program: Node, source: string, awaitStarts: number[]): Edit[] {
  if (!awaitStarts.length) return [];
  const slots: Slot[] = [];
  collectSlots(program, slots);
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const edits: Edit[] = [];
  const marked = new Set<Node>();
  awaitStarts.forEach((start, index) => {
    // The innermost listed statement holding this await (slots nest in source order).
    let best: Slot | undefined;
    for (const s of slots) if (s.stmt.start <= start && start < s.stmt.end && (!best || s.stmt.start >= best.stmt.start)) best = s;
    if (!best || marked.has(best.stmt)) return;
    marked.add(best.stmt);
    if (best.at < 0) return;
    if (lineOf(lineStarts, best.at) >= lineOf(lineStarts, best.stmt.start)) return;
    edits.push({ start: best.at, end: best.at, text: `;__vk.a=${index};` });
  });
  return edits;
}
