fs.writeFileSync('f', 'from fd');
const fd = fs.openSync('f', 'r');
let s = '';
const rs = fs.createReadStream(null, { fd, encoding: 'utf8' });
rs.on('data', (d) => s += d);
await new Promise((r) => rs.on('close', r));
log(s);
try { fs.fstatSync(fd); } catch (e) { log(e.code); }
const fd2 = fs.openSync('f', 'r');
const rs2 = fs.createReadStream(null, { fd: fd2, autoClose: false });
rs2.resume();
await new Promise((r) => rs2.on('end', r));
log(fs.fstatSync(fd2).size);
fs.closeSync(fd2);
