fs.writeFileSync('target', 'hello');
fs.symlinkSync('target', 'link');
log(fs.lstatSync('link').isSymbolicLink(), fs.statSync('link').isFile(), fs.statSync('link').size);
log(fs.lstatSync('link').size);
fs.symlinkSync('missing', 'dangling');
try { fs.statSync('dangling'); } catch (e) { log(e); }
log(fs.lstatSync('dangling').isSymbolicLink());
log(fs.readlinkSync('link'), fs.readlinkSync('dangling'));
try { fs.readlinkSync('target'); } catch (e) { log(e); }
