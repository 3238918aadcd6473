const fd = fs.openSync('f', 'w');
fs.writeSync(fd, '1234');
log(fs.fstatSync(fd).size, fs.fstatSync(fd).isFile(), typeof fs.fstatSync(fd, { bigint: true }).size);
fs.fsyncSync(fd); fs.fdatasyncSync(fd);
await new Promise((r) => fs.fsync(fd, (e) => { log(e); r(); }));
await new Promise((r) => fs.fdatasync(fd, (e) => { log(e); r(); }));
await new Promise((r) => fs.fstat(fd, (e, s) => { log(e, s.size); r(); }));
fs.closeSync(fd);
try { fs.fsyncSync(fd); } catch (e) { log(e); }
try { fs.fdatasyncSync(fd); } catch (e) { log(e); }
