/**
 * `getopts OPTSTRING NAME [ARG...]` (XCU getopts) with dash's messages
 * (`Illegal option -z`, `No arg for -b option`) and silent mode (leading `:`).
 */
import { encode } from '../io.js';
import type { Builtin } from './types.js';

export const getopts: Builtin = async (sh, argv, io) => {
  if (argv.length < 3) {
    await sh.errmsg(io, 'getopts: usage: getopts optstring var [arg]');
    return 2;
  }
  const spec = argv[1]!;
  const name = argv[2]!;
  const args = argv.length > 3 ? argv.slice(3) : sh.positionalArgs;
  const silent = spec.startsWith(':');
  const st = sh.getoptsState;
  let optind = Number(sh.getVar('OPTIND') ?? '1') || 1;
  if (sh.getVar('OPTIND') !== st.optind) st.pos = 0;
  const finish = (status: number) => {
    sh.setVar('OPTIND', String(optind));
    st.optind = String(optind);
    return status;
  };
  if (st.pos === 0) {
    const arg = args[optind - 1];
    if (arg === undefined || arg === '-' || !arg.startsWith('-')) {
      sh.setVar(name, '?');
      return finish(1);
    }
    if (arg === '--') {
      optind++;
      sh.setVar(name, '?');
      return finish(1);
    }
    st.pos = 1;
  }
  const arg = args[optind - 1]!;
  const c = arg[st.pos++]!;
  const advance = () => {
    if (st.pos >= arg.length) {
      optind++;
      st.pos = 0;
    }
  };
  const k = c === ':' ? -1 : spec.indexOf(c);
  if (k < 0) {
    if (silent) sh.setVar('OPTARG', c);
    else {
      sh.unsetVar('OPTARG');
      await io.stderr.write(encode(`Illegal option -${c}\n`));
    }
    sh.setVar(name, '?');
    advance();
    return finish(0);
  }
  if (spec[k + 1] === ':') {
    if (st.pos < arg.length) {
      sh.setVar('OPTARG', arg.slice(st.pos));
      optind++;
    } else if (optind < args.length) {
      sh.setVar('OPTARG', args[optind]!);
      optind += 2;
    } else {
      st.pos = 0;
      optind++;
      if (silent) {
        sh.setVar('OPTARG', c);
        sh.setVar(name, ':');
      } else {
        sh.unsetVar('OPTARG');
        await io.stderr.write(encode(`No arg for -${c} option\n`));
        sh.setVar(name, '?');
      }
      return finish(0);
    }
    st.pos = 0;
    sh.setVar(name, c);
    return finish(0);
  }
  sh.unsetVar('OPTARG');
  sh.setVar(name, c);
  advance();
  return finish(0);
};
