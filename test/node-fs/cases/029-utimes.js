fs.writeFileSync('f', '');
fs.utimesSync('f', 1000, 2000);
let s = fs.statSync('f');
log(s.atimeMs, s.mtimeMs, s.mtime.toISOString());
fs.utimesSync('f', new Date('2020-01-02T03:04:05.678Z'), '1234.5');
s = fs.statSync('f');
log(s.atimeMs, s.mtimeMs);
const fd = fs.openSync('f', 'r+');
fs.futimesSync(fd, 5, 6);
fs.closeSync(fd);
log(fs.statSync('f').mtimeMs);
fs.symlinkSync('f', 'l');
fs.lutimesSync('l', 7, 8);
log(fs.lstatSync('l').mtimeMs, fs.statSync('f').mtimeMs);
try { fs.utimesSync('nope', 1, 1); } catch (e) { log(e); }
try { fs.utimesSync('f', {}, 1); } catch (e) { log(e); }
