fs.writeFileSync('t', 'x');
fs.symlinkSync('t', 's');
try { fs.symlinkSync('t', 's'); } catch (e) { log(e); }
fs.linkSync('t', 'h');
log(fs.statSync('t').nlink, fs.readFileSync('h', 'utf8'));
try { fs.linkSync('t', 'h'); } catch (e) { log(e); }
try { fs.linkSync('nope', 'h2'); } catch (e) { log(e); }
fs.mkdirSync('d');
try { fs.linkSync('d', 'd2'); } catch (e) { log(e); }
fs.unlinkSync('t');
log(fs.readFileSync('h', 'utf8'), fs.statSync('h').nlink);
