fs.writeFileSync('a', '1');
fs.renameSync('a', 'b');
log(fs.existsSync('a'), fs.readFileSync('b', 'utf8'));
fs.writeFileSync('c', '2');
fs.renameSync('c', 'b');
log(fs.readFileSync('b', 'utf8'));
fs.mkdirSync('d');
try { fs.renameSync('b', 'd'); } catch (e) { log(e); }
try { fs.renameSync('nope', 'x'); } catch (e) { log(e); }
try { fs.renameSync('d', 'd/inner'); } catch (e) { log(e); }
fs.mkdirSync('e'); fs.writeFileSync('e/f', '');
try { fs.renameSync('d', 'e'); log('dir over nonempty ok'); } catch (e) { log(e); }
fs.renameSync('e', 'd');
log(fs.readdirSync('d'));
