// fchmod/fchown/futimes act on the open file, whatever happened to its name since (rename, unlink).
fs.writeFileSync('a', 'x');
const fd = fs.openSync('a', 'r+');
fs.renameSync('a', 'b');
fs.fchmodSync(fd, 0o600);
fs.futimesSync(fd, 1000, 2000);
fs.fchownSync(fd, process.getuid(), process.getgid());
const s = fs.statSync('b');
log((s.mode & 0o777).toString(8), s.atimeMs, s.mtimeMs, s.uid === process.getuid());
fs.unlinkSync('b');
fs.fchmodSync(fd, 0o640);
await new Promise((r) => fs.futimes(fd, 3000, 4000, (e) => { log('futimes', e); r(); }));
await new Promise((r) => fs.fchmod(fd, 0o644, (e) => { log('fchmod', e); r(); }));
const h = await fs.promises.open('c', 'w');
fs.unlinkSync('c');
await h.chmod(0o604);
await h.utimes(5, 6);
const st = fs.fstatSync(fd), hs = await h.stat();
log((st.mode & 0o777).toString(8), st.atimeMs, st.mtimeMs, st.nlink, (hs.mode & 0o777).toString(8), hs.mtimeMs, hs.nlink);
await h.close();
fs.closeSync(fd);
try { fs.fchmodSync(fd, 0o600); } catch (e) { log(e); }
try { fs.futimesSync(fd, 1, 1); } catch (e) { log(e); }
try { fs.fchownSync(fd, 0, 0); } catch (e) { log(e); }
fs.writeFileSync('sized', Buffer.alloc(5000));
fs.symlinkSync('sized', 'ln');
log(fs.statSync('sized').blocks, fs.lstatSync('ln').blocks);
