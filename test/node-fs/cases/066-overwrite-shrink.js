fs.writeFileSync('f', 'a long long string');
fs.writeFileSync('f', 'short');
log(fs.readFileSync('f', 'utf8'), fs.statSync('f').size);
const fd = fs.openSync('f', 'r+');
fs.writeSync(fd, 'X', 10);
fs.closeSync(fd);
log(fs.readFileSync('f'));
