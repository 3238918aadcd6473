fs.writeFileSync('f', '');
fs.chmodSync('f', 0o600);
log(fs.statSync('f').mode.toString(8));
fs.chmodSync('f', '755');
log(fs.statSync('f').mode.toString(8));
try { fs.chmodSync('nope', 0o600); } catch (e) { log(e); }
const fd = fs.openSync('f', 'r');
fs.fchmodSync(fd, 0o644);
fs.closeSync(fd);
log(fs.statSync('f').mode.toString(8));
await fs.promises.chmod('f', 0o700);
log(fs.statSync('f').mode.toString(8), typeof fs.lchmod, typeof fs.lchmodSync);
