fs.writeFileSync('f', 'abc');
const s = fs.statSync('f', { bigint: true });
log(typeof s.size, s.size, typeof s.mtimeNs, s.isFile(), typeof s.mode, s.mtime instanceof Date);
log(Object.keys(s));
const l = fs.lstatSync('f', { bigint: true });
log(l.size, l.isFile());
