const p = fs.promises;
const calls = [
  () => p.stat('nope'), () => p.lstat('nope'), () => p.readdir('nope'), () => p.rmdir('nope'), () => p.unlink('nope'),
  () => p.rename('nope', 'x'), () => p.readlink('nope'), () => p.realpath('nope'), () => p.access('nope'), () => p.chmod('nope', 0o600),
  () => p.utimes('nope', 1, 1), () => p.truncate('nope'), () => p.copyFile('nope', 'x'), () => p.link('nope', 'x'), () => p.mkdir('a/b/c'),
];
for (const c of calls) { try { await c(); log('ok'); } catch (e) { log(e); } }
