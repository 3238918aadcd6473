/**
 * How util.inspect lays formatted entries out: the `Foo [tag] ` prefix,
 * one line or one entry per line (breakLength, compact), and arrays of short
 * entries grouped into aligned columns.
 */
import { kArrayExtrasType, type InspectContext } from './inspect-context.js';
import { getStringWidth, removeColors } from './inspect-strings.js';

/**
 * `Foo `, `Foo [tag] `, `Array(3) `, `[Object: null prototype] `… The tag is
 * left out when the class name ends with it (`MyMap(1) {`, not `MyMap(1) [Map] {`).
 */
export function getPrefix(constructor: string | null, tag: string, fallback: string, size = ''): string {
  if (constructor === null) {
    if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== '' && !constructor.endsWith(tag)) return `${constructor}${size} [${tag}] `;
  return `${constructor}${size} `;
}

/** Whether the entries fit on one line after `start` columns (and `base` has no line break). */
function isBelowBreakLength(ctx: InspectContext, output: string[], start: number, base: string): boolean {
  // Each entry adds at least a separator, so count the entries twice up front.
  let totalLength = output.length + start;
  if (totalLength + output.length > ctx.breakLength) return false;
  for (const entry of output) {
    totalLength += ctx.colors ? removeColors(entry).length : entry.length;
    if (totalLength > ctx.breakLength) return false;
  }
  return base === '' || !base.includes('\n');
}

/**
 * Arrange more than six short array entries in columns: about as many
 * columns as make the block look square (a character being ~2.5 times as
 * tall as wide), at most 15, within breakLength; numbers align right.
 */
function groupArrayElements(ctx: InspectContext, output: string[], value: unknown): string[] {
  let totalLength = 0;
  let maxLength = 0;
  let outputLength = output.length;
  // The "... more items" entry does not take part.
  if (ctx.maxArrayLength < output.length) outputLength--;
  const separatorSpace = 2;
  const dataLen: number[] = new Array(outputLength);
  for (let i = 0; i < outputLength; i++) {
    const len = getStringWidth(output[i]!, ctx.colors);
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  // At least three columns must fit, and no entry may dwarf the others.
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
    const approxCharHeights = 2.5;
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(approxCharHeights * biasedMax * outputLength) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      (ctx.compact as number) * 4,
      15,
    );
    if (columns <= 1) return output;
    const tmp: string[] = [];
    const maxLineLength: number[] = [];
    for (let i = 0; i < columns; i++) {
      let lineLength = 0;
      for (let j = i; j < output.length; j += columns) {
        if (dataLen[j]! > lineLength) lineLength = dataLen[j]!;
      }
      maxLineLength.push(lineLength + separatorSpace);
    }
    let padStart = true;
    if (value !== undefined) {
      for (let i = 0; i < output.length; i++) {
        const v = (value as Record<number, unknown>)[i];
        if (typeof v !== 'number' && typeof v !== 'bigint') {
          padStart = false;
          break;
        }
      }
    }
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength);
      let line = '';
      let j = i;
      for (; j < max - 1; j++) {
        // Colour codes take no columns; pad by what is visible.
        const padding = maxLineLength[j - i]! + output[j]!.length - dataLen[j]!;
        line += padStart ? `${output[j]}, `.padStart(padding, ' ') : `${output[j]}, `.padEnd(padding, ' ');
      }
      if (padStart) {
        const padding = maxLineLength[j - i]! + output[j]!.length - dataLen[j]! - separatorSpace;
        line += output[j]!.padStart(padding, ' ');
      } else {
        line += output[j]!;
      }
      tmp.push(line);
    }
    if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]!);
    output = tmp;
  }
  return output;
}

/**
 * Join the entries of one object: on a single line when they fit (and, with
 * a numeric `compact`, the object is at most `compact` levels above the
 * innermost one), else one entry per line.
 */
export function reduceToSingleString(
  ctx: InspectContext, output: string[], base: string, braces: [string, string], extrasType: number,
  recurseTimes: number, value?: unknown,
): string {
  if (ctx.compact !== true) {
    if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
      const entries = output.length;
      if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
      if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
        // 10 more columns for the other things that may shorten the line.
        const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
        if (isBelowBreakLength(ctx, output, start, base)) {
          const joined = output.join(', ');
          if (!joined.includes('\n')) return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
        }
      }
    }
    const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
    return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
  }
  if (isBelowBreakLength(ctx, output, 0, base)) {
    return `${braces[0]}${base ? ` ${base}` : ''} ${output.join(', ')} ${braces[1]}`;
  }
  const indentation = ' '.repeat(ctx.indentationLvl);
  // A long opening brace ("Set {") pushes the first entry onto its own line so the entries line up.
  const ln = base === '' && braces[0].length === 1 ? ' ' : `${base ? ` ${base}` : ''}\n${indentation}  `;
  return `${braces[0]}${ln}${output.join(`,\n${indentation}  `)} ${braces[1]}`;
}
