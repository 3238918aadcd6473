const c = fs.constants;
const fd = fs.openSync('f', c.O_WRONLY | c.O_CREAT | c.O_EXCL, 0o600);
fs.writeSync(fd, 'num');
fs.closeSync(fd);
log(fs.statSync('f').mode.toString(8));
try { fs.openSync('f', c.O_WRONLY | c.O_CREAT | c.O_EXCL); } catch (e) { log(e); }
try { fs.openSync('f', c.O_RDONLY | c.O_DIRECTORY); } catch (e) { log(e); }
fs.symlinkSync('f', 'l');
try { fs.openSync('l', c.O_RDONLY | c.O_NOFOLLOW); } catch (e) { log(e); }
const t = fs.openSync('f', c.O_RDWR | c.O_TRUNC);
fs.closeSync(t);
log(fs.statSync('f').size);
