fs.mkdirSync('dir with space');
fs.writeFileSync('dir with space/ünï cödé.txt', '✓');
log(fs.readdirSync('dir with space'), fs.readFileSync('dir with space/ünï cödé.txt', 'utf8'));
fs.renameSync('dir with space', 'ȡ');
log(fs.readdirSync('.'));
