/**
 * Job control without a terminal: `jobs`, `wait`, `fg`, `bg` and `kill`.
 * Background jobs are coroutines of this Worker; `kill` aborts a job's
 * signal, and reaches other processes through the optional `ShellSystem.kill`.
 */
import { encode } from '../io.js';
import type { Job, Shell } from '../interpreter.js';
import type { Builtin } from './types.js';

function findJob(sh: Shell, spec: string): Job | undefined {
  if (spec.startsWith('%')) {
    const s = spec.slice(1);
    if (s === '' || s === '%' || s === '+') return sh.jobs[sh.jobs.length - 1];
    if (s === '-') return sh.jobs[sh.jobs.length - 2];
    return sh.jobs.find((j) => j.id === Number(s));
  }
  return sh.jobs.find((j) => j.pid === Number(spec));
}

export const jobs: Builtin = async (sh, _argv, io) => {
  let out = '';
  sh.jobs.forEach((j, i) => {
    const mark = i === sh.jobs.length - 1 ? '+' : i === sh.jobs.length - 2 ? '-' : ' ';
    const state = j.done ? (j.status ? `Done(${j.status})` : 'Done') : 'Running';
    out += `[${j.id}] ${mark} ${state.padEnd(26)} ${j.cmd}\n`;
  });
  sh.jobs = sh.jobs.filter((j) => !j.done);
  await io.stdout.write(encode(out));
  return 0;
};

export const wait: Builtin = async (sh, argv, io) => {
  const args = argv.slice(1);
  if (!args.length) {
    for (const j of [...sh.jobs]) await j.promise;
    sh.jobs = [];
    return 0;
  }
  let st = 0;
  for (const a of args) {
    const j = findJob(sh, a);
    if (!j) {
      if (a.startsWith('%')) {
        await sh.errmsg(io, `wait: No such job: ${a}`);
        st = 127;
      } else st = 127;
      continue;
    }
    st = await j.promise;
  }
  return st;
};

export const fg: Builtin = async (sh, argv, io) => {
  const j = findJob(sh, argv[1] ?? '%%');
  if (!j) {
    await sh.errmsg(io, `fg: No current job`);
    return 2;
  }
  await io.stdout.write(encode(j.cmd + '\n'));
  const st = await j.promise;
  sh.jobs = sh.jobs.filter((x) => x !== j);
  return st;
};

export const bg: Builtin = async () => 0;

const SIGNUM: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, TERM: 15, USR1: 10, USR2: 12 };

export const kill: Builtin = async (sh, argv, io) => {
  let args = argv.slice(1);
  let sig = 'TERM';
  if (args[0] === '-l') {
    await io.stdout.write(encode(Object.keys(SIGNUM).join('\n') + '\n'));
    return 0;
  }
  if (args[0] === '-s') {
    sig = (args[1] ?? 'TERM').toUpperCase().replace(/^SIG/, '');
    args = args.slice(2);
  } else if (args[0]?.startsWith('-')) {
    const s = args[0].slice(1).toUpperCase().replace(/^SIG/, '');
    sig = /^[0-9]+$/.test(s) ? Object.keys(SIGNUM).find((k) => SIGNUM[k] === Number(s)) ?? s : s;
    args = args.slice(1);
  }
  if (!args.length) {
    await sh.errmsg(io, 'kill: usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]');
    return 2;
  }
  let st = 0;
  for (const a of args) {
    const j = findJob(sh, a);
    if (j) {
      j.abort?.abort();
      continue;
    }
    if (!/^[0-9]+$/.test(a)) {
      await sh.errmsg(io, `kill: invalid argument ${a}`);
      st = 2;
      continue;
    }
    if (!sh.system.kill?.(Number(a), sig)) {
      await sh.errmsg(io, `kill: No such process`);
      st = 1;
    }
  }
  return st;
};
