fs.writeFileSync('f', 'abc');
const r = fs.openSync('f', 'r');
try { fs.writeSync(r, 'x'); } catch (e) { log(e); }
const w = fs.openSync('f', 'w');
try { fs.readSync(w, Buffer.alloc(2)); } catch (e) { log(e); }
fs.closeSync(r); fs.closeSync(w);
await new Promise((res) => { const fd = fs.openSync('f', 'r'); fs.write(fd, 'x', (err) => { log(err); fs.closeSync(fd); res(); }); });
