/**
 * The shape of a shell builtin: it runs against the shell's own state (which
 * is why `cd` and `export` cannot be utilities) with the command's descriptors.
 */
import type { IO, Shell } from '../interpreter.js';

/** A builtin command. Resolves to the exit status. */
export type Builtin = (sh: Shell, argv: string[], io: IO) => Promise<number>;
