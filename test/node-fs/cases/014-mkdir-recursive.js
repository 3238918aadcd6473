log(fs.mkdirSync('a/b/c', { recursive: true }) === fs.realpathSync('.') + '/a');
log(fs.mkdirSync('a/b/c', { recursive: true }));
log(fs.mkdirSync('a/b/d', { recursive: true }) === fs.realpathSync('.') + '/a/b/d');
fs.writeFileSync('file', '');
try { fs.mkdirSync('file', { recursive: true }); } catch (e) { log(e); }
try { fs.mkdirSync('file/x', { recursive: true }); } catch (e) { log(e); }
log(fs.mkdirSync('n'));
try { fs.mkdirSync('n'); } catch (e) { log(e); }
try { fs.mkdirSync('q/r'); } catch (e) { log(e); }
