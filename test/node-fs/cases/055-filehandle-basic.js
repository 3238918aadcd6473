const h = await fs.promises.open('f', 'w+');
log(typeof h.fd, h.fd >= 3);
log((await h.write('hello')).bytesWritten);
const { bytesWritten, buffer } = await h.write(Buffer.from(' there'), 0, 6, null);
log(bytesWritten, buffer);
const r = await h.read(Buffer.alloc(5), 0, 5, 0);
log(r.bytesRead, r.buffer);
log((await h.stat()).size);
await h.truncate(5);
log(await h.readFile('utf8'));
await h.close();
log(fs.readFileSync('f', 'utf8'));
try { await h.read(Buffer.alloc(1), 0, 1, 0); } catch (e) { log(e.code, e.message, e.syscall); }
