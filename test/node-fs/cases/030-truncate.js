fs.writeFileSync('f', 'abcdefgh');
fs.truncateSync('f', 3);
log(fs.readFileSync('f', 'utf8'));
fs.truncateSync('f', 6);
log(fs.readFileSync('f'));
fs.truncateSync('f');
log(fs.statSync('f').size);
try { fs.truncateSync('nope'); } catch (e) { log(e); }
fs.mkdirSync('d');
try { fs.truncateSync('d'); } catch (e) { log(e); }
const fd = fs.openSync('f', 'r+');
fs.writeSync(fd, 'xyz');
fs.ftruncateSync(fd, 2);
fs.closeSync(fd);
log(fs.readFileSync('f', 'utf8'));
const ro = fs.openSync('f', 'r');
try { fs.ftruncateSync(ro, 0); } catch (e) { log(e); }
fs.closeSync(ro);
await fs.promises.truncate('f', 1);
log(fs.readFileSync('f', 'utf8'));
