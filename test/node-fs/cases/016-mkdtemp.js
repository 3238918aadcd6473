const d = fs.mkdtempSync('tmp-');
log(d.length, d.startsWith('tmp-'), fs.statSync(d).isDirectory(), fs.statSync(d).mode.toString(8));
fs.mkdirSync('base');
const e = fs.mkdtempSync('base/x');
log(e.startsWith('base/x'), e.length);
try { fs.mkdtempSync('nope/x'); } catch (er) { log(er); }
const f = await fs.promises.mkdtemp('p-');
log(f.length);
await new Promise((r) => fs.mkdtemp('c-', (err, p) => { log(err, p.length); r(); }));
