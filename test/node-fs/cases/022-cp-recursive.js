fs.mkdirSync('a/b', { recursive: true });
fs.writeFileSync('a/f', 'F');
fs.writeFileSync('a/b/g', 'G');
fs.symlinkSync('f', 'a/l');
fs.cpSync('a', 'c', { recursive: true });
log(fs.readdirSync('c', { recursive: true }).sort());
log(fs.readFileSync('c/b/g', 'utf8'), fs.lstatSync('c/l').isSymbolicLink(), fs.readlinkSync('c/l').endsWith('/a/f'));
try { fs.cpSync('a', 'x'); } catch (e) { log(e.code, e.message.replace(process.cwd ? '' : '', '')); }
fs.cpSync('a/f', 'single');
log(fs.readFileSync('single', 'utf8'));
fs.cpSync('a', 'deep/er/c', { recursive: true });
log(fs.existsSync('deep/er/c/b/g'));
