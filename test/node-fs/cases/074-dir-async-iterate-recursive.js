fs.mkdirSync('t/u/v', { recursive: true });
fs.writeFileSync('t/a', ''); fs.writeFileSync('t/u/b', ''); fs.writeFileSync('t/u/v/c', '');
const got = [];
for await (const d of await fs.promises.opendir('t', { recursive: true })) got.push(d.parentPath + '|' + d.name + '|' + d.isFile());
log(got.sort());
const d = fs.opendirSync('t');
d.closeSync();
try { d.closeSync(); } catch (e) { log(e.code, e.message); }
await d.close().catch((e) => log(e.code));
