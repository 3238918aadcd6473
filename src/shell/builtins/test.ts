/**
 * `test` and `[` as builtins: the evaluator of utilities/test.ts with dash's
 * error prefix (`sh: 1: test: Illegal number: a`, `sh: 1: [: missing ]`).
 */
import { evalTest, TestError } from '../utilities/test.js';
import type { Builtin } from './types.js';

export const testBuiltin: Builtin = async (sh, argv, io) => {
  let args = argv.slice(1);
  if (argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      await sh.errmsg(io, '[: missing ]');
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evalTest(args, { fs: sh.fs, cwd: sh.cwd, dash: true }) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      await sh.errmsg(io, `${argv[0]}: ${e.message}`);
      return 2;
    }
    throw e;
  }
};
