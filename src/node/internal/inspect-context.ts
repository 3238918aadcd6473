/**
 * The state of one util.inspect call, shared by the formatting modules: the
 * options in force plus what the walk has seen so far.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Stylize } from './inspect-strings.js';

export interface InspectContext {
  /** Output length so far at each indentation level; a huge total stops deeper inspection. */
  budget: Record<number, number>;
  indentationLvl: number;
  /** Objects on the path from the root to the value being formatted. */
  seen: unknown[];
  /** The depth of the innermost object formatted so far. */
  currentDepth: number;
  stylize: Stylize;
  showHidden: boolean;
  depth: number | null;
  colors: boolean;
  customInspect: boolean;
  showProxy: boolean;
  maxArrayLength: number;
  maxStringLength: number;
  breakLength: number;
  compact: boolean | number;
  sorted: boolean | ((a: string, b: string) => number);
  getters: boolean | 'get' | 'set';
  numericSeparator: boolean;
  /** Options util.inspect does not know, passed on to custom inspect functions. */
  userOptions?: any;
  /** Objects seen twice on a path, numbered for `<ref *n>` / `[Circular *n]`. */
  circular?: Map<unknown, number>;
}

/** What a formatted entry belongs to: an object key, an array element, or a key beside array elements. */
export const kObjectType = 0;
export const kArrayType = 1;
export const kArrayExtrasType = 2;
export type EntryType = typeof kObjectType | typeof kArrayType | typeof kArrayExtrasType;
