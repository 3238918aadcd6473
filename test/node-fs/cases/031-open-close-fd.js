const fd = fs.openSync('f', 'w');
log(fd >= 3);
fs.closeSync(fd);
try { fs.closeSync(fd); } catch (e) { log(e); }
try { fs.openSync('nope'); } catch (e) { log(e); }
try { fs.openSync('f', 'wx'); } catch (e) { log(e); }
fs.mkdirSync('d');
try { fs.openSync('d', 'w'); } catch (e) { log(e); }
const dfd = fs.openSync('d', 'r');
try { fs.readSync(dfd, Buffer.alloc(4)); } catch (e) { log(e); }
log(fs.fstatSync(dfd).isDirectory());
fs.closeSync(dfd);
const a = fs.openSync('f', 'r'), b = fs.openSync('f', 'r');
log(b - a);
fs.closeSync(a); fs.closeSync(b);
try { fs.fstatSync(999); } catch (e) { log(e); }
