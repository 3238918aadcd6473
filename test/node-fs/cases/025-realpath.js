fs.mkdirSync('real/dir', { recursive: true });
fs.symlinkSync('real', 'ln');
fs.symlinkSync('dir', 'real/dl');
const cwd = fs.realpathSync('.');
log(fs.realpathSync('ln/dl') === cwd + '/real/dir');
log(fs.realpathSync.native('ln/dl') === cwd + '/real/dir');
log(fs.realpathSync('ln/../real/./dir') === cwd + '/real/dir');
try { fs.realpathSync('ln/nope'); } catch (e) { log(e.code, e.syscall, e.path === cwd + '/real/nope'); }
try { fs.realpathSync.native('ln/nope'); } catch (e) { log(e); }
fs.symlinkSync('loop2', 'loop1'); fs.symlinkSync('loop1', 'loop2');
try { fs.realpathSync.native('loop1'); } catch (e) { log(e); }
log((await fs.promises.realpath('ln')) === cwd + '/real');
log(fs.realpathSync('ln', 'buffer').toString() === cwd + '/real');
