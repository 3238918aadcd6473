fs.mkdirSync('a/b', { recursive: true });
fs.writeFileSync('a/b/../f', 'up');
log(fs.readFileSync('a/f', 'utf8'), fs.readdirSync('./a/./b/..').sort());
fs.symlinkSync('a/b', 'sb');
fs.writeFileSync('sb/../g', 'via link');
log(fs.readdirSync('a').sort());
