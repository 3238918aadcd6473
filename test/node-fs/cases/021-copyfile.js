fs.writeFileSync('src', 'content');
fs.copyFileSync('src', 'dst');
log(fs.readFileSync('dst', 'utf8'));
try { fs.copyFileSync('src', 'dst', fs.constants.COPYFILE_EXCL); } catch (e) { log(e); }
try { fs.copyFileSync('nope', 'x'); } catch (e) { log(e); }
fs.mkdirSync('dir');
try { fs.copyFileSync('dir', 'x'); } catch (e) { log(e); }
try { fs.copyFileSync('src', 'dir'); } catch (e) { log(e); }
await fs.promises.copyFile('src', 'dst2');
log(fs.readFileSync('dst2', 'utf8'));
fs.chmodSync('src', 0o640);
fs.copyFileSync('src', 'dst3');
log(fs.statSync('dst3').mode.toString(8));
