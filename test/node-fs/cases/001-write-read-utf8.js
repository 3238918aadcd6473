fs.writeFileSync('a.txt', 'héllo wörld');
log(fs.readFileSync('a.txt', 'utf8'));
log(fs.readFileSync('a.txt'));
log(fs.readFileSync('a.txt', { encoding: 'hex' }));
log(fs.readFileSync('a.txt', 'base64'), fs.readFileSync('a.txt', 'latin1'));
