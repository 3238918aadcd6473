fs.writeFileSync('f', 'x');
const events = new Set();
const w = fs.watch('f');
w.on('change', (t, n) => events.add(t + ':' + n));
const closed = new Promise((r) => w.on('close', () => r('closed')));
await sleep(50);
fs.appendFileSync('f', 'y');
await sleep(100);
w.close();
log(await closed, [...events]);
try { fs.watch('nope'); } catch (e) { log(e.code, e.syscall, e.path, e.message, e.filename); }
