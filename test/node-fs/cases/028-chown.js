fs.writeFileSync('f', '');
const s = fs.statSync('f');
fs.chownSync('f', s.uid, s.gid);
fs.lchownSync('f', s.uid, s.gid);
const fd = fs.openSync('f', 'r');
fs.fchownSync(fd, s.uid, s.gid);
fs.closeSync(fd);
try { fs.chownSync('nope', 1, 1); } catch (e) { log(e); }
try { fs.lchownSync('nope', 1, 1); } catch (e) { log(e); }
try { fs.chownSync('f', 'a', 1); } catch (e) { log(e); }
log('done');
