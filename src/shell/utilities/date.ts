/** `date [-u] [-d DATE] [+FORMAT]` (GNU coreutils): strftime basics; the zone is UTC inside a Worker unless TZ is given as UTC offsets are not known. */
import { err, getopt, out } from './common.js';
import type { Utility } from './types.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** strftime over a UTC date. */
export function strftime(fmt: string, d: Date): string {
  const p2 = (n: number) => String(n).padStart(2, '0');
  const doy = Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
  return fmt.replace(/%([-_0^#]?)([a-zA-Z%+])/g, (m, flag: string, c: string) => {
    let v: string;
    switch (c) {
      case 'Y': v = String(d.getUTCFullYear()); break;
      case 'C': v = p2(Math.floor(d.getUTCFullYear() / 100)); break;
      case 'y': v = p2(d.getUTCFullYear() % 100); break;
      case 'm': v = p2(d.getUTCMonth() + 1); break;
      case 'd': v = p2(d.getUTCDate()); break;
      case 'e': v = String(d.getUTCDate()).padStart(2); break;
      case 'H': v = p2(d.getUTCHours()); break;
      case 'I': v = p2(d.getUTCHours() % 12 || 12); break;
      case 'M': v = p2(d.getUTCMinutes()); break;
      case 'S': v = p2(d.getUTCSeconds()); break;
      case 'N': v = String(d.getUTCMilliseconds() * 1000000).padStart(9, '0'); break;
      case 'p': v = d.getUTCHours() < 12 ? 'AM' : 'PM'; break;
      case 'j': v = String(doy).padStart(3, '0'); break;
      case 's': v = String(Math.floor(d.getTime() / 1000)); break;
      case 'a': v = DAYS[d.getUTCDay()]!.slice(0, 3); break;
      case 'A': v = DAYS[d.getUTCDay()]!; break;
      case 'b': case 'h': v = MONTHS[d.getUTCMonth()]!.slice(0, 3); break;
      case 'B': v = MONTHS[d.getUTCMonth()]!; break;
      case 'u': v = String(d.getUTCDay() || 7); break;
      case 'w': v = String(d.getUTCDay()); break;
      case 'Z': v = 'UTC'; break;
      case 'z': v = '+0000'; break;
      case 'F': v = strftime('%Y-%m-%d', d); break;
      case 'T': v = strftime('%H:%M:%S', d); break;
      case 'R': v = strftime('%H:%M', d); break;
      case 'D': v = strftime('%m/%d/%y', d); break;
      case 'c': v = strftime('%a %b %e %H:%M:%S %Y', d); break;
      case '+': v = strftime('%a %b %e %H:%M:%S %Z %Y', d); break;
      case 'n': v = '\n'; break;
      case 't': v = '\t'; break;
      case '%': v = '%'; break;
      default: return m;
    }
    if (flag === '-') v = v.replace(/^[0 ]+(?=.)/, '');
    else if (flag === '_') v = v.replace(/^0/, ' ');
    else if (flag === '^') v = v.toUpperCase();
    return v;
  });
}

export const date: Utility = async (ctx) => {
  const o = await getopt(ctx, 'ud:r:RI', { utc: 'u', universal: 'u', 'date:': 'd', 'reference:': 'r', 'iso-8601': 'I', 'rfc-email': 'R' });
  if (!o) return 1;
  let d = new Date(ctx.system.now?.() ?? Date.now());
  if (o.has('d')) {
    const s = o.get('d')!;
    d = s.startsWith('@') ? new Date(Number(s.slice(1)) * 1000) : new Date(/[zZ]|[+-][0-9]{2}:?[0-9]{2}$|UTC/.test(s) || !/[0-9]:[0-9]/.test(s) ? s : s + 'Z');
    if (Number.isNaN(d.getTime())) {
      await err(ctx, `invalid date '${s}'`);
      return 1;
    }
  }
  if (o.has('r')) d = new Date(ctx.fs.statSync(o.get('r')!).mtimeMs);
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  if (o.has('I')) fmt = '%Y-%m-%d';
  if (o.has('R')) fmt = '%a, %d %b %Y %H:%M:%S %z';
  const f = o.args.find((a) => a.startsWith('+'));
  if (f) fmt = f.slice(1);
  await out(ctx, strftime(fmt, d) + '\n');
  return 0;
};
