const tries = [
  () => fs.readFileSync(), () => fs.openSync('a\0b'), () => fs.openSync('x', 'bogus'), () => fs.closeSync(-1),
  () => fs.closeSync('1'), () => fs.closeSync(1.5), () => fs.statSync(5), () => fs.mkdirSync('x', { mode: 'zz' }),
  () => fs.chmodSync('x', -1), () => fs.readSync(0, 5), () => fs.writeSync(1, 5), () => fs.readFileSync('x', { encoding: 'nope' }),
  () => fs.readFileSync('x', 5), () => fs.copyFileSync('x', 'y', 'a'), () => fs.accessSync('x', 8), () => fs.writeFileSync('x', 5),
  () => fs.symlinkSync(undefined, 'x'), () => fs.renameSync('x'), () => fs.truncateSync('x', 'a'), () => fs.ftruncateSync(99, 'a'),
  () => fs.stat('x'), () => fs.readFile('x'), () => fs.mkdir('x', {}), () => fs.readdirSync(Buffer.from('a\0')),
  () => fs.closeSync(2 ** 31), () => fs.rmSync('x', { recursive: 'yes' }), () => fs.mkdirSync('x', { recursive: 1 }),
];
for (const t of tries) { try { t(); log('no error'); } catch (e) { log(e); } }
