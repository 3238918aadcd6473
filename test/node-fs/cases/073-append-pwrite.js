fs.writeFileSync('f', 'abc');
const fd = fs.openSync('f', 'a+');
fs.writeSync(fd, 'X', 0);
const b = Buffer.alloc(10);
log(fs.readSync(fd, b, 0, 10, null), b.toString('utf8', 0, 4));
fs.writeSync(fd, 'Y');
log(fs.readSync(fd, b, 0, 10, null));
fs.closeSync(fd);
log(fs.readFileSync('f', 'utf8'));
