fs.writeFileSync('src', 'x'.repeat(100000));
await new Promise((r) => fs.createReadStream('src').pipe(fs.createWriteStream('dst')).on('close', r));
log(fs.statSync('dst').size, fs.readFileSync('dst', 'utf8') === fs.readFileSync('src', 'utf8'));
