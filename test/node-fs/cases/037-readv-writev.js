const fd = fs.openSync('f', 'w+');
log(fs.writevSync(fd, [Buffer.from('ab'), Buffer.from('cde'), new Uint8Array([70])]));
const a = Buffer.alloc(2), b = Buffer.alloc(10);
log(fs.readvSync(fd, [a, b], 0), a.toString(), b);
await new Promise((r) => fs.writev(fd, [Buffer.from('X')], 1, (err, n, bufs) => { log(err, n, bufs.length); r(); }));
await new Promise((r) => fs.readv(fd, [Buffer.alloc(3)], 0, (err, n, bufs) => { log(err, n, bufs); r(); }));
fs.closeSync(fd);
