const p = fs.promises;
log(await p.mkdir('a/b', { recursive: true }) === fs.realpathSync('.') + '/a');
await p.writeFile('a/b/f', 'x');
log(await p.readdir('a', { recursive: true }));
log((await p.readdir('a', { withFileTypes: true })).map((d) => d.name + d.isDirectory()));
await p.symlink('b/f', 'a/l');
log(await p.readlink('a/l'), (await p.lstat('a/l')).isSymbolicLink(), (await p.stat('a/l')).size);
await p.link('a/b/f', 'a/h');
await p.rename('a/h', 'a/h2');
await p.unlink('a/h2');
await p.utimes('a/b/f', 1, 2);
await p.lutimes('a/l', 3, 4);
await p.chown('a/b/f', 0, 0).catch((e) => log('chown', e.code));
await p.lchown('a/l', 0, 0).catch((e) => log('lchown', e.code));
await p.rmdir('a/b').catch((e) => log(e));
await p.rm('a', { recursive: true });
log(fs.existsSync('a'));
try { await p.lchmod('x', 0o600); } catch (e) { log(e.code, e.message); }
