fs.mkdirSync('d/e', { recursive: true });
fs.writeFileSync('d/e/f', 'x');
fs.writeFileSync('file', 'x');
try { fs.rmSync('d'); } catch (e) { log(e.name, e.code, e.message, e.syscall, e.path, e.errno); }
try { fs.rmSync('nope'); } catch (e) { log(e); }
log(fs.rmSync('nope', { force: true }));
fs.rmSync('file');
fs.rmSync('d', { recursive: true });
log(fs.existsSync('d'), fs.existsSync('file'));
try { fs.rmSync('x/y', { force: true }); log('ok'); } catch (e) { log(e); }
