fs.writeFileSync('f', '12345');
fs.mkdirSync('d');
const s = fs.statSync('f');
log(s.size, s.isFile(), s.isDirectory(), s.isSymbolicLink(), s.isFIFO(), s.isSocket(), s.isBlockDevice(), s.isCharacterDevice());
log(s.mode.toString(8), s.nlink, typeof s.ino, typeof s.dev, s.rdev, s.blksize, s.blocks);
log(s.atime instanceof Date, s.mtime instanceof Date, s.ctime instanceof Date, s.birthtime instanceof Date, typeof s.mtimeMs);
const d = fs.statSync('d');
log(d.isDirectory(), d.mode.toString(8), d.size > 0);
log(s instanceof fs.Stats, Object.keys(s));
