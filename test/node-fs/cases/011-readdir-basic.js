fs.mkdirSync('d');
for (const n of ['b', 'a', 'c']) fs.writeFileSync('d/' + n, n);
fs.mkdirSync('d/sub');
log(fs.readdirSync('d').sort());
log(fs.readdirSync('d', 'buffer').map(String).sort());
log(fs.readdirSync('d', { encoding: 'buffer' }).every(Buffer.isBuffer));
try { fs.readdirSync('d/a'); } catch (e) { log(e); }
try { fs.readdirSync('nope'); } catch (e) { log(e); }
