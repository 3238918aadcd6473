fs.writeFileSync('b.bin', Buffer.from([1, 2, 3, 255]));
fs.writeFileSync('c.bin', new Uint16Array([1, 258]));
log(fs.readFileSync('b.bin'), fs.readFileSync('c.bin'));
fs.writeFileSync('d.txt', '616263', 'hex');
log(fs.readFileSync('d.txt', 'utf8'));
