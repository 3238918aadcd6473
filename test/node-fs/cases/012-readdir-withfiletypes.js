fs.mkdirSync('d');
fs.writeFileSync('d/f', '');
fs.mkdirSync('d/s');
fs.symlinkSync('f', 'd/l');
const ents = fs.readdirSync('d', { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1);
for (const e of ents) log(e.name, e.parentPath, e.isFile(), e.isDirectory(), e.isSymbolicLink(), e instanceof fs.Dirent);
log(Object.keys(ents[0]));
