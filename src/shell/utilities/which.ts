/** `which [-a] NAME...` (Debian's which): prints where each command resolves; exit 1 if any is missing. */
import { resolve } from '../path.js';
import { out } from './common.js';
import { UTILITY_NAMES } from './names.js';
import type { Utility } from './types.js';

export const which: Utility = async (ctx) => {
  let st = 0;
  let res = '';
  for (const n of ctx.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    if (n.includes('/')) {
      try {
        const s = ctx.fs.statSync(resolve(ctx.cwd, n));
        if (s.isFile() && s.mode & 0o111) {
          res += n + '\n';
          continue;
        }
      } catch {
        // not found
      }
      st = 1;
      continue;
    }
    // The shell itself runs in-process, and Debian has it at /usr/bin/{sh,bash,dash}.
    if (UTILITY_NAMES.has(n) || n === 'sh' || n === 'bash' || n === 'dash') {
      res += `/usr/bin/${n}\n`;
      continue;
    }
    let found = false;
    for (const dir of (ctx.env.PATH ?? '').split(':')) {
      if (!dir) continue;
      try {
        const p = resolve(ctx.cwd, `${dir}/${n}`);
        const s = ctx.fs.statSync(p);
        if (s.isFile() && s.mode & 0o111) {
          res += `${dir}/${n}\n`;
          found = true;
          break;
        }
      } catch {
        // next
      }
    }
    if (!found && ctx.system.hasCommand(n)) {
      res += `/usr/bin/${n}\n`;
      found = true;
    }
    if (!found) st = 1;
  }
  await out(ctx, res);
  return st;
};
