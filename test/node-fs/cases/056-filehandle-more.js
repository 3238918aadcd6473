const h = await fs.promises.open('f', 'w');
await h.writeFile('abc');
await h.appendFile('def');
await h.chmod(0o600);
await h.utimes(10, 20);
await h.sync();
await h.datasync();
await h.writev([Buffer.from('1'), Buffer.from('2')]);
await h.close();
log(fs.readFileSync('f', 'utf8'), fs.statSync('f').mode.toString(8));
const r = await fs.promises.open('f');
const bufs = [Buffer.alloc(2), Buffer.alloc(2)];
log((await r.readv(bufs, 0)).bytesRead, bufs);
const rd = await r.read();
log(rd.bytesRead, rd.buffer.length);
await r.close();
try { await fs.promises.open('nope'); } catch (e) { log(e); }
