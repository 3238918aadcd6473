fs.mkdirSync('d/s', { recursive: true });
fs.writeFileSync('d/a', ''); fs.writeFileSync('d/s/b', '');
const dir = fs.opendirSync('d');
log(dir.path);
const names = [];
let e;
while ((e = dir.readSync()) !== null) names.push(e.name + ':' + e.isDirectory() + ':' + e.parentPath);
log(names.sort());
dir.closeSync();
try { dir.readSync(); } catch (er) { log(er.code, er.message); }
const d2 = await fs.promises.opendir('d');
const got = [];
for await (const x of d2) got.push(x.name);
log(got.sort());
try { fs.opendirSync('nope'); } catch (er) { log(er); }
const d3 = fs.opendirSync('d', { recursive: true });
const all = []; let y;
while ((y = d3.readSync())) all.push(y.parentPath + '/' + y.name);
d3.closeSync();
log(all.sort());
