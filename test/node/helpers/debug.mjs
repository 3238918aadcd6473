// Usage: node test/node/helpers/debug.mjs <dir> args...   (prints host vs real)
import { normalize, runHost, runReal } from './run.mjs';
const [dir, ...args] = process.argv.slice(2);
const real = runReal(dir, args);
const host = await runHost(dir, args);
console.log('--- host', host.code);
console.log(host.stdout);
console.log('--- host stderr');
console.log(host.stderr);
if (process.env.REAL) {
  console.log('--- real', real.code);
  console.log(real.stdout);
  console.log('--- real stderr');
  console.log(real.stderr);
}
