// A NUL byte in any path argument: ERR_INVALID_ARG_VALUE, thrown by the sync and callback forms, a rejection from promises.
const bad = ['a\0b', Buffer.from('x\0'), new URL('file:///tmp/a%00b')];
const calls = [
  ['readFile', (p) => [p]], ['writeFile', (p) => [p, 'x']], ['stat', (p) => [p]], ['lstat', (p) => [p]], ['mkdir', (p) => [p]],
  ['rmdir', (p) => [p]], ['unlink', (p) => [p]], ['readdir', (p) => [p]], ['open', (p) => [p, 'r']], ['access', (p) => [p]],
  ['rename', (p) => ['f', p]], ['rename', (p) => [p, 'f']], ['symlink', (p) => ['f', p]], ['link', (p) => [p, 'g']],
  ['copyFile', (p) => ['f', p]], ['chmod', (p) => [p, 0o644]], ['utimes', (p) => [p, 1, 1]], ['realpath', (p) => [p]],
  ['readlink', (p) => [p]], ['truncate', (p) => [p]], ['appendFile', (p) => [p, 'x']], ['rm', (p) => [p]], ['cp', (p) => ['f', p]],
];
fs.writeFileSync('f', 'x');
for (const p of bad) {
  for (const [name, args] of calls) {
    try { fs[name + 'Sync'](...args(p)); log(name, 'Sync: no error'); } catch (e) { log(name + 'Sync', e); }
    try { fs[name](...args(p), (e) => log(name, 'callback called', e)); log(name, 'callback: no throw'); } catch (e) { log(name, e); }
    try { await fs.promises[name](...args(p)); log(name, 'promise: resolved'); } catch (e) { log('promises.' + name, e); }
  }
}
log(fs.existsSync('a\0b'), fs.readdirSync('.').sort());
try { fs.watch('a\0b'); } catch (e) { log('watch', e); }
