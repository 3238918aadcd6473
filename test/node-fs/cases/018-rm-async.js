fs.mkdirSync('d/e', { recursive: true });
await new Promise((r) => fs.rm('d', (err) => { log(err && err.code); r(); }));
await new Promise((r) => fs.rm('d', { recursive: true }, (err) => { log(err); r(); }));
await fs.promises.rm('nope', { force: true });
try { await fs.promises.rm('nope'); } catch (e) { log(e); }
log(fs.existsSync('d'));
