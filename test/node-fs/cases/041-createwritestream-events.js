const ws = fs.createWriteStream('out.txt');
const ev = [];
for (const e of ['open', 'ready', 'finish', 'close']) ws.on(e, () => ev.push(e));
log(ws.pending, ws.bytesWritten, ws.path);
ws.write('hello ');
ws.write(Buffer.from('world'));
await new Promise((r) => ws.end('!', r));
await new Promise((r) => ws.on('close', r));
log(ev, ws.bytesWritten, fs.readFileSync('out.txt', 'utf8'));
