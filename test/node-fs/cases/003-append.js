fs.appendFileSync('log.txt', 'one\n');
fs.appendFileSync('log.txt', Buffer.from('two\n'));
fs.appendFileSync('log.txt', 'three', { encoding: 'utf8' });
log(fs.readFileSync('log.txt', 'utf8'));
log(fs.statSync('log.txt').size);
