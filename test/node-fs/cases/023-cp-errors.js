fs.mkdirSync('a/b', { recursive: true });
fs.writeFileSync('f', 'x');
for (const [s, d, o] of [['a', 'a/b/c', { recursive: true }], ['a', 'a', { recursive: true }], ['f', 'a', { recursive: true }], ['a', 'f', { recursive: true }], ['nope', 'z', {}]]) {
  try { fs.cpSync(s, d, o); log('ok'); } catch (e) { log(e.code, e.message); }
}
fs.writeFileSync('g', 'old');
fs.cpSync('f', 'g', { force: false });
log(fs.readFileSync('g', 'utf8'));
try { fs.cpSync('f', 'g', { force: false, errorOnExist: true }); } catch (e) { log(e.code, e.message); }
await fs.promises.cp('a', 'pa', { recursive: true });
log(fs.existsSync('pa/b'));
