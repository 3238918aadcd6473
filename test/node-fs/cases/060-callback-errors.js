const calls = [
  (cb) => fs.stat('nope', cb), (cb) => fs.lstat('nope', cb), (cb) => fs.readdir('nope', cb), (cb) => fs.rmdir('nope', cb),
  (cb) => fs.unlink('nope', cb), (cb) => fs.rename('nope', 'x', cb), (cb) => fs.readlink('nope', cb), (cb) => fs.realpath('nope', cb),
  (cb) => fs.realpath.native('nope', cb), (cb) => fs.chmod('nope', 0o600, cb), (cb) => fs.utimes('nope', 1, 1, cb),
  (cb) => fs.truncate('nope', cb), (cb) => fs.copyFile('nope', 'x', cb), (cb) => fs.link('nope', 'x', cb), (cb) => fs.mkdir('a/b', cb),
  (cb) => fs.open('nope', 'r', cb), (cb) => fs.close(999, cb), (cb) => fs.fstat(999, cb), (cb) => fs.symlink('a', '.', cb),
];
const cwd = fs.realpathSync('.');
const clean = (e) => e && { name: e.name, code: e.code, errno: e.errno, syscall: e.syscall, path: e.path && e.path.replace(cwd, '<cwd>'), dest: e.dest, message: e.message.replace(cwd, '<cwd>') };
for (const c of calls) await new Promise((r) => c((e, v) => { log(clean(e), v); r(); }));
