fs.mkdirSync('r/a/b', { recursive: true });
fs.writeFileSync('r/x', '');
fs.writeFileSync('r/a/y', '');
fs.writeFileSync('r/a/b/z', '');
log(fs.readdirSync('r', { recursive: true }).sort());
log(fs.readdirSync('r', { recursive: true, withFileTypes: true }).map((d) => d.parentPath + '|' + d.name + '|' + d.isDirectory()).sort());
log(fs.readdirSync('./r/', { recursive: true }).sort());
