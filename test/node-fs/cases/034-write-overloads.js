const fd = fs.openSync('f', 'w');
log(fs.writeSync(fd, 'abc', null, 'utf8'));
log(fs.writeSync(fd, Buffer.from('defgh'), { offset: 1, length: 2 }));
log(fs.writeSync(fd, new Uint8Array([65, 66])));
log(fs.writeSync(fd, 'ÿ', undefined, 'latin1'));
await new Promise((r) => fs.write(fd, 'cb', (err, n, s) => { log(err, n, s); r(); }));
await new Promise((r) => fs.write(fd, Buffer.from('zz'), 0, 2, null, (err, n, b) => { log(err, n, b); r(); }));
fs.closeSync(fd);
log(fs.readFileSync('f'));
