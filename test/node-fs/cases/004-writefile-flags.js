fs.writeFileSync('f.txt', 'abc');
try { fs.writeFileSync('f.txt', 'x', { flag: 'wx' }); } catch (e) { log(e); }
fs.writeFileSync('f.txt', 'Z', { flag: 'r+' });
log(fs.readFileSync('f.txt', 'utf8'));
fs.writeFileSync('f.txt', 'Q', { flag: 'a' });
log(fs.readFileSync('f.txt', 'utf8'));
try { fs.writeFileSync('missing/f.txt', 'x'); } catch (e) { log(e); }
