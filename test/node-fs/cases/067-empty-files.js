fs.writeFileSync('e', '');
log(fs.readFileSync('e'), fs.readFileSync('e', 'utf8'), fs.statSync('e').size);
const fd = fs.openSync('e', 'r');
log(fs.readSync(fd, Buffer.alloc(4), 0, 4, null));
fs.closeSync(fd);
let n = 0;
await new Promise((r) => fs.createReadStream('e').on('data', () => n++).on('end', r));
log(n);
