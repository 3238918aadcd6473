fs.writeFileSync('a', 'data');
await new Promise((res) => fs.readFile('a', 'utf8', (err, d) => { log(err, d); res(); }));
await new Promise((res) => fs.readFile('zz', (err, d) => { log(err, d); res(); }));
await new Promise((res) => fs.writeFile('b', 'x', (err) => { log(err); res(); }));
await new Promise((res) => fs.appendFile('b', 'y', (err) => { log(err, fs.readFileSync('b', 'utf8')); res(); }));
